"""The named vocabularies of regionaustausch: tokens, German titles, and those that depend on a Region."""

from pathlib import Path
from plone import api
from plone.app.testing import TEST_USER_ID
from plone.app.testing import setRoles
from regionaustausch.controlpanel import get_settings
from types import SimpleNamespace
from zope.i18n import translate
import pytest
import re
import regionaustausch


def german(vocabulary):
    """``[(token, German title), ...]`` in the vocabulary's order."""
    return [(term.token, translate(term.title, target_language="de")) for term in vocabulary]


FIXED = {
    "regionaustausch.municipality_kinds": [
        ("kreisfreie_stadt", "Kreisfreie Stadt"),
        ("landkreis", "Landkreis"),
        ("stadt", "Stadt"),
        ("gemeinde", "Gemeinde"),
        ("samtgemeinde", "Samtgemeinde"),
    ],
    "regionaustausch.contact_visibilities": [
        ("public", "Öffentlich"),
        ("network", "Nur für Netzwerkmitglieder"),
        ("hidden", "Verborgen (nur für die Redaktion)"),
    ],
    "regionaustausch.salutations": [("frau", "Frau"), ("herr", "Herr")],
    "regionaustausch.functions": [
        ("ratsmitglied", "Ratsmitglied"),
        ("kreistagsmitglied", "Kreistagsmitglied"),
        ("fraktionsvorsitz", "Fraktionsvorsitz"),
        ("ausschussvorsitz", "Ausschussvorsitz"),
        ("hinzugewaehlt", "Hinzugewähltes Mitglied"),
        ("buergermeisterin", "Bürgermeister*in"),
        ("landraetin", "Landrät*in"),
        ("wirtschaftsfoerderung", "Wirtschaftsförderung"),
        ("verwaltung", "Verwaltung"),
    ],
    "regionaustausch.proposal_formats": [
        ("austauschtreffen", "Austauschtreffen"),
        ("arbeitskreis", "Arbeitskreis"),
        ("regionalkonferenz", "Regionalkonferenz"),
        ("exkursion", "Exkursion"),
        ("online", "Online-Treffen"),
        ("hospitation", "Hospitation"),
        ("initiative", "Gemeinsame Initiative"),
    ],
    "regionaustausch.resolution_kinds": [
        ("ratsbeschluss", "Ratsbeschluss"),
        ("kreistagsbeschluss", "Kreistagsbeschluss"),
        ("ausschussbeschluss", "Ausschussbeschluss"),
        ("verwaltungsentscheidung", "Verwaltungsentscheidung"),
    ],
    "regionaustausch.resolution_statuses": [
        ("offen", "Offen"),
        ("eingebracht", "Eingebracht"),
        ("gefasst", "Gefasst"),
        ("abgelehnt", "Abgelehnt"),
    ],
    "regionaustausch.topics": [
        ("gewerbeflaechen", "Gewerbeflächen und Ansiedlung"),
        ("fachkraefte", "Fachkräfte"),
        ("mobilitaet", "Pendler und Mobilität"),
        ("digitalisierung", "Digitalisierung"),
        ("innenstadt", "Innenstadt und Handel"),
        ("tourismus", "Tourismus"),
        ("energie", "Energie und Klima"),
        ("wissenschaft", "Wissenschaft und Transfer"),
        ("gruendung", "Gründung"),
        ("regionalmarketing", "Regionalmarketing"),
    ],
}
PER_REGION = {"regionaustausch.municipalities", "regionaustausch.lead_organisers", "regionaustausch.parties"}


def test_every_registered_vocabulary_is_tested():
    zcml = (Path(regionaustausch.__file__).parent / "vocabularies.zcml").read_text()
    assert set(re.findall(r'name="(regionaustausch\.[a-z_]+)"', zcml)) == set(FIXED) | PER_REGION


