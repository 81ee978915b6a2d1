"""The records the OParl import writes: Representatives created, updated and retired by their OParl id,
and Municipalities linked to their Body.

Retiring is the workflow's ``retire`` transition (never a deletion): ``membership.py`` then takes the
person's account out of the Region's members group. New records are approved at once (the council
information system is the authority on who holds office); their contact details stay hidden until the
person consents (``contact_visibility`` keeps its default, ``hidden``).
"""

from plone import api
from plone.dexterity.utils import createContentInContainer
from regionaustausch.privacy import is_anonymised
from zope.event import notify
from zope.lifecycleevent import ObjectModifiedEvent
import datetime


ACTIVE = "active"
FORMER = "former"

#: Fields OParl decides: a value the server no longer sends is cleared (party, committees, ...).
OFFICE_FIELDS = ("party", "committees", "function", "mandate_end")
#: Fields OParl fills only where it has a value (a name is never cleared).
NAME_FIELDS = ("salutation", "academic_title", "first_name", "last_name")
#: Contact details are taken only into empty fields: what an editor entered stays.
CONTACT_FIELDS = ("email", "phone")


def find_representative(region, oparl_id):
    """The Representative of ``region`` with ``oparl_id``, or ``None``."""
    if not oparl_id:
        return None
    brains = api.portal.get_tool("portal_catalog").unrestrictedSearchResults(
        portal_type="Representative",
        oparl_id=oparl_id,
        path="/".join(region.getPhysicalPath()),
    )
    for brain in brains:
        return brain._unrestrictedGetObject()
    return None


def representatives_of(municipality, id_origin):
    """The Representatives of ``municipality`` whose OParl id lies on ``id_origin`` (scheme and host),
    i.e. those a server at that address decides about."""
    brains = api.portal.get_tool("portal_catalog").unrestrictedSearchResults(
        portal_type="Representative",
        path="/".join(municipality.getPhysicalPath()),
    )
    found = []
    for brain in brains:
        record = brain._unrestrictedGetObject()
        if (record.oparl_id or "").lower().startswith(id_origin + "/"):
            found.append(record)
    return found


def _wanted(record_fields, current):
    """The fields of a record that differ from what OParl says (``{name: new value}``)."""
    changes = {}
    for name in OFFICE_FIELDS:
        value = record_fields.get(name)
        value = list(value) if isinstance(value, (list, tuple)) else value
        if (getattr(current, name, None) or None) != (value or None):
            changes[name] = value
    for name in NAME_FIELDS:
        value = record_fields.get(name)
        if value and getattr(current, name, None) != value:
            changes[name] = value
    for name in CONTACT_FIELDS:
        value = record_fields.get(name)
        if value and not getattr(current, name, None):
            changes[name] = value
    return changes


def create_representative(municipality, oparl_id, record_fields):
    """A new, approved record in ``municipality`` for the person ``oparl_id``."""
    values = {name: value for name, value in record_fields.items() if value not in (None, [], "")}
    values["committees"] = list(values.get("committees", []))
    record = createContentInContainer(
        municipality, "Representative", checkConstraints=False, oparl_id=oparl_id, **values
    )
    api.portal.get_tool("portal_workflow").doActionFor(record, "approve")
    return record


def update_representative(record, record_fields, reactivate=False):
    """Bring ``record`` up to what OParl says; ``True`` when something changed. A former record of a
    person who sits in a followed committee again is reactivated (unless anonymised)."""
    changes = _wanted(record_fields, record)
    for name, value in changes.items():
        setattr(record, name, value)
    if changes:
        notify(ObjectModifiedEvent(record))
    state = api.content.get_state(record, default=None)
    if reactivate and state == FORMER and not is_anonymised(record):
        api.portal.get_tool("portal_workflow").doActionFor(record, "reactivate")
        return True
    if changes:
        record.reindexObject()
    return bool(changes)


def retire_representative(record):
    """Move an active ``record`` to former through the workflow; ``True`` when it was active (a
    pending record waits for its moderators, who decide about it)."""
    if api.content.get_state(record, default=None) != ACTIVE:
        return False
    api.portal.get_tool("portal_workflow").doActionFor(record, "retire")
    return True


def retire_expired(region, today=None):
    """Retire every active record of ``region`` whose ``mandate_end`` lies before ``today``: access
    ends with the mandate, with or without OParl. Returns the number of records retired."""
    today = today or datetime.date.today()
    brains = api.portal.get_tool("portal_catalog").unrestrictedSearchResults(
        portal_type="Representative",
        review_state=ACTIVE,
        mandate_end={"query": today - datetime.timedelta(days=1), "range": "max"},
        path="/".join(region.getPhysicalPath()),
    )
    retired = 0
    for brain in brains:
        record = brain._unrestrictedGetObject()
        if record.mandate_end is not None and record.mandate_end < today:
            retired += retire_representative(record)
    return retired


def link_municipality(municipality, body_id):
    """Store the Body's id on ``municipality``; ``True`` when it changed."""
    if not body_id or municipality.oparl_id == body_id:
        return False
    municipality.oparl_id = body_id
    municipality.reindexObject(idxs=["oparl_id"])
    return True
