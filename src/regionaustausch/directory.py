"""The directory of a Region: its active representatives, filtered, sorted by name and batched.

One set of functions for every way the directory is shown: the REST API (``@directory``, also as
CSV) and the Classic UI's directory view and profile cards call them; neither re-implements a filter
or the visibility of contact details. The results are plain Python data (``str``, ``int``, ``dict``,
``list``; titles translated for the request); turning them into JSON or HTML is the caller's job.

Listings read catalog brains (indexes and metadata: ``municipality_uid``, ``municipality_title``,
``party``, ``representative_function``, ``topics``, ``sort_name``) and never wake a record for them.
Contact details are in no index, no metadata column and not in SearchableText, so a record is woken
only to show its contact details, only for the rows that are shown (the current page, or the rows
of a CSV download), and only where the caller may see some: the permission "regionaustausch: View
contact details" on the record (which the record's ``contact_visibility`` sets, see
content/representative.py) *and* the visibility rule of domain.contact for the caller's level must
both allow it.

Bad filter values raise :class:`InvalidFilter` (a domain ``RuleViolation`` whose ``field`` is the
name of the parameter); the REST API answers 400 with its message, a view shows it at the filter.
"""

from AccessControl import getSecurityManager
from collections import namedtuple
from plone import api
from plone.base.utils import munge_search_term
from Products.ZCTextIndex.ParseTree import ParseError
from Products.ZCTextIndex.ParseTree import QueryError
from regionaustausch import _
from regionaustausch.domain import contact
from regionaustausch.domain.errors import RuleViolation
from regionaustausch.domain.representatives import FUNCTION_TOKENS
from regionaustausch.membership import is_network_member
from regionaustausch.permissions import VIEW_CONTACT_DETAILS
from regionaustausch.permissions import ModifyPortalContent
from regionaustausch.vocabularies import FunctionsVocabulary
from regionaustausch.vocabularies import PartiesVocabulary
from regionaustausch.vocabularies import TopicsVocabulary
from regionaustausch.vocabularies import municipality_brains
from zope.globalrequest import getRequest
from zope.i18n import translate
import csv
import io
import Missing
import re


DEFAULT_BATCH_SIZE = 25
MAX_BATCH_SIZE = 100
#: Free text longer than this is refused (a name, a party, a topic: nobody types more).
MAX_TEXT_LENGTH = 200
#: Values quoted back in error messages are cut to this length.
_QUOTE_LENGTH = 60

FILTERS = ("municipality", "topic", "party", "function", "text")

MSG_NOT_A_MUNICIPALITY = 'Parameter "${parameter}": "${value}" is not a municipality of this region.'
MSG_UNKNOWN_TOPIC = 'Parameter "${parameter}": "${value}" is not a known topic.'
MSG_UNKNOWN_FUNCTION = 'Parameter "${parameter}": "${value}" is not a known function.'
MSG_NOT_TEXT = 'Parameter "${parameter}": expected text.'
MSG_TEXT_TOO_LONG = 'Parameter "${parameter}": the search text may have at most ${max} characters.'
MSG_TEXT_UNUSABLE = 'Parameter "${parameter}": the search text cannot be understood.'
MSG_NOT_AN_INTEGER = 'Parameter "${parameter}": "${value}" is not a whole number.'
MSG_BATCH_START = 'Parameter "${parameter}": the start must be 0 or more.'
MSG_BATCH_SIZE = 'Parameter "${parameter}": the page size must be between ${min} and ${max}.'


class InvalidFilter(RuleViolation):
    """A filter or batching parameter of the directory was refused; ``field`` names the parameter."""


def _quoted(value):
    text = str(value)
    return text if len(text) <= _QUOTE_LENGTH else text[: _QUOTE_LENGTH - 1] + "…"


def _request(request):
    return request if request is not None else getRequest()


def _translate(message, request):
    return translate(message, context=_request(request))


def _catalog():
    return api.portal.get_tool("portal_catalog")


def _region_path(region):
    return "/".join(region.getPhysicalPath())


def _metadata(brain, name):
    """A metadata value of ``brain``, ``None`` where the column is missing or holds nothing."""
    value = getattr(brain, name, None)
    return None if value is Missing.Value else value


# -- who is asking --------------------------------------------------------------------------------


