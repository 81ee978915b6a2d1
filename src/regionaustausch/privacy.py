"""Privacy rights (DSGVO): what is stored about a user, and anonymising a former representative.

Two functions serve the REST API (``@my-data``, ``@anonymise``) and could serve a Classic UI view:

- :func:`collect_user_data` answers the right of access and to data portability (Art. 15, 20 DSGVO):
  everything the site stores about one user, as plain JSON-ready data. It reads the catalog
  (``Creator``, ``representative_user_id``, ``allowedRolesAndUsers``) and the storages themselves
  (the support annotations of the proposals, the moderation annotations of hidden posts, the saved
  data of collective.easyform forms); it never wakes every object of the site.
- :func:`anonymise_representative` answers a request for erasure (Art. 17) of a representative who
  has left office: the record stays as an empty shell ("Ehemaliges Mitglied", renamed to a neutral id),
  the person's posts, threads and supports stay (the discussions and the quorum counts must not
  change) but no longer name them anywhere: neither in the objects, nor in the catalog, nor in the
  workflow history, nor in the moderation notes.

Who wrote an anonymised post: ``creators`` is ``("ehemaliges Mitglied",)`` (:data:`ANONYMOUS_PRINCIPAL`)
and the catalog's ``Creator`` says the same. That string cannot be a user id (Plone's user ids have no
spaces), so nobody can register as it and appear as the author of these posts, and a user interface
that shows a creator's full name when it knows the user shows the string itself. Workflow history
entries (``actor``) and moderation notes (``moderator``) use the same stand-in. Supports keep their
municipality and date under a random token per support (``"ehemaliges Mitglied (3f9a1c2b)"``), so the
counts and the quorum stay as they were while two supports of one person cannot be linked any more.
"""

from Acquisition import aq_base
from Acquisition import aq_inner
from Acquisition import aq_parent
from collections.abc import Mapping
from collections.abc import Sequence
from DateTime import DateTime
from datetime import date
from datetime import datetime
from datetime import timezone
from plone import api
from plone.app.redirector.interfaces import IRedirectionStorage
from plone.app.textfield.interfaces import IRichText
from plone.app.textfield.value import RichTextValue
from plone.dexterity.interfaces import IDexterityContent
from plone.dexterity.utils import iterSchemata
from plone.locking.interfaces import ILockable
from Products.CMFCore.indexing import processQueue
from regionaustausch.content.region import find_region
from regionaustausch.content.representative import IRepresentative
from regionaustausch.content.representative import apply_contact_visibility
from regionaustausch.domain import contact
from regionaustausch.domain.errors import RuleViolation
from regionaustausch.domain.names import make_id
from regionaustausch.domain.names import representative_title
from regionaustausch.domain.representatives import SALUTATION_WORDS
from regionaustausch.membership import editors_group_id
from regionaustausch.membership import members_group_id
from regionaustausch.membership import sync_representative
from regionaustausch.moderation import REASON_KEY
from regionaustausch.moderation import hidden_reason
from regionaustausch.permissions import ANONYMISE_REPRESENTATIVE
from regionaustausch.supports import storage as support_storage
from regionaustausch.user_tokens import user_token
from zope.annotation.interfaces import IAnnotations
from zope.component import queryUtility
from zope.schema import getFieldsInOrder
from zope.schema.interfaces import IChoice
from zope.schema.interfaces import ICollection
from zope.schema.interfaces import IText
import html
import re
import secrets


#: The name parts of an anonymised record: its title reads "Ehemaliges Mitglied".
ANONYMOUS_FIRST_NAME = "Ehemaliges"
ANONYMOUS_LAST_NAME = "Mitglied"
#: What replaces the person's name in texts.
ANONYMOUS_NAME = "ehemaliges Mitglied"
#: What replaces the user id where a principal is expected (creators, workflow ``actor``, moderator).
ANONYMOUS_PRINCIPAL = ANONYMOUS_NAME
#: What replaces an e-mail address or a user id in texts.
REDACTED = "[entfernt]"
#: The id an anonymised record is renamed to (the container makes it unique: ``-1``, ``-2``, ...).
ANONYMOUS_ID = "ehemaliges-mitglied"
#: Annotation on an anonymised record: ``{"date": ISO 8601, "by": the id of the acting editor}``.
ANONYMISED_KEY = "regionaustausch.anonymised"

#: Fields whose values are principals or ids, never scrubbed as text (creators are replaced as a whole).
_NOT_TEXT_FIELDS = frozenset({"id", "creators"})


# --- refusals ----------------------------------------------------------------------------------------


class AnonymisationRefused(RuleViolation):
    """Base class of the refusals of an anonymisation (the REST layer uses ``http_status``)."""

    http_status = 400


class NotAllowedToAnonymise(AnonymisationRefused):
    default_msgid = "You may not anonymise this record."
    http_status = 403


class NotFormer(AnonymisationRefused):
    default_msgid = (
        "Only the record of a former representative can be anonymised; mark the record as former first."
    )
    http_status = 400


