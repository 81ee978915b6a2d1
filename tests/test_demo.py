"""The demo region (profile ``regionaustausch:demo``): what it creates, that it creates it once, that it
brings it to life through the workflows (users, states, supports, the meeting), and that
``regionaustausch:default`` creates none of it."""

from AccessControl.SecurityManagement import getSecurityManager
from AccessControl.SecurityManagement import setSecurityManager
from plone import api
from plone.app.event.base import localized_now
from plone.app.testing import logout
from Products.CMFCore.WorkflowCore import WorkflowException
from regionaustausch import demo_data
from regionaustausch.content.calendar import upcoming_meetings
from regionaustausch.demo import DEFAULT_PASSWORD
from regionaustausch.demo import DEMO_LOGINS
from regionaustausch.demo import create_demo_content
from regionaustausch.demo import upcoming_meeting_times
from regionaustausch.domain.names import make_id
from regionaustausch.domain.quorum import acceptance_problems
from regionaustausch.domain.resolutions import validate_resolutions
from regionaustausch.domain.text import plain_text
from regionaustausch.forms.join import JOIN_FORM_ID
from regionaustausch.forms.registration import REGISTRATION_FORM_ID
from regionaustausch.membership import MEMBER_ROLE
from regionaustausch.membership import municipality_of
from regionaustausch.supports import quorum_state
from regionaustausch.supports import storage
from regionaustausch.supports import support_counts
from regionaustausch.supports import withdraw_support
from zope.i18n import translate
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


def apply_demo(portal):
    portal.portal_setup.runAllImportStepsFromProfile(DEMO)


def find(**query):
    return api.content.find(unrestricted=True, **query)


def counts():
    return {portal_type: len(find(portal_type=portal_type)) for portal_type in TYPES}


def expected_ids():
    """The ids below the Region that the demo data names (the meeting aside), as relative paths, and the
    forms the add-on makes: the Region's join form, each meeting's registration form."""
    ids = [JOIN_FORM_ID]
    for municipality in demo_data.MUNICIPALITIES:
        ids.append(municipality["id"])
        ids.extend(f"{municipality['id']}/{person['id']}" for person in municipality["representatives"])
    for forum in demo_data.FORUMS:
        ids.append(forum["id"])
        for thread in forum["threads"]:
            ids.append(f"{forum['id']}/{thread['id']}")
            ids.extend(f"{forum['id']}/{thread['id']}/{post['id']}" for post in thread["posts"])
    for proposal in demo_data.PROPOSALS:
        ids.append(proposal["id"])
        for meeting in proposal["meetings"]:
            ids.append(f"{proposal['id']}/{meeting['id']}")
            ids.append(f"{proposal['id']}/{meeting['id']}/{REGISTRATION_FORM_ID}")
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
def region(demo_portal):
    """The demo's Region. The demo was applied once per test class by the test user (no Manager), on
    the layer DEMO_INTEGRATION_TESTING; what a test changes is rolled back after it."""
    return demo_portal[REGION_ID]


@pytest.fixture
def with_meeting(region):
    """The demo's meeting, planned once the demo has accepted its proposal."""
    return region[MEETING_PROPOSAL]["erstes-austauschtreffen"]


@pytest.fixture
def municipalities(region):
    return {brain.Title: brain.getObject() for brain in find(portal_type="Municipality")}


class OnTheDemo:
    """Tests on the site with the demo (``region``): there ``portal`` is that site, never a second one
    of the plain layer."""

    @pytest.fixture
    def portal(self, demo_portal):
        return demo_portal


class TestProfile:
    def test_default_alone_creates_no_demo_content(self, portal):
        assert REGION_ID not in portal.objectIds()
        assert all(number == 0 for number in counts().values())

    def test_demo_profile_registered_visible(self, portal):
        from plone.base.interfaces import INonInstallable
        from zope.component import getAllUtilitiesRegisteredFor

        info = portal.portal_setup.getProfileInfo(DEMO)
        assert info["title"] == "Regionaustausch: demo region Großraum Braunschweig"
        assert translate(info["title"], domain="regionaustausch", target_language="de") == (
            "Regionaustausch: Demo-Region Großraum Braunschweig"
        )
        assert "example content" in info["description"]
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

    @pytest.mark.portal(roles=["Manager"])
    def test_an_id_taken_by_another_type_is_left_alone(self, portal):
        api.content.create(container=portal, type="Document", id=REGION_ID, title="Schon da")
        builder = create_demo_content(portal)
        assert portal[REGION_ID].portal_type == "Document"
        assert builder.created == []
        assert counts()["Region"] == 0

    def test_password_from_the_environment(self, portal, monkeypatch):
        monkeypatch.setenv("DEMO_PASSWORD", "Anderes-Demo-9")
        apply_demo(portal)
        assert authenticates(portal, "anna.beispiel", "Anderes-Demo-9")
        assert not authenticates(portal, "anna.beispiel", DEFAULT_PASSWORD)


