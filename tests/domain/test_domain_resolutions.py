"""Required council resolutions of an exchange proposal: the rows, their status changes, realisation,
and matching the bodies of old rows to municipalities."""

from collections import UserDict
from regionaustausch.domain import resolutions
from regionaustausch.domain.errors import RuleViolation
from regionaustausch.domain.resolutions import KINDS
from regionaustausch.domain.resolutions import STATUSES
from regionaustausch.domain.resolutions import Candidate
from regionaustausch.domain.resolutions import dated_change
from regionaustausch.domain.resolutions import match_municipality
from regionaustausch.domain.resolutions import missing_for_realisation
from regionaustausch.domain.resolutions import realisation_problem
from regionaustausch.domain.resolutions import row_key
from regionaustausch.domain.resolutions import status_changes
from regionaustausch.domain.resolutions import validate_resolution
from regionaustausch.domain.resolutions import validate_resolutions
import datetime
import pytest


BS = "uid-braunschweig"


def row(**values):
    return {"municipality": BS, "body": "Rat der Stadt Braunschweig", "kind": "ratsbeschluss", **values}


def full(**values):
    return {
        "municipality": BS,
        "body": "Rat der Stadt Braunschweig",
        "kind": "ratsbeschluss",
        "status": "offen",
        "status_date": None,
        "reference": "",
        "url": "",
        **values,
    }


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
    assert resolutions.OPEN_STATUSES == ("offen", "eingebracht")


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        (
            row(
                status="gefasst",
                status_date="2022-06-14",
                reference="22-18940",
                url="https://ratsinfo.de/v/1",
            ),
            full(
                status="gefasst",
                status_date=datetime.date(2022, 6, 14),
                reference="22-18940",
                url="https://ratsinfo.de/v/1",
            ),
        ),
        (row(), full()),
        (
            row(
                municipality=f"  {BS} ",
                body="  Wirtschaftsausschuss \n Braunschweig ",
                kind=" ausschussbeschluss ",
                status="",
                reference=None,
                url="  ",
                status_date="",
            ),
            full(body="Wirtschaftsausschuss Braunschweig", kind="ausschussbeschluss"),
        ),
        (
            row(kind="verwaltungsentscheidung", status="abgelehnt", reference=" 1 ", status_date=None),
            full(kind="verwaltungsentscheidung", status="abgelehnt", reference="1"),
        ),
        (
            row(body="x" * 200, status="eingebracht", reference="r" * 50),
            full(body="x" * 200, status="eingebracht", reference="r" * 50),
        ),
        # a date as Python has it, a date-time as its date; the scheme and host of a link in lower case
        (
            row(status_date=datetime.date(2026, 1, 2), url="HTTPS://Ratsinfo.DE/Vorlage?x=A"),
            full(status_date=datetime.date(2026, 1, 2), url="https://ratsinfo.de/Vorlage?x=A"),
        ),
        (row(status_date=datetime.datetime(2026, 1, 2, 9, 30)), full(status_date=datetime.date(2026, 1, 2))),
        (UserDict(row()), full()),  # a mapping, not a dict
    ],
)
def test_valid_rows(given, expected):
    assert validate_resolution(given) == expected
    assert list(validate_resolution(given)) == list(resolutions.KEYS)