class AlreadyAnonymised(AnonymisationRefused):
    default_msgid = "This record is anonymised already."
    http_status = 409


class StillLinked(AnonymisationRefused):
    default_msgid = (
        "The user account of this record is also linked to ${count} record(s) that are not former; "
        "a person can be anonymised only when all their records are former."
    )
    http_status = 400


class OtherRecordNotAllowed(AnonymisationRefused):
    default_msgid = (
        "The user account of this record is also linked to a former record in ${municipality} that you "
        "may not anonymise; please ask a site administrator."
    )
    http_status = 403


# --- helpers ---------------------------------------------------------------------------------------


def _catalog():
    return api.portal.get_tool("portal_catalog")


def _search(**query):
    return _catalog().unrestrictedSearchResults(**query)


def _now():
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def _iso(value):
    if value is None:
        return None
    if isinstance(value, DateTime):
        return value.asdatetime().isoformat(timespec="seconds")
    if isinstance(value, datetime):
        return value.isoformat(timespec="seconds")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _plain(value):
    """``value`` as JSON-ready data (dates as ISO 8601, rich text as its HTML, files as their facts)."""
    if value is None or isinstance(value, (str, bool, int, float)):
        return value
    if isinstance(value, RichTextValue):
        return value.raw
    if isinstance(value, (DateTime, datetime, date)):
        return _iso(value)
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    if hasattr(value, "filename") and hasattr(value, "getSize"):
        return {
            "filename": value.filename,
            "content_type": getattr(value, "contentType", None),
            "size": value.getSize(),
        }
    to_object = getattr(value, "to_object", None) if hasattr(value, "to_id") else None
    if to_object is not None:
        return _ref(to_object)
    if isinstance(value, Mapping):
        return {str(key): _plain(item) for key, item in value.items()}
    if isinstance(value, (Sequence, set, frozenset)):
        return [_plain(item) for item in value]
    return str(value)


def _ref(obj):
    if obj is None:
        return None
    return {
        "@id": obj.absolute_url(),
        "@type": obj.portal_type,
        "UID": api.content.get_uuid(obj),
        "title": obj.Title(),
    }


def _brain_ref(brain):
    return {"@id": brain.getURL(), "@type": brain.portal_type, "UID": brain.UID, "title": brain.Title}


class _Parents:
    """The catalog entries of containers (threads, forums), looked up once per path."""

    def __init__(self):
        self._cache = {}

    def ref(self, path):
        if path not in self._cache:
            brains = _search(path={"query": path, "depth": 0})
            self._cache[path] = _brain_ref(brains[0]) if len(brains) else None
        return self._cache[path]

    def of(self, brain):
        return self.ref(brain.getPath().rsplit("/", 1)[0])


def _state(obj):
    return api.content.get_state(obj, default=None)


def _workflow_entries(obj):
    """All workflow history entries of ``obj`` as stored (oldest first per workflow)."""
    history = getattr(aq_base(obj), "workflow_history", None) or {}
    return [entry for entries in history.values() for entry in entries]


def _schema_values(obj, skip=()):
    """The values of all schema fields of ``obj`` (its type's schema and its behaviours)."""
    values = {}
    for schema in iterSchemata(obj):
        try:
            adapted = schema(obj)
        except TypeError:
            continue
        for name, _field in getFieldsInOrder(schema):
            if name in skip or name in values:
                continue
            values[name] = _plain(getattr(adapted, name, None))
    return values


# --- the right of access: collect_user_data --------------------------------------------------------


RECORD_FIELDS = (*(name for name, _field in getFieldsInOrder(IRepresentative)), "topics")


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
            properties[name] = _plain(value)
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


def _network_groups():
    """``{group id: (kind, reference)}`` for the groups of the Regions and Municipalities."""
    groups = {}
    for brain in _search(portal_type=["Region", "Municipality"]):
        obj = brain._unrestrictedGetObject()
        if brain.portal_type == "Region":
            groups[members_group_id(obj)] = ("network", _brain_ref(brain))
        else:
            groups[editors_group_id(obj)] = ("editors", _brain_ref(brain))
    return groups


def _memberships(user_id):
    user = api.user.get(userid=user_id)
    if user is None:
        return []
    ours = _network_groups()
    memberships = []
    for group in api.group.get_groups(user=user):
        group_id = group.getId()
        if group_id == "AuthenticatedUsers":
            continue
        kind, ref = ours.get(group_id, ("other", None))
        memberships.append(
            {"id": group_id, "title": group.getProperty("title", "") or None, "kind": kind, "context": ref}
        )
    return sorted(memberships, key=lambda item: item["id"])


#: Types of which a site holds too many to visit each object; local roles on them are found through
#: the catalog only (sharing is given on regions, municipalities, forums and folders, not on threads).
_MASS_TYPES = ("Thread", "Post")


def _containers():
    """``(path, object)`` of the site and of every container but threads: where sharing gives roles.

    ``allowedRolesAndUsers`` names a user only where their local role grants View, so it misses
    a role on a public container (a Reviewer of a public Region); those few objects are visited."""
    portal = api.portal.get()
    yield "/".join(portal.getPhysicalPath()), portal
    for brain in _search(is_folderish=True, sort_on="path"):
        if brain.portal_type not in _MASS_TYPES:
            yield brain.getPath(), brain._unrestrictedGetObject()


