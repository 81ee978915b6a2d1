"""The demo region (profile ``regionaustausch:demo``): what it creates, that it creates it once, and that
``regionaustausch:default`` creates none of it."""

from plone import api
from plone.app.event.base import localized_now
from regionaustausch import demo_data
from regionaustausch.content.calendar import upcoming_meetings
from regionaustausch.demo import create_demo_content
from regionaustausch.demo import upcoming_meeting_times
from regionaustausch.domain.names import make_id
from regionaustausch.domain.resolutions import validate_resolutions
from regionaustausch.domain.text import plain_text
from zope.interface.exceptions import Invalid
from zope.schema import getSchemaValidationErrors
import contextlib
import datetime
import pytest


DEMO = "profile-regionaustausch:demo"
REGION_ID = "grossraum-braunschweig"
MEETING_PROPOSAL = "austauschtreffen-fachkraefte-und-pendler"

AGS = {
    "Stadt Braunschweig": ("03101000", "kreisfreie_stadt"),
    "Stadt Salzgitter": ("03102000", "kreisfreie_stadt"),
    "Stadt Wolfsburg": ("03103000", "kreisfreie_stadt"),
    "Landkreis Gifhorn": ("03151", "landkreis"),
    "Landkreis Goslar": ("03153", "landkreis"),
    "Landkreis Helmstedt": ("03154", "landkreis"),
    "Landkreis Peine": ("03157", "landkreis"),
    "Landkreis Wolfenbüttel": ("03158", "landkreis"),
}

QUESTIONS = (
    "Wer könnte bei der Organisation eines solchen interkommunalen Austauschs der "
    "Wirtschaftspolitiker*innen aus der Region die Federführung übernehmen?",
    "Welche politischen Beschlüsse oder Initiativen wären dazu erforderlich?",
    "Wie beurteilt die Verwaltung die Chancen für einen solchen direkten Austausch zwischen den "
    "kommunalpolitischen Vertreter*innen aus der gesamten Region?",
)

TYPES = ("Region", "Municipality", "Representative", "Forum", "Thread", "Post", "ExchangeProposal", "Meeting")


def meetings_allowed(region):
    """Whether the demo proposal may hold meetings in its current workflow state (its workflow plans
    meetings only once a proposal is accepted, and the demo transitions nothing yet)."""
    with api.env.adopt_roles(["Manager"]):
        return bool(api.user.has_permission("regionaustausch: Add Meeting", obj=region[MEETING_PROPOSAL]))


def allow_meetings(region):
    region[MEETING_PROPOSAL].manage_permission(
        "regionaustausch: Add Meeting", roles=["Manager"], acquire=False
    )


def apply_demo(portal):
    portal.portal_setup.runAllImportStepsFromProfile(DEMO)


def find(**query):
    return api.content.find(unrestricted=True, **query)


def counts():
    return {portal_type: len(find(portal_type=portal_type)) for portal_type in TYPES}


def expected_ids():
    """The ids below the Region that the demo data names (the meeting aside), as relative paths."""
    ids = []
    for municipality in demo_data.MUNICIPALITIES:
        ids.append(municipality["id"])
        ids.extend(f"{municipality['id']}/{person['id']}" for person in municipality["representatives"])
    for forum in demo_data.FORUMS:
        ids.append(forum["id"])
        for thread in forum["threads"]:
            ids.append(f"{forum['id']}/{thread['id']}")
            ids.extend(f"{forum['id']}/{thread['id']}/{post['id']}" for post in thread["posts"])
    ids.extend(proposal["id"] for proposal in demo_data.PROPOSALS)
    return sorted(ids)


def relative_paths(region):
    prefix = "/".join(region.getPhysicalPath()) + "/"
    return sorted(path.removeprefix(prefix) for path in all_paths(region)[1:])


def all_paths(region):
    paths = []

    def walk(obj):
        paths.append("/".join(obj.getPhysicalPath()))
        for child in obj.objectValues():
            walk(child)

    walk(region)
    return paths


@pytest.fixture
def region(portal):
    """The demo, applied by the test user (no Manager unless a test says so)."""
    apply_demo(portal)
    return portal[REGION_ID]


@pytest.fixture
def with_meeting(portal, region):
    """The demo with its meeting: the proposal is allowed to hold one, as once it is accepted."""
    allow_meetings(region)
    apply_demo(portal)
    return region[MEETING_PROPOSAL]["erstes-austauschtreffen"]


