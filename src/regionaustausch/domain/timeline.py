"""The path of an exchange proposal (its timeline): the types of its entries, and when its supports
reached the quorum.

The timeline is put together by :mod:`regionaustausch.timeline`; what it needs to decide without Zope
is here: the milestones of the supports, derived from the support records' dates and the Region's
quorum rule (domain.quorum), and the order of the entries.
"""

from regionaustausch.domain.proposals import DISCUSSION
from regionaustausch.domain.proposals import STATES
from regionaustausch.domain.quorum import count_records
from regionaustausch.domain.quorum import evaluate


#: The types of timeline entries.
STATE = "state"
FIRST_SUPPORT = "first_support"
QUORUM_REACHED = "quorum_reached"
MEETING = "meeting"
RESOLUTION = "resolution"
TYPES = (STATE, FIRST_SUPPORT, QUORUM_REACHED, MEETING, RESOLUTION)


def support_milestones(records, rule):
    """``{"first_support": record or None, "quorum_reached": record or None}`` of support records.

    ``records`` are the supports as they are now (withdrawn ones are gone), each a mapping with
    ``date`` (sortable, e.g. ISO 8601 in UTC) and ``municipality``; ``rule`` a domain.quorum
    ``QuorumRule``. The quorum is reached with the support after which the supports so far, counted as
    the rule counts them, meet it."""
    ordered = sorted(records, key=lambda record: record["date"])
    milestones = {FIRST_SUPPORT: ordered[0] if ordered else None, QUORUM_REACHED: None}
    seen = set()
    for supports, record in enumerate(ordered, start=1):
        # one record at a time, counted as the rule counts them
        _one, counted = count_records([record])
        if counted:
            seen.add(str(record["municipality"]).strip())
        if evaluate(supports, len(seen), rule).met:
            milestones[QUORUM_REACHED] = record
            break
    return milestones


def _rank(entry):
    """Where an entry goes among those of the same moment: the states in the workflow's order (it only
    ever moves forward), the supports right after the discussion opened (they can only come then),
    meetings and resolutions last."""
    kind = entry["type"]
    if kind == STATE:
        state = entry.get("state")
        return 10 * (STATES.index(state) if state in STATES else len(STATES))
    if kind in (FIRST_SUPPORT, QUORUM_REACHED):
        return 10 * STATES.index(DISCUSSION) + (1 if kind == FIRST_SUPPORT else 2)
    return 10 * len(STATES) + TYPES.index(kind)


def in_order(entries):
    """The entries sorted by their ``when`` (any comparable value); entries of the same moment in the
    order of the path (:func:`_rank`); the sort is stable."""
    return sorted(entries, key=lambda entry: (entry["when"], _rank(entry)))