def _local_roles(user_id):
    """Objects on which the user holds local roles of their own (other than Owner of their content).

    The containers are visited; ``allowedRolesAndUsers`` finds the rest, and also everything below
    them that inherits the roles: those are skipped (sorted by path, a descendant follows its
    ancestor), so that a thread of thousands of posts costs one object, not thousands."""
    found = {}
    granted_paths = []

    def visit(path, obj):
        local = obj.get_local_roles_for_userid(user_id)
        if local:
            granted_paths.append(path)
        roles = sorted(role for role in local if role != "Owner")
        if roles:
            found[path] = {**_ref(obj), "roles": roles}

    for path, obj in _containers():
        visit(path, obj)
    for brain in sorted(_search(allowedRolesAndUsers=f"user:{user_id}"), key=lambda brain: brain.getPath()):
        path = brain.getPath()
        if path in found or any(path.startswith(granted + "/") for granted in granted_paths):
            continue
        visit(path, brain._unrestrictedGetObject())
    return [found[path] for path in sorted(found)]


def _record_data(brain, user_id):
    record = brain._unrestrictedGetObject()
    municipality = aq_parent(aq_inner(record))
    fields = {name: _plain(getattr(aq_base(record), name, None)) for name in RECORD_FIELDS}
    return {
        **_brain_ref(brain),
        "id": brain.getId,
        "review_state": brain.review_state,
        "region": _ref(find_region(record)),
        "municipality": _ref(municipality),
        "created": _iso(record.created()),
        "modified": _iso(record.modified()),
        "fields": fields,
        "history": [
            {
                "action": entry.get("action"),
                "review_state": entry.get("review_state"),
                "time": _iso(entry.get("time")),
                "comments": entry.get("comments") or None,
                # Who else acted is the staff's data, not the user's (Art. 15(4) DSGVO).
                "by_me": entry.get("actor") == user_id,
            }
            for entry in _workflow_entries(record)
        ],
    }


def _post_data(brain, parents):
    post = brain._unrestrictedGetObject()
    hidden = hidden_reason(post)
    return {
        **_brain_ref(brain),
        "thread": parents.of(brain),
        "text": _plain(getattr(aq_base(post), "text", None)),
        "in_reply_to": getattr(aq_base(post), "in_reply_to", None),
        "created": _iso(brain.created),
        "modified": _iso(brain.modified),
        "review_state": brain.review_state,
        # The moderator's id is left out (the staff's data); the reason was written for the author.
        "hidden": {"reason": hidden.get("reason"), "date": hidden.get("date")} if hidden else None,
    }


def _thread_data(brain, parents):
    thread = brain._unrestrictedGetObject()
    return {
        **_brain_ref(brain),
        "forum": parents.of(brain),
        "text": _plain(getattr(aq_base(thread), "text", None)),
        "pinned": bool(getattr(aq_base(thread), "pinned", False)),
        "created": _iso(brain.created),
        "modified": _iso(brain.modified),
        "review_state": brain.review_state,
    }


def _content_data(brain, parents):
    data = {
        **_brain_ref(brain),
        "parent": parents.of(brain),
        "created": _iso(brain.created),
        "modified": _iso(brain.modified),
        "review_state": brain.review_state,
    }
    obj = brain._unrestrictedGetObject()
    # A representative's record that the user made as an editor is about somebody else: only the fact
    # that they made it is theirs.
    if IDexterityContent.providedBy(obj) and not IRepresentative.providedBy(obj):
        data["fields"] = _schema_values(obj)
    return data


def _supports(user_id):
    """The user's supports: the proposals' own storages, asked by key (one B-tree lookup each)."""
    found = []
    municipalities = {}
    for brain in _search(portal_type="ExchangeProposal", sort_on="path"):
        store = support_storage(brain._unrestrictedGetObject(), create=False)
        record = store.get(user_id) if store is not None else None
        if record is None:
            continue
        uid = record.get("municipality")
        if uid and uid not in municipalities:
            hits = _search(UID=uid)
            municipalities[uid] = _brain_ref(hits[0]) if len(hits) else {"UID": uid}
        found.append(
            {
                "proposal": _brain_ref(brain),
                "municipality": municipalities.get(uid) if uid else None,
                "date": record.get("date"),
            }
        )
    return found


def _moderated_by(user_id):
    """Hidden posts whose hiding note names ``user_id`` as the moderator: ``[(brain, post, note)]``."""
    found = []
    for brain in _search(portal_type="Post", review_state="hidden"):
        post = brain._unrestrictedGetObject()
        note = IAnnotations(post).get(REASON_KEY)
        if note and note.get("moderator") == user_id:
            found.append((brain, post, note))
    return found


