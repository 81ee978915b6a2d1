"""The quorum: N supports from M distinct municipalities."""

from regionaustausch.domain import quorum
from regionaustausch.domain.errors import Problem
from regionaustausch.domain.errors import RuleViolation
from regionaustausch.domain.quorum import QuorumRule
from regionaustausch.domain.quorum import QuorumState
from regionaustausch.domain.quorum import acceptance_problems
from regionaustausch.domain.quorum import count_records
from regionaustausch.domain.quorum import evaluate
from regionaustausch.domain.quorum import evaluate_records
import dataclasses
import json
import pytest


def test_default_rule_is_five_from_three():
    rule = QuorumRule()
    assert (rule.supports, rule.municipalities) == (5, 3)


@pytest.mark.parametrize(("supports", "municipalities"), [(1, 1), (5, 3), (5, 5), (100, 1), (1000, 999)])
def test_valid_rules(supports, municipalities):
    rule = QuorumRule(supports=supports, municipalities=municipalities)
    assert (rule.supports, rule.municipalities) == (supports, municipalities)


@pytest.mark.parametrize(
    ("supports", "municipalities", "field", "msgid"),
    [
        (0, 1, "quorum_supports", quorum.MSG_RULE_SUPPORTS),
        (-1, 1, "quorum_supports", quorum.MSG_RULE_SUPPORTS),
        (None, 1, "quorum_supports", quorum.MSG_RULE_SUPPORTS),
        ("5", 3, "quorum_supports", quorum.MSG_RULE_SUPPORTS),
        (5.0, 3, "quorum_supports", quorum.MSG_RULE_SUPPORTS),
        (True, 1, "quorum_supports", quorum.MSG_RULE_SUPPORTS),
        (5, 0, "quorum_municipalities", quorum.MSG_RULE_MUNICIPALITIES),
        (5, -3, "quorum_municipalities", quorum.MSG_RULE_MUNICIPALITIES),
        (5, "3", "quorum_municipalities", quorum.MSG_RULE_MUNICIPALITIES),
        (5, False, "quorum_municipalities", quorum.MSG_RULE_MUNICIPALITIES),
        (3, 5, "quorum_municipalities", quorum.MSG_RULE_MORE_MUNICIPALITIES_THAN_SUPPORTS),
        (1, 2, "quorum_municipalities", quorum.MSG_RULE_MORE_MUNICIPALITIES_THAN_SUPPORTS),
    ],
)
def test_invalid_rules(supports, municipalities, field, msgid):
    with pytest.raises(RuleViolation) as info:
        QuorumRule(supports=supports, municipalities=municipalities)
    assert info.value.field == field
    assert info.value.msgid == msgid


def test_rule_names_both_numbers_when_municipalities_exceed_supports():
    with pytest.raises(RuleViolation) as info:
        QuorumRule(supports=3, municipalities=5)
    assert info.value.mapping == {"municipalities": 5, "supports": 3}
    assert str(info.value) == (
        "The number of municipalities needed (5) cannot be larger than the number of supports needed (3)."
    )


def test_rule_is_frozen():
    rule = QuorumRule()
    with pytest.raises(dataclasses.FrozenInstanceError):
        rule.supports = 1


@pytest.mark.parametrize(
    ("supports", "municipalities", "expected"),
    [(None, None, (5, 3)), (7, None, (7, 3)), (None, 2, (5, 2)), (4, 4, (4, 4))],
)
def test_rule_from_settings(supports, municipalities, expected):
    rule = QuorumRule.from_settings(supports, municipalities)
    assert (rule.supports, rule.municipalities) == expected


def test_rule_from_settings_still_validates():
    with pytest.raises(RuleViolation):
        QuorumRule.from_settings(0, None)


@pytest.mark.parametrize(
    ("supports", "municipalities", "met", "missing"),
    [
        (0, 0, False, [{"kind": "supports", "needed": 5}, {"kind": "municipalities", "needed": 3}]),
        (4, 3, False, [{"kind": "supports", "needed": 1}]),
        (5, 2, False, [{"kind": "municipalities", "needed": 1}]),
        (9, 1, False, [{"kind": "municipalities", "needed": 2}]),
        (5, 3, True, []),
        (7, 3, True, []),
        (12, 8, True, []),
    ],
)
def test_evaluate_default_rule(supports, municipalities, met, missing):
    state = evaluate(supports, municipalities, QuorumRule())
    assert state.met is met
    assert [dict(item) for item in state.missing] == missing
    assert (state.supports, state.municipalities) == (supports, municipalities)


def test_evaluate_without_rule_uses_the_default():
    assert evaluate(5, 3).rule == QuorumRule()
    assert evaluate(5, 3, None).met


@pytest.mark.parametrize(
    ("supports", "municipalities"),
    [(-1, 0), (0, -1), (1.5, 1), ("3", 1), (None, 0), (True, 1), (3, False)],
)
def test_evaluate_refuses_impossible_counts(supports, municipalities):
    with pytest.raises(ValueError, match="whole number"):
        evaluate(supports, municipalities, QuorumRule())


def test_as_dict_shows_the_rule_thresholds():
    state = evaluate(7, 3, QuorumRule(5, 3))
    assert state.as_dict() == {"supports": 5, "municipalities": 3, "met": True, "missing": []}
    state = evaluate(3, 1, QuorumRule(5, 3))
    data = state.as_dict()
    assert data == {
        "supports": 5,
        "municipalities": 3,
        "met": False,
        "missing": [{"kind": "supports", "needed": 2}, {"kind": "municipalities", "needed": 2}],
    }
    assert json.loads(json.dumps(data)) == data
    data["missing"][0]["needed"] = 99  # a copy: the state does not change
    assert state.missing[0]["needed"] == 2


