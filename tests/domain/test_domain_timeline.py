"""The timeline of a proposal: when the supports reached the quorum, and the order of entries."""

from regionaustausch.domain.quorum import QuorumRule
from regionaustausch.domain.timeline import in_order
from regionaustausch.domain.timeline import support_milestones


def support(date, municipality):
    return {
        "user_id": f"u-{date}",
        "municipality": municipality,
        "date": f"2026-03-{date:02d}T10:00:00+00:00",
    }


def test_first_support_and_quorum_reached():
    records = [support(9, "pe"), support(2, "bs"), support(4, "bs"), support(7, None), support(5, "wob")]
    milestones = support_milestones(records, QuorumRule(supports=4, municipalities=3))
    assert milestones["first_support"]["date"] == "2026-03-02T10:00:00+00:00"
    # bs (2nd), bs (4th), wob (5th): 3 supports, 2 municipalities; the 7th without one: 4 and 2;
    # pe on the 9th: 5 supports from 3 municipalities
    assert milestones["quorum_reached"]["date"] == "2026-03-09T10:00:00+00:00"


def test_quorum_not_reached():
    milestones = support_milestones([support(1, "bs"), support(2, " bs ")], QuorumRule(2, 2))
    assert milestones["first_support"]["date"].startswith("2026-03-01")
    assert milestones["quorum_reached"] is None


def test_no_supports():
    assert support_milestones([], QuorumRule()) == {"first_support": None, "quorum_reached": None}


def test_reached_with_the_support_that_meets_both_thresholds():
    records = [support(1, "bs"), support(2, "pe"), support(3, "pe")]
    assert support_milestones(records, QuorumRule(3, 2))["quorum_reached"]["date"].startswith("2026-03-03")
    assert support_milestones(records, QuorumRule(2, 2))["quorum_reached"]["date"].startswith("2026-03-02")


def test_entries_in_order_of_time_then_of_the_path():
    entries = [
        {"type": "meeting", "when": 3},
        {"type": "resolution", "when": 2},
        {"type": "state", "state": "accepted", "when": 2},
        {"type": "quorum_reached", "when": 2},
        {"type": "first_support", "when": 2},
        {"type": "state", "state": "discussion", "when": 2},
        {"type": "state", "state": "draft", "when": 1},
        {"type": "state", "state": "submitted", "when": 1},
    ]
    assert [(entry["type"], entry.get("state")) for entry in in_order(entries)] == [
        ("state", "draft"),
        ("state", "submitted"),
        ("state", "discussion"),
        ("first_support", None),
        ("quorum_reached", None),
        ("state", "accepted"),
        ("resolution", None),
        ("meeting", None),
    ]
