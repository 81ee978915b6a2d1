"""The mapping and the tolerant reading, without Zope: unit tests of their own."""

from pathlib import Path
from regionaustausch.oparl import mapping
from regionaustausch.oparl import tolerant
from regionaustausch.oparl.mapping import Candidate
from regionaustausch.oparl.mapping import Consultation
import ast
import datetime
import pytest
import regionaustausch.oparl
import sys


PURE = ("mapping.py", "tolerant.py")
TODAY = datetime.date(2026, 3, 1)


@pytest.mark.parametrize("name", PURE)
def test_the_mapping_imports_nothing_of_zope(name):
    path = Path(regionaustausch.oparl.__file__).parent / name
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            names = [node.module]
        else:
            continue
        for imported in names:
            assert (
                imported.split(".")[0] in sys.stdlib_module_names
                or imported.startswith("regionaustausch.domain")
                or imported == "regionaustausch.oparl.tolerant"
            ), f"{name} imports {imported}"


@pytest.mark.parametrize(
    ("value", "expected"),
    [("", None), ("N/A", None), (" n/a ", None), ("-", None), ("An\x00na\x1f", "Anna"), (5, 5), (None, None)],
)
def test_clean(value, expected):
    assert tolerant.clean(value) == expected


def test_lists_types_and_dates():
    assert tolerant.as_list({"id": "x"}) == [{"id": "x"}]
    assert tolerant.as_list(["a", "", "N/A", "b"]) == ["a", "b"]
    assert tolerant.as_list(None) == []
    assert tolerant.type_name({"type": "https://schema.oparl.org/1.1/Person"}) == "Person"
    assert tolerant.type_name({"type": "http://oparl.org/schema/1.0/Body/"}) == "Body"
    assert tolerant.parse_date("2012-07-17T00:00:00+02:00") == datetime.date(2012, 7, 17)
    assert tolerant.parse_date("2013-02-30") is None
    assert tolerant.parse_date("") is None
    assert tolerant.is_deleted({"deleted": "true"})
    assert not tolerant.is_deleted({"deleted": False})


@pytest.mark.parametrize(
    ("body", "key"),
    [
        ({"ags": "03101000"}, "03101000"),
        ({"ags": "3101000"}, "03101000"),  # the leading zero lost
        ({"ags": "031010000"}, "03101000"),  # one zero too many
        ({"ags": "003101000"}, "03101000"),
        ({"ags": "03 151"}, "03151"),
        ({"ags": "N/A", "rgs": "031510000000"}, "03151000"),
        ({"ags": ""}, None),
        ({"ags": "abc"}, None),
    ],
)
def test_body_ags(body, key):
    assert mapping.body_ags(body) == key


def test_ags_is_compared_at_the_municipality_key_length():
    assert mapping.ags_matches("03151000", "03151")
    assert mapping.ags_matches("03151", "03151")
    assert not mapping.ags_matches("03151009", "03151")  # the town of Gifhorn, not the district
    assert not mapping.ags_matches("03101000", "03102000")
    assert not mapping.ags_matches(None, "03101000")


CANDIDATES = [
    Candidate(key="bs", title="Braunschweig", ags="03101000", kind="kreisfreie_stadt"),
    Candidate(key="gf", title="Landkreis Gifhorn", ags="03151", kind="landkreis"),
    Candidate(key="gft", title="Gifhorn", ags="03151009", kind="stadt", oparl_id="https://x.example/body/9"),
]


@pytest.mark.parametrize(
    ("body", "key", "how"),
    [
        ({"id": "https://x.example/body/9", "ags": "03101000"}, "gft", "id"),
        ({"ags": "3101000", "name": "Irgendwas"}, "bs", "ags"),
        ({"name": "Stadt Braunschweig"}, "bs", "name"),
        ({"name": "Landkreis Gifhorn"}, "gf", "name"),
        ({"name": "Stadt Gifhorn"}, "gft", "name"),
        ({"name": "Kreistag Gifhorn", "classification": "Landkreis"}, "gf", "name"),
        ({"name": "Wolfsburg"}, None, None),
    ],
)
def test_match_body(body, key, how):
    found, matched_by = mapping.match_body(body, CANDIDATES)
    assert (found.key if found else None, matched_by) == (key, how)


ORGANIZATIONS = {
    "o/wi": {"name": "Wirtschaftsausschuss", "organizationType": "Gremium"},
    "o/kt": {"name": "Kreistag Peine", "organizationType": "Gremium"},
    "o/fr": {"name": "Fraktion FDP", "shortName": "FDP", "organizationType": "Fraktion"},
    "o/old": {"name": "Alter Ausschuss", "classification": "Ausschuss"},
}


def person(*memberships, **fields):
    return {"id": "p/1", "membership": list(memberships), **fields}