@pytest.mark.parametrize(
    ("given", "msgid", "mapping"),
    [
        (None, resolutions.MSG_NOT_A_ROW, {}),
        ("Rat der Stadt", resolutions.MSG_NOT_A_ROW, {}),
        (["body", "kind"], resolutions.MSG_NOT_A_ROW, {}),
        ({"body": "Rat", "kind": "ratsbeschluss"}, resolutions.MSG_MUNICIPALITY_EMPTY, {}),
        (row(municipality="   "), resolutions.MSG_MUNICIPALITY_EMPTY, {}),
        (row(municipality=None), resolutions.MSG_MUNICIPALITY_EMPTY, {}),
        (row(body=None), resolutions.MSG_BODY_EMPTY, {}),
        (row(body="   "), resolutions.MSG_BODY_EMPTY, {}),
        (row(body="x" * 201), resolutions.MSG_BODY_TOO_LONG, {"max": 200}),
        ({"municipality": BS, "body": "Rat"}, resolutions.MSG_KIND, {}),
        (row(kind=""), resolutions.MSG_KIND, {}),
        (row(kind="Ratsbeschluss"), resolutions.MSG_KIND, {}),
        (row(kind="council"), resolutions.MSG_KIND, {}),
        (row(status="erledigt"), resolutions.MSG_STATUS, {}),
        (row(status="Gefasst"), resolutions.MSG_STATUS, {}),
        (row(status_date="14.06.2022"), resolutions.MSG_STATUS_DATE, {}),
        (row(status_date="2022-02-30"), resolutions.MSG_STATUS_DATE, {}),
        (row(status_date=20220614), resolutions.MSG_STATUS_DATE, {}),
        (row(reference="r" * 51), resolutions.MSG_REFERENCE_TOO_LONG, {"max": 50}),
        (row(url="javascript:alert(1)"), resolutions.MSG_URL, {}),
        (row(url="ratsinfo.braunschweig.de"), resolutions.MSG_URL, {}),
        (row(date="2022-06-14"), resolutions.MSG_UNKNOWN_KEYS, {"keys": "date"}),
        (row(Body="x", refrence="1"), resolutions.MSG_UNKNOWN_KEYS, {"keys": "Body, refrence"}),
        (row(**{"k" * 100: 1}), resolutions.MSG_UNKNOWN_KEYS, {"keys": "k" * 39 + "…"}),
    ],
)
def test_invalid_rows(given, msgid, mapping):
    with pytest.raises(RuleViolation) as info:
        validate_resolution(given, number=3)
    assert info.value.field == "required_resolutions"
    assert info.value.msgid == msgid
    assert info.value.mapping == {"row": 3, **mapping}


def test_the_municipality_must_be_one_of_the_region():
    assert validate_resolution(row(), municipalities={BS})["municipality"] == BS
    with pytest.raises(RuleViolation) as info:
        validate_resolution(row(), number=2, municipalities={"uid-peine"})
    assert str(info.value) == "Resolution 2: the municipality is not one of the Region's municipalities."


def test_message_names_the_row():
    with pytest.raises(RuleViolation) as info:
        validate_resolutions([row(), {"municipality": BS, "kind": "ratsbeschluss"}])
    assert str(info.value) == "Resolution 2: the deciding body must be named."


@pytest.mark.parametrize(
    ("rows", "expected_length"),
    [
        (None, 0),
        ([], 0),
        ((), 0),
        ([row()], 1),
        ([row(reference="22-18940"), row(body="Kreistag Peine", status="eingebracht"), row()], 3),
    ],
)
def test_valid_lists(rows, expected_length):
    result = validate_resolutions(rows)
    assert len(result) == expected_length
    assert all(set(item) == set(resolutions.KEYS) for item in result)


@pytest.mark.parametrize("rows", ["Rat der Stadt", {"body": "Rat"}, 3, {"a", "b"}])
def test_invalid_lists(rows):
    with pytest.raises(RuleViolation) as info:
        validate_resolutions(rows)
    assert info.value.field == "required_resolutions"
    assert info.value.msgid == resolutions.MSG_NOT_A_LIST


# -- status changes ------------------------------------------------------------------------------------


def test_a_row_is_known_by_municipality_kind_and_body():
    assert row_key(full(body=" Rat  der Stadt Braunschweig ")) == (
        BS,
        "ratsbeschluss",
        "Rat der Stadt Braunschweig",
    )
    assert row_key({"body": "Kreistag"}) == ("", "", "Kreistag")


