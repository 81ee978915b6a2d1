"""Catalog indexers: what listings need, so that they read brains and never wake objects.

The catalog answers anybody's search, and its metadata columns anybody's ``@search``: contact details
(e-mail, phone) and their visibility are deliberately in no index, no metadata column and not in
SearchableText; ``public_contact`` says only what the directory shows anonymous callers anyway; a
record's user account is indexed as a keyed token (regionaustausch.user_tokens), never as its id.
"""

from Acquisition import aq_base
from Acquisition import aq_inner
from Acquisition import aq_parent
from plone import api
from plone.indexer import indexer
from regionaustausch.behaviors.topics import ITopics
from regionaustausch.content.exchange_proposal import IExchangeProposal
from regionaustausch.content.meeting import IMeeting
from regionaustausch.content.municipality import IMunicipality
from regionaustausch.content.representative import IRepresentative
from regionaustausch.content.thread import IThread
from regionaustausch.directory import contact
from regionaustausch.domain.text import plain_text
from regionaustausch.interfaces import IRegionaustauschContent
from regionaustausch.resolutions import open_rows
from regionaustausch.supports import support_counts
from regionaustausch.user_tokens import user_token
from regionaustausch.vocabularies import FunctionsVocabulary
from regionaustausch.vocabularies import TopicsVocabulary
from zope.i18n import translate


def _parent(obj):
    return aq_parent(aq_inner(obj))


def _term_title(vocabulary, value):
    """The title of a term in the site's language: the same whoever reindexes (a script has no request,
    a request may negotiate another language), so that German words find German records."""
    try:
        title = vocabulary.getTerm(value).title
    except LookupError:
        return value
    return translate(title, target_language=api.portal.get_default_language())


@indexer(IMunicipality)
def municipality_uid_of_municipality(obj):
    return obj.UID()


@indexer(IRepresentative)
def municipality_uid_of_representative(obj):
    return _parent(obj).UID()


@indexer(IMeeting)
def municipality_uid_of_meeting(obj):
    return obj.host_municipality or None


@indexer(IMunicipality)
def municipality_title_of_municipality(obj):
    return obj.Title()


@indexer(IRepresentative)
def municipality_title_of_representative(obj):
    return _parent(obj).Title()


@indexer(IMunicipality)
def ags_of_municipality(obj):
    return obj.ags


@indexer(IRepresentative)
def ags_of_representative(obj):
    return getattr(_parent(obj), "ags", None)


@indexer(IMunicipality)
def municipality_kind(obj):
    return obj.kind


@indexer(ITopics)
def topics(obj):
    return list(ITopics(obj).topics or ())


@indexer(IRepresentative)
def party(obj):
    return obj.party or None


@indexer(IRepresentative)
def representative_function(obj):
    return obj.function or None


@indexer(IRepresentative)
def sort_name(obj):
    return obj.sort_name()


def _rich_text(value):
    raw = getattr(value, "raw", None)
    return plain_text(raw) if raw else None


@indexer(IRegionaustauschContent)
def searchable_text(obj):
    """Title, description, topics and the rich texts (as plain text) of our types."""
    parts = [obj.Title(), obj.Description()]
    if ITopics.providedBy(obj):
        topic_terms = TopicsVocabulary(obj)
        parts.extend(_term_title(topic_terms, topic) for topic in (obj.topics or ()))
    for name in ("text", "agenda", "minutes"):
        parts.append(_rich_text(getattr(aq_base(obj), name, None)))
    return " ".join(part for part in parts if part)


@indexer(IRepresentative)
def representative_searchable_text(obj):
    """Name, party, committees, function, topics and municipality; never the contact details."""
    topic_terms = TopicsVocabulary(obj)
    parts = [
        obj.Title(),
        obj.party,
        *(obj.committees or ()),
        _term_title(FunctionsVocabulary(obj), obj.function) if obj.function else None,
        *(_term_title(topic_terms, topic) for topic in (obj.topics or ())),
        _parent(obj).Title(),
    ]
    return " ".join(part for part in parts if part)


@indexer(IThread)
def last_activity(obj):
    return obj.last_activity()


@indexer(IThread)
def post_count(obj):
    return obj.post_count()


@indexer(IThread)
def pinned(obj):
    return bool(obj.pinned)


@indexer(IExchangeProposal)
def support_count(obj):
    return support_counts(obj)[0]


@indexer(IExchangeProposal)
def supporting_municipalities(obj):
    return support_counts(obj)[1]


@indexer(IExchangeProposal)
def open_resolution_municipalities(obj):
    """The municipalities whose councils still have to take a resolution the proposal needs (the
    municipality page lists them from the catalog)."""
    return sorted({row["municipality"] for row in open_rows(obj) if row.get("municipality")})


@indexer(IExchangeProposal)
def open_resolutions(obj):
    """Metadata: those resolutions (rows with dates as ISO strings), so the page wakes no proposal."""
    return tuple(open_rows(obj))


@indexer(IRepresentative)
def representative_user_id(obj):
    """The token of the user account a record names (membership.active_records looks records up by
    it, with the same token)."""
    return user_token(obj.user_id)


@indexer(IRepresentative)
def public_contact(obj):
    """Whether the record shows contact details to everybody (the directory wakes a record for an
    anonymous caller only then)."""
    return contact.public_contact(obj)