def test_person_record_from_memberships():
    record = mapping.person_record(
        person(
            {"organization": "o/wi", "role": "Vorsitzender"},
            {"organization": "o/kt", "endDate": "2031-10-31"},
            {"organization": "o/fr", "role": "Vorsitzender", "endDate": "2031-10-31"},
            {"organization": "o/old", "endDate": "2020-01-01"},
            name="Herr Prof. Dr. Max Mustermann",
            email=["kein-mail", "max@example.org"],
            phone="05171 401-0",
            gender="male",
        ),
        ORGANIZATIONS,
        TODAY,
    )
    fields = record.fields
    assert (fields["first_name"], fields["last_name"], fields["academic_title"]) == (
        "Max",
        "Mustermann",
        "Prof. Dr.",
    )
    assert fields["salutation"] == "herr"
    assert fields["committees"] == ["Kreistag Peine", "Wirtschaftsausschuss"]
    assert fields["party"] == "FDP"
    assert fields["function"] == "ausschussvorsitz"
    assert (fields["email"], fields["phone"]) == ("max@example.org", "05171 401-0")
    assert fields["mandate_end"] is None  # one membership has no end
    assert record.all_ended is False
    assert mapping.person_decision(record, ["wirtschaft"]) == mapping.KEEP
    assert mapping.person_decision(record, ["Umwelt"]) == mapping.OUTSIDE


def test_mandate_end_deleted_and_ended_persons():
    ending = mapping.person_record(
        person({"organization": "o/wi", "endDate": "2026-10-31"}, familyName="A"), ORGANIZATIONS, TODAY
    )
    assert ending.fields["mandate_end"] == datetime.date(2026, 10, 31)
    assert ending.fields["function"] == "ratsmitglied"
    ended = mapping.person_record(
        person({"organization": "o/wi", "endDate": "2025-10-31"}, familyName="B"), ORGANIZATIONS, TODAY
    )
    assert ended.all_ended
    assert mapping.person_decision(ended, ["Wirtschaft"]) == mapping.RETIRE
    deleted = mapping.person_record({"id": "p/9", "deleted": True}, ORGANIZATIONS, TODAY)
    assert deleted.deleted
    assert mapping.person_decision(deleted, ["Wirtschaft"]) == mapping.RETIRE
    future = mapping.person_record(
        person({"organization": "o/wi", "startDate": "2027-01-01"}, familyName="C"), ORGANIZATIONS, TODAY
    )
    assert future.all_ended  # not yet in office


@pytest.mark.parametrize(
    ("status", "words"),
    [
        ("Bürgermeisterin", "buergermeisterin"),
        ("Landrat", "landraetin"),
        ("stellv. Bürgermeister", "ratsmitglied"),
        ("hinzugewähltes Mitglied", "hinzugewaehlt"),
    ],
)
def test_function_from_status(status, words):
    record = mapping.person_record(person({"organization": "o/wi"}, status=[status]), ORGANIZATIONS, TODAY)
    assert record.fields["function"] == words


@pytest.mark.parametrize(
    ("result", "status"),
    [
        ("Unverändert beschlossen", "gefasst"),
        ("Geändert beschlossen", "gefasst"),
        ("einstimmig angenommen", "gefasst"),
        ("Abgelehnt", "abgelehnt"),
        ("nicht beschlossen", "abgelehnt"),
        ("Zurückgezogen", "offen"),
        ("vertagt", None),
        ("zur Kenntnis genommen", None),
        ("", None),
        (None, None),
    ],
)
def test_classify_result(result, status):
    assert mapping.classify_result(result) == status


def test_resolution_status():
    day = datetime.date
    assert mapping.resolution_status([], day(2022, 1, 1)) == ("offen", None, None)
    committee = Consultation(authoritative=False, result="beschlossen", date=day(2022, 5, 24))
    council = Consultation(authoritative=True, result=None, date=day(2022, 6, 21))
    # the committee's recommendation does not decide; the council has not yet
    assert mapping.resolution_status([committee, council], day(2022, 5, 10)) == (
        "eingebracht",
        day(2022, 5, 10),
        None,
    )
    council.result = "vertagt"
    assert mapping.resolution_status([committee, council])[0] == "eingebracht"
    later = Consultation(authoritative=True, result="Geändert beschlossen", date=day(2022, 9, 1))
    assert mapping.resolution_status([committee, council, later]) == (
        "gefasst",
        day(2022, 9, 1),
        "Geändert beschlossen",
    )
    # a server that marks no consultation as authoritative: the latest result decides
    unmarked = [
        Consultation(result="beschlossen", date=day(2022, 1, 1)),
        Consultation(result="abgelehnt", date=day(2022, 2, 1)),
    ]
    assert mapping.resolution_status(unmarked)[0] == "abgelehnt"


def test_follows():
    assert mapping.follows(["Ausschuss für Wirtschaft und Digitalisierung"], ["wirtschaft"])
    assert not mapping.follows(["Finanzausschuss"], ["Wirtschaft", " "])
    assert not mapping.follows(["Wirtschaftsausschuss"], [])