def _form_submissions(user_id, keys):
    """Rows of collective.easyform's save-data adapters that contain the user's e-mail address, user id
    or login name as the whole value of a field.

    easyform stores neither the user id nor the login with a row (only the form's fields and, if the
    adapter asks for them, the date, the IP address and the browser), so a row can be attributed to the
    user only by a field holding one of these values, typically the e-mail field. The rows are read
    from the forms' own storage (``_inputStorage``: adapter name -> B-tree of dicts), not through the
    forms' action models."""
    wanted = {key.strip().casefold() for key in keys if key}
    found = []
    for brain in _search(portal_type="EasyForm"):
        form = brain._unrestrictedGetObject()
        storages = getattr(aq_base(form), "_inputStorage", None) or {}
        for adapter, rows in storages.items():
            for key, row in rows.items():
                matched = sorted(
                    name
                    for name, value in row.items()
                    if isinstance(value, str) and value.strip().casefold() in wanted
                )
                if not matched:
                    continue
                submitted = row.get("dt") or (
                    datetime.fromtimestamp(key / 1000, timezone.utc).isoformat(timespec="seconds")
                    if isinstance(key, int) and key > 10**12
                    else None
                )
                found.append(
                    {
                        "form": _brain_ref(brain),
                        "adapter": adapter,
                        "submitted": submitted,
                        "matched_by": matched,
                        "data": {name: _plain(value) for name, value in row.items() if name != "id"},
                    }
                )
    return found


def collect_user_data(user_id):
    """Everything the site stores about ``user_id``, as JSON-ready data (see docs and the report).

    Keys: ``generated``, ``account``, ``memberships``, ``local_roles``, ``representatives``,
    ``threads``, ``posts``, ``content`` (everything else they created), ``supports``, ``moderation``
    (posts they hid as a moderator), ``form_submissions``.
    """
    account = _account(user_id)
    parents = _Parents()
    threads, posts, content = [], [], []
    for brain in _search(Creator=user_id, sort_on="created"):
        if brain.portal_type == "Post":
            posts.append(_post_data(brain, parents))
        elif brain.portal_type == "Thread":
            threads.append(_thread_data(brain, parents))
        else:
            content.append(_content_data(brain, parents))
    records = [
        _record_data(brain, user_id)
        for brain in _search(
            portal_type="Representative", representative_user_id=user_token(user_id), sort_on="path"
        )
    ]
    emails = {account.get("email")} | {record["fields"].get("email") for record in records}
    portal = api.portal.get()
    return {
        "generated": _now(),
        "site": {"@id": portal.absolute_url(), "title": portal.Title()},
        "account": account,
        "memberships": _memberships(user_id),
        "local_roles": _local_roles(user_id),
        "representatives": records,
        "threads": threads,
        "posts": posts,
        "content": content,
        "supports": _supports(user_id),
        "moderation": [
            {"post": _brain_ref(brain), "reason": note.get("reason"), "date": note.get("date")}
            for brain, _post, note in _moderated_by(user_id)
        ],
        "form_submissions": _form_submissions(user_id, {user_id, account.get("login"), *emails} - {None}),
    }


# --- the right to erasure: anonymise_representative ------------------------------------------------


def _clean(value):
    return " ".join(str(value or "").split())


def _name_variants(record, fullname=None):
    """The ways the person's name is written: "Anna Beispiel", "Dr. Anna Beispiel", "Beispiel, Anna",
    "Frau Dr. Beispiel", "Frau Beispiel", "Dr. Beispiel", and the account's full name."""
    first, last = _clean(record.first_name), _clean(record.last_name)
    academic = _clean(getattr(record, "academic_title", None))
    salutation = SALUTATION_WORDS.get(getattr(record, "salutation", None) or "", "")
    variants = {
        representative_title(salutation, academic, first, last),
        " ".join(part for part in (academic, first, last) if part),
        " ".join(part for part in (first, last) if part),
    }
    if first and last:
        variants.add(f"{last}, {first}")
    if last:
        for prefix in (salutation, academic, f"{salutation} {academic}"):
            if _clean(prefix):
                variants.add(f"{_clean(prefix)} {last}")
    if fullname and len(_clean(fullname).split()) > 1:
        variants.add(_clean(fullname))
    # A single word ("Beispiel") is not replaced: it may be a common word, and in others' texts it
    # cannot be told from another person of that name.
    return {variant for variant in variants if len(variant.split()) > 1}


