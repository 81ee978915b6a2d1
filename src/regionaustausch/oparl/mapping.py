"""From OParl objects (parsed JSON, as real servers send them) to the add-on's fields: plain Python
under the rules of :mod:`regionaustausch.domain` (no Zope; it imports only the domain).

- Values are read tolerantly (:mod:`regionaustausch.oparl.tolerant`).
- Body -> Municipality: by OParl id, then by AGS at the municipality's key length, then by name
  (:func:`match_body`).
- Person + Membership + Organization -> a Representative's fields (:func:`person_record`).
- Paper + Consultation + AgendaItem -> a resolution status (:func:`resolution_status`).
"""

from dataclasses import dataclass
from dataclasses import field
from regionaustausch.domain import resolutions
from regionaustausch.domain.ags import KREIS_LENGTH
from regionaustausch.domain.ags import LANDKREIS
from regionaustausch.domain.ags import normalise_ags
from regionaustausch.domain.contact import validate_email
from regionaustausch.domain.contact import validate_phone
from regionaustausch.domain.errors import RuleViolation
from regionaustausch.domain.names import transliterate
from regionaustausch.oparl.tolerant import as_list
from regionaustausch.oparl.tolerant import clean
from regionaustausch.oparl.tolerant import is_deleted
from regionaustausch.oparl.tolerant import parse_date
from regionaustausch.oparl.tolerant import text
from regionaustausch.oparl.tolerant import texts
import datetime
import re


#: Committee names the Region follows by default: a person in a committee whose name contains one of
#: them (case does not count) becomes a Representative.
DEFAULT_FOLLOWED = ("Wirtschaft",)

_DIGITS = re.compile(r"\d+")
NAME_MAX_LENGTH = 100
TITLE_MAX_LENGTH = 50
COMMITTEE_MAX_LENGTH = 200
PARTY_MAX_LENGTH = 100

# Bodies and municipalities


def body_ags(body):
    """The AGS a Body names, repaired: 7 digits get their leading zero back, a 9-digit key loses the
    digit too many (a second leading zero, else the last); without ``ags`` the key is taken from the
    12-digit ``rgs``. ``None`` when
    neither gives a key of 5 or 8 digits."""
    raw = normalise_ags(text(body, "ags") or text(body, "amtlicherGemeindeschlüssel") or "")
    key = raw if _DIGITS.fullmatch(raw) else ""
    if len(key) == 7:
        key = "0" + key
    elif len(key) == 9:
        key = key[1:] if key.startswith("00") else key[:8]
    if len(key) not in (KREIS_LENGTH, 8):
        rgs = normalise_ags(text(body, "rgs") or text(body, "regionalschlüssel") or "")
        key = rgs[:5] + rgs[9:] if len(rgs) == 12 and rgs.isdigit() else ""
    return key or None


def ags_matches(body_key, municipality_key):
    """Whether a Body's key names the municipality: compared at the municipality's key length (a
    Landkreis has 5 digits; servers pad a district to 8 with zeros)."""
    if not body_key or not municipality_key:
        return False
    if len(municipality_key) == KREIS_LENGTH:
        return body_key[:KREIS_LENGTH] == municipality_key and set(body_key[KREIS_LENGTH:]) <= {"0"}
    return body_key == municipality_key


_NAME_NOISE = frozenset(
    [
        "stadt",
        "landkreis",
        "kreis",
        "gemeinde",
        "samtgemeinde",
        "hansestadt",
        "kreisfreie",
        "kreisstadt",
        "rat",
        "der",
        "des",
        "die",
        "kreistag",
        "universitaetsstadt",
        "grosse",
        "selbstaendige",
    ]
)


def name_key(name):
    """A municipality's name without its kind words and punctuation, folded: "Stadt Braunschweig" and
    "Braunschweig" both give ``"braunschweig"``."""
    words = re.split(r"[^\w]+", transliterate(clean(name) or "").casefold())
    return " ".join(word for word in words if word and word not in _NAME_NOISE)


def is_district(body):
    """Whether a Body is a Landkreis (by its classification or its name)."""
    words = f"{text(body, 'classification') or ''} {text(body, 'name') or ''}".casefold()
    return "landkreis" in words or "kreistag" in words or words.startswith("kreis ")


@dataclass
class Candidate:
    """A municipality of the Region as the matching sees it (``key`` is the caller's handle)."""

    key: object
    title: str
    ags: str = ""
    oparl_id: str = ""
    kind: str = ""