def test_status_changes_compare_with_what_was_recorded():
    adopted = full(status="gefasst")
    new = full(body="Wirtschaftsausschuss", kind="ausschussbeschluss")
    unchanged = full(municipality="uid-peine", body="Kreistag Peine", status="eingebracht")
    known = {
        row_key(adopted): ("eingebracht", datetime.date(2026, 1, 5)),
        row_key(unchanged): ("eingebracht", None),
    }
    assert status_changes(known, [adopted, new, unchanged, dict(adopted)]) == [
        (adopted, "eingebracht", datetime.date(2026, 1, 5)),
        (new, None, None),
    ]
    assert status_changes({}, []) == []
    assert status_changes({row_key(full()): ("offen", None)}, [full(status="")]) == []  # "" is "offen"


def test_a_changed_row_is_dated_today_unless_the_editor_gave_a_date():
    today = datetime.date(2026, 12, 1)
    before = datetime.date(2026, 1, 5)
    assert dated_change(full(status_date=before), before, today)["status_date"] == today
    assert dated_change(full(status_date=None), None, today)["status_date"] == today
    given = datetime.date(2026, 11, 20)
    assert dated_change(full(status_date=given), before, today)["status_date"] == given


def test_realising_needs_every_resolution_adopted():
    rows = [full(status="gefasst"), full(status="eingebracht"), full(status="abgelehnt"), full()]
    assert missing_for_realisation(rows) == rows[1:]
    assert missing_for_realisation([full(status="gefasst")]) == []
    assert missing_for_realisation(None) == []
    assert realisation_problem([]) is None
    problem = realisation_problem(["Stadt Braunschweig", "Landkreis Peine", "Stadt Braunschweig", None])
    assert problem.mapping == {"municipalities": "Stadt Braunschweig, Landkreis Peine"}
    assert str(problem).startswith(
        "The proposal cannot be marked as realised while required resolutions are not adopted: "
        "Stadt Braunschweig, Landkreis Peine."
    )


# -- matching bodies to municipalities ---------------------------------------------------------------------


CANDIDATES = [
    Candidate("bs", "Stadt Braunschweig", "kreisfreie_stadt", "Rat der Stadt Braunschweig"),
    Candidate("wob", "Stadt Wolfsburg", "kreisfreie_stadt", None),
    Candidate("pe", "Landkreis Peine", "landkreis", "Kreistag Peine"),
    Candidate("wf-kreis", "Landkreis Wolfenbüttel", "landkreis", None),
    Candidate("wf-stadt", "Stadt Wolfenbüttel", "stadt", None),
    Candidate("gf", "Landkreis Gifhorn", "landkreis", None),
    Candidate("gf-stadt", "Stadt Gifhorn", "stadt", None),
]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("Rat der Stadt Braunschweig", "bs"),  # the council's name
        ("Wirtschaftsausschuss der Stadt Braunschweig", "bs"),  # the title
        ("Kreistag Peine", "pe"),
        ("Stadt Wolfsburg, Wirtschaftsförderung", "wob"),
        ("Verwaltung wolfsburg", "wob"),  # any case
        ("Kreistag Wolfenbüttel", "wf-kreis"),  # a district and a town of that name: the district's body
        ("Rat der Stadt Wolfenbüttel", "wf-stadt"),  # the town's title
        ("Rat Wolfenbüttel", "wf-stadt"),  # no "kreis" in it: the town's
        ("Kreisausschuss Gifhorn", "gf"),
        ("Braunschweiger Land", None),  # not as a whole word
        ("Braunschweig und Wolfsburg", None),  # two of them
        ("Regionalverband Braunschweig und Kreistag Peine", "pe"),  # a council's name is the stronger
        ("Landtag Niedersachsen", None),
        ("", None),
        (None, None),
    ],
)
def test_match_municipality(body, expected):
    assert match_municipality(body, CANDIDATES) == expected
