"""Who may see a representative's contact details: the one rule that the directory, the REST
serializer and the views ask (they import this module alone and never read ``email`` or ``phone``
themselves).

All must allow it: the caller may view the record (its workflow state: a pending or former record is
not public, whatever its visibility), the permission "regionaustausch: View contact details" on the
record (which its ``contact_visibility`` sets when it is saved, see content/representative.py) *and*
the visibility rule of domain.contact for the caller's level, so that a permission setting that is
out of date cannot show more than the record's visibility says.

Listings decide from the catalog whether a record could show the caller anything before they wake
it (:func:`brain_contact`): the metadata column ``public_contact`` says whether the record shows
contact details to everybody, which is all an anonymous caller can ever see. The column holds
nothing a caller could not read from the directory anyway; the visibility itself is read-protected
(see content/representative.py) and in no column.
"""

from AccessControl import getSecurityManager
from plone import api
from regionaustausch.domain import contact
from regionaustausch.listing import metadata
from regionaustausch.membership import is_network_member
from regionaustausch.permissions import VIEW_CONTACT_DETAILS
from regionaustausch.permissions import ModifyPortalContent
from regionaustausch.permissions import View


def caller_level(record):
    """The current user's level for the visibility rule of domain.contact, at ``record``.

    ``editor`` when they may modify the record (municipal editors of its municipality, site
    administrators, managers, and whoever else holds "Modify portal content" there), ``network`` when
    they are a network member of the record's Region, ``member`` when logged in, else ``anonymous``.
    """
    if api.user.is_anonymous():
        return contact.ANONYMOUS
    if getSecurityManager().checkPermission(ModifyPortalContent, record):
        return contact.EDITOR
    if is_network_member(record):
        return contact.NETWORK_MEMBER
    return contact.MEMBER


def may_see_contact(record):
    """Whether the current user may see the contact details of ``record`` (a Representative): they
    may view it, they hold "regionaustausch: View contact details" on it, and domain.contact's rule
    for its visibility and the caller's level (:func:`caller_level`) allows it."""
    security = getSecurityManager()
    if not (
        security.checkPermission(View, record) and security.checkPermission(VIEW_CONTACT_DETAILS, record)
    ):
        return False
    visibility = getattr(record, "contact_visibility", None) or contact.HIDDEN
    return contact.contact_visible(visibility, caller_level(record))


def visible_contact(record):
    """The contact details of ``record`` (a Representative object) the current user may see: a dict
    with ``email`` and/or ``phone`` (those filled in), or ``{}`` (see :func:`may_see_contact`)."""
    if not may_see_contact(record):
        return {}
    return {key: value for key in contact.CONTACT_KEYS if (value := getattr(record, key, None))}


def public_contact(record):
    """Whether ``record`` shows contact details to everybody: its visibility lets anonymous callers
    see them and at least one is filled in (the catalog's ``public_contact``)."""
    visibility = getattr(record, "contact_visibility", None) or contact.HIDDEN
    return contact.contact_visible(visibility, contact.ANONYMOUS) and any(
        getattr(record, key, None) for key in contact.CONTACT_KEYS
    )


def brain_contact(brain):
    """:func:`visible_contact` of the record of ``brain``, woken only where it could show the caller
    something: an anonymous caller can only ever see what the record shows everybody, so for them
    only records whose ``public_contact`` column says so are woken. Logged-in callers may be network
    members or editors of the record, which only the record itself tells."""
    if api.user.is_anonymous() and not metadata(brain, "public_contact", False):
        return {}
    return visible_contact(brain.getObject())