class TestProfileApplied(OnTheDemo):
    def test_counts(self, region):
        assert counts() == {
            "Region": 1,
            "Municipality": 8,
            "Representative": 19,
            "Forum": 2,
            "Thread": 5,
            "Post": 11,
            "ExchangeProposal": 2,
            "Meeting": 1,
        }
        assert 16 <= counts()["Representative"] <= 24

    def test_a_second_run_finds_everything(self, portal, region):
        builder = create_demo_content(portal)
        assert builder.created == []
        assert builder.deferred == []
        assert builder.users_created == []
        assert builder.transitions == []
        assert builder.supports == []
        assert builder.existing == sum(counts().values())

    @pytest.mark.portal(roles=["Manager"])
    def test_what_cannot_be_created_yet_is_reported(self, portal, region):
        """An editor withdrew the proposal before it was accepted: it stays withdrawn, and its meeting
        cannot be planned."""
        api.content.delete(region[MEETING_PROPOSAL])
        proposal = api.content.create(
            container=region, type="ExchangeProposal", id=MEETING_PROPOSAL, title="X"
        )
        api.content.transition(obj=proposal, transition="withdraw")
        builder = create_demo_content(portal)
        assert api.content.get_state(proposal) == "withdrawn"
        assert builder.transitions == []
        assert builder.deferred == ["/".join((*proposal.getPhysicalPath(), "erstes-austauschtreffen"))]
        assert counts()["Meeting"] == 0

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


class TestContent(OnTheDemo):
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

        # the add-on's types (its forms, EasyForms without workflow, are easyform's content)
        where = "/".join(region.getPhysicalPath())
        objects = [brain.getObject() for brain in find(path=where, portal_type=list(TYPES))]
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
            "municipality": municipalities["Stadt Braunschweig"].UID(),
            "body": "Rat der Stadt Braunschweig",
            "kind": "ratsbeschluss",
            "status": "eingebracht",
            "status_date": None,
            "reference": "22-18940",
            "url": "",
        }
        # every member's council has a resolution to take, each from its municipality
        assert [row["municipality"] for row in proposal.required_resolutions] == [
            obj.UID() for obj in municipalities.values()
        ]
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


class TestCatalog(OnTheDemo):
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


# --- The living network: users, states, membership, supports ---------------------------------------

PROPOSAL_1 = "regionale-vernetzung"
PUBLIC_FORUM = "gewerbeflaechen-und-ansiedlung"
INTERNAL_FORUM = "fachkraefte-und-pendler"
MEMBERS_GROUP = f"{REGION_ID}-members"


def people():
    """``(municipality id, record spec)`` of every example representative."""
    return [
        (municipality["id"], person)
        for municipality in demo_data.MUNICIPALITIES
        for person in municipality["representatives"]
    ]


def demo_people():
    return {
        person["user_id"]: (municipality, person)
        for municipality, person in people()
        if person.get("user_id")
    }


def states(region):
    """Path below the Region -> review state, of every object of the demo."""
    prefix = "/".join(region.getPhysicalPath()) + "/"
    return {
        brain.getPath().removeprefix(prefix): brain.review_state
        for brain in find(path=prefix.rstrip("/"))
        if brain.portal_type != "Region"
    }


def authenticates(portal, login, password):
    return (
        portal.acl_users.source_users.authenticateCredentials({"login": login, "password": password})
        is not None
    )


@contextlib.contextmanager
def anonymous():
    previous = getSecurityManager()
    logout()
    try:
        yield
    finally:
        setSecurityManager(previous)


