"""Named vocabularies of regionaustausch.

Fixed lists come from :mod:`regionaustausch.domain` as ``(token, English msgid)`` pairs and are
translated through the catalogue; lists that depend on the Region (its municipalities, its possible
lead organisers, the parties in its directory) are read from the catalog, without waking objects.
"""

from plone import api
from regionaustausch import _
from regionaustausch.content.region import find_region
from regionaustausch.controlpanel import get_settings
from regionaustausch.domain import ags
from regionaustausch.domain import contact
from regionaustausch.domain import proposals
from regionaustausch.domain import representatives
from regionaustausch.domain import resolutions
from regionaustausch.domain import topics
from regionaustausch.domain.names import make_id
from zope.component.hooks import getSite
from zope.interface import provider
from zope.schema.interfaces import IVocabularyFactory
from zope.schema.vocabulary import SimpleTerm
from zope.schema.vocabulary import SimpleVocabulary


def translated_vocabulary(pairs):
    """A vocabulary of ``(token, msgid)`` pairs whose titles the catalogue translates."""
    return SimpleVocabulary([SimpleTerm(value=token, token=token, title=_(title)) for token, title in pairs])


def fixed_vocabulary(pairs):
    """A named vocabulary factory for a fixed list of ``(token, msgid)`` pairs."""

    @provider(IVocabularyFactory)
    def factory(context):
        return translated_vocabulary(pairs)

    return factory


MunicipalityKindsVocabulary = fixed_vocabulary(ags.KINDS)
ContactVisibilitiesVocabulary = fixed_vocabulary(contact.VISIBILITIES)
SalutationsVocabulary = fixed_vocabulary(representatives.SALUTATIONS)
FunctionsVocabulary = fixed_vocabulary(representatives.FUNCTIONS)
ProposalFormatsVocabulary = fixed_vocabulary(proposals.FORMATS)
ResolutionKindsVocabulary = fixed_vocabulary(resolutions.KINDS)
ResolutionStatusesVocabulary = fixed_vocabulary(resolutions.STATUSES)


def topic_pairs():
    """The built-in topics followed by those a site administrator added in the control panel."""
    extra = get_settings().extra_topics if getSite() is not None else []
    return topics.merge_topics(topics.TOPICS, extra or [], strict=False)


@provider(IVocabularyFactory)
def TopicsVocabulary(context):
    builtin = set(topics.TOPIC_TOKENS)
    return SimpleVocabulary(
        [
            SimpleTerm(value=token, token=token, title=_(title) if token in builtin else title)
            for token, title in topic_pairs()
        ]
    )


def _region_for(context):
    """The Region of a vocabulary's context (add forms pass the container, edit forms and REST the object)."""
    return find_region(context) if context is not None else None


def unique_token(text, taken):
    """An ASCII token for ``text``, unique among ``taken`` (which it joins)."""
    base = make_id(text) or "item"
    token, number = base, 1
    while token in taken:
        number += 1
        token = f"{base}-{number}"
    taken.add(token)
    return token


def municipality_brains(region):
    """Catalog brains of a Region's municipalities, sorted by title."""
    return api.content.find(
        context=region,
        portal_type="Municipality",
        sort_on="sortable_title",
        unrestricted=True,
    )


@provider(IVocabularyFactory)
def MunicipalitiesVocabulary(context):
    """The municipalities of the Region of ``context``; values are UIDs."""
    region = _region_for(context)
    if region is None:
        return SimpleVocabulary([])
    return SimpleVocabulary(
        [
            SimpleTerm(value=brain.UID, token=brain.UID, title=brain.Title)
            for brain in municipality_brains(region)
        ]
    )


@provider(IVocabularyFactory)
def LeadOrganisersVocabulary(context):
    """Who can lead an exchange: the Region's municipalities (value: UID) and its partners (value: name)."""
    region = _region_for(context)
    if region is None:
        return SimpleVocabulary([])
    terms = [
        SimpleTerm(value=brain.UID, token=brain.UID, title=brain.Title)
        for brain in municipality_brains(region)
    ]
    tokens = {term.token for term in terms}
    for partner in dict.fromkeys(region.partners or ()):
        terms.append(
            SimpleTerm(value=partner, token=unique_token("partner-" + partner, tokens), title=partner)
        )
    return SimpleVocabulary(terms)


@provider(IVocabularyFactory)
def PartiesVocabulary(context):
    """The parties and council groups named in the Region's directory (its active records: a pending
    record is not public yet, a former one no longer matches anybody), for its filters."""
    region = _region_for(context)
    query = {"portal_type": "Representative", "review_state": "active", "unrestricted": True}
    if region is not None:
        query["context"] = region
    # sorted by a total order: parties differing only in case ("SPD", "spd") must get the same tokens
    # in every process, whatever order the set yields them in
    parties = sorted(
        {brain.party for brain in api.content.find(**query) if brain.party},
        key=lambda party: (party.casefold(), party),
    )
    tokens = set()
    return SimpleVocabulary(
        [SimpleTerm(value=party, token=unique_token(party, tokens), title=party) for party in parties]
    )
