"""The path of an exchange proposal: what ``@timeline`` answers and the proposal page shows.

One answer for whoever may view the proposal, built from

* the workflow history: each state the proposal went through, with its date and the transition that
  led there; only the decisions' texts (regionaustausch.decisions: accept, reject, withdraw, realise
  anyway), with the role and name of who decided, never the comments of the other transitions (they
  are the editors' own) nor who took them;
* the supports: the first support and the support with which the quorum was reached, derived from
  the support records' dates and the Region's rule (domain.timeline), without naming supporters;
* the meetings it led to (its items, as the caller may see them);
* the status changes of its required resolutions (regionaustausch.resolutions).

Entries are sorted by date (domain.timeline.in_order); each has ``type``, ``date`` (ISO 8601) and what
its type says.
"""

from datetime import datetime
from datetime import time
from datetime import timezone
from plone import api
from regionaustausch.content.region import find_region
from regionaustausch.decisions import decision_records
from regionaustausch.decisions import iso
from regionaustausch.decisions import latest_decision
from regionaustausch.decisions import public_decision
from regionaustausch.domain import timeline as rules
from regionaustausch.domain.quorum import QuorumRule
from regionaustausch.resolutions import entries as resolution_entries
from regionaustausch.resolutions import municipality_refs
from regionaustausch.supports import storage as support_storage
from zope.component import getUtility
from zope.i18n import translate
from zope.schema.interfaces import IVocabularyFactory


def _translate(message, request, domain="plone"):
    return translate(message, domain=domain, context=request) if message else message


def _when(value):
    """An ISO date or date-time as an aware ``datetime`` (a date at the start of its day, UTC)."""
    if len(value) == 10:
        return datetime.combine(datetime.fromisoformat(value).date(), time(0), tzinfo=timezone.utc)
    parsed = datetime.fromisoformat(value)
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=timezone.utc)


def _workflow(proposal):
    workflows = api.portal.get_tool("portal_workflow").getWorkflowsFor(proposal)
    return workflows[0] if workflows else None


def state_entries(proposal, request):
    """One entry per state the proposal went through (the workflow history), with the decision texts."""
    workflow = _workflow(proposal)
    if workflow is None:
        return []
    history = (getattr(proposal, "workflow_history", None) or {}).get(workflow.getId(), ())
    decisions = {(record["transition"], record["date"]): record for record in decision_records(proposal)}
    entries = []
    for item in history:
        state = item.get("review_state")
        action = item.get("action")
        date = iso(item["time"])
        state_def = workflow.states.get(state)
        transition = workflow.transitions.get(action) if action else None
        entries.append(
            {
                "type": rules.STATE,
                "date": date,
                "state": state,
                "title": _translate(state_def.title if state_def else state, request),
                "transition": action,
                "transition_title": _translate(transition.title, request) if transition else None,
                "decision": public_decision(proposal, decisions.get((action, date)), request),
            }
        )
    return entries


def support_entries(proposal):
    """The first support and the support that reached the quorum, as entries (no supporters named)."""
    store = support_storage(proposal, create=False)
    records = store.records() if store is not None else []
    region = find_region(proposal)
    rule = region.quorum_rule() if region is not None else QuorumRule()
    milestones = rules.support_milestones(records, rule)
    entries = []
    first = milestones[rules.FIRST_SUPPORT]
    if first is not None:
        entries.append({"type": rules.FIRST_SUPPORT, "date": first["date"]})
    reached = milestones[rules.QUORUM_REACHED]
    if reached is not None:
        entries.append(
            {
                "type": rules.QUORUM_REACHED,
                "date": reached["date"],
                "supports": rule.supports,
                "municipalities": rule.municipalities,
            }
        )
    return entries


def meeting_entries(proposal, request):
    """The meetings the proposal led to, as the caller may see them (catalog, nobody woken)."""
    brains = api.content.find(
        portal_type="Meeting",
        path={"query": "/".join(proposal.getPhysicalPath()), "depth": 1},
        sort_on="start",
    )
    tool = api.portal.get_tool("portal_workflow")
    return [
        {
            "type": rules.MEETING,
            "date": iso(brain.start),
            "end": iso(brain.end) if brain.end else None,
            "@id": brain.getURL(),
            "title": brain.Title,
            "location": brain.location or None,
            "state": brain.review_state,
            "state_title": _translate(tool.getTitleForStateOnType(brain.review_state, "Meeting"), request),
        }
        for brain in brains
        if brain.start
    ]


def _term_title(name, context, value, request):
    vocabulary = getUtility(IVocabularyFactory, name=name)(context)
    try:
        title = vocabulary.getTerm(value).title
    except LookupError:
        return value
    return translate(title, context=request)


def resolution_entries_of(proposal, request):
    """The recorded status changes of the required resolutions, with the municipalities named."""
    changes = resolution_entries(proposal)
    refs = municipality_refs(change["municipality"] for change in changes)
    statuses = "regionaustausch.resolution_statuses"
    return [
        {
            "type": rules.RESOLUTION,
            "date": change["date"],
            "municipality": refs.get(change["municipality"]),
            "body": change["body"],
            "kind": change["kind"],
            "kind_title": _term_title("regionaustausch.resolution_kinds", proposal, change["kind"], request),
            "old_status": change["old_status"],
            "new_status": change["new_status"],
            "status_title": _term_title(statuses, proposal, change["new_status"], request),
            "source": change["source"],
        }
        for change in changes
    ]


def timeline(proposal, request):
    """``{"@id", "state": {"id", "title"}, "decision", "items": [...]}``: the path of ``proposal``
    (see the module's docstring), ``decision`` the latest one (or ``None``)."""
    items = [
        *state_entries(proposal, request),
        *support_entries(proposal),
        *meeting_entries(proposal, request),
        *resolution_entries_of(proposal, request),
    ]
    for item in items:
        item["when"] = _when(item["date"])
    ordered = rules.in_order(items)
    for item in ordered:
        del item["when"]
    state = api.content.get_state(proposal, default=None)
    tool = api.portal.get_tool("portal_workflow")
    return {
        "@id": f"{proposal.absolute_url()}/@timeline",
        "state": {
            "id": state,
            "title": _translate(tool.getTitleForStateOnType(state, proposal.portal_type), request),
        },
        "decision": latest_decision(proposal, request),
        "items": ordered,
    }
