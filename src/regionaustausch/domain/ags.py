"""The Amtlicher Gemeindeschlüssel (AGS), the official key of a German municipality.

An AGS has eight digits: the Land (2), the Regierungsbezirk (1), the Kreis (2) and the municipality
(3), e.g. Braunschweig ``03101000``: Land 03 Niedersachsen, Regierungsbezirk 1, Kreis 01, 000 for a
kreisfreie Stadt. A Landkreis itself has no municipality part; it is identified by its five-digit
Kreisschlüssel, e.g. Landkreis Gifhorn ``03151``.

The checks are as strict as reality and no stricter:

* only ASCII digits; spaces between digit groups as printed in official lists (``03 1 01 000``) are
  accepted and removed, nothing else is;
* eight digits for every kind but ``landkreis``, which has five;
* the Land part is 01 to 16;
* the Kreis number (digits 4 and 5) is never 00, except for the city states Berlin (``11000000``) and
  Hamburg (``02000000``), whose whole key is the Land followed by zeros.

The municipality part is not checked against the kind: kreisfreie Städte usually end in 000, but
Hannover (``03241001``) or Göttingen are cities with a special status whose keys do not, and an
editor's choice of kind must not make a real key invalid.
"""

from regionaustausch.domain.errors import RuleViolation
import re


KREISFREIE_STADT = "kreisfreie_stadt"
LANDKREIS = "landkreis"
STADT = "stadt"
GEMEINDE = "gemeinde"
SAMTGEMEINDE = "samtgemeinde"

#: The municipality kinds in display order: (token, English msgid); the German catalogue gives
#: Kreisfreie Stadt, Landkreis, Stadt, Gemeinde, Samtgemeinde.
KINDS = (
    (KREISFREIE_STADT, "Independent city (kreisfreie Stadt)"),
    (LANDKREIS, "District (Landkreis)"),
    (STADT, "Town (Stadt)"),
    (GEMEINDE, "Municipality (Gemeinde)"),
    (SAMTGEMEINDE, "Joint municipality (Samtgemeinde)"),
)
KIND_TOKENS = tuple(token for token, _title in KINDS)

#: Number of digits of the key per kind.
KREIS_LENGTH = 5
AGS_LENGTH = 8

#: The Länder by their two-digit number (the official German names; they are proper names and are not
#: translated).
LAENDER = {
    "01": "Schleswig-Holstein",
    "02": "Hamburg",
    "03": "Niedersachsen",
    "04": "Bremen",
    "05": "Nordrhein-Westfalen",
    "06": "Hessen",
    "07": "Rheinland-Pfalz",
    "08": "Baden-Württemberg",
    "09": "Bayern",
    "10": "Saarland",
    "11": "Berlin",
    "12": "Brandenburg",
    "13": "Mecklenburg-Vorpommern",
    "14": "Sachsen",
    "15": "Sachsen-Anhalt",
    "16": "Thüringen",
}

#: The city states whose AGS has the Kreis number 00 (the whole key is the Land and zeros).
_CITY_STATES_WITHOUT_KREIS = ("02", "11")

MSG_EMPTY = "Please enter the official municipality key (AGS)."
MSG_NOT_DIGITS = "The AGS may contain only digits (spaces between groups are allowed)."
MSG_LENGTH_KREIS = "The AGS of a district (Landkreis) must have 5 digits, not ${length}."
MSG_LENGTH_AGS = "The AGS of a city, town or municipality must have 8 digits, not ${length}."
MSG_UNKNOWN_LAND = "The AGS must begin with the number of a Land from 01 to 16, not ${land}."
MSG_NO_KREIS = (
    "The AGS ${ags} does not exist: only Berlin (11000000) and Hamburg (02000000) have the district "
    "number 00."
)
MSG_UNKNOWN_KIND = "Unknown kind of municipality: ${kind}."
MSG_DUPLICATE = "The AGS ${ags} is already used by another municipality of this region."

_DIGITS = re.compile(r"[0-9]+")
# Whitespace between digit groups: ASCII space and tab, no-break space and the narrow no-break space
# that word processors put into printed lists.
_GROUP_SPACE = re.compile(r"[ \t\u00a0\u202f]+")


def normalise_ags(value):
    """Return ``value`` as a bare key: surrounding whitespace and spaces between digit groups removed.

    ``"03 1 01 000"`` becomes ``"03101000"``; ``None`` becomes ``""``. Nothing else is changed (no
    dots or dashes are removed, no leading zeros added), so :func:`validate_ags` sees what was typed.
    Numbers are turned into text as they are: an integer has lost its leading zero and will be refused
    for its length, which is the honest answer.
    """
    if value is None:
        return ""
    return _GROUP_SPACE.sub("", str(value).strip())


def _check_kind(kind):
    if kind not in KIND_TOKENS:
        raise RuleViolation(MSG_UNKNOWN_KIND, field="kind", kind=str(kind))


def _check_land(ags):
    land = ags[:2]
    if land not in LAENDER:
        raise RuleViolation(MSG_UNKNOWN_LAND, field="ags", land=land)
    return land


def validate_ags(value, kind):
    """Return the normalised AGS of a municipality of ``kind``, or raise :class:`RuleViolation`.

    ``kind`` is one of :data:`KIND_TOKENS`; an unknown kind is refused with ``field="kind"``, every
    problem of the key itself with ``field="ags"``: empty, not only digits, wrong length for the kind
    (5 for ``landkreis``, 8 otherwise), unknown Land, Kreis number 00 outside Berlin and Hamburg.
    """
    _check_kind(kind)
    ags = normalise_ags(value)
    if not ags:
        raise RuleViolation(MSG_EMPTY, field="ags")
    if not _DIGITS.fullmatch(ags):
        raise RuleViolation(MSG_NOT_DIGITS, field="ags")
    if kind == LANDKREIS:
        if len(ags) != KREIS_LENGTH:
            raise RuleViolation(MSG_LENGTH_KREIS, field="ags", length=len(ags))
    elif len(ags) != AGS_LENGTH:
        raise RuleViolation(MSG_LENGTH_AGS, field="ags", length=len(ags))
    land = _check_land(ags)
    if ags[3:5] == "00":
        whole_city_state = land in _CITY_STATES_WITHOUT_KREIS and ags == land + "0" * (AGS_LENGTH - 2)
        if not whole_city_state:
            raise RuleViolation(MSG_NO_KREIS, field="ags", ags=ags)
    return ags


def land_of(ags):
    """Return the name of the Land of ``ags`` (any key of at least two digits, e.g. ``"Niedersachsen"``).

    Raises :class:`RuleViolation` (``field="ags"``) when the key does not begin with a Land number.
    """
    key = normalise_ags(ags)
    if not _DIGITS.fullmatch(key) or len(key) < 2:
        raise RuleViolation(MSG_NOT_DIGITS if key else MSG_EMPTY, field="ags")
    return LAENDER[_check_land(key)]


def ensure_unique_ags(ags, existing_ags):
    """Refuse ``ags`` when one of ``existing_ags`` (the keys already used in the Region) is the same.

    Both sides are normalised before comparing, so ``"03 101 000"`` collides with ``"03101000"``;
    empty existing keys are ignored. The caller leaves out the municipality being edited. Returns the
    normalised ``ags``.
    """
    key = normalise_ags(ags)
    if key and any(normalise_ags(other) == key for other in existing_ags or ()):
        raise RuleViolation(MSG_DUPLICATE, field="ags", ags=key)
    return key