@pytest.fixture
def municipalities(region):
    return {brain.Title: brain.getObject() for brain in find(portal_type="Municipality")}


class TestProfile:
    def test_default_alone_creates_no_demo_content(self, portal):
        assert REGION_ID not in portal.objectIds()
        assert all(number == 0 for number in counts().values())

    def test_demo_profile_registered_visible(self, portal):
        from plone.base.interfaces import INonInstallable
        from zope.component import getAllUtilitiesRegisteredFor

        info = portal.portal_setup.getProfileInfo(DEMO)
        assert info["title"] == "Regionaustausch: Demo-Region Großraum Braunschweig"
        assert "Beispiel" in info["description"]
        hidden = {
            profile
            for utility in getAllUtilitiesRegisteredFor(INonInstallable)
            for profile in utility.getNonInstallableProfiles()
        }
        assert "regionaustausch:demo" not in hidden

    def test_applied_by_a_user_without_manager_rights(self, portal):
        """The handler takes the rights it needs, whoever applies the profile."""
        assert "Manager" not in api.user.get_roles(obj=portal)
        apply_demo(portal)
        assert counts()["Municipality"] == 8

    def test_counts(self, region):
        assert counts() == {
            "Region": 1,
            "Municipality": 8,
            "Representative": 19,
            "Forum": 2,
            "Thread": 5,
            "Post": 11,
            "ExchangeProposal": 2,
            "Meeting": 1 if meetings_allowed(region) else 0,
        }
        assert 16 <= counts()["Representative"] <= 24

    def test_what_cannot_be_created_yet_is_reported(self, portal, region):
        builder = create_demo_content(portal)
        assert builder.created == []
        if meetings_allowed(region):
            assert builder.deferred == []
        else:
            assert builder.deferred == [
                "/".join((*region.getPhysicalPath(), MEETING_PROPOSAL, "erstes-austauschtreffen"))
            ]

    def test_applying_twice_duplicates_nothing(self, portal, region):
        before = counts()
        assert relative_paths(region) == expected_ids()
        apply_demo(portal)
        apply_demo(portal)
        assert counts() == before
        assert relative_paths(region) == expected_ids()
        assert not [path for path in all_paths(region) if path.endswith("-1") and "/beitrag-" not in path]
        assert [id for id in portal.objectIds() if id.startswith(REGION_ID)] == [REGION_ID]

    @pytest.mark.portal(roles=["Manager"])
    def test_editors_changes_are_kept_and_deleted_objects_come_back(self, portal, region, municipalities):
        braunschweig = municipalities["Stadt Braunschweig"]
        braunschweig.council_name = "Rat (geändert)"
        api.content.delete(braunschweig["jonas-muster"])
        api.content.delete(region["fachkraefte-und-pendler"]["fachkraeftesicherung"]["beitrag-2"])
        assert counts()["Representative"] == 18
        apply_demo(portal)
        assert braunschweig.council_name == "Rat (geändert)"
        assert braunschweig["jonas-muster"].last_name == "Muster"
        assert counts()["Representative"] == 19
        assert counts()["Post"] == 11

    @pytest.mark.portal(roles=["Manager"])
    def test_an_id_taken_by_another_type_is_left_alone(self, portal):
        api.content.create(container=portal, type="Document", id=REGION_ID, title="Schon da")
        builder = create_demo_content(portal)
        assert portal[REGION_ID].portal_type == "Document"
        assert builder.created == []
        assert counts()["Region"] == 0