class Scrubber:
    """Replaces a person's names, e-mail addresses and user ids in texts (plain or HTML)."""

    def __init__(self, names=(), emails=(), ids=()):
        self.names = sorted({_clean(name) for name in names if _clean(name)}, key=len, reverse=True)
        self.emails = sorted({email.strip() for email in emails if email and email.strip()})
        self.ids = sorted({uid for uid in ids if uid and len(uid) >= 3})
        alternatives = []
        for name in self.names:
            for form in {name, html.escape(name, quote=False), html.escape(name)}:
                alternatives.append(r"(?:\s|&nbsp;|\xa0)+".join(re.escape(word) for word in form.split()))
        self._names = self._compile(alternatives, r"(?<!\w)", r"(?!\w)")
        self._emails = self._compile(
            [re.escape(email) for email in self.emails], r"(?<![\w.+-])", r"(?![\w-])"
        )
        # User ids as they are written (case matters): "koch" is an id, "Koch" may be a word.
        self._ids = self._compile(
            [re.escape(uid) for uid in self.ids], r"(?<![\w.@-])", r"(?![\w@-])", flags=0
        )
        self._attribution = (
            re.compile(r"(<strong>\s*)(?:" + "|".join(alternatives) + r")(\s*</strong>\s*:)", re.IGNORECASE)
            if alternatives
            else None
        )

    @staticmethod
    def _compile(alternatives, before, after, flags=re.IGNORECASE):
        if not alternatives:
            return None
        return re.compile(before + "(?:" + "|".join(alternatives) + ")" + after, flags)

    def text(self, value):
        """``value`` (a string) with every name, e-mail address and user id replaced."""
        if not value:
            return value
        for pattern, replacement in (
            (self._emails, REDACTED),
            (self._names, ANONYMOUS_NAME),
            (self._ids, REDACTED),
        ):
            if pattern is not None:
                value = pattern.sub(replacement, value)
        return value

    def attribution(self, value):
        """Only the ``<strong>Name</strong>:`` that "reply with quote" writes above a quote of the
        person (domain.text.quote) is replaced: it names the person by the system, not by its author."""
        if not value or self._attribution is None:
            return value
        return self._attribution.sub(lambda match: f"{match.group(1)}{ANONYMOUS_NAME}{match.group(2)}", value)

    def value(self, value, text=None):
        """A field value with its texts replaced: strings, rich text, lists, tuples and dicts."""
        text = text or self.text
        if isinstance(value, str):
            return text(value)
        if isinstance(value, RichTextValue):
            raw = text(value.raw)
            if raw == value.raw:
                return value
            return RichTextValue(raw, value.mimeType, value.outputMimeType, value.encoding)
        if isinstance(value, (list, tuple)):
            return type(value)(self.value(item, text) for item in value)
        if isinstance(value, Mapping):
            return {key: self.value(item, text) for key, item in value.items()}
        return value


def _text_field(field):
    if IChoice.providedBy(field):
        return False
    if IText.providedBy(field) or IRichText.providedBy(field):
        return True
    if ICollection.providedBy(field):
        value_type = getattr(field, "value_type", None)
        return value_type is not None and not IChoice.providedBy(value_type)
    return field.__class__.__name__ in ("DictRow", "Object")


def _scrub_fields(obj, scrubber):
    """Replace the person in the text fields of ``obj`` (its schema, its behaviours, title and
    description); returns whether anything changed."""
    changed = False
    seen = set()
    for schema in iterSchemata(obj) if IDexterityContent.providedBy(obj) else ():
        try:
            adapted = schema(obj)
        except TypeError:
            continue
        for name, field in getFieldsInOrder(schema):
            if name in seen or name in _NOT_TEXT_FIELDS or field.readonly or not _text_field(field):
                continue
            seen.add(name)
            value = getattr(adapted, name, None)
            new = scrubber.value(value)
            if new != value or (isinstance(value, RichTextValue) and new is not value):
                setattr(adapted, name, new)
                changed = True
    base = aq_base(obj)
    for name in ("title", "description"):
        if name in seen:
            continue
        value = base.__dict__.get(name)
        if isinstance(value, str) and (new := scrubber.text(value)) != value:
            setattr(obj, name, new)
            changed = True
    return changed


def _scrub_workflow_history(obj, user_id, scrubber):
    """Replace the user as ``actor`` and the person in the ``comments`` of every workflow history entry."""
    history = getattr(aq_base(obj), "workflow_history", None)
    if not history:
        return False
    changed = False
    for workflow_id, entries in list(history.items()):
        new_entries = []
        for entry in entries:
            new = dict(entry)
            if user_id and new.get("actor") == user_id:
                new["actor"] = ANONYMOUS_PRINCIPAL
            if isinstance(new.get("comments"), str):
                new["comments"] = scrubber.text(new["comments"])
            new_entries.append(new)
        if new_entries != [dict(entry) for entry in entries]:
            history[workflow_id] = tuple(new_entries)
            changed = True
    return changed


def _forget_principal(obj, user_id):
    """Remove the user's local roles, their Zope ownership and their locks from ``obj``; replace them
    in ``creators``. Returns whether anything changed."""
    changed = False
    if user_id and obj.get_local_roles_for_userid(user_id):
        obj.manage_delLocalRoles([user_id])
        changed = True
    owner = aq_base(obj).__dict__.get("_owner")
    if user_id and isinstance(owner, tuple) and len(owner) == 2 and owner[1] == user_id:
        # Ownership is acquired from the container from now on (whoever made the forum or region).
        del aq_base(obj)._owner
        changed = True
    creators = tuple(getattr(aq_base(obj), "creators", ()) or ())
    if user_id and user_id in creators:
        replaced = []
        for creator in creators:
            creator = ANONYMOUS_PRINCIPAL if creator == user_id else creator
            if creator not in replaced:
                replaced.append(creator)
        obj.creators = tuple(replaced)
        changed = True
    lockable = ILockable(obj, None)
    if lockable is not None and lockable.locked():
        lockable.clear_locks()
        changed = True
    return changed