@pytest.mark.parametrize("name", FIXED)
def test_fixed_vocabulary(portal, get_vocabulary, name):
    vocabulary = get_vocabulary(name, portal)
    assert german(vocabulary) == FIXED[name]
    for term in vocabulary:
        assert term.value == term.token
        assert term.token.isascii()


class TestTopics:
    def test_extra_topics_from_the_control_panel(self, portal, get_vocabulary):
        get_settings().extra_topics = [
            "wasserstoff|Wasserstoff",
            "Kreislaufwirtschaft",
            "",
            "# eine Bemerkung",
            "Häfen & Logistik",
        ]
        vocabulary = get_vocabulary("regionaustausch.topics", portal)
        assert german(vocabulary) == [
            *FIXED["regionaustausch.topics"],
            ("wasserstoff", "Wasserstoff"),
            ("kreislaufwirtschaft", "Kreislaufwirtschaft"),
            ("haefen-logistik", "Häfen & Logistik"),
        ]

    def test_bad_lines_are_skipped(self, portal, get_vocabulary):
        get_settings().extra_topics = [
            "Wasserstoff",
            "Ungültige Kennung|Titel",  # a token with a space
            "gewerbeflaechen|Doppelte Kennung",  # a built-in token
            "wasserstoff|Noch einmal",  # a token given above
            "neu|",  # no title
            "!!!",  # nothing to make a token of
            "lang|" + "x" * 101,  # title too long
            "Kreislaufwirtschaft",
        ]
        tokens = [term.token for term in get_vocabulary("regionaustausch.topics", portal)]
        assert tokens[len(FIXED["regionaustausch.topics"]) :] == ["wasserstoff", "kreislaufwirtschaft"]

    def test_topics_field_accepts_extra_topics(self, portal, get_vocabulary):
        """A topic of the control panel is valid for the topics field once it is configured."""
        from regionaustausch.behaviors.topics import ITopics
        from zope.schema.interfaces import WrongContainedType

        field = ITopics["topics"].bind(portal)
        with pytest.raises(WrongContainedType):
            field.validate(["wasserstoff", "energie"])
        get_settings().extra_topics = ["wasserstoff|Wasserstoff"]
        field = ITopics["topics"].bind(portal)
        field.validate(["wasserstoff", "energie"])
        assert "wasserstoff" in field.value_type.bind(portal).vocabulary


@pytest.fixture(scope="class")
def regions(portal_class):
    """Two Regions with municipalities, partners and representatives of their own."""
    setRoles(portal_class, TEST_USER_ID, ["Manager"])

    def municipality(region, title, kind, ags):
        return api.content.create(container=region, type="Municipality", title=title, kind=kind, ags=ags)

    def representative(municipality, first_name, last_name, party, state="active"):
        record = api.content.create(
            container=municipality,
            type="Representative",
            title="x",
            first_name=first_name,
            last_name=last_name,
            party=party,
        )
        if state == "active":
            api.content.transition(obj=record, transition="approve")
        return record

    east = api.content.create(
        container=portal_class,
        type="Region",
        title="Großraum Braunschweig",
        partners=["Regionalverband Großraum Braunschweig", "IHK Braunschweig", "IHK Braunschweig"],
    )
    west = api.content.create(
        container=portal_class, type="Region", title="Region Hannover", partners=["IHK Hannover"]
    )
    east_ns = SimpleNamespace(
        region=east,
        wolfsburg=municipality(east, "Wolfsburg", "kreisfreie_stadt", "03103000"),
        braunschweig=municipality(east, "Braunschweig", "kreisfreie_stadt", "03101000"),
        goslar=municipality(east, "Landkreis Goslar", "landkreis", "03153"),
    )
    west_ns = SimpleNamespace(
        region=west, hannover=municipality(west, "Hannover", "kreisfreie_stadt", "03241001")
    )
    representative(east_ns.braunschweig, "Anna", "Beispiel", "SPD")
    representative(east_ns.braunschweig, "Bernd", "Muster", "Bündnis 90/Die Grünen")
    representative(east_ns.wolfsburg, "Carla", "Probe", "spd")
    representative(east_ns.goslar, "Dieter", "Test", "CDU")
    representative(east_ns.goslar, "Eva", "Leer", None)
    representative(west_ns.hannover, "Fritz", "West", "FDP")
    representative(west_ns.hannover, "Gerd", "Wartet", "Partei im Antrag", state="pending")
    proposal = api.content.create(container=east, type="ExchangeProposal", title="Vorschlag")
    return SimpleNamespace(portal=portal_class, east=east_ns, west=west_ns, proposal=proposal)


