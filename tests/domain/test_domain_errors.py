"""The error convention: RuleViolation and Problem."""

from regionaustausch.domain.errors import Problem
from regionaustausch.domain.errors import RuleViolation
from regionaustausch.domain.errors import interpolate
import pickle
import pytest


@pytest.mark.parametrize(
    ("msgid", "mapping", "expected"),
    [
        ("Plain sentence.", {}, "Plain sentence."),
        ("${n} more supports are needed.", {"n": 3}, "3 more supports are needed."),
        ("Row ${row}: ${what}.", {"row": 2, "what": "bad"}, "Row 2: bad."),
        ("Also $bare names.", {"bare": "bare"}, "Also bare names."),
        ("Unknown ${name} stays.", {"other": 1}, "Unknown ${name} stays."),
        ("Escaped $${name} stays.", {"name": "x"}, "Escaped $${name} stays."),
        ("Twice ${a} and ${a}.", {"a": "A"}, "Twice A and A."),
        ("No mapping ${a}.", None, "No mapping ${a}."),
    ],
)
def test_interpolate(msgid, mapping, expected):
    assert interpolate(msgid, mapping) == expected


def test_rule_violation_carries_msgid_field_and_mapping():
    exc = RuleViolation("The AGS ${ags} is taken.", field="ags", ags="03101000")
    assert isinstance(exc, ValueError)
    assert exc.msgid == "The AGS ${ags} is taken."
    assert exc.field == "ags"
    assert exc.mapping == {"ags": "03101000"}
    assert str(exc) == "The AGS 03101000 is taken."
    assert exc.problem == Problem("The AGS ${ags} is taken.", {"ags": "03101000"})
    assert "RuleViolation" in repr(exc)


def test_rule_violation_without_field():
    exc = RuleViolation("Something is wrong.")
    assert exc.field is None
    assert exc.mapping == {}
    assert str(exc) == "Something is wrong."


def test_rule_violation_needs_a_msgid():
    with pytest.raises(TypeError):
        RuleViolation()
    with pytest.raises(TypeError):
        RuleViolation("")


def test_subclass_with_default_msgid():
    class Closed(RuleViolation):
        default_msgid = "Closed."
        http_status = 409

    exc = Closed()
    assert exc.msgid == "Closed."
    assert exc.http_status == 409
    assert RuleViolation("x").http_status == 400
    assert Closed("Other.").msgid == "Other."


def test_rule_violation_survives_pickling():
    exc = RuleViolation("Row ${row}: bad.", field="required_resolutions", row=3)
    copy = pickle.loads(pickle.dumps(exc))
    assert (copy.msgid, copy.field, copy.mapping) == (exc.msgid, exc.field, exc.mapping)
    assert str(copy) == "Row 3: bad."


def test_problem_unpacks_and_reads():
    problem = Problem("${needed} more.", {"needed": 2})
    msgid, mapping = problem
    assert msgid == "${needed} more."
    assert mapping == {"needed": 2}
    assert str(problem) == "2 more."
    exc = problem.as_violation(field="quorum")
    assert isinstance(exc, RuleViolation)
    assert (exc.msgid, exc.field, exc.mapping) == ("${needed} more.", "quorum", {"needed": 2})