def match_body(body, candidates):
    """The candidate a Body stands for, and how it was found (``"id"``, ``"ags"``, ``"name"``), or
    ``(None, None)``; a name that fits several municipalities matches none."""
    body_id = text(body, "id")
    for candidate in candidates:
        if body_id and candidate.oparl_id == body_id:
            return candidate, "id"
    key = body_ags(body)
    found = [candidate for candidate in candidates if ags_matches(key, candidate.ags)]
    if len(found) == 1:
        return found[0], "ags"
    names = {name_key(text(body, "name")), name_key(text(body, "shortName"))} - {""}
    found = [candidate for candidate in candidates if name_key(candidate.title) in names]
    if len(found) > 1:
        district = is_district(body)
        found = [candidate for candidate in found if (candidate.kind == LANDKREIS) == district]
    if len(found) == 1:
        return found[0], "name"
    return None, None


# Persons


COMMITTEE = "gremium"
FRAKTION = "fraktion"
PARTY = "partei"


def organization_kind(organization):
    """``"gremium"``, ``"fraktion"``, ``"partei"`` or another lower-cased ``organizationType``."""
    kind = (text(organization, "organizationType") or "").casefold()
    if kind:
        return kind
    classification = (text(organization, "classification") or "").casefold()
    if "fraktion" in classification:
        return FRAKTION
    if any(word in classification for word in ("ausschuss", "rat", "kreistag", "beirat")):
        return COMMITTEE
    return ""


def membership_current(membership, today):
    """Whether a membership holds on ``today`` (started, not ended)."""
    start, end = parse_date(membership.get("startDate")), parse_date(membership.get("endDate"))
    return (start is None or start <= today) and (end is None or end >= today)


def _organization_name(organization, limit):
    return text(organization, "name", limit) or text(organization, "shortName", limit)


#: Words in a role or a person's status, and the function token of domain.representatives they give,
#: in order of precedence.
_FUNCTION_WORDS = (
    (("oberbürgermeister", "bürgermeister"), "buergermeisterin"),
    (("landrat", "landrätin"), "landraetin"),
)
_CHAIR = "vorsitz"
_DEPUTY = ("stellv", "vertret")


def _is_chair(role):
    role = (role or "").casefold()
    return _CHAIR in role and not any(word in role for word in _DEPUTY)


def _function(person, current):
    """The function token from the person's status and the roles of the current memberships."""
    words = [status.casefold() for status in texts(person, "status")]
    words += [(text(m, "role") or "").casefold() for m, _org in current]
    for stems, token in _FUNCTION_WORDS:
        if any(stem in word and not any(d in word for d in _DEPUTY) for word in words for stem in stems):
            return token
    kinds = {(organization_kind(org), _is_chair(text(m, "role"))) for m, org in current}
    if (COMMITTEE, True) in kinds:
        return "ausschussvorsitz"
    if (FRAKTION, True) in kinds:
        return "fraktionsvorsitz"
    if any("hinzugewählt" in word or "sachkundig" in word for word in words):
        return "hinzugewaehlt"
    names = " ".join((_organization_name(org, None) or "").casefold() for _m, org in current)
    if "kreistag" in names:
        return "kreistagsmitglied"
    if current:
        return "ratsmitglied"
    return None


def _salutation(person):
    address = (text(person, "formOfAddress") or "").casefold()
    if "frau" in address:
        return "frau"
    if "herr" in address:
        return "herr"
    gender = (text(person, "gender") or "").casefold()
    return {"female": "frau", "weiblich": "frau", "male": "herr", "männlich": "herr"}.get(gender)


def _names(person):
    """(first name, last name, academic title) from the name parts, else split from ``name``."""
    titles = texts(person, "title")
    first, last = text(person, "givenName"), text(person, "familyName")
    if not last:
        words = (text(person, "name") or "").split()
        address = {"frau", "herr", "ratsfrau", "ratsherr"}
        titles = titles or [word for word in words if word.endswith(".")]
        words = [word for word in words if not word.endswith(".") and word.casefold() not in address]
        last = words[-1] if words else None
        first = first or (" ".join(words[:-1]) or None)
    academic = " ".join(titles)[:TITLE_MAX_LENGTH].strip() or None
    cut = lambda name: name[:NAME_MAX_LENGTH].strip() if name else None  # noqa: E731
    return cut(first), cut(last), academic


def _first_valid(values, check):
    for value in values:
        try:
            return check(value)
        except RuleViolation:
            continue
    return None


@dataclass
class PersonRecord:
    """What an OParl Person means for the directory."""

    oparl_id: str
    deleted: bool
    #: the Representative's fields (``first_name`` ... ``mandate_end``), missing values as ``None``
    fields: dict
    #: names of the committees (organizations of type Gremium) the person sits in today
    committees: list = field(default_factory=list)
    #: whether no membership holds today (all ended, or none at all)
    all_ended: bool = False