@pytest.mark.parametrize(
    ("supports", "municipalities", "rule", "expected"),
    [
        (0, 0, QuorumRule(5, 3), {"supports": 0.0, "municipalities": 0.0, "total": 0.0}),
        (5, 3, QuorumRule(5, 3), {"supports": 1.0, "municipalities": 1.0, "total": 1.0}),
        (10, 9, QuorumRule(5, 3), {"supports": 1.0, "municipalities": 1.0, "total": 1.0}),
        (4, 1, QuorumRule(4, 2), {"supports": 1.0, "municipalities": 0.5, "total": 5 / 6}),
        (2, 2, QuorumRule(4, 2), {"supports": 0.5, "municipalities": 1.0, "total": 4 / 6}),
        (1, 1, QuorumRule(1, 1), {"supports": 1.0, "municipalities": 1.0, "total": 1.0}),
    ],
)
def test_progress(supports, municipalities, rule, expected):
    progress = evaluate(supports, municipalities, rule).progress()
    assert progress == pytest.approx(expected)
    assert all(0.0 <= value <= 1.0 for value in progress.values())


@pytest.mark.parametrize(("supports", "municipalities"), [(0, 0), (4, 3), (5, 2), (5, 3), (6, 4), (1, 1)])
def test_total_progress_is_one_exactly_when_met(supports, municipalities):
    state = evaluate(supports, municipalities, QuorumRule(5, 3))
    assert (state.progress()["total"] == 1.0) is state.met


@pytest.mark.parametrize(
    ("supports", "municipalities", "expected"),
    [
        (5, 3, []),
        (4, 3, ["1 more support is needed for the quorum."]),
        (2, 3, ["3 more supports are needed for the quorum."]),
        (5, 2, ["Supports from 1 more municipality are needed for the quorum."]),
        (5, 0, ["Supports from 3 more municipalities are needed for the quorum."]),
        (
            0,
            0,
            [
                "5 more supports are needed for the quorum.",
                "Supports from 3 more municipalities are needed for the quorum.",
            ],
        ),
    ],
)
def test_messages(supports, municipalities, expected):
    messages = evaluate(supports, municipalities, QuorumRule(5, 3)).messages()
    assert [str(message) for message in messages] == expected
    assert all(isinstance(message, Problem) for message in messages)


def test_message_msgids_are_stable():
    supports, municipalities = evaluate(0, 0, QuorumRule(5, 3)).messages()
    assert supports == (quorum.MSG_MISSING_SUPPORTS, {"needed": 5})
    assert municipalities == (quorum.MSG_MISSING_MUNICIPALITIES, {"needed": 3})
    one_support, one_municipality = evaluate(4, 2, QuorumRule(5, 3)).messages()
    assert one_support.msgid == quorum.MSG_MISSING_SUPPORT
    assert one_municipality.msgid == quorum.MSG_MISSING_MUNICIPALITY


def _records(*municipalities):
    return [{"user_id": f"user{index}", "municipality": value} for index, value in enumerate(municipalities)]


@pytest.mark.parametrize(
    ("records", "expected"),
    [
        ([], (0, 0)),
        (_records("bs", "bs", "wob"), (3, 2)),
        (_records("bs", None, "", "  "), (4, 1)),
        (_records(None, None), (2, 0)),
        ([{"user_id": "x"}], (1, 0)),  # no municipality key at all
        (_records("bs", "wob", "sz", "gf", "gs"), (5, 5)),
        (_records("bs", " bs "), (2, 1)),
    ],
)
def test_count_records(records, expected):
    assert count_records(records) == expected


def test_evaluate_records():
    state = evaluate_records(_records("bs", "bs", "wob", "sz", None), QuorumRule(5, 3))
    assert state.met
    assert (state.supports, state.municipalities) == (5, 3)
    state = evaluate_records(iter(_records("bs", "bs", "bs", "bs", "bs", "bs")), QuorumRule(5, 3))
    assert not state.met
    assert state.missing == ({"kind": "municipalities", "needed": 2},)
    assert evaluate_records([]).rule == QuorumRule()


def test_state_is_a_frozen_value():
    state = evaluate(1, 1, QuorumRule())
    assert isinstance(state, QuorumState)
    assert state == evaluate(1, 1, QuorumRule())
    with pytest.raises(dataclasses.FrozenInstanceError):
        state.met = True


@pytest.mark.parametrize(
    ("supports", "municipalities", "lead", "expected"),
    [
        (5, 3, "Stadt Braunschweig", []),
        (5, 3, " Allianz für die Region ", []),
        (5, 3, None, [quorum.MSG_NO_LEAD_ORGANISER]),
        (5, 3, "", [quorum.MSG_NO_LEAD_ORGANISER]),
        (5, 3, "   ", [quorum.MSG_NO_LEAD_ORGANISER]),
        (4, 3, "Stadt Braunschweig", [quorum.MSG_MISSING_SUPPORT]),
        (
            0,
            0,
            None,
            [quorum.MSG_MISSING_SUPPORTS, quorum.MSG_MISSING_MUNICIPALITIES, quorum.MSG_NO_LEAD_ORGANISER],
        ),
    ],
)
def test_acceptance_problems(supports, municipalities, lead, expected):
    problems = acceptance_problems(evaluate(supports, municipalities, QuorumRule(5, 3)), lead)
    assert [msgid for msgid, _mapping in problems] == expected
