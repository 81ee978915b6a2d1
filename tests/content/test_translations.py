"""Every English msgid of the content model has a German translation in the catalogue.

Collected from the running site, so that a new field or type cannot be forgotten: the FTIs' titles and
descriptions, the titles, descriptions and fieldset labels of the schemas of our types and of our
behaviours (rows of data grids included), the behaviours' own titles, the messages of the content
layer and every msgid of the domain layer (its rules and vocabularies).
"""

from plone.autoform.interfaces import IFormFieldProvider
from plone.behavior.interfaces import IBehavior
from plone.dexterity.interfaces import IDexterityFTI
from plone.supermodel.interfaces import FIELDSETS_KEY
from plone.supermodel.utils import mergedTaggedValueList
from regionaustausch import _
from regionaustausch.content import post
from regionaustausch.domain.messages import all_msgids
from zope.component import getUtilitiesFor
from zope.component import getUtility
from zope.i18n import translate
from zope.i18nmessageid import Message
from zope.schema import getFieldsInOrder
from zope.schema.interfaces import ICollection
import pytest


DOMAIN = "regionaustausch"
OUR_TYPES = (
    "Region",
    "Municipality",
    "Representative",
    "Forum",
    "Thread",
    "Post",
    "ExchangeProposal",
    "Meeting",
)
#: Words that are the same in English and German.
SAME_IN_GERMAN = {"Forum", "Text", "Format"}

#: The German titles of the types (DESIGN.md).
GERMAN_TYPE_TITLES = {
    "Region": "Wirtschaftsregion",
    "Municipality": "Gebietskörperschaft",
    "Representative": "Vertreter*in",
    "Forum": "Forum",
    "Thread": "Diskussion",
    "Post": "Beitrag",
    "ExchangeProposal": "Austauschvorschlag",
    "Meeting": "Austauschtreffen",
}


def _field_messages(schema, where):
    for name, field in getFieldsInOrder(schema):
        for attribute in ("title", "description"):
            text = getattr(field, attribute, None)
            if text:
                yield text, f"{where}.{name}.{attribute}"
        value_type = getattr(field, "value_type", None) if ICollection.providedBy(field) else None
        if value_type is not None:
            if value_type.title:
                yield value_type.title, f"{where}.{name}.value_type"
            row_schema = getattr(value_type, "schema", None)
            if row_schema is not None:
                yield from _field_messages(row_schema, f"{where}.{name}[]")
    for fieldset in mergedTaggedValueList(schema, FIELDSETS_KEY):
        if fieldset.label:
            yield fieldset.label, f"{where}.fieldset {fieldset.__name__}"


def _our_behaviours():
    for name, behaviour in getUtilitiesFor(IBehavior):
        if name.startswith("regionaustausch."):
            yield name, behaviour


def collect_msgids():
    """``{msgid: where}`` of every msgid of the content model (each once)."""
    found = {}

    def add(text, where):
        msgid = str(text)
        if isinstance(text, Message):
            assert text.domain == DOMAIN, f"{where}: {msgid!r} is in domain {text.domain!r}"
        found.setdefault(msgid, where)

    for portal_type in OUR_TYPES:
        fti = getUtility(IDexterityFTI, name=portal_type)
        add(fti.title, f"FTI {portal_type}.title")
        add(fti.description, f"FTI {portal_type}.description")
        for text, where in _field_messages(fti.lookupSchema(), portal_type):
            add(text, where)
    for name, behaviour in _our_behaviours():
        add(behaviour.title, f"behaviour {name}.title")
        if behaviour.description:
            add(behaviour.description, f"behaviour {name}.description")
        assert IFormFieldProvider.providedBy(behaviour.interface)
        for text, where in _field_messages(behaviour.interface, name):
            add(text, where)
    add(post.MSG_REPLY_OTHER_THREAD, "content.post.MSG_REPLY_OTHER_THREAD")
    add(post.MSG_REPLY_TO_ITSELF, "content.post.MSG_REPLY_TO_ITSELF")
    for msgid, where in all_msgids():
        add(msgid, f"domain.{where}")
    return found


_collected = {}


@pytest.fixture
def msgids(portal):
    """Collected once (the FTIs are local utilities of the site: the portal fixture makes it current)."""
    if not _collected:
        _collected.update(collect_msgids())
    return _collected


def test_collects_the_content_model(msgids):
    assert len(msgids) > 150
    assert msgids["Official municipality key (AGS)"] == "Municipality.ags.title"
    assert msgids["Deciding body"] == "ExchangeProposal.required_resolutions[].body.title"
    assert msgids["Contact details"] == "Representative.fieldset contact"
    assert msgids["Topics"].endswith("ITopics.topics.title")


def test_every_msgid_has_a_german_translation(msgids):
    untranslated = {
        msgid: where
        for msgid, where in msgids.items()
        if translate(msgid, domain=DOMAIN, target_language="de") == msgid and msgid not in SAME_IN_GERMAN
    }
    assert untranslated == {}


def test_same_in_german_are_in_the_catalogue(msgids):
    """The allow-list does not hide a missing entry: those msgids are translated (to themselves)."""
    from zope.i18n.interfaces import ITranslationDomain

    catalogue = getUtility(ITranslationDomain, DOMAIN)
    for msgid in SAME_IN_GERMAN & set(msgids):
        assert catalogue.translate(msgid, target_language="de", default="-missing-") == msgid


@pytest.mark.parametrize(("portal_type", "german"), GERMAN_TYPE_TITLES.items())
def test_type_titles(msgids, portal_type, german):
    fti = getUtility(IDexterityFTI, name=portal_type)
    assert translate(fti.Title(), target_language="de") == german


def test_placeholders_survive(msgids):
    """A msgstr keeps the ${placeholders} of its msgid, so the values appear in German too."""
    import re

    placeholder = re.compile(r"\$\{(\w+)\}")
    for msgid in msgids:
        names = set(placeholder.findall(msgid))
        if names:
            german = translate(_(msgid), target_language="de")
            assert set(placeholder.findall(german)) == names, msgid
