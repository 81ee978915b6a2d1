"""The decisions on an exchange proposal, as everyone who may see it reads them.

The rules (which transitions are decisions, which need a text, its limits, the role of who decides) are
domain.decisions. Here the decisions are stored and shown: an annotation on the proposal holds a list
of records, oldest first, one per decision taken::

    {"transition": "reject", "state": "rejected", "actor": "<user id>", "role": "Editor",
     "date": "2026-12-01T10:00:00+00:00", "text": "<p>Der Vorschlag ...</p>"}

``date`` is the time DCWorkflow wrote into the workflow history for the same transition (so that the
timeline matches the two). The workflow history has the text as well, but only editors may read it;
the records are what the proposal page, its REST serialization (``decision``) and ``@timeline`` show,
with the role and the name of who decided (their record in the Region's directory, or their account's
full name), never their user id or e-mail address.
"""

from AccessControl.SecurityManagement import getSecurityManager
from datetime import timezone
from persistent.list import PersistentList
from plone import api
from regionaustausch import _
from regionaustausch.content.region import find_region
from regionaustausch.domain import decisions as rules
from regionaustausch.membership import active_records
from zope.annotation.interfaces import IAnnotations
from zope.i18n import translate


ANNOTATION_KEY = "regionaustausch.decisions"


def _stored(proposal, create=False):
    annotations = IAnnotations(proposal)
    found = annotations.get(ANNOTATION_KEY)
    if found is None and create:
        found = annotations[ANNOTATION_KEY] = PersistentList()
    return found


def decision_records(proposal):
    """The decision records of ``proposal``, oldest first (copies)."""
    return [dict(record) for record in _stored(proposal) or ()]


def latest_record(proposal):
    """The latest decision record, or ``None``."""
    stored = _stored(proposal)
    return dict(stored[-1]) if stored else None


def iso(value):
    """A ``DateTime`` or aware ``datetime`` as ISO 8601 in UTC, to the second."""
    if hasattr(value, "asdatetime"):
        value = value.asdatetime()
    return value.astimezone(timezone.utc).isoformat(timespec="seconds")


def add_record(proposal, transition, state, actor, role, date, text):
    """Store a decision; ``date`` a ``DateTime`` or aware ``datetime``. Returns the record."""
    record = {
        "transition": transition,
        "state": state,
        "actor": actor,
        "role": role,
        "date": iso(date),
        "text": text or "",
    }
    _stored(proposal, create=True).append(record)
    return dict(record)


def record_transition(proposal, event):
    """After a transition of ``proposal`` that is a decision: store it, with the text that the
    workflow's ``before`` handler checked and sanitised, and the role of the current user."""
    transition = event.transition.getId() if event.transition is not None else None
    if not rules.is_decision(transition):
        return None
    user = getSecurityManager().getUser()
    roles = user.getRolesInContext(proposal)
    status = event.status or {}
    return add_record(
        proposal,
        transition,
        event.new_state.getId(),
        status.get("actor") or user.getId(),
        rules.decision_role(transition, roles),
        status.get("time"),
        (event.kwargs or {}).get("comment", ""),
    )


def actor_name(proposal, actor):
    """The name of who decided as the network knows them: their active record in the Region's
    directory, else their account's full name; ``None`` when there is neither (never the user id)."""
    if not actor:
        return None
    region = find_region(proposal)
    if region is not None:
        for brain in active_records(region, actor):
            return brain.Title
    user = api.user.get(userid=actor)
    fullname = user.getProperty("fullname", None) if user is not None else None
    return fullname or None


def role_title(role):
    """The translatable title of a decision role (``None`` for none)."""
    return _(rules.ROLE_TITLES[role]) if role in rules.ROLE_TITLES else None


def public_decision(proposal, record, request):
    """What everyone who may see ``proposal`` reads of a decision record: ``{"transition", "state",
    "date", "text", "role", "role_title", "name"}`` (translated for ``request``); ``None`` for none."""
    if record is None:
        return None
    title = role_title(record.get("role"))
    return {
        "transition": record["transition"],
        "state": record["state"],
        "date": record["date"],
        "text": record.get("text") or "",
        "role": record.get("role"),
        "role_title": translate(title, context=request) if title is not None else None,
        "name": actor_name(proposal, record.get("actor")),
    }


def latest_decision(proposal, request):
    """The latest decision of ``proposal`` as :func:`public_decision` shows it, or ``None``."""
    return public_decision(proposal, latest_record(proposal), request)


def forget_actor(proposal, user_id, replacement, scrub_text=None):
    """Replace ``user_id`` as the actor of the decisions on ``proposal`` by ``replacement`` and pass
    their texts through ``scrub_text`` (anonymisation, regionaustausch.privacy); returns how many
    records changed."""
    stored = _stored(proposal)
    changed = 0
    for index, record in enumerate(stored or ()):
        new = dict(record)
        if user_id and new.get("actor") == user_id:
            new["actor"] = replacement
        if scrub_text is not None and new.get("text"):
            new["text"] = scrub_text(new["text"])
        if new != record:
            stored[index] = new
            changed += 1
    return changed
