"""Decisions on exchange proposals: which transitions are decisions, their texts, the role of who
decides."""

from regionaustausch.domain import decisions
from regionaustausch.domain.decisions import decision_role
from regionaustausch.domain.decisions import is_decision
from regionaustausch.domain.decisions import validate_decision_text
from regionaustausch.domain.errors import RuleViolation
import pytest


def test_the_decisions_and_whether_they_need_a_text():
    assert decisions.DECISIONS == {"accept": False, "reject": True, "withdraw": False, "realise_anyway": True}
    for transition in ("accept", "reject", "withdraw", "realise_anyway"):
        assert is_decision(transition)
    for transition in ("submit", "open_discussion", "realise", None, "hide"):
        assert not is_decision(transition)


@pytest.mark.parametrize(
    ("transition", "comment", "expected"),
    [
        ("reject", "Es fehlt die Federführung.", "<p>Es fehlt die Federführung.</p>"),
        ("reject", "Erstens.\n\nZweitens.", "<p>Erstens.</p>\n<p>Zweitens.</p>"),
        (
            "accept",
            '<p onclick="x()">Wir <b>freuen</b> uns.<script>alert(1)</script></p>',
            "<p>Wir <strong>freuen</strong> uns.</p>",
        ),
        ("accept", "", ""),
        ("accept", None, ""),
        ("accept", "   ", ""),
        ("withdraw", "<script>alert(1)</script>", ""),  # nothing visible: no text, and none is needed
        ("realise_anyway", "Peine beschließt im März; das Treffen fand statt.", None),
        ("reject", "x" * 2000, f"<p>{'x' * 2000}</p>"),
        # not a decision: the comment stays the editors' own and is not looked at
        ("submit", "<script>x</script>" * 10000, ""),
        ("realise", 42, ""),
    ],
)
def test_valid_texts(transition, comment, expected):
    result = validate_decision_text(transition, comment)
    if expected is None:
        expected = f"<p>{comment}</p>"
    assert result == expected


@pytest.mark.parametrize(
    ("transition", "comment", "msgid", "mapping"),
    [
        ("reject", "", decisions.MSG_REQUIRED["reject"], {}),
        ("reject", None, decisions.MSG_REQUIRED["reject"], {}),
        ("reject", " \n ", decisions.MSG_REQUIRED["reject"], {}),
        ("reject", "<p><script>alert(1)</script></p>", decisions.MSG_REQUIRED["reject"], {}),
        ("realise_anyway", "", decisions.MSG_REQUIRED["realise_anyway"], {}),
        ("reject", "x" * 2001, decisions.MSG_TOO_LONG, {"max": 2000, "length": 2001}),
        (
            "accept",
            "<p>" + "x" * 1999 + "</p><p>yy</p>",
            decisions.MSG_TOO_LONG,
            {"max": 2000, "length": 2003},
        ),
        ("accept", "<b></b>" * 3000, decisions.MSG_HTML_TOO_LONG, {}),
        ("withdraw", ["Grund"], decisions.MSG_NOT_TEXT, {}),
        ("accept", {"data": "Ja"}, decisions.MSG_NOT_TEXT, {}),
    ],
)
def test_refused_texts(transition, comment, msgid, mapping):
    with pytest.raises(RuleViolation) as info:
        validate_decision_text(transition, comment)
    assert info.value.field == "comment"
    assert info.value.msgid == msgid
    assert info.value.mapping == mapping


def test_markup_does_not_count_against_the_limit():
    text = "<p><strong>" + "x" * 2000 + "</strong></p>"
    assert validate_decision_text("accept", text) == text


@pytest.mark.parametrize(
    ("transition", "roles", "expected"),
    [
        ("withdraw", ["Owner", "Authenticated"], "Author"),
        ("withdraw", ["Site Administrator"], "Author"),
        ("reject", ["Authenticated", "Editor", "Reviewer"], "Editor"),
        ("reject", ["Reviewer", "Member"], "Reviewer"),
        ("accept", ["Manager", "Site Administrator", "Editor"], "Site Administrator"),
        ("accept", ("Manager", "Editor"), "Manager"),
        ("realise_anyway", ["Member", "Owner"], None),
        ("accept", None, None),
    ],
)
def test_the_role_of_who_decides(transition, roles, expected):
    assert decision_role(transition, roles) == expected


def test_every_role_has_a_title():
    assert [token for token, _title in decisions.ROLES] == [
        "Site Administrator",
        "Manager",
        "Editor",
        "Reviewer",
        "Author",
    ]
