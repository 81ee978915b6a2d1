"""The directory's search: filters, query string parameters, the search and the entries of a list.

Listings read catalog brains (indexes and metadata: ``municipality_uid``, ``municipality_title``,
``party``, ``representative_function``, ``topics``, ``sort_name``, ``public_contact``) and never
wake a record for them. Contact details are in no index, no metadata column and not in
SearchableText, so a record is woken only to show its contact details, only for the rows that are
shown (the current page, or the rows of a CSV download), and only where the caller may see some
(:func:`regionaustausch.directory.contact.brain_contact`).

The results are plain Python data (``str``, ``int``, ``dict``, ``list``; titles translated for the
request); turning them into JSON or HTML is the caller's job. Bad filter values raise
:class:`InvalidFilter` (a domain ``RuleViolation`` whose ``field`` is the name of the parameter);
the REST API answers 400 with its message, a view shows it at the filter.
"""

from collections import namedtuple
from plone.base.utils import munge_search_term
from plone.batching import Batch
from Products.ZCTextIndex.ParseTree import ParseError
from Products.ZCTextIndex.ParseTree import QueryError
from regionaustausch.directory.contact import brain_contact
from regionaustausch.domain.errors import RuleViolation
from regionaustausch.domain.representatives import FUNCTION_TOKENS
from regionaustausch.listing import catalog
from regionaustausch.listing import metadata
from regionaustausch.listing import path_of
from regionaustausch.listing import translated
from regionaustausch.vocabularies import FunctionsVocabulary
from regionaustausch.vocabularies import PartiesVocabulary
from regionaustausch.vocabularies import TopicsVocabulary
from regionaustausch.vocabularies import municipality_brains
import re


DEFAULT_BATCH_SIZE = 25
MAX_BATCH_SIZE = 100
#: Free text longer than this is refused (a name, a party, a topic: nobody types more).
MAX_TEXT_LENGTH = 200
#: Values quoted back in error messages are cut to this length.
_QUOTE_LENGTH = 60

#: query string parameter -> argument of :func:`search_representatives` (the REST API and the views
#: take the same parameters).
PARAMETERS = {
    "municipality": "municipality",
    "topic": "topic",
    "party": "party",
    "function": "function",
    "q": "text",
}
_PARAMETER_OF = {argument: parameter for parameter, argument in PARAMETERS.items()}
BATCH_PARAMETERS = ("b_start", "b_size")

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
    brains = catalog().searchResults(UID=uids, portal_type="Municipality", path=path_of(region))
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


DirectorySearch = namedtuple("DirectorySearch", "results batch brains total b_start b_size")
DirectorySearch.__doc__ = """The answer of :func:`search_representatives`.

``results``: every matching brain, sorted by name (a lazy catalog result: slicing it wakes nothing);
``batch``: the requested page as a plone.batching ``Batch`` (page numbers, previous and next pages);
``brains``: the brains of that page (a list); ``total``: how many match; ``b_start``, ``b_size``: the
page, as checked integers."""


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
        "path": path_of(region),
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
        results = catalog().searchResults(query)
        total = len(results)
    except (ParseError, QueryError) as error:  # ZCTextIndex could not parse the search text
        raise InvalidFilter(MSG_TEXT_UNUSABLE, field="text", parameter="text") from error
    batch = Batch(results, size, start=start)
    return DirectorySearch(results, batch, list(batch), total, start, size)


# -- query string parameters ----------------------------------------------------------------------


def given_filters(form):
    """The filter parameters of a query string (a request's ``form``) that are given:
    ``{parameter: value}``, blank values left out."""
    return {parameter: form[parameter] for parameter in PARAMETERS if form.get(parameter) not in (None, "")}


def parameter_of(refusal):
    """The query string parameter an :class:`InvalidFilter` is about (``q`` for the text)."""
    return _PARAMETER_OF.get(refusal.field, refusal.field)


def search_request(region, form, batched=True):
    """:func:`search_representatives` with the parameters of a query string (``form``): the filters
    ``municipality``, ``topic``, ``party``, ``function`` and ``q`` (the text), and, when ``batched``,
    ``b_start`` and ``b_size``. A refusal names the query string parameter (``q``, not ``text``)."""
    arguments = {PARAMETERS[parameter]: value for parameter, value in given_filters(form).items()}
    if batched:
        arguments.update({name: form[name] for name in BATCH_PARAMETERS if name in form})
    try:
        return search_representatives(region, **arguments)
    except InvalidFilter as refusal:
        parameter = parameter_of(refusal)
        if parameter == refusal.field:
            raise
        mapping = {**refusal.mapping, "parameter": parameter}
        raise InvalidFilter(refusal.msgid, field=parameter, **mapping) from refusal


# -- entries --------------------------------------------------------------------------------------


class _Titles:
    """Translated titles of the vocabularies an entry needs, looked up once per listing."""

    def __init__(self, region_context, request):
        self.topics = {
            term.value: translated(term.title, request) for term in TopicsVocabulary(region_context)
        }
        self.functions = {
            term.value: translated(term.title, request) for term in FunctionsVocabulary(region_context)
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
    what the caller may see (:func:`~regionaustausch.directory.contact.brain_contact`), else ``{}``;
    with ``with_contact=False`` it is left out and the record is not woken at all. ``titles``
    (internal) shares the vocabularies between the rows of one listing.
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
            "UID": metadata(brain, "municipality_uid"),
            "title": metadata(brain, "municipality_title"),
        },
        "party": metadata(brain, "party") or None,
        "function": titles.function(metadata(brain, "representative_function")),
        "topics": titles.topic_list(metadata(brain, "topics")),
    }
    committees = metadata(brain, "committees")
    if committees is not None:
        entry["committees"] = list(committees)
    if with_contact:
        entry["contact"] = brain_contact(brain)
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
