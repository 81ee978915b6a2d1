"""The council resolutions an exchange proposal needs (``required_resolutions``).

Answering question 2 of the inquiry ("which political resolutions would be needed?"), a proposal
lists per member municipality the resolution it needs from which body, and how far it has come. A row
is a dict::

    {"municipality": "<uid>", "body": "Rat der Stadt Braunschweig", "kind": "ratsbeschluss",
     "status": "gefasst", "status_date": datetime.date(2022, 6, 14), "reference": "22-18940",
     "url": "https://ratsinfo.example.org/vo0050.asp?__kvonr=18940"}

``municipality`` (the UID of one of the Region's municipalities, required; that it is one of them is
checked against the list the caller passes, since this layer knows no catalog), ``body`` (the name of
the deciding body, required, at most 200 characters), ``kind`` (the kind of body and resolution, a
token of :data:`KINDS`: Rat, Kreistag, Ausschuss, Verwaltung; required), ``status`` (a token of
:data:`STATUSES`, default ``offen``), ``status_date`` (the date of the status's last change, a
``datetime.date`` or ``None``; an ISO date ``YYYY-MM-DD`` is read), ``reference`` (the council
information system's number, optional, at most 50 characters) and ``url`` (its web link, optional,
``http(s)://``). Validation returns every row with all seven keys, text with whitespace collapsed,
``""`` for an empty ``reference`` or ``url``.

A row is known by its municipality, kind and body (:func:`row_key`): a status change is a row of the
same key with another status (:func:`status_changes`). A proposal can be realised only once every row
is adopted (:func:`missing_for_realisation`). Rows stored before the municipality was asked for are
matched to a municipality by the name of their body (:func:`match_municipality`).
"""

from collections.abc import Mapping
from regionaustausch.domain import ags
from regionaustausch.domain.contact import validate_url
from regionaustausch.domain.errors import Problem
from regionaustausch.domain.errors import RuleViolation
from typing import NamedTuple
import datetime
import re


FIELD = "required_resolutions"
BODY_MAX_LENGTH = 200
REFERENCE_MAX_LENGTH = 50

RATSBESCHLUSS = "ratsbeschluss"
KREISTAGSBESCHLUSS = "kreistagsbeschluss"
AUSSCHUSSBESCHLUSS = "ausschussbeschluss"
VERWALTUNGSENTSCHEIDUNG = "verwaltungsentscheidung"
#: (token, English msgid): the deciding body's kind (Rat, Kreistag, Ausschuss, Verwaltung) as the kind
#: of its resolution; German: Ratsbeschluss, Kreistagsbeschluss, Ausschussbeschluss,
#: Verwaltungsentscheidung.
KINDS = (
    (RATSBESCHLUSS, "Council resolution"),
    (KREISTAGSBESCHLUSS, "District council resolution"),
    (AUSSCHUSSBESCHLUSS, "Committee resolution"),
    (VERWALTUNGSENTSCHEIDUNG, "Administrative decision"),
)
KIND_TOKENS = tuple(token for token, _title in KINDS)

OFFEN = "offen"
EINGEBRACHT = "eingebracht"
GEFASST = "gefasst"
ABGELEHNT = "abgelehnt"
#: (token, English msgid); German: offen, eingebracht, gefasst, abgelehnt.
STATUSES = (
    (OFFEN, "Open"),
    (EINGEBRACHT, "Submitted"),
    (GEFASST, "Adopted"),
    (ABGELEHNT, "Rejected"),
)
STATUS_TOKENS = tuple(token for token, _title in STATUSES)
DEFAULT_STATUS = OFFEN
#: The statuses of a resolution that its council still has to take.
OPEN_STATUSES = (OFFEN, EINGEBRACHT)

KEYS = ("municipality", "body", "kind", "status", "status_date", "reference", "url")