def person_record(person, organizations, today):
    """Map a Person (with its embedded memberships) to a :class:`PersonRecord`.

    ``organizations`` maps organization ids to Organization objects (those not in it count as
    unknown groups); ``today`` decides which memberships hold.
    """
    memberships = [m for m in as_list(person.get("membership")) if isinstance(m, dict) and not is_deleted(m)]
    pairs = [(m, organizations.get(text(m, "organization")) or {}) for m in memberships]
    current = [(m, org) for m, org in pairs if membership_current(m, today)]
    committees = sorted(
        {
            _organization_name(org, COMMITTEE_MAX_LENGTH)
            for _m, org in current
            if organization_kind(org) == COMMITTEE and _organization_name(org, None)
        }
    )
    party = None
    for m, _org in current:
        group = organizations.get(text(m, "onBehalfOf"))
        if group:
            party = text(group, "shortName", PARTY_MAX_LENGTH) or _organization_name(group, PARTY_MAX_LENGTH)
            break
    if party is None:
        for _m, org in current:
            if organization_kind(org) in (FRAKTION, PARTY):
                party = text(org, "shortName", PARTY_MAX_LENGTH) or _organization_name(org, PARTY_MAX_LENGTH)
                break
    ends = [parse_date(m.get("endDate")) for m, _org in current]
    mandate_end = max(ends) if ends and None not in ends else None
    first, last, academic = _names(person)
    fields = {
        "salutation": _salutation(person),
        "academic_title": academic,
        "first_name": first,
        "last_name": last,
        "party": party,
        "committees": committees,
        "function": _function(person, current),
        "email": _first_valid(texts(person, "email"), validate_email),
        "phone": _first_valid(texts(person, "phone"), validate_phone),
        "mandate_end": mandate_end,
    }
    return PersonRecord(
        oparl_id=text(person, "id"),
        deleted=is_deleted(person),
        fields=fields,
        committees=committees,
        all_ended=not current,
    )


def follows(committees, followed):
    """Whether one of ``committees`` has a name containing one of ``followed`` (case does not count)."""
    patterns = [pattern.casefold() for pattern in followed or () if pattern and pattern.strip()]
    return any(pattern.strip() in name.casefold() for name in committees for pattern in patterns)


KEEP = "keep"
RETIRE = "retire"
OUTSIDE = "outside"


def person_decision(record, followed):
    """``RETIRE`` (deleted, or no membership holds), ``KEEP`` (sits in a followed committee) or
    ``OUTSIDE`` (a council member outside the committees followed: an existing record is updated, no
    new one is made)."""
    if record.deleted or record.all_ended:
        return RETIRE
    if not record.fields.get("last_name"):
        return OUTSIDE  # nobody to put into the directory
    return KEEP if follows(record.committees, followed) else OUTSIDE


# Resolutions


@dataclass
class Consultation:
    """A consultation of a paper with what its agenda item says."""

    authoritative: bool | None = None
    result: str | None = None
    date: datetime.date | None = None


_ADOPTED = ("beschlossen", "angenommen", "zugestimmt", "genehmigt")
_REJECTED = ("abgelehnt", "nicht beschlossen", "nicht angenommen", "nicht zugestimmt")
_WITHDRAWN = ("zurückgezogen", "zurueckgezogen")


def classify_result(result):
    """The status a ``result`` text gives (stems, case-insensitive): adopted, rejected, open
    (withdrawn), or ``None`` when it decides nothing ("vertagt", "zur Kenntnis genommen")."""
    words = (clean(result) or "").casefold()
    if not words:
        return None
    if any(stem in words for stem in _REJECTED):
        return resolutions.ABGELEHNT
    if any(stem in words for stem in _ADOPTED):
        return resolutions.GEFASST
    if any(stem in words for stem in _WITHDRAWN):
        return resolutions.OFFEN
    return None


def resolution_status(consultations, paper_date=None):
    """``(status, date, result)`` of a resolution from its paper's consultations.

    No consultation: open. The consultations where the resolution is taken (``authoritative``;
    all of them when the server marks none) decide: the latest with a result that adopts, rejects or
    withdraws gives the status, its date and its raw result text; otherwise the paper is submitted
    (dated by the paper).
    """
    if not consultations:
        return resolutions.OFFEN, None, None
    deciding = [c for c in consultations if c.authoritative] or list(consultations)
    decided = [(c, classify_result(c.result)) for c in deciding]
    decided = [(c, status) for c, status in decided if status is not None]
    if decided:
        decided.sort(key=lambda pair: pair[0].date or datetime.date.min)
        consultation, status = decided[-1]
        return status, consultation.date, clean(consultation.result)
    return resolutions.EINGEBRACHT, paper_date, None