class TestPerRegion:
    def test_municipalities(self, regions, get_vocabulary):
        vocabulary = get_vocabulary("regionaustausch.municipalities", regions.east.region)
        east = regions.east
        assert [(term.value, term.title) for term in vocabulary] == [
            (east.braunschweig.UID(), "Braunschweig"),
            (east.goslar.UID(), "Landkreis Goslar"),
            (east.wolfsburg.UID(), "Wolfsburg"),
        ]
        assert all(term.token == term.value for term in vocabulary)

    def test_municipalities_from_inside_the_region(self, regions, get_vocabulary):
        """Add forms pass the container, edit forms and the REST API the object."""
        for context in (regions.proposal, regions.east.goslar):
            vocabulary = get_vocabulary("regionaustausch.municipalities", context)
            assert len(vocabulary) == 3
            assert regions.west.hannover.UID() not in vocabulary

    def test_municipalities_of_the_other_region(self, regions, get_vocabulary):
        vocabulary = get_vocabulary("regionaustausch.municipalities", regions.west.region)
        assert [term.title for term in vocabulary] == ["Hannover"]

    @pytest.mark.parametrize("name", sorted(PER_REGION - {"regionaustausch.parties"}))
    def test_outside_a_region_empty(self, regions, get_vocabulary, name):
        assert len(get_vocabulary(name, regions.portal)) == 0
        assert len(get_vocabulary(name, None)) == 0

    def test_lead_organisers(self, regions, get_vocabulary):
        vocabulary = get_vocabulary("regionaustausch.lead_organisers", regions.proposal)
        east = regions.east
        assert [(term.value, term.title) for term in vocabulary] == [
            (east.braunschweig.UID(), "Braunschweig"),
            (east.goslar.UID(), "Landkreis Goslar"),
            (east.wolfsburg.UID(), "Wolfsburg"),
            ("Regionalverband Großraum Braunschweig", "Regionalverband Großraum Braunschweig"),
            ("IHK Braunschweig", "IHK Braunschweig"),
        ]
        assert vocabulary.getTerm("IHK Braunschweig").token == "partner-ihk-braunschweig"
        assert all(term.token.isascii() for term in vocabulary)

    def test_lead_organisers_of_the_other_region(self, regions, get_vocabulary):
        vocabulary = get_vocabulary("regionaustausch.lead_organisers", regions.west.region)
        assert [term.title for term in vocabulary] == ["Hannover", "IHK Hannover"]

    def test_parties(self, regions, get_vocabulary):
        vocabulary = get_vocabulary("regionaustausch.parties", regions.east.region)
        # the same order and tokens in every process (a set's order of "SPD" and "spd" is not)
        assert [(term.token, term.value) for term in vocabulary] == [
            ("buendnis-90-die-gruenen", "Bündnis 90/Die Grünen"),
            ("cdu", "CDU"),
            ("spd", "SPD"),
            ("spd-2", "spd"),
        ]

    def test_parties_of_the_other_region(self, regions, get_vocabulary):
        assert [term.value for term in get_vocabulary("regionaustausch.parties", regions.west.hannover)] == [
            "FDP"
        ]

    def test_parties_of_the_whole_site(self, regions, get_vocabulary):
        values = {term.value for term in get_vocabulary("regionaustausch.parties", regions.portal)}
        assert values == {"Bündnis 90/Die Grünen", "CDU", "FDP", "SPD", "spd"}
