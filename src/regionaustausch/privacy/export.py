"""The right of access and to data portability (Art. 15 and 20 DSGVO): everything the site stores
about one user, as JSON-ready data (:func:`collect_user_data`), and the download of it that the REST
API (``@my-data``) and the Classic UI (``@@meine-daten``) both send (:func:`my_data_download`).

Each part is read through an index or a bounded set of objects; none wakes every object of the site:

- ``account``: the user's member data; ``memberships``: their groups (the network groups are told
  apart by the Regions and Municipalities, one object each).
- ``local_roles``: the site root, every Region, Municipality and Forum (where sharing gives roles; one
  object each), and whatever the catalog's ``allowedRolesAndUsers`` names the user in. That index
  knows a local role only where the role grants View: a role given on another object that everybody
  may view anyway (a thread of a public forum) is not found.
- ``representatives``: the records that name the user (index ``representative_user_id``).
- ``threads``, ``posts``, ``content``: what the user created (index ``Creator``; one object each).
- ``supports``: the support storage of every proposal, asked by key (one proposal each).
- ``moderation``: the hidden posts whose note names the user as the moderator (one hidden post each).
- ``form_submissions``: the rows that the save-data action of regionaustausch.forms stored together with
  the user's id, read through collective.easyform's API (one form each). Rows are never matched by
  their values: an e-mail address or a name in a row proves nothing about who sent it.
"""

from Acquisition import aq_base
from Acquisition import aq_inner
from Acquisition import aq_parent
from plone import api
from plone.dexterity.interfaces import IDexterityContent
from plone.dexterity.utils import iterSchemata
from regionaustausch.caching import no_store
from regionaustausch.content.region import find_region
from regionaustausch.content.representative import IRepresentative
from regionaustausch.forms.actions import OWNER_KEY
from regionaustausch.forms.actions import rows_submitted_by
from regionaustausch.forms.actions import submitted_at
from regionaustausch.membership import editors_group_id
from regionaustausch.membership import members_group_id
from regionaustausch.moderation import REASON_KEY
from regionaustausch.moderation import hidden_reason
from regionaustausch.privacy.common import brain_ref
from regionaustausch.privacy.common import is_below
from regionaustausch.privacy.common import now
from regionaustausch.privacy.common import path_of
from regionaustausch.privacy.common import plain
from regionaustausch.privacy.common import ref
from regionaustausch.privacy.common import search
from regionaustausch.privacy.common import workflow_entries
from regionaustausch.supports import storage as support_storage
from regionaustausch.user_tokens import user_token
from zope.annotation.interfaces import IAnnotations
from zope.schema import getFieldsInOrder
import json


#: The file name of the download.
FILENAME = "meine-daten.json"
#: The containers whose local roles are read from the objects themselves (besides the site root).
SHARED_CONTAINERS = ("Region", "Municipality", "Forum")
RECORD_FIELDS = (*(name for name, _field in getFieldsInOrder(IRepresentative)), "topics")


class _Parents:
    """The catalog entries of containers (threads, forums), looked up once per path."""

    def __init__(self):
        self._cache = {}

    def ref(self, path):
        if path not in self._cache:
            brains = search(path={"query": path, "depth": 0})
            self._cache[path] = brain_ref(brains[0]) if len(brains) else None
        return self._cache[path]

    def of(self, brain):
        return self.ref(brain.getPath().rsplit("/", 1)[0])


def _schema_values(obj):
    """The values of all schema fields of ``obj`` (its type's schema and its behaviours)."""
    values = {}
    for schema in iterSchemata(obj):
        try:
            adapted = schema(obj)
        except TypeError:
            continue
        for name, _field in getFieldsInOrder(schema):
            if name not in values:
                values[name] = plain(getattr(adapted, name, None))
    return values


def _account(user_id):
    member = api.user.get(userid=user_id)
    if member is None:
        current = api.user.get_current()
        member = current if current.getId() == user_id else None
    if member is None:
        return {"id": user_id}
    memberdata = api.portal.get_tool("portal_memberdata")
    properties = {}
    for name in memberdata.propertyIds():
        value = member.getProperty(name, None)
        if value not in (None, "", (), []):
            properties[name] = plain(value)
    try:
        portrait = memberdata._getPortrait(user_id)
    except Exception:  # a member data tool without portraits
        portrait = None
    return {
        "id": user_id,
        "login": member.getUserName(),
        "fullname": member.getProperty("fullname", None) or None,
        "email": member.getProperty("email", None) or None,
        "roles": sorted(role for role in member.getRoles() if role not in ("Authenticated",)),
        "properties": properties,
        "portrait": portrait is not None,
    }