MSG_NOT_A_LIST = "The required resolutions must be given as a list."
MSG_NOT_A_ROW = "Resolution ${row}: the entry is not valid."
MSG_UNKNOWN_KEYS = "Resolution ${row}: unknown fields: ${keys}."
MSG_MUNICIPALITY_EMPTY = "Resolution ${row}: choose the municipality whose body decides."
MSG_MUNICIPALITY_UNKNOWN = "Resolution ${row}: the municipality is not one of the Region's municipalities."
MSG_BODY_EMPTY = "Resolution ${row}: the deciding body must be named."
MSG_BODY_TOO_LONG = "Resolution ${row}: the name of the deciding body may have at most ${max} characters."
MSG_KIND = "Resolution ${row}: choose a kind of resolution."
MSG_STATUS = "Resolution ${row}: choose a valid status."
MSG_STATUS_DATE = "Resolution ${row}: the date of the status must be a date (YYYY-MM-DD)."
MSG_REFERENCE_TOO_LONG = "Resolution ${row}: the reference number may have at most ${max} characters."
MSG_URL = (
    "Resolution ${row}: the web link is not valid. It must begin with http:// or https:// and name a host."
)
MSG_MISSING_FOR_REALISATION = (
    "The proposal cannot be marked as realised while required resolutions are not adopted: "
    "${municipalities}. An editor may mark it as realised anyway, giving the reason."
)


def _text(value):
    return " ".join(str(value).split()) if value is not None else ""


