"""The Amtlicher Gemeindeschlüssel."""

from regionaustausch.domain import ags
from regionaustausch.domain.ags import GEMEINDE
from regionaustausch.domain.ags import KINDS
from regionaustausch.domain.ags import KREISFREIE_STADT
from regionaustausch.domain.ags import LANDKREIS
from regionaustausch.domain.ags import SAMTGEMEINDE
from regionaustausch.domain.ags import STADT
from regionaustausch.domain.ags import ensure_unique_ags
from regionaustausch.domain.ags import land_of
from regionaustausch.domain.ags import normalise_ags
from regionaustausch.domain.ags import validate_ags
from regionaustausch.domain.errors import RuleViolation
import pytest


def test_kinds_are_ordered_tokens_with_english_titles():
    assert [token for token, _title in KINDS] == [KREISFREIE_STADT, LANDKREIS, STADT, GEMEINDE, SAMTGEMEINDE]
    assert dict(KINDS)[LANDKREIS] == "District (Landkreis)"
    assert all(title and title[0].isupper() for _token, title in KINDS)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("03101000", "03101000"),
        ("  03101000\n", "03101000"),
        ("03 1 01 000", "03101000"),
        ("03\u00a0101\u00a0000", "03101000"),
        ("03\t101 000", "03101000"),
        ("03-101-000", "03-101-000"),  # not repaired: validate_ags refuses it
        (None, ""),
        ("", ""),
        (3101000, "3101000"),
    ],
)
def test_normalise_ags(value, expected):
    assert normalise_ags(value) == expected


@pytest.mark.parametrize(
    ("value", "kind", "expected"),
    [
        ("03101000", KREISFREIE_STADT, "03101000"),  # Braunschweig
        ("03102000", KREISFREIE_STADT, "03102000"),  # Salzgitter
        ("03103000", KREISFREIE_STADT, "03103000"),  # Wolfsburg
        ("03151", LANDKREIS, "03151"),  # Gifhorn
        ("03153", LANDKREIS, "03153"),  # Goslar
        ("03154", LANDKREIS, "03154"),  # Helmstedt
        ("03157", LANDKREIS, "03157"),  # Peine
        ("03158", LANDKREIS, "03158"),  # Wolfenbüttel
        ("11000000", KREISFREIE_STADT, "11000000"),  # Berlin
        ("02000000", KREISFREIE_STADT, "02000000"),  # Hamburg
        ("04011000", KREISFREIE_STADT, "04011000"),  # Bremen
        ("01001000", KREISFREIE_STADT, "01001000"),  # Flensburg: Regierungsbezirk 0
        ("16051000", KREISFREIE_STADT, "16051000"),  # Erfurt, the last Land
        ("03241001", KREISFREIE_STADT, "03241001"),  # Hannover: a city with special status, not 000
        ("03158037", STADT, "03158037"),  # a town in the Landkreis Wolfenbüttel
        ("03151024", GEMEINDE, "03151024"),
        ("03151401", SAMTGEMEINDE, "03151401"),
        (" 03 1 01 000 ", KREISFREIE_STADT, "03101000"),
        ("09162000", KREISFREIE_STADT, "09162000"),  # München
    ],
)
def test_valid_keys(value, kind, expected):
    assert validate_ags(value, kind) == expected


@pytest.mark.parametrize(
    ("value", "kind", "msgid", "mapping"),
    [
        ("", KREISFREIE_STADT, ags.MSG_EMPTY, {}),
        ("   ", GEMEINDE, ags.MSG_EMPTY, {}),
        (None, LANDKREIS, ags.MSG_EMPTY, {}),
        ("03-101-000", KREISFREIE_STADT, ags.MSG_NOT_DIGITS, {}),
        ("0310100O", KREISFREIE_STADT, ags.MSG_NOT_DIGITS, {}),  # letter O
        ("０３１０１０００", KREISFREIE_STADT, ags.MSG_NOT_DIGITS, {}),  # full-width digits
        ("03101000²", KREISFREIE_STADT, ags.MSG_NOT_DIGITS, {}),
        ("-3101000", KREISFREIE_STADT, ags.MSG_NOT_DIGITS, {}),
        ("03101", KREISFREIE_STADT, ags.MSG_LENGTH_AGS, {"length": 5}),
        ("031010000", GEMEINDE, ags.MSG_LENGTH_AGS, {"length": 9}),
        ("3101000", STADT, ags.MSG_LENGTH_AGS, {"length": 7}),
        (3101000, KREISFREIE_STADT, ags.MSG_LENGTH_AGS, {"length": 7}),  # an int lost its leading zero
        ("03151024", LANDKREIS, ags.MSG_LENGTH_KREIS, {"length": 8}),
        ("0315", LANDKREIS, ags.MSG_LENGTH_KREIS, {"length": 4}),
        ("031510", LANDKREIS, ags.MSG_LENGTH_KREIS, {"length": 6}),
        ("00101000", KREISFREIE_STADT, ags.MSG_UNKNOWN_LAND, {"land": "00"}),
        ("17101000", KREISFREIE_STADT, ags.MSG_UNKNOWN_LAND, {"land": "17"}),
        ("99151", LANDKREIS, ags.MSG_UNKNOWN_LAND, {"land": "99"}),
        ("03100000", KREISFREIE_STADT, ags.MSG_NO_KREIS, {"ags": "03100000"}),
        ("03000000", KREISFREIE_STADT, ags.MSG_NO_KREIS, {"ags": "03000000"}),
        ("03100", LANDKREIS, ags.MSG_NO_KREIS, {"ags": "03100"}),
        ("11000", LANDKREIS, ags.MSG_NO_KREIS, {"ags": "11000"}),  # Berlin is no Landkreis
        ("11000001", GEMEINDE, ags.MSG_NO_KREIS, {"ags": "11000001"}),
        ("02100000", KREISFREIE_STADT, ags.MSG_NO_KREIS, {"ags": "02100000"}),
    ],
)
def test_invalid_keys(value, kind, msgid, mapping):
    with pytest.raises(RuleViolation) as info:
        validate_ags(value, kind)
    assert info.value.field == "ags"
    assert info.value.msgid == msgid
    assert info.value.mapping == mapping