def network_groups():
    """``{group id: (kind, catalog entry)}`` for the groups of the Regions (``"network"``) and
    Municipalities (``"editors"``)."""
    groups = {}
    for brain in search(portal_type=["Region", "Municipality"]):
        obj = brain._unrestrictedGetObject()
        if brain.portal_type == "Region":
            groups[members_group_id(obj)] = ("network", brain)
        else:
            groups[editors_group_id(obj)] = ("editors", brain)
    return groups


def groups_of(user_id):
    """The groups the user is in, but Plone's "AuthenticatedUsers"."""
    user = api.user.get(userid=user_id)
    if user is None:
        return []
    groups = [group for group in api.group.get_groups(user=user) if group.getId() != "AuthenticatedUsers"]
    return sorted(groups, key=lambda group: group.getId())


def _memberships(user_id):
    ours = network_groups()
    memberships = []
    for group in groups_of(user_id):
        kind, brain = ours.get(group.getId(), ("other", None))
        memberships.append(
            {
                "id": group.getId(),
                "title": group.getProperty("title", "") or None,
                "kind": kind,
                "context": brain_ref(brain) if brain is not None else None,
            }
        )
    return memberships


def local_roles(user_id, every=False):
    """``{path: (object, roles)}``: where the user holds local roles of their own (Owner of their own
    content included), read as the module's docstring says. The catalog also names the user in every
    object below one where they hold a role, which inherits it; those are skipped (a thread of
    thousands of posts costs one object, not thousands) unless ``every`` asks for them all."""
    found = {}
    portal = api.portal.get()
    places = [(path_of(portal), portal)]
    places += [
        (brain.getPath(), brain._unrestrictedGetObject())
        for brain in search(portal_type=list(SHARED_CONTAINERS))
    ]
    for path, obj in places:
        if roles := obj.get_local_roles_for_userid(user_id):
            found[path] = (obj, sorted(roles))
    # Sorted by path, an object follows the container it inherits the roles from.
    holding = list(found)
    for brain in sorted(search(allowedRolesAndUsers=f"user:{user_id}"), key=lambda brain: brain.getPath()):
        path = brain.getPath()
        if path in found or (not every and is_below(path, holding)):
            continue
        obj = brain._unrestrictedGetObject()
        if roles := obj.get_local_roles_for_userid(user_id):
            found[path] = (obj, sorted(roles))
            holding.append(path)
    return found


def _record_data(brain, user_id):
    record = brain._unrestrictedGetObject()
    return {
        **brain_ref(brain),
        "id": brain.getId,
        "review_state": brain.review_state,
        "region": ref(find_region(record)),
        "municipality": ref(aq_parent(aq_inner(record))),
        "created": plain(record.created()),
        "modified": plain(record.modified()),
        "fields": {name: plain(getattr(aq_base(record), name, None)) for name in RECORD_FIELDS},
        "history": [
            {
                "action": entry.get("action"),
                "review_state": entry.get("review_state"),
                "time": plain(entry.get("time")),
                "comments": entry.get("comments") or None,
                # Who else acted is the staff's data, not the user's (Art. 15(4) DSGVO).
                "by_me": entry.get("actor") == user_id,
            }
            for entry in workflow_entries(record)
        ],
    }


def _created_data(brain, parents):
    """A thread, post or other object the user created."""
    obj = brain._unrestrictedGetObject()
    data = {
        **brain_ref(brain),
        "created": plain(brain.created),
        "modified": plain(brain.modified),
        "review_state": brain.review_state,
    }
    if brain.portal_type == "Post":
        hidden = hidden_reason(obj)
        data["thread"] = parents.of(brain)
        data["text"] = plain(getattr(aq_base(obj), "text", None))
        data["in_reply_to"] = getattr(aq_base(obj), "in_reply_to", None)
        # The moderator's id is left out (the staff's data); the reason was written for the author.
        data["hidden"] = {"reason": hidden.get("reason"), "date": hidden.get("date")} if hidden else None
    elif brain.portal_type == "Thread":
        data["forum"] = parents.of(brain)
        data["text"] = plain(getattr(aq_base(obj), "text", None))
        data["pinned"] = bool(getattr(aq_base(obj), "pinned", False))
    else:
        data["parent"] = parents.of(brain)
        # A representative's record that the user made as an editor is about somebody else: only the
        # fact that they made it is theirs.
        if IDexterityContent.providedBy(obj) and not IRepresentative.providedBy(obj):
            data["fields"] = _schema_values(obj)
    return data