def caller_level(record):
    """The current user's level for the visibility rule of domain.contact, at ``record``.

    ``editor`` when they may modify the record (municipal editors of its municipality, site
    administrators, managers, and whoever else holds "Modify portal content" there), ``network`` when
    they are a network member of the record's Region, ``member`` when logged in, else ``anonymous``.
    """
    if api.user.is_anonymous():
        return contact.ANONYMOUS
    if getSecurityManager().checkPermission(ModifyPortalContent, record):
        return contact.EDITOR
    if is_network_member(record):
        return contact.NETWORK_MEMBER
    return contact.MEMBER


def may_see_contact(record):
    """Whether the current user may see the contact details of ``record`` (a Representative).

    Both must allow it: the permission "regionaustausch: View contact details" on the record (granted
    from its ``contact_visibility`` when it is saved) and domain.contact's rule for that visibility
    and the caller's level (:func:`caller_level`), so that a permission setting that is out of date
    cannot show more than the record's visibility says.
    """
    if not getSecurityManager().checkPermission(VIEW_CONTACT_DETAILS, record):
        return False
    visibility = getattr(record, "contact_visibility", None) or contact.HIDDEN
    return contact.contact_visible(visibility, caller_level(record))


def visible_contact(record):
    """The contact details of ``record`` (a Representative object) the current user may see: a dict
    with ``email`` and/or ``phone`` (those filled in), or ``{}`` (see :func:`may_see_contact`)."""
    if not may_see_contact(record):
        return {}
    return {key: value for key in contact.CONTACT_KEYS if (value := getattr(record, key, None))}


def _may_need_contact(brain):
    """Whether waking the record could show anything: only a *public* record can show anonymous users
    something. Knowing that needs the record's visibility in the catalog (a ``contact_visibility``
    metadata column); without it, every record of the page is looked at."""
    visibility = _metadata(brain, "contact_visibility")
    if visibility is None:
        return True
    return visibility == contact.PUBLIC or not api.user.is_anonymous()


# -- filters --------------------------------------------------------------------------------------


def _values(value, parameter):
    """A filter value as a list of non-empty strings (a filter may be given once or repeated)."""
    if value is None:
        return []
    values = [value] if isinstance(value, str) else value
    if not isinstance(values, (list, tuple, set, frozenset)):
        raise InvalidFilter(MSG_NOT_TEXT, field=parameter, parameter=parameter)
    result = []
    for item in values:
        if not isinstance(item, str):
            raise InvalidFilter(MSG_NOT_TEXT, field=parameter, parameter=parameter)
        item = item.strip()
        if item:
            result.append(item)
    return list(dict.fromkeys(result))


def _integer(value, parameter, default):
    if value is None:
        return default
    if isinstance(value, bool):
        raise InvalidFilter(MSG_NOT_AN_INTEGER, field=parameter, parameter=parameter, value=_quoted(value))
    if isinstance(value, int):
        return value
    text = str(value).strip()
    if not re.fullmatch(r"[+-]?[0-9]{1,9}", text):
        raise InvalidFilter(MSG_NOT_AN_INTEGER, field=parameter, parameter=parameter, value=_quoted(value))
    return int(text)


def check_batching(b_start=0, b_size=DEFAULT_BATCH_SIZE):
    """``(b_start, b_size)`` as integers, or :class:`InvalidFilter`: ``b_start >= 0``, ``1 <= b_size <=
    100``. Strings of digits are accepted (as they come from a query string)."""
    start = _integer(b_start, "b_start", 0)
    size = _integer(b_size, "b_size", DEFAULT_BATCH_SIZE)
    if start < 0:
        raise InvalidFilter(MSG_BATCH_START, field="b_start", parameter="b_start")
    if not 1 <= size <= MAX_BATCH_SIZE:
        raise InvalidFilter(MSG_BATCH_SIZE, field="b_size", parameter="b_size", min=1, max=MAX_BATCH_SIZE)
    return start, size


def _check_municipalities(region, uids):
    if not uids:
        return
    brains = _catalog().searchResults(UID=uids, portal_type="Municipality", path=_region_path(region))
    known = {brain.UID for brain in brains}
    for uid in uids:
        if uid not in known:
            raise InvalidFilter(
                MSG_NOT_A_MUNICIPALITY, field="municipality", parameter="municipality", value=_quoted(uid)
            )


def _check_topics(region, topics):
    if not topics:
        return
    known = {term.value for term in TopicsVocabulary(region)}
    for topic in topics:
        if topic not in known:
            raise InvalidFilter(MSG_UNKNOWN_TOPIC, field="topic", parameter="topic", value=_quoted(topic))