#: The indexes that can hold a person's name or id in content other than their record: the texts,
#: the creator and the local roles. Records are reindexed completely (name, party, user id, ...).
TEXT_INDEXES = (
    "Title",
    "sortable_title",
    "Description",
    "SearchableText",
    "Subject",
    "Creator",
    "allowedRolesAndUsers",
)


class _Reindex:
    """What to reindex at the end: the texts, creator and roles (and the metadata) of the objects that
    changed, only the security index of the objects below them.

    The indexes are always named, so that CMF's ``reindexObject()`` does not call ``notifyModified()``:
    that would add the acting editor to ``creators`` and set every touched post's modification date to
    the same moment, which would link the anonymised posts of one person again."""

    def __init__(self):
        self.full = {}
        self.security = {}

    def add(self, obj, full=True):
        path = "/".join(obj.getPhysicalPath())
        if full:
            self.full[path] = obj
            self.security.pop(path, None)
        elif path not in self.full:
            self.security[path] = obj

    def run(self, moved=()):
        """Reindex; what lies in or below the paths ``moved`` was renamed in this transaction and is
        indexed completely at its new path anyway. Returns the number of objects reindexed."""
        catalog = _catalog()
        every_index = list(catalog.indexes())
        text_indexes = [name for name in TEXT_INDEXES if name in every_index]
        count = 0
        for full, objects in ((True, self.full), (False, self.security)):
            for obj in objects.values():
                path = "/".join(obj.getPhysicalPath())  # after a rename above it: the new path
                if any(path == top or path.startswith(top + "/") for top in moved):
                    continue
                if full:
                    obj.reindexObject(idxs=every_index if IRepresentative.providedBy(obj) else text_indexes)
                else:
                    # As Plone's reindexObjectSecurity does: the metadata does not change.
                    catalog.reindexObject(obj, idxs=["allowedRolesAndUsers"], update_metadata=0)
                count += 1
        return count


def _retitle_replies(thread, old_title, reindex):
    """Posts are titled after their thread ("Re: <thread>"); follow the thread's scrubbed title."""
    old, new = f"Re: {old_title}", f"Re: {thread.Title()}"
    for brain in _search(path={"query": "/".join(thread.getPhysicalPath()), "depth": 1}, portal_type="Post"):
        if brain.Title == old:
            post = brain._unrestrictedGetObject()
            post.title = new
            reindex.add(post)


def _drop_old_path(obj, slugs):
    """CMFCore's indexing queue wraps an object it unindexes in a proxy that stores the old path on
    the object itself (``_old_path``, Products.CMFCore.indexing.PathProxy); after a rename that is the
    old id, the person's name. The queue has no use for it once processed."""
    base = aq_base(obj)
    old = base.__dict__.get("_old_path")
    if old and _names_in_path("/".join(old), slugs):
        del base._old_path
        return True
    return False


def _anonymise_user_content(user_id, scrubber, reindex):
    """Everything the user created or holds local roles on: their content loses their name, the rest
    loses their roles. Returns the paths of their own objects."""
    own = {}
    for brain in _search(Creator=user_id):
        own[brain.getPath()] = brain
    objects = {path: brain._unrestrictedGetObject() for path, brain in own.items()}
    for brain in _search(allowedRolesAndUsers=f"user:{user_id}"):
        if brain.getPath() not in objects:
            objects[brain.getPath()] = brain._unrestrictedGetObject()
    for path, obj in _containers():
        if path not in objects and obj.get_local_roles_for_userid(user_id):
            objects[path] = obj
    mine_paths = []
    for path, obj in objects.items():
        if IRepresentative.providedBy(obj) and obj.user_id == user_id:
            continue  # records are handled by _anonymise_record
        mine = path in own or "Owner" in obj.get_local_roles_for_userid(user_id)
        if mine:
            mine_paths.append(path)
            _drop_old_path(obj, _slugs(scrubber))
            old_title = obj.Title()
            _scrub_fields(obj, scrubber)
            if obj.portal_type == "Thread" and obj.Title() != old_title:
                _retitle_replies(obj, old_title, reindex)
            hidden = IAnnotations(obj).get(REASON_KEY)
            if hidden and isinstance(hidden.get("reason"), str):
                IAnnotations(obj)[REASON_KEY] = {**hidden, "reason": scrubber.text(hidden["reason"])}
        _forget_comment_author(obj, user_id, scrubber)
        _forget_principal(obj, user_id)
        _scrub_workflow_history(obj, user_id, scrubber)
        # Their own objects change in texts and Creator; below them (posts in their thread) only the
        # roles they inherited from the user change.
        reindex.add(obj, full=mine)
    return mine_paths