class TestContent:
    def test_region(self, region):
        assert region.title == "Wirtschaftsregion Großraum Braunschweig"
        assert (region.quorum_supports, region.quorum_municipalities) == (5, 3)
        assert region.partners == [
            "Regionalverband Großraum Braunschweig",
            "Allianz für die Region GmbH",
            "IHK Braunschweig",
        ]

    def test_municipalities_with_real_ags_and_kinds(self, municipalities):
        assert {title: (obj.ags, obj.kind) for title, obj in municipalities.items()} == AGS
        for obj in municipalities.values():
            assert obj.website.startswith("https://")
            assert obj.population > 50000
            assert obj.council_name.startswith(("Rat der Stadt ", "Kreistag "))
        assert municipalities["Landkreis Gifhorn"].council_name == "Kreistag Gifhorn"
        assert municipalities["Stadt Braunschweig"].land() == "Niedersachsen"

    def test_every_object_passes_its_schema(self, region, with_meeting):
        """Fields and invariants, as a form would check them (``__context__`` is the object itself)."""
        from plone.dexterity.utils import iterSchemata

        class Data:
            def __init__(self, obj, schema):
                self.__context__ = obj
                self._adapted = schema(obj)

            def __getattr__(self, name):
                return getattr(self._adapted, name)

        objects = [brain.getObject() for brain in find(path="/".join(region.getPhysicalPath()))]
        assert len(objects) == 1 + 8 + 19 + 2 + 5 + 11 + 2 + 1
        for obj in objects:
            for schema in iterSchemata(obj):
                errors = getSchemaValidationErrors(schema, schema(obj))
                assert errors == [], (obj.getPhysicalPath(), schema, errors)
                errors = []
                with contextlib.suppress(Invalid):  # raised after collecting the errors
                    schema.validateInvariants(Data(obj, schema), errors)
                assert errors == [], (obj.getPhysicalPath(), schema, errors)

    def test_representatives_are_examples(self, municipalities):
        for municipality in municipalities.values():
            representatives = municipality.objectValues()
            assert 2 <= len(representatives) <= 3
            for representative in representatives:
                assert representative.Description() == demo_data.EXAMPLE_MARK
                assert "Beispiel" in representative.Description()
                assert representative.getId() == make_id(
                    f"{representative.first_name} {representative.last_name}"
                )

    def test_only_invalid_email_domains(self, region, with_meeting):
        emails = []
        for brain in find(portal_type="Representative"):
            obj = brain.getObject()
            if obj.email:
                emails.append(obj.email)
        emails.append(with_meeting.contact_email)
        assert len(emails) >= 10
        assert all(email.endswith(".invalid") for email in emails), emails

    def test_contact_visibilities_and_consent(self, region):
        visibilities = set()
        for brain in find(portal_type="Representative"):
            obj = brain.getObject()
            visibilities.add(obj.contact_visibility)
            if obj.contact_visibility in ("public", "network"):
                assert obj.email
                assert obj.consent_date <= datetime.date.today()
        assert visibilities == {"public", "network", "hidden"}

    def test_forums_threads_posts(self, region):
        gewerbe = region["gewerbeflaechen-und-ansiedlung"]
        pendler = region["fachkraefte-und-pendler"]
        assert gewerbe.title == "Gewerbeflächen und Ansiedlung"
        assert pendler.title == "Fachkräfte und Pendler"
        assert gewerbe.topics == ["gewerbeflaechen", "regionalmarketing"]
        assert len(gewerbe.objectIds()) == 3
        assert len(pendler.objectIds()) == 2
        thread = pendler["pendlerstroeme-nach-wolfsburg"]
        assert "Wolfsburg" in thread.text.raw
        assert sorted(thread.objectIds()) == ["beitrag-1", "beitrag-2", "beitrag-3"]
        assert thread.post_count() == 3
        reply = thread["beitrag-3"]
        assert reply.in_reply_to == thread["beitrag-1"].UID()
        assert reply.title == "Re: Pendlerströme nach Wolfsburg"
        assert reply.text.raw.startswith("<p>")

    def test_the_proposal_quotes_the_inquiry(self, region, municipalities):
        proposal = region["regionale-vernetzung"]
        assert proposal.title == (
            "Regionale Vernetzung der kommunalpolitischen Vertreter*innen aus dem Wirtschaftsbereich"
        )
        text = plain_text(proposal.text.raw)
        for question in QUESTIONS:
            assert question in text
        assert "22-18940" in text
        assert "01.06.2022" in text
        assert "Bündnis 90/Die Grünen" in text
        assert proposal.lead_organiser is None
        assert sorted(proposal.municipalities) == sorted(obj.UID() for obj in municipalities.values())
        assert validate_resolutions(proposal.required_resolutions) == proposal.required_resolutions
        assert proposal.required_resolutions[0] == {
            "body": "Rat der Stadt Braunschweig",
            "kind": "ratsbeschluss",
            "status": "eingebracht",
            "reference": "22-18940",
        }
        assert {row["status"] for row in proposal.required_resolutions[1:]} == {"offen"}
        kreistage = [row for row in proposal.required_resolutions if row["kind"] == "kreistagsbeschluss"]
        assert len(kreistage) == 5

    def test_second_proposal_has_a_lead_organiser(self, region, municipalities):
        proposal = region[MEETING_PROPOSAL]
        assert proposal.lead_organiser == municipalities["Stadt Wolfsburg"].UID()
        assert len(proposal.municipalities) == 4

    def test_upcoming_meeting(self, region, municipalities, with_meeting):
        meeting = with_meeting
        assert meeting.title == "1. Austauschtreffen Fachkräfte und Pendler"
        assert meeting.host_municipality == municipalities["Stadt Wolfsburg"].UID()
        assert meeting.start > localized_now(meeting)
        assert meeting.start.tzinfo.zone == "Europe/Berlin"
        assert meeting.end - meeting.start == datetime.timedelta(hours=2, minutes=30)
        assert meeting.location == "Rathaus Wolfsburg, Ratssaal"
        assert meeting.capacity == 40
        assert "Pendlerströme" in meeting.agenda.raw
        assert [brain.getId for brain in upcoming_meetings(region)] == ["erstes-austauschtreffen"]

    def test_meeting_created_once(self, portal, region, with_meeting):
        apply_demo(portal)
        assert counts()["Meeting"] == 1
        assert region[MEETING_PROPOSAL].objectIds() == ["erstes-austauschtreffen"]