class TestData:
    """The demo data tells the quorum story it should (pure data, no site)."""

    def test_one_or_two_demo_logins_per_municipality(self):
        assert tuple(demo_people()) == DEMO_LOGINS
        for municipality in demo_data.MUNICIPALITIES:
            logins = [person for person in municipality["representatives"] if person.get("user_id")]
            assert 1 <= len(logins) <= 2, municipality["id"]

    def test_login_is_the_record_id_and_mail_address(self):
        for user_id, (_municipality, person) in demo_people().items():
            assert user_id == person["id"].replace("-", ".")
            assert person["email"] == f"{user_id}@example.invalid"

    def test_authors_and_supporters_are_demo_users(self):
        authors = [proposal["author"] for proposal in demo_data.PROPOSALS]
        for forum in demo_data.FORUMS:
            for thread in forum["threads"]:
                authors.append(thread["author"])
                authors.extend(post["author"] for post in thread["posts"])
        supporters = [user for proposal in demo_data.PROPOSALS for user in proposal["supporters"]]
        assert set(authors) | set(supporters) <= set(DEMO_LOGINS)

    def test_quorum_story(self):
        """Proposal 1: too few supports and municipalities; proposal 2: enough of both."""
        municipality = {user_id: municipality for user_id, (municipality, _person) in demo_people().items()}
        first, second = demo_data.PROPOSALS
        for proposal in (first, second):
            assert len(set(proposal["supporters"])) == len(proposal["supporters"])
        assert (len(first["supporters"]), len({municipality[u] for u in first["supporters"]})) == (3, 2)
        assert len(second["supporters"]) >= demo_data.REGION["quorum_supports"]
        assert (
            len({municipality[u] for u in second["supporters"]}) >= demo_data.REGION["quorum_municipalities"]
        )
        assert (first["state"], first["lead_organiser"]) == ("discussion", None)
        assert (second["state"], second["lead_organiser"]) == ("accepted", "wolfsburg")


class TestUsers(OnTheDemo):
    def test_accounts(self, region):
        for user_id, (_municipality, person) in demo_people().items():
            user = api.user.get(userid=user_id)
            assert user is not None, user_id
            assert user.getUserName() == user_id
            assert user.getProperty("email") == person["email"]
            assert user.getProperty("email").endswith(".invalid")
            name = " ".join(
                part
                for part in (person.get("academic_title"), person["first_name"], person["last_name"])
                if part
            )
            assert user.getProperty("fullname") == name
        assert api.user.get(userid="ayse.modell").getProperty("fullname") == "Dr. Ayşe Modell"
        # only the demo logins: the other example people have no account
        assert api.user.get(userid="petra.probe") is None

    def test_default_password(self, portal, region):
        assert DEFAULT_PASSWORD == "Beispiel-2026!"
        for user_id in DEMO_LOGINS:
            assert authenticates(portal, user_id, DEFAULT_PASSWORD), user_id
        assert not authenticates(portal, "anna.beispiel", "wrong")

    def test_an_existing_password_is_never_reset(self, portal, region, monkeypatch):
        portal.acl_users.source_users.userSetPassword("anna.beispiel", "Selbst-gewaehlt-1")
        apply_demo(portal)
        monkeypatch.setenv("DEMO_PASSWORD", "Anderes-Demo-9")
        apply_demo(portal)
        assert authenticates(portal, "anna.beispiel", "Selbst-gewaehlt-1")
        assert authenticates(portal, "jonas.muster", DEFAULT_PASSWORD)

    def test_records_name_their_users(self, region):
        for user_id, (municipality, person) in demo_people().items():
            assert region[municipality][person["id"]].user_id == user_id
        assert not region["braunschweig"]["petra-probe"].user_id