def _check_functions(functions):
    for function in functions:
        if function not in FUNCTION_TOKENS:
            raise InvalidFilter(
                MSG_UNKNOWN_FUNCTION, field="function", parameter="function", value=_quoted(function)
            )


def _text_query(text):
    if text is None:
        return None
    if not isinstance(text, str):
        raise InvalidFilter(MSG_NOT_TEXT, field="text", parameter="text")
    text = " ".join(text.split())
    if len(text) > MAX_TEXT_LENGTH:
        raise InvalidFilter(MSG_TEXT_TOO_LONG, field="text", parameter="text", max=MAX_TEXT_LENGTH)
    return munge_search_term(text) or None


DirectorySearch = namedtuple("DirectorySearch", "results brains total b_start b_size")
DirectorySearch.__doc__ = """The answer of :func:`search_representatives`.

``results``: every matching brain, sorted by name (a lazy catalog result: slicing it wakes nothing);
``brains``: those of the requested page (a list); ``total``: how many match; ``b_start``, ``b_size``:
the page, as checked integers."""


def directory_query(region, municipality=None, topic=None, party=None, function=None, text=None):
    """The catalog query for the directory of ``region`` with these filters (checked; see
    :func:`search_representatives`)."""
    municipalities = _values(municipality, "municipality")
    topics = _values(topic, "topic")
    parties = _values(party, "party")
    functions = _values(function, "function")
    searchable_text = _text_query(text)
    _check_municipalities(region, municipalities)
    _check_topics(region, topics)
    _check_functions(functions)

    query = {
        "portal_type": "Representative",
        "review_state": "active",
        "path": _region_path(region),
        "sort_on": "sort_name",
    }
    if municipalities:
        query["municipality_uid"] = municipalities
    if topics:
        query["topics"] = topics
    if parties:
        query["party"] = parties
    if functions:
        query["representative_function"] = functions
    if searchable_text:
        query["SearchableText"] = searchable_text
    return query


def search_representatives(
    region,
    municipality=None,
    topic=None,
    party=None,
    function=None,
    text=None,
    b_start=0,
    b_size=DEFAULT_BATCH_SIZE,
):
    """The active representatives of ``region`` that match all given filters, sorted by name.

    - ``municipality``: UID(s) of municipalities of this Region;
    - ``topic``: topic token(s) of the vocabulary ``regionaustausch.topics``;
    - ``party``: party name(s) exactly as the records have them (free text: an unknown party simply
      matches nobody);
    - ``function``: function token(s) of ``regionaustausch.functions``;
    - ``text``: words searched in name, party, committees, function, topics and municipality (each word
      as a prefix, all words must match); never in contact details, which SearchableText lacks.

    Each filter takes one value or a list (any of them matches). Only what the caller may see is found
    (the catalog's own security; active records are public). Returns a :class:`DirectorySearch`; raises
    :class:`InvalidFilter` naming the parameter for an unknown municipality (or one of another
    Region), topic or function, a text over 200 characters, ``b_start < 0`` or ``b_size`` outside
    1..100.
    """
    start, size = check_batching(b_start, b_size)
    query = directory_query(region, municipality, topic, party, function, text)
    try:
        results = _catalog().searchResults(query)
        total = len(results)
    except (ParseError, QueryError) as error:  # ZCTextIndex could not parse the search text
        raise InvalidFilter(MSG_TEXT_UNUSABLE, field="text", parameter="text") from error
    return DirectorySearch(results, list(results[start : start + size]), total, start, size)


# -- entries --------------------------------------------------------------------------------------


class _Titles:
    """Translated titles of the vocabularies an entry needs, looked up once per listing."""

    def __init__(self, region_context, request):
        self.request = _request(request)
        self.topics = {
            term.value: _translate(term.title, self.request) for term in TopicsVocabulary(region_context)
        }
        self.functions = {
            term.value: _translate(term.title, self.request) for term in FunctionsVocabulary(region_context)
        }

    def function(self, token):
        if not token:
            return None
        return {"token": token, "title": self.functions.get(token, token)}

    def topic_list(self, tokens):
        return [{"token": token, "title": self.topics.get(token, token)} for token in tokens or ()]


def _parent_url(url):
    return url.rsplit("/", 1)[0]