def _forget_comment_author(obj, user_id, scrubber):
    """A comment of plone.app.discussion (should a site enable them) keeps its author's data itself."""
    base = aq_base(obj)
    if getattr(base, "author_username", None) != user_id:
        return
    obj.author_username = None
    obj.author_name = ANONYMOUS_NAME
    obj.author_email = None
    if getattr(base, "creator", None) == user_id:
        obj.creator = ANONYMOUS_PRINCIPAL
    if isinstance(getattr(base, "text", None), str):
        obj.text = scrubber.text(obj.text)


def _anonymise_supports(user_id):
    """Each support of the user is kept (municipality, date) under a random token of its own."""
    count = 0
    for brain in _search(portal_type="ExchangeProposal"):
        store = support_storage(brain._unrestrictedGetObject(), create=False)
        if store is None or user_id not in store:
            continue
        record = store.remove(user_id)
        token = f"{ANONYMOUS_NAME} ({secrets.token_hex(4)})"
        while token in store:
            token = f"{ANONYMOUS_NAME} ({secrets.token_hex(4)})"
        store.add(
            token, record.get("municipality"), when=datetime.fromisoformat(record["date"]), anonymised=True
        )
        count += 1
    return count


def _anonymise_moderation(user_id, scrubber, reindex):
    """Hiding notes (and the hidden posts' workflow history) that name the user as the moderator."""
    count = 0
    for _brain, post, note in _moderated_by(user_id):
        IAnnotations(post)[REASON_KEY] = {**note, "moderator": ANONYMOUS_PRINCIPAL}
        _scrub_workflow_history(post, user_id, scrubber)
        reindex.add(post, full=False)
        count += 1
    return count


def _anonymise_attributions(scrubber, reindex):
    """The "<strong>Name</strong>:" above quotes of the person in others' posts and threads."""
    count = 0
    brains = {}
    for name in scrubber.names:
        for brain in _phrase_search(name, portal_type=["Post", "Thread"]):
            brains[brain.getPath()] = brain
    for brain in brains.values():
        obj = brain._unrestrictedGetObject()
        text = getattr(aq_base(obj), "text", None)
        if isinstance(text, RichTextValue):
            new = scrubber.value(text, scrubber.attribution)
            if new is not text:
                obj.text = new
                reindex.add(obj)
                count += 1
    return count


def _phrase_search(phrase, **query):
    words = [word for word in re.split(r"[^\w@.+-]+", phrase) if word]
    if not words:
        return []
    try:
        return _search(SearchableText='"' + " ".join(words) + '"', **query)
    except Exception:  # ZCTextIndex refuses some queries (a lone stop word, odd characters)
        return []


def _mentions(scrubber):
    """Catalog entries whose text still contains the person's name, e-mail address or user id: others
    wrote it (texts of others are not rewritten), so the editors decide."""
    urls = set()
    for phrase in (*scrubber.names, *scrubber.emails, *scrubber.ids):
        for brain in _phrase_search(phrase):
            urls.add(brain.getURL())
    return sorted(urls)


def _versioned(objects):
    """The URLs of those of ``objects`` that CMFEditions keeps versions of (which hold the old texts)."""
    repository = api.portal.get_tool("portal_repository")
    found = []
    for obj in objects:
        if not repository.isVersionable(obj):
            continue
        try:
            history = repository.getHistoryMetadata(obj)
        except Exception:
            history = None
        if history and history.getLength(countPurged=False):
            found.append(obj.absolute_url())
    return found


def may_anonymise(record):
    return api.user.has_permission(ANONYMISE_REPRESENTATIVE, obj=record)


def is_anonymised(record):
    return ANONYMISED_KEY in IAnnotations(record)


def records_to_anonymise(record):
    """The records that are anonymised together with ``record``: it, and the other records naming the
    same user account (all must be former, and the caller must be allowed to anonymise each).

    Raises an :class:`AnonymisationRefused` saying why not."""
    if not may_anonymise(record):
        raise NotAllowedToAnonymise()
    if is_anonymised(record):
        raise AlreadyAnonymised()
    if _state(record) != "former":
        raise NotFormer()
    records = [record]
    user_id = record.user_id
    if not user_id:
        return records
    own_path = "/".join(record.getPhysicalPath())
    others = [
        brain
        for brain in _search(portal_type="Representative", representative_user_id=user_token(user_id))
        if brain.getPath() != own_path
    ]
    current = [brain for brain in others if brain.review_state != "former"]
    if current:
        raise StillLinked(count=len(current))
    for brain in others:
        other = brain._unrestrictedGetObject()
        if not may_anonymise(other):
            raise OtherRecordNotAllowed(municipality=brain.municipality_title or "")
        records.append(other)
    return records


