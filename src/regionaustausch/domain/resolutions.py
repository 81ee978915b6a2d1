"""The council resolutions an exchange proposal needs (``required_resolutions``).

Answering question 2 of the inquiry ("which political resolutions would be needed?"), a proposal
lists per body the resolution it needs and how far it has come. A row is a dict::

    {"body": "Rat der Stadt Braunschweig", "kind": "ratsbeschluss", "status": "gefasst",
     "reference": "22-18940"}

``body`` (the deciding body, required, at most 200 characters), ``kind`` (a token of :data:`KINDS`,
required), ``status`` (a token of :data:`STATUSES`, default ``offen``), ``reference`` (the council
information system's number, optional, at most 50 characters). Validation returns every row with all
four keys, text with whitespace collapsed and ``reference`` ``""`` when there is none.
"""

from collections.abc import Mapping
from regionaustausch.domain.errors import RuleViolation


FIELD = "required_resolutions"
BODY_MAX_LENGTH = 200
REFERENCE_MAX_LENGTH = 50

RATSBESCHLUSS = "ratsbeschluss"
KREISTAGSBESCHLUSS = "kreistagsbeschluss"
AUSSCHUSSBESCHLUSS = "ausschussbeschluss"
VERWALTUNGSENTSCHEIDUNG = "verwaltungsentscheidung"
#: (token, English msgid); German: Ratsbeschluss, Kreistagsbeschluss, Ausschussbeschluss,
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

KEYS = ("body", "kind", "status", "reference")

MSG_NOT_A_LIST = "The required resolutions must be given as a list."
MSG_NOT_A_ROW = "Resolution ${row}: the entry is not valid."
MSG_UNKNOWN_KEYS = "Resolution ${row}: unknown fields: ${keys}."
MSG_BODY_EMPTY = "Resolution ${row}: the deciding body must be named."
MSG_BODY_TOO_LONG = "Resolution ${row}: the name of the deciding body may have at most ${max} characters."
MSG_KIND = "Resolution ${row}: choose a kind of resolution."
MSG_STATUS = "Resolution ${row}: choose a valid status."
MSG_REFERENCE_TOO_LONG = "Resolution ${row}: the reference number may have at most ${max} characters."


def _text(value):
    return " ".join(str(value).split()) if value is not None else ""


def _shorten(text, limit=40):
    return text if len(text) <= limit else text[: limit - 1] + "…"


def validate_resolution(row, number=1):
    """Return the normalised row ``{"body", "kind", "status", "reference"}``, or raise.

    ``number`` is the row's position counted from 1; every message names it, e.g. "Resolution 2: the
    deciding body must be named." All violations have ``field="required_resolutions"``. Unknown keys
    are refused rather than dropped, so a misspelt key in an API call does not lose data silently.
    Tokens must be given exactly (surrounding whitespace aside).
    """
    if not isinstance(row, Mapping):
        raise RuleViolation(MSG_NOT_A_ROW, field=FIELD, row=number)
    unknown = sorted(_shorten(str(key)) for key in row if key not in KEYS)
    if unknown:
        raise RuleViolation(MSG_UNKNOWN_KEYS, field=FIELD, row=number, keys=", ".join(unknown))
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
    reference = _text(row.get("reference"))
    if len(reference) > REFERENCE_MAX_LENGTH:
        raise RuleViolation(MSG_REFERENCE_TOO_LONG, field=FIELD, row=number, max=REFERENCE_MAX_LENGTH)
    return {"body": body, "kind": kind, "status": status, "reference": reference}


def validate_resolutions(rows):
    """Validate every row (see :func:`validate_resolution`) and return the normalised list.

    ``None`` is the empty list; anything but a list or tuple is refused. The first bad row raises.
    """
    if rows is None:
        return []
    if not isinstance(rows, (list, tuple)):
        raise RuleViolation(MSG_NOT_A_LIST, field=FIELD)
    return [validate_resolution(row, number) for number, row in enumerate(rows, start=1)]
