"""Required council resolutions of an exchange proposal."""

from collections import UserDict
from regionaustausch.domain import resolutions
from regionaustausch.domain.errors import RuleViolation
from regionaustausch.domain.resolutions import KINDS
from regionaustausch.domain.resolutions import STATUSES
from regionaustausch.domain.resolutions import validate_resolution
from regionaustausch.domain.resolutions import validate_resolutions
import pytest


def test_vocabularies():
    assert KINDS == (
        ("ratsbeschluss", "Council resolution"),
        ("kreistagsbeschluss", "District council resolution"),
        ("ausschussbeschluss", "Committee resolution"),
        ("verwaltungsentscheidung", "Administrative decision"),
    )
    assert STATUSES == (
        ("offen", "Open"),
        ("eingebracht", "Submitted"),
        ("gefasst", "Adopted"),
        ("abgelehnt", "Rejected"),
    )


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        (
            {
                "body": "Rat der Stadt Braunschweig",
                "kind": "ratsbeschluss",
                "status": "gefasst",
                "reference": "22-18940",
            },
            {
                "body": "Rat der Stadt Braunschweig",
                "kind": "ratsbeschluss",
                "status": "gefasst",
                "reference": "22-18940",
            },
        ),
        (
            {"body": "Kreistag Gifhorn", "kind": "kreistagsbeschluss"},
            {"body": "Kreistag Gifhorn", "kind": "kreistagsbeschluss", "status": "offen", "reference": ""},
        ),
        (
            {
                "body": "  Wirtschaftsausschuss \n Braunschweig ",
                "kind": " ausschussbeschluss ",
                "status": "",
                "reference": None,
            },
            {
                "body": "Wirtschaftsausschuss Braunschweig",
                "kind": "ausschussbeschluss",
                "status": "offen",
                "reference": "",
            },
        ),
        (
            {
                "body": "Stadt Wolfsburg",
                "kind": "verwaltungsentscheidung",
                "status": "abgelehnt",
                "reference": " 1 ",
            },
            {
                "body": "Stadt Wolfsburg",
                "kind": "verwaltungsentscheidung",
                "status": "abgelehnt",
                "reference": "1",
            },
        ),
        (
            {"body": "x" * 200, "kind": "ratsbeschluss", "status": "eingebracht", "reference": "r" * 50},
            {"body": "x" * 200, "kind": "ratsbeschluss", "status": "eingebracht", "reference": "r" * 50},
        ),
        (
            UserDict({"body": "Rat der Stadt Salzgitter", "kind": "ratsbeschluss"}),  # a mapping, not a dict
            {"body": "Rat der Stadt Salzgitter", "kind": "ratsbeschluss", "status": "offen", "reference": ""},
        ),
    ],
)
def test_valid_rows(row, expected):
    assert validate_resolution(row) == expected


@pytest.mark.parametrize(
    ("row", "msgid", "mapping"),
    [
        (None, resolutions.MSG_NOT_A_ROW, {}),
        ("Rat der Stadt", resolutions.MSG_NOT_A_ROW, {}),
        (["body", "kind"], resolutions.MSG_NOT_A_ROW, {}),
        ({"kind": "ratsbeschluss"}, resolutions.MSG_BODY_EMPTY, {}),
        ({"body": "   ", "kind": "ratsbeschluss"}, resolutions.MSG_BODY_EMPTY, {}),
        ({"body": None, "kind": "ratsbeschluss"}, resolutions.MSG_BODY_EMPTY, {}),
        ({"body": "x" * 201, "kind": "ratsbeschluss"}, resolutions.MSG_BODY_TOO_LONG, {"max": 200}),
        ({"body": "Rat"}, resolutions.MSG_KIND, {}),
        ({"body": "Rat", "kind": ""}, resolutions.MSG_KIND, {}),
        ({"body": "Rat", "kind": "Ratsbeschluss"}, resolutions.MSG_KIND, {}),
        ({"body": "Rat", "kind": "council"}, resolutions.MSG_KIND, {}),
        ({"body": "Rat", "kind": "ratsbeschluss", "status": "erledigt"}, resolutions.MSG_STATUS, {}),
        ({"body": "Rat", "kind": "ratsbeschluss", "status": "Gefasst"}, resolutions.MSG_STATUS, {}),
        (
            {"body": "Rat", "kind": "ratsbeschluss", "reference": "r" * 51},
            resolutions.MSG_REFERENCE_TOO_LONG,
            {"max": 50},
        ),
        (
            {"body": "Rat", "kind": "ratsbeschluss", "date": "2022-06-14"},
            resolutions.MSG_UNKNOWN_KEYS,
            {"keys": "date"},
        ),
        (
            {"body": "Rat", "kind": "ratsbeschluss", "Body": "x", "refrence": "1"},
            resolutions.MSG_UNKNOWN_KEYS,
            {"keys": "Body, refrence"},
        ),
        (
            {"body": "Rat", "kind": "ratsbeschluss", "k" * 100: 1},
            resolutions.MSG_UNKNOWN_KEYS,
            {"keys": "k" * 39 + "…"},
        ),
    ],
)
def test_invalid_rows(row, msgid, mapping):
    with pytest.raises(RuleViolation) as info:
        validate_resolution(row, number=3)
    assert info.value.field == "required_resolutions"
    assert info.value.msgid == msgid
    assert info.value.mapping == {"row": 3, **mapping}


def test_message_names_the_row():
    with pytest.raises(RuleViolation) as info:
        validate_resolutions([{"body": "Rat", "kind": "ratsbeschluss"}, {"kind": "ratsbeschluss"}])
    assert str(info.value) == "Resolution 2: the deciding body must be named."


@pytest.mark.parametrize(
    ("rows", "expected_length"),
    [
        (None, 0),
        ([], 0),
        ((), 0),
        ([{"body": "Rat der Stadt Braunschweig", "kind": "ratsbeschluss"}], 1),
        (
            [
                {"body": "Rat der Stadt Braunschweig", "kind": "ratsbeschluss", "reference": "22-18940"},
                {"body": "Kreistag Peine", "kind": "kreistagsbeschluss", "status": "eingebracht"},
                {"body": "Kreistag Peine", "kind": "kreistagsbeschluss", "status": "eingebracht"},
            ],
            3,
        ),
    ],
)
def test_valid_lists(rows, expected_length):
    result = validate_resolutions(rows)
    assert len(result) == expected_length
    assert all(set(row) == {"body", "kind", "status", "reference"} for row in result)


@pytest.mark.parametrize("rows", ["Rat der Stadt", {"body": "Rat"}, 3, {"a", "b"}])
def test_invalid_lists(rows):
    with pytest.raises(RuleViolation) as info:
        validate_resolutions(rows)
    assert info.value.field == "required_resolutions"
    assert info.value.msgid == resolutions.MSG_NOT_A_LIST