def supports_of(user_id, within=None):
    """``[(proposal brain, proposal, support record)]``: the user's supports, from the proposals' own
    storages asked by key (one proposal each); ``within``: only below these paths."""
    found = []
    for brain in search(portal_type="ExchangeProposal", sort_on="path"):
        if within is not None and not is_below(brain.getPath(), within):
            continue
        proposal = brain._unrestrictedGetObject()
        store = support_storage(proposal, create=False)
        record = store.get(user_id) if store is not None else None
        if record is not None:
            found.append((brain, proposal, record))
    return found


def moderated_by(user_id):
    """Hidden posts whose hiding note names ``user_id`` as the moderator: ``[(brain, post, note)]``."""
    found = []
    for brain in search(portal_type="Post", review_state="hidden"):
        post = brain._unrestrictedGetObject()
        note = IAnnotations(post).get(REASON_KEY)
        if note and note.get("moderator") == user_id:
            found.append((brain, post, note))
    return found


def _supports(user_id):
    municipalities = {}
    found = []
    for brain, _proposal, record in supports_of(user_id):
        uid = record.get("municipality")
        if uid and uid not in municipalities:
            hits = search(UID=uid)
            municipalities[uid] = brain_ref(hits[0]) if len(hits) else {"UID": uid}
        found.append(
            {
                "proposal": brain_ref(brain),
                "municipality": municipalities.get(uid),
                "date": record.get("date"),
            }
        )
    return found


def _form_submissions(user_id):
    found = []
    for brain in search(portal_type="EasyForm", sort_on="path"):
        for action, key, row in rows_submitted_by(brain._unrestrictedGetObject(), user_id):
            found.append(
                {
                    "form": brain_ref(brain),
                    "action": action,
                    "submitted": plain(submitted_at(key, row)),
                    "data": plain(
                        {name: value for name, value in row.items() if name not in ("id", OWNER_KEY)}
                    ),
                }
            )
    return found


def collect_user_data(user_id):
    """Everything the site stores about ``user_id``, as JSON-ready data (see the module's docstring).

    Keys: ``generated``, ``site``, ``account``, ``memberships``, ``local_roles``, ``representatives``,
    ``threads``, ``posts``, ``content`` (everything else they created), ``supports``, ``moderation``
    (posts they hid as a moderator), ``form_submissions``.
    """
    parents = _Parents()
    created = {"Thread": [], "Post": []}
    content = []
    for brain in search(Creator=user_id, sort_on="created"):
        created.get(brain.portal_type, content).append(_created_data(brain, parents))
    portal = api.portal.get()
    return {
        "generated": now(),
        "site": {"@id": portal.absolute_url(), "title": portal.Title()},
        "account": _account(user_id),
        "memberships": _memberships(user_id),
        "local_roles": [
            {**ref(obj), "roles": [role for role in roles if role != "Owner"]}
            for _path, (obj, roles) in sorted(local_roles(user_id).items())
            if set(roles) - {"Owner"}
        ],
        "representatives": [
            _record_data(brain, user_id)
            for brain in search(
                portal_type="Representative", representative_user_id=user_token(user_id), sort_on="path"
            )
        ],
        "threads": created["Thread"],
        "posts": created["Post"],
        "content": content,
        "supports": _supports(user_id),
        "moderation": [
            {"post": brain_ref(brain), "reason": note.get("reason"), "date": note.get("date")}
            for brain, _post, note in moderated_by(user_id)
        ],
        "form_submissions": _form_submissions(user_id),
    }


def my_data_download(request, address):
    """The caller's data as the download ``meine-daten.json`` that ``@my-data`` and ``@@meine-daten``
    both send: sets the response's headers (an attachment, JSON, kept by no cache) and returns the
    JSON text, whose ``@id`` is ``address``."""
    data = collect_user_data(api.user.get_current().getId())
    data["@id"] = address
    response = request.response
    response.setHeader("Content-Type", "application/json; charset=utf-8")
    response.setHeader("Content-Disposition", f'attachment; filename="{FILENAME}"')
    no_store(response)
    return json.dumps(data, indent=2, ensure_ascii=False, sort_keys=True)
