"""The overview of a Region's network: what a dashboard shows, in one call.

The REST API (``@network``) and the Classic UI's Region dashboard both call :func:`network_overview`
(or its parts); neither counts or evaluates on its own. Everything comes from the catalog (indexes and
metadata: ``municipality_kind``, ``ags``, ``support_count``, ``supporting_municipalities``,
``last_activity``, ``post_count``, ``start``/``end``), so no object is woken but the Region itself, and
through the catalog's own security: a caller sees only what they may view (drafts only their authors
and editors, internal forums' threads only network members).

The quorum of each proposal is domain.quorum's rule with the Region's thresholds, applied to the
catalog's counts. The catalog learns about a support right after it has committed (see
regionaustausch.supports), so the overview may be a moment behind ``@support``.

Results are plain Python data: ``str``, ``int``, ``float``, ``bool``, ``dict``, ``list``, and
``DateTime`` for points in time (plone.restapi's ``json_compatible`` turns them into ISO 8601, a
template formats them with ``toLocalizedTime``); titles are translated for the request.
"""

from plone import api
from regionaustausch.content.calendar import upcoming_meetings as calendar_upcoming_meetings
from regionaustausch.domain import proposals as proposal_rules
from regionaustausch.domain.quorum import evaluate
from regionaustausch.listing import catalog
from regionaustausch.listing import metadata
from regionaustausch.listing import path_of
from regionaustausch.listing import translated
from regionaustausch.supports import quorum_messages
from regionaustausch.vocabularies import MunicipalityKindsVocabulary
from zope.i18nmessageid import MessageFactory


_plone = MessageFactory("plone")

THREADS = 10
MEETINGS = 10
#: At most this many proposals per review state (the most recently changed); ``proposal_states``
#: has the totals.
PROPOSALS_PER_STATE = 20


def _parent_path(brain):
    return brain.getPath().rsplit("/", 1)[0]


def _link(brain):
    return {"@id": brain.getURL(), "UID": brain.UID, "title": brain.Title}


def municipalities(region, request=None):
    """The Region's municipalities by title, each with its count of active representatives.

    ``[{"@id", "UID", "title", "kind": {"token", "title"} | None, "ags", "representatives": n}]``.
    """
    kinds = {term.value: term.title for term in MunicipalityKindsVocabulary(region)}
    result = []
    for brain in catalog().searchResults(
        portal_type="Municipality", path=path_of(region), sort_on="sortable_title"
    ):
        kind = metadata(brain, "municipality_kind")
        kind_entry = {"token": kind, "title": translated(kinds.get(kind, kind), request)} if kind else None
        count = len(
            catalog().searchResults(
                portal_type="Representative", review_state="active", municipality_uid=brain.UID
            )
        )
        result.append(
            {
                **_link(brain),
                "kind": kind_entry,
                "ags": metadata(brain, "ags"),
                "representatives": count,
            }
        )
    return result


def _state_titles(portal_type, states, request):
    workflow = api.portal.get_tool("portal_workflow")
    return {
        state: translated(_plone(workflow.getTitleForStateOnType(state, portal_type)), request)
        for state in states
    }


def proposal_entry(brain, rule, request=None, state_title=None):
    """A proposal of the overview from its catalog brain; the quorum from the catalog's counts.

    ``{"@id", "UID", "title", "description", "review_state", "review_state_title", "modified",
    "supports", "municipalities", "quorum": {"supports", "municipalities", "met", "missing",
    "messages"}, "progress": {"supports", "municipalities", "total"}}`` (``quorum`` as in ``@support``:
    the thresholds, whether met, what is missing and that as translated sentences; ``progress``: 0.0
    to 1.0 for progress bars).
    """
    supports = int(metadata(brain, "support_count", 0))
    municipalities_count = int(metadata(brain, "supporting_municipalities", 0))
    state = evaluate(supports, municipalities_count, rule)
    quorum = state.as_dict()
    quorum["messages"] = [translated(message, request) for message in quorum_messages(state)]
    return {
        **_link(brain),
        "description": brain.Description or "",
        "review_state": brain.review_state,
        "review_state_title": state_title or brain.review_state,
        "modified": brain.modified,
        "supports": supports,
        "municipalities": municipalities_count,
        "quorum": quorum,
        "progress": state.progress(),
    }