def _shorten(text, limit=40):
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _date(value, number):
    """``None``, a ``datetime.date`` or an ISO date string as a ``datetime.date``, or raise."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
        try:
            return datetime.date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise RuleViolation(MSG_STATUS_DATE, field=FIELD, row=number)


def _url(value, number):
    url = _text(value)
    if not url:
        return ""
    try:
        return validate_url(url, field=FIELD)
    except RuleViolation:
        raise RuleViolation(MSG_URL, field=FIELD, row=number) from None


def validate_resolution(row, number=1, municipalities=None):
    """Return the normalised row (all of :data:`KEYS`), or raise.

    ``number`` is the row's position counted from 1; every message names it, e.g. "Resolution 2: the
    deciding body must be named." ``municipalities``, when given, are the UIDs the ``municipality`` may
    be (the Region's). All violations have ``field="required_resolutions"``. Unknown keys are refused
    rather than dropped, so a misspelt key in an API call does not lose data silently. Tokens must be
    given exactly (surrounding whitespace aside).
    """
    if not isinstance(row, Mapping):
        raise RuleViolation(MSG_NOT_A_ROW, field=FIELD, row=number)
    unknown = sorted(_shorten(str(key)) for key in row if key not in KEYS)
    if unknown:
        raise RuleViolation(MSG_UNKNOWN_KEYS, field=FIELD, row=number, keys=", ".join(unknown))
    municipality = _text(row.get("municipality"))
    if not municipality:
        raise RuleViolation(MSG_MUNICIPALITY_EMPTY, field=FIELD, row=number)
    if municipalities is not None and municipality not in municipalities:
        raise RuleViolation(MSG_MUNICIPALITY_UNKNOWN, field=FIELD, row=number)
    body = _text(row.get("body"))
    if not body:
        raise RuleViolation(MSG_BODY_EMPTY, field=FIELD, row=number)
    if len(body) > BODY_MAX_LENGTH:
        raise RuleViolation(MSG_BODY_TOO_LONG, field=FIELD, row=number, max=BODY_MAX_LENGTH)
    kind = _text(row.get("kind"))
    if kind not in KIND_TOKENS:
        raise RuleViolation(MSG_KIND, field=FIELD, row=number)
    status = _text(row.get("status")) or DEFAULT_STATUS
    if status not in STATUS_TOKENS:
        raise RuleViolation(MSG_STATUS, field=FIELD, row=number)
    status_date = _date(row.get("status_date"), number)
    reference = _text(row.get("reference"))
    if len(reference) > REFERENCE_MAX_LENGTH:
        raise RuleViolation(MSG_REFERENCE_TOO_LONG, field=FIELD, row=number, max=REFERENCE_MAX_LENGTH)
    return {
        "municipality": municipality,
        "body": body,
        "kind": kind,
        "status": status,
        "status_date": status_date,
        "reference": reference,
        "url": _url(row.get("url"), number),
    }


def validate_resolutions(rows, municipalities=None):
    """Validate every row (see :func:`validate_resolution`) and return the normalised list.

    ``None`` is the empty list; anything but a list or tuple is refused. The first bad row raises.
    """
    if rows is None:
        return []
    if not isinstance(rows, (list, tuple)):
        raise RuleViolation(MSG_NOT_A_LIST, field=FIELD)
    return [validate_resolution(row, number, municipalities) for number, row in enumerate(rows, start=1)]


# -- status changes and realisation -----------------------------------------------------------------------


def row_key(row):
    """What a row is known by: ``(municipality, kind, body)`` (the municipality ``""`` when there is none)."""
    return (row.get("municipality") or "", row.get("kind") or "", _text(row.get("body")))


def is_open(row):
    """Whether the council of the row's municipality still has to take the resolution."""
    return (row.get("status") or DEFAULT_STATUS) in OPEN_STATUSES


def status_changes(known, rows):
    """The rows whose status differs from what was ``known``: a list of ``(row, old_status, old_date)``.

    ``known`` maps :func:`row_key` to the ``(status, status_date)`` last recorded; a row whose key is
    not known is new (``old_status`` and ``old_date`` ``None``). Rows are taken in their order; a key
    given twice counts once."""
    changes = []
    seen = set()
    for row in rows or ():
        key = row_key(row)
        if key in seen:
            continue
        seen.add(key)
        status = row.get("status") or DEFAULT_STATUS
        old_status, old_date = known.get(key) or (None, None)
        if old_status != status:
            changes.append((row, old_status, old_date))
    return changes


def dated_change(row, old_date, today):
    """The row of a status change with its ``status_date``: the date an editor gave, or ``today`` when
    the row kept the date of its previous status (or had none)."""
    if row.get("status_date") is None or row.get("status_date") == old_date:
        return {**row, "status_date": today}
    return dict(row)


def missing_for_realisation(rows):
    """The rows that stand in the way of ``realise``: every row that is not adopted, in their order."""
    return [row for row in rows or () if (row.get("status") or DEFAULT_STATUS) != GEFASST]


def realisation_problem(names):
    """The refusal of ``realise`` naming the municipalities (or bodies) still missing, or ``None``."""
    names = list(dict.fromkeys(name for name in names if name))
    if not names:
        return None
    return Problem(MSG_MISSING_FOR_REALISATION, {"municipalities": ", ".join(names)})


# -- matching the bodies of rows stored without a municipality ----------------------------------------------


class Candidate(NamedTuple):
    """A municipality a body may belong to: its UID, title, kind (domain.ags) and council's name."""

    uid: str
    title: str
    kind: str | None = None
    council_name: str | None = None


#: Words before a municipality's name that say what it is, not which one (``Landkreis Peine``).
_KIND_WORDS = re.compile(
    r"^(kreisfreie |große |grosse |selbständige |selbstständige )?"
    r"(stadt|hansestadt|landkreis|kreis|gemeinde|samtgemeinde|flecken|region)\s+",
    re.IGNORECASE,
)
_DISTRICT_BODY = re.compile(r"kreis", re.IGNORECASE)


def _core_name(title):
    return _KIND_WORDS.sub("", _text(title)).strip()


def _names_in(body, name):
    return bool(name) and re.search(rf"(?<!\w){re.escape(name)}(?!\w)", body, re.IGNORECASE) is not None


def match_municipality(body, candidates):
    """The UID of the one municipality whose name ``body`` names, or ``None`` (none, or not one alone).

    A municipality is named by its council's name (``Rat der Stadt Braunschweig``), else by its title,
    else by its title without the words of its kind (``Landkreis Peine``: ``Peine``), each as a whole
    word and in any case; the first of these that names any municipality decides. Where a district and
    a town share a name (``Kreistag Wolfenbüttel``, ``Rat Wolfenbüttel``), a body whose name has "kreis"
    in it is the district's, any other the town's. Two municipalities named otherwise: ``None``.
    """
    body = _text(body)
    if not body:
        return None
    scored = []
    for candidate in candidates:
        if candidate.council_name and _names_in(body, _text(candidate.council_name)):
            scored.append((3, candidate))
        elif _names_in(body, _text(candidate.title)):
            scored.append((2, candidate))
        elif _names_in(body, _core_name(candidate.title)):
            scored.append((1, candidate))
    if not scored:
        return None
    best = max(score for score, _candidate in scored)
    winners = [candidate for score, candidate in scored if score == best]
    if len(winners) > 1:
        district = bool(_DISTRICT_BODY.search(body))
        winners = [candidate for candidate in winners if (candidate.kind == ags.LANDKREIS) == district]
    return winners[0].uid if len(winners) == 1 else None
