"""What replaces a person in one object: their names, e-mail addresses and user ids in texts, their id
as a principal (creators, workflow ``actor``, local roles, ownership, locks).

The stand-ins: who wrote an anonymised post is ``"ehemaliges Mitglied"`` (:data:`ANONYMOUS_PRINCIPAL`,
in ``creators`` and the catalog's ``Creator``). That string cannot be a user id (Plone's user ids have
no spaces), so nobody can register as it and appear as the author of these posts, and a user interface
that shows a creator's full name when it knows the user shows the string itself. Workflow history
entries (``actor``) and moderation notes (``moderator``) use the same stand-in.
"""

from Acquisition import aq_base
from collections.abc import Mapping
from plone.app.textfield.interfaces import IRichText
from plone.app.textfield.value import RichTextValue
from plone.dexterity.interfaces import IDexterityContent
from plone.dexterity.utils import iterSchemata
from plone.locking.interfaces import ILockable
from regionaustausch.content.exchange_proposal import IExchangeProposal
from regionaustausch.decisions import forget_actor as forget_decision_actor
from regionaustausch.domain.names import representative_title
from regionaustausch.domain.representatives import SALUTATION_WORDS
from regionaustausch.privacy.common import workflow_entries
from zope.schema import getFieldsInOrder
from zope.schema.interfaces import IChoice
from zope.schema.interfaces import ICollection
from zope.schema.interfaces import IText
import html
import re


#: What replaces the person's name in texts.
ANONYMOUS_NAME = "ehemaliges Mitglied"
#: What replaces the user id where a principal is expected (creators, workflow ``actor``, moderator).
ANONYMOUS_PRINCIPAL = ANONYMOUS_NAME
#: What replaces an e-mail address or a user id in texts.
REDACTED = "[entfernt]"
#: The id an anonymised record (or content whose id had the name) is renamed to; the container makes
#: it unique (``-1``, ``-2``, ...).
ANONYMOUS_ID = "ehemaliges-mitglied"

#: Fields whose values are principals or ids, never scrubbed as text (creators are replaced as a whole).
_NOT_TEXT_FIELDS = frozenset({"id", "creators"})


def clean(value):
    return " ".join(str(value or "").split())


def name_variants(record, fullname=None):
    """The ways the person's name is written: "Anna Beispiel", "Dr. Anna Beispiel", "Beispiel, Anna",
    "Frau Dr. Beispiel", "Frau Beispiel", "Dr. Beispiel", and the account's full name."""
    first, last = clean(record.first_name), clean(record.last_name)
    academic = clean(getattr(record, "academic_title", None))
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
            if clean(prefix):
                variants.add(f"{clean(prefix)} {last}")
    if fullname and len(clean(fullname).split()) > 1:
        variants.add(clean(fullname))
    # A single word ("Beispiel") is not replaced: it may be a common word, and in others' texts it
    # cannot be told from another person of that name.
    return {variant for variant in variants if len(variant.split()) > 1}


class Scrubber:
    """Replaces a person's names, e-mail addresses and user ids in texts (plain or HTML)."""

    def __init__(self, names=(), emails=(), ids=()):
        self.names = sorted({clean(name) for name in names if clean(name)}, key=len, reverse=True)
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


def scrub_fields(obj, scrubber):
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


def scrub_workflow_history(obj, user_id, scrubber):
    """Replace the user as ``actor`` and the person in the ``comments`` of every workflow history
    entry of ``obj``, and in the decisions kept of a proposal's transitions (regionaustausch.decisions);
    returns the number of entries changed."""
    changed = 0
    if IExchangeProposal.providedBy(obj):
        changed += forget_decision_actor(obj, user_id, ANONYMOUS_PRINCIPAL, scrubber.text)
    history = getattr(aq_base(obj), "workflow_history", None)
    if not history:
        return changed
    for workflow_id, entries in list(history.items()):
        new_entries = []
        for entry in entries:
            new = dict(entry)
            if user_id and new.get("actor") == user_id:
                new["actor"] = ANONYMOUS_PRINCIPAL
            if isinstance(new.get("comments"), str):
                new["comments"] = scrubber.text(new["comments"])
            if new != dict(entry):
                changed += 1
            new_entries.append(new)
        if new_entries != [dict(entry) for entry in entries]:
            history[workflow_id] = tuple(new_entries)
    return changed


def acted_on(obj, user_id):
    """Whether ``user_id`` is the ``actor`` of an entry in the workflow history of ``obj``."""
    return any(entry.get("actor") == user_id for entry in workflow_entries(obj))


def forget_principal(obj, user_id):
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


def forget_comment_author(obj, user_id, scrubber):
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
