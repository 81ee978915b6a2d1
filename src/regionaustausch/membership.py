"""Who belongs to the network of a Region, and who edits a Municipality.

- Each Region has a members group (``<region-id>-members``), created with the Region, which holds the
  local role ``NetworkMember`` on that Region only; two Regions in one site therefore never share
  members by accident.
- Each Municipality has an editors group (``<region-id>-<municipality-id>-editors``; the region's id
  keeps it unique in a site with several regions), which holds the local role ``Editor`` on that
  Municipality only.
- A user is in a Region's members group exactly while an *active* Representative record of that Region
  names them (``user_id``). :func:`sync_member` restores that from the catalog, whatever happened
  (approval, leaving office, a changed or removed record), so it can be called as often as needed.

The group ids are stored on the Region/Municipality when the group is made, so renaming either later
keeps its group.
"""

from plone import api
from regionaustausch import _
from regionaustausch.content.region import find_region
from regionaustausch.user_tokens import user_token
from zope.annotation.interfaces import IAnnotations
from zope.i18n import translate
from zope.lifecycleevent.interfaces import IObjectRemovedEvent
import logging


logger = logging.getLogger(__name__)

GROUP_KEY = "regionaustausch.group"
SYNCED_USER_KEY = "regionaustausch.network_user"
MEMBER_ROLE = "NetworkMember"
EDITOR_ROLE = "Editor"


def _translated(message):
    return translate(message, target_language=api.portal.get_default_language())


def members_group_id(region):
    """The id of the Region's members group."""
    return IAnnotations(region).get(GROUP_KEY) or _wanted_members_group_id(region)


def editors_group_id(municipality):
    """The id of the Municipality's editors group."""
    return IAnnotations(municipality).get(GROUP_KEY) or _wanted_editors_group_id(municipality)


def _wanted_members_group_id(region):
    return f"{region.getId()}-members"


def _wanted_editors_group_id(municipality):
    region = find_region(municipality)
    prefix = f"{region.getId()}-" if region is not None else ""
    return f"{prefix}{municipality.getId()}-editors"


def _ensure_group(obj, wanted_id, title, role):
    """Make sure ``obj`` has its group with the local ``role``; returns the group id.

    A group still without members follows the object's id (plone.api adds content under a temporary id
    and renames it afterwards); once people are in it, the group keeps its id for good.
    """
    annotations = IAnnotations(obj)
    stored = annotations.get(GROUP_KEY)
    if stored and stored != wanted_id:
        group = api.group.get(groupname=stored)
        if group is None or not group.getGroupMemberIds():
            if group is not None:
                api.group.delete(groupname=stored)
            obj.manage_delLocalRoles([stored])
            stored = None
    group_id = stored or wanted_id
    if api.group.get(groupname=group_id) is None:
        api.group.create(groupname=group_id, title=title)
    annotations[GROUP_KEY] = group_id
    api.group.grant_roles(groupname=group_id, roles=[role], obj=obj)
    return group_id


def ensure_members_group(region, event=None):
    """A Region added or renamed: its members group with the local role NetworkMember."""
    if getattr(event, "newParent", True) is None:
        return  # removed: remove_group handles it
    title = _translated(_("${region}: network members", mapping={"region": region.Title()}))
    return _ensure_group(region, _wanted_members_group_id(region), title, MEMBER_ROLE)


def ensure_editors_group(municipality, event=None):
    """A Municipality added or renamed: its editors group with the local role Editor."""
    if getattr(event, "newParent", True) is None:
        return
    title = _translated(_("${municipality}: editors", mapping={"municipality": municipality.Title()}))
    return _ensure_group(municipality, _wanted_editors_group_id(municipality), title, EDITOR_ROLE)


def _remove_group(obj):
    group_id = IAnnotations(obj).get(GROUP_KEY)
    if group_id and api.group.get(groupname=group_id) is not None:
        api.group.delete(groupname=group_id)


def remove_group(obj, event=None):
    """A Region or Municipality removed (itself or with its container): its group goes too."""
    _remove_group(obj)


def active_records(region, user_id):
    """Catalog brains of the active Representative records in ``region`` that name ``user_id``."""
    if not user_id:
        return []
    return api.content.find(
        context=region,
        portal_type="Representative",
        review_state="active",
        representative_user_id=user_token(user_id),
        sort_on="sortable_title",
        unrestricted=True,
    )


def sync_member(region, user_id):
    """Put ``user_id`` into the Region's members group, or take them out, as the active records say."""
    if not user_id or region is None:
        return
    group_id = members_group_id(region)
    if api.group.get(groupname=group_id) is None:
        ensure_members_group(region)
    user = api.user.get(userid=user_id)
    if user is None:
        logger.warning("Representative records name the unknown user %r; not in %s", user_id, group_id)
        return
    in_group = group_id in {group.getId() for group in api.group.get_groups(user=user)}
    should_be = bool(len(active_records(region, user_id)))
    if should_be and not in_group:
        api.group.add_user(groupname=group_id, user=user)
    elif in_group and not should_be:
        api.group.remove_user(groupname=group_id, user=user)


def sync_representative(representative, event=None):
    """After a transition, an edit or a removal of a record: sync the user it names now and the one it
    named before (remembered on the record), in the record's Region."""
    region = find_region(getattr(event, "oldParent", None) or representative)
    # The catalog is what sync_member asks; workflow and edits reindex the record only after their
    # events, so bring its entry up to date first (the indexing queue merges the two). A removed
    # record must stay out of the catalog.
    if not IObjectRemovedEvent.providedBy(event):
        representative.reindexObject(idxs=["review_state", "representative_user_id"])
    annotations = IAnnotations(representative)
    previous = annotations.get(SYNCED_USER_KEY)
    current = representative.user_id or None
    for user_id in {previous, current} - {None}:
        sync_member(region, user_id)
    if previous != current:
        annotations[SYNCED_USER_KEY] = current


def is_network_member(context, user=None):
    """Whether ``user`` (default: the current user) holds the NetworkMember role at ``context``."""
    if user is None:
        if api.user.is_anonymous():
            return False
        user = api.user.get_current()
    return MEMBER_ROLE in api.user.get_roles(user=user, obj=context)


def municipality_of(region, user_id):
    """The UID of the Municipality of the user's active record in ``region`` (the first by name), or None."""
    for brain in active_records(region, user_id):
        return brain.municipality_uid
    return None