def _anonymise_record(record, user_id, scrubber, reindex, actor):
    lockable = ILockable(record, None)
    if lockable is not None and lockable.locked():
        lockable.clear_locks()
    record.salutation = None
    record.academic_title = None
    record.first_name = ANONYMOUS_FIRST_NAME
    record.last_name = ANONYMOUS_LAST_NAME
    record.party = None
    record.committees = []
    record.function = None
    record.topics = []
    record.email = None
    record.phone = None
    record.contact_visibility = contact.HIDDEN
    record.consent_date = None
    record.user_id = None
    record.oparl_id = None
    if getattr(aq_base(record), "description", None):
        record.description = ""
    apply_contact_visibility(record)
    _scrub_workflow_history(record, user_id, scrubber)
    _forget_principal(record, user_id)
    IAnnotations(record)[ANONYMISED_KEY] = {"date": _now(), "by": actor}
    # The user leaves the Region's members group (the record named them until now).
    sync_representative(record)
    record.setModificationDate()
    with api.env.adopt_roles(["Manager"]):
        # The old id is the person's name, and it is in every URL of the record.
        record = api.content.rename(obj=record, new_id=ANONYMOUS_ID, safe_id=True)
    reindex.add(record)
    return record


def _slugs(scrubber):
    """How the person's names, addresses and ids look in ids made from titles (``annegret-quarkfeld``)."""
    slugs = {make_id(text, max_length=200) for text in (*scrubber.names, *scrubber.emails)}
    return {slug for slug in slugs | set(scrubber.ids) if slug}


def _names_in_path(path, slugs):
    return any(f"-{slug}-" in f"-{part}-" for part in path.split("/") for slug in slugs)


def _rename_named_content(paths, slugs):
    """Their own content whose id was made from a title with their name ("frage-von-anna-beispiel")
    gets an id from its anonymised title; returns the new paths."""
    portal = api.portal.get()
    renamed = []
    # The deepest first: renaming a container changes the paths below it.
    for path in sorted(paths, key=lambda path: path.count("/"), reverse=True):
        obj = portal.unrestrictedTraverse(path, None)
        if obj is None or not _names_in_path(obj.getId(), slugs):
            continue
        new_id = make_id(obj.Title())
        if not new_id or _names_in_path(new_id, slugs):
            new_id = ANONYMOUS_ID
        with api.env.adopt_roles(["Manager"]):
            obj = api.content.rename(obj=obj, new_id=new_id, safe_id=True)
        renamed.append("/".join(obj.getPhysicalPath()))
    return renamed


def _forget_redirects(paths, slugs, every=False):
    """plone.app.redirector remembers old URLs (of a renamed object and of everything below it) to
    redirect them; an old URL with the person's name would keep the name and tell which anonymised
    object was theirs. Those are removed (``every``: all old URLs of these objects). Returns the
    number of redirects removed."""
    redirects = queryUtility(IRedirectionStorage)
    if redirects is None:
        return 0
    removed = 0
    for path in paths:
        below = [brain.getPath() for brain in _search(path={"query": path})] or [path]
        for new_path in below:
            for old_path in list(redirects.redirects(new_path)):
                if every or _names_in_path(old_path, slugs):
                    redirects.remove(old_path)
                    removed += 1
    return removed


def anonymise_representative(record):
    """Anonymise the former representative of ``record`` (see the module's docstring); returns a report
    that names nobody: ``{"record": the renamed record, "records": n, "content": n, "renamed": n,
    "supports": n, "moderation": n, "attributions": n, "reindexed": n, "redirects_removed": n,
    "mentions": [url], "versioned": [url]}``.

    Raises an :class:`AnonymisationRefused` when the caller may not or the record is not former."""
    records = records_to_anonymise(record)
    user_id = record.user_id or None
    account = api.user.get(userid=user_id) if user_id else None
    fullname = account.getProperty("fullname", None) if account is not None else None
    names, emails, ids = set(), set(), set()
    for item in records:
        names |= _name_variants(item, fullname)
        emails.add(item.email)
    if account is not None:
        emails.add(account.getProperty("email", None))
        ids.add(account.getUserName())
    ids.add(user_id)
    scrubber = Scrubber(names, emails - {None}, ids - {None})
    actor = api.user.get_current().getId()
    reindex = _Reindex()

    own, supports, moderation = [], 0, 0
    if user_id:
        own = _anonymise_user_content(user_id, scrubber, reindex)
        supports = _anonymise_supports(user_id)
        moderation = _anonymise_moderation(user_id, scrubber, reindex)
    attributions = _anonymise_attributions(scrubber, reindex)
    anonymised = [_anonymise_record(item, user_id, scrubber, reindex, actor) for item in records]
    slugs = _slugs(scrubber)
    renamed = _rename_named_content(own, slugs)
    record_paths = ["/".join(item.getPhysicalPath()) for item in anonymised]
    # A rename indexes the object and everything below it completely at the new path.
    reindexed = reindex.run(moved=record_paths + renamed)
    processQueue()
    for path in record_paths + renamed:
        for brain in _search(path={"query": path}):
            _drop_old_path(brain._unrestrictedGetObject(), slugs)
    versioned = _versioned(reindex.full.values())
    redirects = _forget_redirects(record_paths, slugs, every=True) + _forget_redirects(renamed, slugs)
    return {
        "record": anonymised[0],
        "records": len(anonymised),
        "content": len(own),
        "renamed": len(renamed),
        "supports": supports,
        "moderation": moderation,
        "attributions": attributions,
        "reindexed": reindexed,
        "redirects_removed": redirects,
        "mentions": _mentions(scrubber),
        "versioned": versioned,
    }