class TestMeetingTimes:
    SPEC = demo_data.PROPOSALS[1]["meetings"][0]

    def test_six_weeks_ahead_on_a_thursday_evening(self):
        start, end = upcoming_meeting_times(self.SPEC, today=datetime.date(2026, 1, 5))
        assert start.date() == datetime.date(2026, 2, 19)
        assert start.weekday() == 3
        assert (start.hour, start.minute) == (17, 0)
        assert start.utcoffset() == datetime.timedelta(hours=1)
        assert end - start == datetime.timedelta(hours=2, minutes=30)

    def test_summer_time(self):
        start, _end = upcoming_meeting_times(self.SPEC, today=datetime.date(2026, 6, 1))
        assert start.utcoffset() == datetime.timedelta(hours=2)


class TestCatalog:
    def test_by_ags(self, region):
        (brain,) = find(portal_type="Municipality", ags="03153")
        assert brain.Title == "Landkreis Goslar"
        assert brain.municipality_kind == "landkreis"
        assert len(find(portal_type="Representative", ags="03101000")) == 3

    def test_by_municipality_uid(self, region, municipalities):
        wolfsburg = municipalities["Stadt Wolfsburg"].UID()
        representatives = find(portal_type="Representative", municipality_uid=wolfsburg)
        assert sorted(brain.getId for brain in representatives) == [
            "ayse-modell",
            "sophie-platzhalter",
            "tobias-entwurf",
        ]

    def test_meeting_by_host_municipality(self, region, municipalities, with_meeting):
        wolfsburg = municipalities["Stadt Wolfsburg"].UID()
        assert [brain.getId for brain in find(portal_type="Meeting", municipality_uid=wolfsburg)] == [
            "erstes-austauschtreffen"
        ]

    def test_by_municipalities_of_proposals(self, region, municipalities):
        goslar = municipalities["Landkreis Goslar"].UID()
        assert [brain.getId for brain in find(portal_type="ExchangeProposal", municipalities=goslar)] == [
            "regionale-vernetzung"
        ]

    def test_by_party_and_function(self, region):
        greens = find(portal_type="Representative", party="Bündnis 90/Die Grünen")
        assert sorted(brain.getId for brain in greens) == ["anna-beispiel", "ayse-modell", "erik-stichprobe"]
        assert len(find(portal_type="Representative", representative_function="wirtschaftsfoerderung")) == 1

    def test_by_topics(self, region):
        forums = find(portal_type="Forum", topics="mobilitaet")
        assert [brain.getId for brain in forums] == ["fachkraefte-und-pendler"]
        proposals = find(portal_type="ExchangeProposal", topics="fachkraefte")
        assert len(proposals) == 2
        assert len(find(portal_type="Representative", topics="energie")) >= 3

    def test_threads_by_activity(self, region):
        brains = find(portal_type="Thread", sort_on="last_activity", sort_order="descending")
        assert len(brains) == 5
        assert {brain.post_count for brain in brains} <= {1, 2, 3}
        assert sorted(brain.getId for brain in find(portal_type="Thread", pinned=True)) == [
            "interkommunale-gewerbegebiete",
            "pendlerstroeme-nach-wolfsburg",
        ]

    def test_searchable_text(self, region):
        assert [brain.getId for brain in find(SearchableText="Federführung")] == ["regionale-vernetzung"]
        assert not find(SearchableText="example.invalid")