class TestStates(OnTheDemo):
    def test_applied_by_a_user_without_manager_rights(self, portal, region):
        """The layer applied the demo as the test user (no Manager): all states were reached."""
        assert "Manager" not in api.user.get_roles(obj=portal)
        assert api.content.get_state(region[PROPOSAL_1]) == "discussion"
        assert api.content.get_state(region[MEETING_PROPOSAL]) == "accepted"
        assert "erstes-austauschtreffen" in region[MEETING_PROPOSAL]

    def test_every_state(self, region):
        found = states(region)
        by_type = {}
        for brain in find(path="/".join(region.getPhysicalPath()), portal_type=list(TYPES)):
            by_type.setdefault(brain.portal_type, set()).add(brain.review_state)
        assert by_type == {
            "Region": {"published"},
            "Municipality": {"published"},
            "Representative": {"active"},
            "Forum": {"public", "internal"},
            "Thread": {"open"},
            "Post": {"published"},
            "ExchangeProposal": {"discussion", "accepted"},
            "Meeting": {"planned"},
        }
        assert found[PUBLIC_FORUM] == "public"
        assert found[INTERNAL_FORUM] == "internal"
        assert found[PROPOSAL_1] == "discussion"
        assert found[MEETING_PROPOSAL] == "accepted"
        assert found[f"{MEETING_PROPOSAL}/erstes-austauschtreffen"] == "planned"

    def test_reached_by_transitions(self, region):
        """The workflow history shows the transitions (nothing was set directly)."""

        def actions(obj):
            history = api.portal.get_tool("portal_workflow").getHistoryOf(
                api.portal.get_tool("portal_workflow").getChainFor(obj)[0], obj
            )
            return [entry["action"] for entry in history if entry["action"]]

        assert actions(region["braunschweig"]["petra-probe"]) == ["approve"]
        assert actions(region[PUBLIC_FORUM]) == ["publish"]
        assert actions(region[INTERNAL_FORUM]) == []
        assert actions(region[PROPOSAL_1]) == ["submit", "open_discussion"]
        assert actions(region[MEETING_PROPOSAL]) == ["submit", "open_discussion", "accept"]
        assert actions(region[PUBLIC_FORUM]["brachflaechen"]["beitrag-1"]) == ["auto_publish"]

    def test_written_by_demo_users(self, region):
        thread = region[INTERNAL_FORUM]["pendlerstroeme-nach-wolfsburg"]
        assert thread.Creator() == "ayse.modell"
        assert thread.getOwner().getId() == "ayse.modell"
        assert thread["beitrag-1"].Creator() == "karin.schablone"
        assert region[PROPOSAL_1].Creator() == "anna.beispiel"
        assert region[MEETING_PROPOSAL].Creator() == "sophie.platzhalter"
        for brain in find(portal_type=["Thread", "Post", "ExchangeProposal"]):
            assert brain.Creator in DEMO_LOGINS, brain.getPath()


class TestMembership(OnTheDemo):
    def test_demo_users_are_network_members(self, region):
        members = set(api.user.get_users(groupname=MEMBERS_GROUP))
        assert {user.getId() for user in members} == set(DEMO_LOGINS)
        for user_id in DEMO_LOGINS:
            assert MEMBER_ROLE in api.user.get_roles(username=user_id, obj=region), user_id

    def test_each_in_their_municipality(self, region):
        for user_id, (municipality, _person) in demo_people().items():
            assert municipality_of(region, user_id) == region[municipality].UID()

    def test_members_read_the_internal_forum(self, region):
        with api.env.adopt_user(username="miriam.musterfrau"):
            assert api.user.has_permission("View", obj=region[INTERNAL_FORUM])
            assert api.user.has_permission("regionaustausch: Add Post", obj=region[INTERNAL_FORUM])


class TestSupports(OnTheDemo):
    def supporters(self, proposal):
        return [record["user_id"] for record in storage(proposal).records()]

    def test_first_proposal_waits_for_the_quorum(self, region):
        proposal = region[PROPOSAL_1]
        assert sorted(self.supporters(proposal)) == sorted(demo_data.PROPOSALS[0]["supporters"])
        assert support_counts(proposal) == (3, 2)
        state = quorum_state(proposal)
        assert not state.met
        assert state.as_dict()["missing"] == [
            {"kind": "supports", "needed": 2},
            {"kind": "municipalities", "needed": 1},
        ]
        problems = [problem.msgid for problem in acceptance_problems(state, proposal.lead_organiser)]
        assert len(problems) == 3
        assert problems[-1].startswith("A lead organiser must be named")

    def test_first_proposal_cannot_be_accepted(self, region):
        proposal = region[PROPOSAL_1]
        with api.env.adopt_roles(["Manager"]), pytest.raises(WorkflowException, match="lead organiser"):
            api.portal.get_tool("portal_workflow").doActionFor(proposal, "accept")
        assert api.content.get_state(proposal) == "discussion"

    def test_a_member_can_still_support_the_first_proposal(self, region):
        from regionaustausch.supports import support_summary

        with api.env.adopt_user(username="miriam.musterfrau"):
            assert support_summary(region[PROPOSAL_1])["can_support"]
            assert not support_summary(region[MEETING_PROPOSAL])["can_support"]

    def test_second_proposal_accepted_with_its_quorum(self, region):
        proposal = region[MEETING_PROPOSAL]
        assert sorted(self.supporters(proposal)) == sorted(demo_data.PROPOSALS[1]["supporters"])
        assert support_counts(proposal) == (5, 4)
        assert quorum_state(proposal).met
        assert api.content.get_state(proposal) == "accepted"

    def test_the_catalog_knows_at_once(self, region):
        brains = {brain.getId: brain for brain in find(portal_type="ExchangeProposal")}
        assert (brains[PROPOSAL_1].support_count, brains[PROPOSAL_1].supporting_municipalities) == (3, 2)
        second = brains[MEETING_PROPOSAL]
        assert (second.support_count, second.supporting_municipalities) == (5, 4)
        assert [brain.getId for brain in find(portal_type="ExchangeProposal", sort_on="support_count")] == [
            PROPOSAL_1,
            MEETING_PROPOSAL,
        ]

    def test_the_meeting_is_upcoming(self, region, with_meeting):
        assert api.content.get_state(with_meeting) == "planned"
        assert with_meeting.start > localized_now(with_meeting)
        assert [brain.getId for brain in upcoming_meetings(region)] == ["erstes-austauschtreffen"]