def representative_entry(brain, request=None, with_contact=True, titles=None):
    """One row of the directory, from a catalog brain of a Representative.

    ``{"@id", "@type", "UID", "title", "name", "municipality": {"@id", "UID", "title"}, "party",
    "function": {"token", "title"} | None, "topics": [{"token", "title"}], "contact": {"email"?,
    "phone"?}}``, and ``"committees"`` when the catalog keeps them as metadata. ``contact`` holds only
    what the caller may see (:func:`visible_contact`), else ``{}``; with ``with_contact=False`` it is
    left out and the record is not woken at all. ``titles`` (internal) shares the vocabularies
    between the rows of one listing.
    """
    titles = titles or _Titles(None, request)
    url = brain.getURL()
    name = brain.Title
    entry = {
        "@id": url,
        "@type": "Representative",
        "UID": brain.UID,
        "title": name,
        "name": name,
        "municipality": {
            "@id": _parent_url(url),
            "UID": _metadata(brain, "municipality_uid"),
            "title": _metadata(brain, "municipality_title"),
        },
        "party": _metadata(brain, "party") or None,
        "function": titles.function(_metadata(brain, "representative_function")),
        "topics": titles.topic_list(_metadata(brain, "topics")),
    }
    committees = _metadata(brain, "committees")
    if committees is not None:
        entry["committees"] = list(committees)
    if with_contact:
        entry["contact"] = visible_contact(brain.getObject()) if _may_need_contact(brain) else {}
    return entry


def representative_entries(brains, request=None, with_contact=True, context=None):
    """:func:`representative_entry` for each brain (the vocabularies looked up once)."""
    titles = _Titles(context, request)
    return [representative_entry(brain, request, with_contact, titles) for brain in brains]


def filter_options(region, request=None):
    """What the filters of the directory offer, for forms: ``{"municipalities": [{"UID", "title"}],
    "topics": [{"token", "title"}], "parties": [{"token", "title"}], "functions": [{"token",
    "title"}]}``. A party's ``token`` is its name (the value :func:`search_representatives` takes)."""
    titles = _Titles(region, request)
    return {
        "municipalities": [{"UID": brain.UID, "title": brain.Title} for brain in municipality_brains(region)],
        "topics": [{"token": token, "title": title} for token, title in titles.topics.items()],
        "parties": [{"token": term.value, "title": term.title} for term in PartiesVocabulary(region)],
        "functions": [{"token": token, "title": title} for token, title in titles.functions.items()],
    }


# -- CSV ------------------------------------------------------------------------------------------

CSV_FILENAME = "verzeichnis.csv"
CSV_DELIMITER = ";"
CSV_COLUMNS = (
    ("name", _("Name")),
    ("municipality", _("Municipality")),
    ("party", _("Party or council group")),
    ("function", _("Function")),
    ("topics", _("Topics")),
    ("email", _("E-mail address")),
    ("phone", _("Phone")),
    ("url", _("Link to the record")),
)
# A cell a spreadsheet would run as a formula. Phone numbers (digits, spaces, + / - ( )) are left alone.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_PHONE_LIKE = re.compile(r"\+?[0-9 /()\-]+")


def _csv_cell(value):
    text = "" if value is None else str(value)
    if text.startswith(_FORMULA_START) and not _PHONE_LIKE.fullmatch(text):
        return "'" + text
    return text


def _csv_row(entry):
    contact_details = entry.get("contact") or {}
    function = entry.get("function") or {}
    return {
        "name": entry["name"],
        "municipality": entry["municipality"]["title"],
        "party": entry["party"],
        "function": function.get("title"),
        "topics": ", ".join(topic["title"] for topic in entry["topics"]),
        "email": contact_details.get("email"),
        "phone": contact_details.get("phone"),
        "url": entry["@id"],
    }


def directory_csv(entries, request=None):
    """The entries as CSV text for spreadsheets: a header row (translated), then one row per entry.

    Semicolon-separated, every cell quoted where needed (RFC 4180 quoting), CRLF line ends, and
    beginning with a byte order mark so that spreadsheet programs read the umlauts as UTF-8; encode
    the result as UTF-8. Cells that a spreadsheet would evaluate as formulas are prefixed with ``'``.
    Contact details are those in the entries, i.e. what the caller may see.
    """
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer, delimiter=CSV_DELIMITER, lineterminator="\r\n")
    writer.writerow([_translate(label, request) for _key, label in CSV_COLUMNS])
    for entry in entries:
        row = _csv_row(entry)
        writer.writerow([_csv_cell(row[key]) for key, _label in CSV_COLUMNS])
    return buffer.getvalue()