@pytest.mark.parametrize("kind", ["", None, "Landkreis", "kreis", "city"])
def test_unknown_kind(kind):
    with pytest.raises(RuleViolation) as info:
        validate_ags("03101000", kind)
    assert info.value.field == "kind"
    assert info.value.msgid == ags.MSG_UNKNOWN_KIND


def test_messages_read_well():
    with pytest.raises(RuleViolation) as info:
        validate_ags("03151024", LANDKREIS)
    assert str(info.value) == "The AGS of a district (Landkreis) must have 5 digits, not 8."


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("01001000", "Schleswig-Holstein"),
        ("02000000", "Hamburg"),
        ("03101000", "Niedersachsen"),
        ("03151", "Niedersachsen"),
        ("04011000", "Bremen"),
        ("05315000", "Nordrhein-Westfalen"),
        ("06412000", "Hessen"),
        ("07111000", "Rheinland-Pfalz"),
        ("08111000", "Baden-Württemberg"),
        ("09162000", "Bayern"),
        ("10041100", "Saarland"),
        ("11000000", "Berlin"),
        ("12054000", "Brandenburg"),
        ("13003000", "Mecklenburg-Vorpommern"),
        ("14612000", "Sachsen"),
        ("15003000", "Sachsen-Anhalt"),
        ("16051000", "Thüringen"),
        ("16", "Thüringen"),
        (" 03 1 01 000 ", "Niedersachsen"),
    ],
)
def test_land_of(value, expected):
    assert land_of(value) == expected


@pytest.mark.parametrize(
    ("value", "msgid"),
    [
        ("00101000", ags.MSG_UNKNOWN_LAND),
        ("17", ags.MSG_UNKNOWN_LAND),
        ("3", ags.MSG_NOT_DIGITS),
        ("ab", ags.MSG_NOT_DIGITS),
        ("", ags.MSG_EMPTY),
        (None, ags.MSG_EMPTY),
    ],
)
def test_land_of_refuses(value, msgid):
    with pytest.raises(RuleViolation) as info:
        land_of(value)
    assert info.value.msgid == msgid
    assert info.value.field == "ags"


@pytest.mark.parametrize(
    ("value", "existing", "expected"),
    [
        ("03101000", [], "03101000"),
        ("03101000", ["03102000", "03151"], "03101000"),
        ("03151", ["03151024"], "03151"),  # the Landkreis beside a municipality in it
        ("03101000", ["", None], "03101000"),
        ("03101000", None, "03101000"),
        ("03101000", iter(["03102000"]), "03101000"),
    ],
)
def test_unique_ags(value, existing, expected):
    assert ensure_unique_ags(value, existing) == expected


@pytest.mark.parametrize(
    ("value", "existing"),
    [
        ("03101000", ["03101000"]),
        ("03101000", ["03102000", "03101000"]),
        ("03 101 000", ["03101000"]),
        ("03101000", [" 03 1 01 000 "]),
        ("03151", ("03151",)),
    ],
)
def test_duplicate_ags(value, existing):
    with pytest.raises(RuleViolation) as info:
        ensure_unique_ags(value, existing)
    assert info.value.field == "ags"
    assert info.value.msgid == ags.MSG_DUPLICATE
    assert info.value.mapping == {"ags": normalise_ags(value)}