class TestAnonymous(OnTheDemo):
    def test_sees_the_public_forum_and_the_proposals(self, region):
        with anonymous():
            assert api.user.is_anonymous()
            visible = {
                brain.getId
                for brain in api.content.find(context=region, portal_type=["Forum", "ExchangeProposal"])
            }
            assert visible == {PUBLIC_FORUM, PROPOSAL_1, MEETING_PROPOSAL}
            assert api.user.has_permission("View", obj=region[PUBLIC_FORUM])
            assert api.user.has_permission("View", obj=region[PUBLIC_FORUM]["brachflaechen"]["beitrag-1"])
            assert api.user.has_permission("View", obj=region[PROPOSAL_1])
            assert (
                len(
                    api.content.find(
                        path="/".join(region[PUBLIC_FORUM].getPhysicalPath()), portal_type="Post"
                    )
                )
                == 6
            )

    def test_not_the_internal_forum(self, region):
        with anonymous():
            assert not api.user.has_permission("View", obj=region[INTERNAL_FORUM])
            assert not api.content.find(path="/".join(region[INTERNAL_FORUM].getPhysicalPath()))
            assert not api.user.has_permission("regionaustausch: Support proposal", obj=region[PROPOSAL_1])


class TestIdempotence(OnTheDemo):
    def test_applying_twice_keeps_states_and_supports(self, portal, region):
        paths, before = relative_paths(region), states(region)
        uids = {brain.getPath(): brain.UID for brain in find(path="/".join(region.getPhysicalPath()))}
        apply_demo(portal)
        apply_demo(portal)
        assert relative_paths(region) == paths
        assert states(region) == before
        assert {brain.getPath(): brain.UID for brain in find(path="/".join(region.getPhysicalPath()))} == uids
        assert support_counts(region[PROPOSAL_1]) == (3, 2)
        assert support_counts(region[MEETING_PROPOSAL]) == (5, 4)
        assert {user.getId() for user in api.user.get_users(groupname=MEMBERS_GROUP)} == set(DEMO_LOGINS)

    @pytest.mark.portal(roles=["Manager"])
    def test_an_editors_state_change_is_left_alone(self, portal, region):
        workflow = api.portal.get_tool("portal_workflow")
        workflow.doActionFor(region[PUBLIC_FORUM], "make_internal")
        workflow.doActionFor(region["landkreis-goslar"]["miriam-musterfrau"], "retire")
        workflow.doActionFor(region[PROPOSAL_1], "reject", comment="Erst die Federführung klären.")
        builder = create_demo_content(portal)
        assert builder.transitions == []
        assert api.content.get_state(region[PUBLIC_FORUM]) == "internal"
        assert api.content.get_state(region["landkreis-goslar"]["miriam-musterfrau"]) == "former"
        assert api.content.get_state(region[PROPOSAL_1]) == "rejected"
        assert "miriam.musterfrau" not in {
            user.getId() for user in api.user.get_users(groupname=MEMBERS_GROUP)
        }

    def test_a_withdrawn_support_stays_withdrawn(self, portal, region):
        with api.env.adopt_user(username="jonas.muster"):
            withdraw_support(region[PROPOSAL_1])
        apply_demo(portal)
        assert support_counts(region[PROPOSAL_1]) == (2, 2)

    @pytest.mark.portal(roles=["Manager"])
    def test_a_deleted_record_comes_back_active(self, portal, region):
        api.content.delete(region["salzgitter"]["lena-vorlage"])
        assert "lena.vorlage" not in {user.getId() for user in api.user.get_users(groupname=MEMBERS_GROUP)}
        apply_demo(portal)
        assert api.content.get_state(region["salzgitter"]["lena-vorlage"]) == "active"
        assert "lena.vorlage" in {user.getId() for user in api.user.get_users(groupname=MEMBERS_GROUP)}
        assert support_counts(region[PROPOSAL_1]) == (3, 2)