def proposals(region, request=None, per_state=PROPOSALS_PER_STATE, brains=None):
    """The Region's proposals the caller may see, by review state.

    Returns ``(by_state, states)``: ``by_state`` maps each review state (in the order of the
    workflow; states without a visible proposal are left out) to at most ``per_state`` entries of
    :func:`proposal_entry`, the most recently changed first; ``states`` lists ``{"token", "title",
    "total"}`` for the same states, with the number of visible proposals in each.
    """
    if brains is None:
        brains = _proposal_brains(region)
    rule = region.quorum_rule()
    titles = _state_titles("ExchangeProposal", proposal_rules.STATES, request)
    grouped = {}
    for brain in brains:
        grouped.setdefault(brain.review_state, []).append(brain)
    order = [state for state in proposal_rules.STATES if state in grouped]
    order += sorted(state for state in grouped if state not in proposal_rules.STATES)
    by_state = {
        state: [
            proposal_entry(brain, rule, request, titles.get(state)) for brain in grouped[state][:per_state]
        ]
        for state in order
    }
    states = [
        {"token": state, "title": titles.get(state, state), "total": len(grouped[state])} for state in order
    ]
    return by_state, states


def _proposal_brains(region):
    return catalog().searchResults(
        portal_type="ExchangeProposal", path=path_of(region), sort_on="modified", sort_order="descending"
    )


def recent_threads(region, limit=THREADS):
    """The ``limit`` threads of the Region with the most recent activity that the caller may see.

    ``[{"@id", "UID", "title", "forum": {"@id", "UID", "title"} | None, "post_count", "last_activity",
    "pinned", "review_state"}]``, the most recently active first.
    """
    region_path = path_of(region)
    forums = {
        brain.getPath(): _link(brain)
        for brain in catalog().searchResults(portal_type="Forum", path=region_path)
    }
    threads = catalog().searchResults(
        portal_type="Thread",
        path=region_path,
        sort_on="last_activity",
        sort_order="descending",
        sort_limit=limit,
    )
    return [
        {
            **_link(brain),
            "forum": forums.get(_parent_path(brain)),
            "post_count": int(metadata(brain, "post_count", 0)),
            "last_activity": metadata(brain, "last_activity"),
            "pinned": bool(metadata(brain, "pinned", False)),
            "review_state": brain.review_state,
        }
        for brain in threads[:limit]
    ]


def upcoming_meetings(region, limit=MEETINGS, proposal_links=None, municipality_links=None, now=None):
    """The Region's next meetings that have not ended, the next first (content/calendar.py).

    ``[{"@id", "UID", "title", "start", "end", "location", "review_state", "proposal": {"@id", "UID",
    "title"} | None, "host_municipality": {"@id", "UID", "title"} | None}]``; ``proposal`` is
    ``None`` where the caller may not see the proposal.
    """
    if proposal_links is None:
        proposal_links = {brain.getPath(): _link(brain) for brain in _proposal_brains(region)}
    if municipality_links is None:
        municipality_links = {
            brain.UID: _link(brain)
            for brain in catalog().searchResults(portal_type="Municipality", path=path_of(region))
        }
    return [
        {
            **_link(brain),
            "start": metadata(brain, "start"),
            "end": metadata(brain, "end"),
            "location": metadata(brain, "location") or None,
            "review_state": brain.review_state,
            "proposal": proposal_links.get(_parent_path(brain)),
            "host_municipality": municipality_links.get(metadata(brain, "municipality_uid")),
        }
        for brain in calendar_upcoming_meetings(region, now=now, limit=limit)
    ]


def network_overview(region, request=None, now=None):
    """Everything a dashboard of ``region`` shows, as the current user may see it.

    ``{"region": {"@id", "UID", "title", "quorum": {"supports", "municipalities"}},
    "municipalities": [...], "representatives_total": n, "proposals": {state: [...]},
    "proposal_states": [{"token", "title", "total"}], "threads": [...], "meetings": [...]}`` with the
    parts of :func:`municipalities`, :func:`proposals`, :func:`recent_threads` and
    :func:`upcoming_meetings`.
    """
    rule = region.quorum_rule()
    member_municipalities = municipalities(region, request)
    proposal_brains = _proposal_brains(region)
    by_state, states = proposals(region, request, brains=proposal_brains)
    proposal_links = {brain.getPath(): _link(brain) for brain in proposal_brains}
    municipality_links = {
        item["UID"]: {key: item[key] for key in ("@id", "UID", "title")} for item in member_municipalities
    }
    return {
        "region": {
            "@id": region.absolute_url(),
            "UID": api.content.get_uuid(region),
            "title": region.Title(),
            "quorum": {"supports": rule.supports, "municipalities": rule.municipalities},
        },
        "municipalities": member_municipalities,
        "representatives_total": sum(item["representatives"] for item in member_municipalities),
        "proposals": by_state,
        "proposal_states": states,
        "threads": recent_threads(region),
        "meetings": upcoming_meetings(
            region, proposal_links=proposal_links, municipality_links=municipality_links, now=now
        ),
    }
