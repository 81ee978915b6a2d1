"""The query functions of regionaustausch.directory (contact, search, export) and regionaustausch.network
(integration layer).

The REST API (tests/services/test_directory.py, test_network.py) and the Classic UI call these
functions; here they are tested directly, as the different callers, on a class-scoped Region.
"""

from AccessControl.SecurityManagement import getSecurityManager
from AccessControl.SecurityManagement import setSecurityManager
from Acquisition import aq_base
from contextlib import contextmanager
from DateTime import DateTime
from datetime import date
from datetime import datetime
from datetime import timedelta
from plone import api
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import logout
from plone.app.textfield.value import RichTextValue
from regionaustausch import membership
from regionaustausch import network
from regionaustausch import supports
from regionaustausch.directory import contact as contact_access
from regionaustausch.directory import export
from regionaustausch.directory import search as directory
from regionaustausch.domain import contact
from regionaustausch.testing import allow_meetings
import pytest
import pytz


PASSWORD = "secret-directory-1"
CONSENT = date(2024, 1, 15)
BERLIN = pytz.timezone("Europe/Berlin")


@contextmanager
def acting_as(user_id):
    """Run the block as ``user_id`` or, for ``None``, as Anonymous."""
    previous = getSecurityManager()
    try:
        if user_id is None:
            logout()
            yield
        else:
            with api.env.adopt_user(username=user_id):
                yield
    finally:
        setSecurityManager(previous)


def html(text):
    return RichTextValue(f"<p>{text}</p>", "text/html", "text/x-html-safe")


def person(municipality, id, first, last, visibility="hidden", state="active", **fields):
    fields.setdefault("email", f"{id}@example.org")
    function = fields.pop("function", None)  # plone.api's create() has an argument of that name
    record = api.content.create(
        container=municipality,
        type="Representative",
        id=id,
        first_name=first,
        last_name=last,
        contact_visibility=visibility,
        consent_date=CONSENT if visibility != "hidden" else None,
        **fields,
    )
    if function:
        record.function = function
        record.reindexObject()
    if state in ("active", "former"):
        api.content.transition(obj=record, transition="approve")
    if state == "former":
        api.content.transition(obj=record, transition="retire")
    return record


def build(portal):
    """Two Regions (``region`` and ``region2``: one id a prefix of the other) with their records."""
    for user_id in ("netmember", "outsider", "editor_a", "site_admin", "member_r2", "other_member"):
        api.user.create(email=f"{user_id}@example.invalid", username=user_id, password=PASSWORD)
    api.user.grant_roles(username="site_admin", roles=["Site Administrator"])
    with api.env.adopt_roles(["Manager"]):
        region = api.content.create(container=portal, type="Region", id="region", title="Testregion")
        a = api.content.create(
            container=region,
            type="Municipality",
            id="a",
            title="Stadt Braunschweig",
            kind="kreisfreie_stadt",
            ags="03101000",
        )
        b = api.content.create(
            container=region,
            type="Municipality",
            id="b",
            title="Stadt Salzgitter",
            kind="kreisfreie_stadt",
            ags="03102000",
        )
        c = api.content.create(
            container=region,
            type="Municipality",
            id="c",
            title="Landkreis Gifhorn",
            kind="landkreis",
            ags="03151",
        )
        person(
            a,
            "anna",
            "Anna",
            "Becker",
            "public",
            party="SPD",
            function="ratsmitglied",
            topics=["fachkraefte", "mobilitaet"],
            phone="+49 531 470-1",
        )
        person(
            a,
            "bernd",
            "Bernd",
            "Müller",
            "network",
            party="CDU",
            function="fraktionsvorsitz",
            topics=["mobilitaet"],
            phone="0531 4702",
            user_id="netmember",
        )
        person(
            a,
            "clara",
            "Clara",
            "Zöllner",
            "hidden",
            party="Bündnis 90/Die Grünen",
            function="buergermeisterin",
            committees=["Wirtschaftsausschuss"],
            phone="0531 4703",
        )
        person(
            b,
            "dieter",
            "Dieter",
            "Adam",
            "public",
            party="SPD",
            function="ausschussvorsitz",
            topics=["tourismus"],
        )
        person(b, "eva", "Eva", "Schmidt", "public", state="pending", party="SPD")
        person(b, "frank", "Frank", "Ude", "public", state="former", party="SPD")
        person(
            c,
            "gabi",
            "Gabi",
            "Quast",
            "network",
            party="FDP",
            function="landraetin",
            topics=["energie"],
            user_id="other_member",
        )

        region2 = api.content.create(container=portal, type="Region", id="region2", title="Zweite Region")
        peine = api.content.create(
            container=region2,
            type="Municipality",
            id="peine",
            title="Landkreis Peine",
            kind="landkreis",
            ags="03157",
        )
        person(
            peine,
            "zweit",
            "Anna",
            "Zweit",
            "public",
            party="SPD",
            function="ratsmitglied",
            topics=["fachkraefte"],
            user_id="member_r2",
        )
    api.group.add_user(groupname=membership.editors_group_id(a), username="editor_a")
    return {"region": region, "region2": region2, "a": a, "b": b, "c": c, "peine": peine}


@pytest.fixture(scope="class")
def site(portal_class):
    return build(portal_class)


@pytest.fixture(scope="class")
def request_class(integration_class, site):
    return integration_class["request"]


def names(search):
    return [brain.Title for brain in search.brains]


class TestSearch:
    def test_only_active_records_of_this_region_sorted_by_name(self, site):
        search = directory.search_representatives(site["region"])
        assert names(search) == ["Dieter Adam", "Anna Becker", "Bernd Müller", "Gabi Quast", "Clara Zöllner"]
        assert search.total == 5
        assert (search.b_start, search.b_size) == (0, 25)
        second = directory.search_representatives(site["region2"])
        assert names(second) == ["Anna Zweit"]

    def test_anonymous_finds_the_same(self, site):
        with acting_as(None):
            assert directory.search_representatives(site["region"]).total == 5

    def test_filters(self, site):
        region = site["region"]
        a_uid = site["a"].UID()
        assert names(directory.search_representatives(region, municipality=a_uid)) == [
            "Anna Becker",
            "Bernd Müller",
            "Clara Zöllner",
        ]
        assert names(directory.search_representatives(region, municipality=[a_uid, site["c"].UID()])) == [
            "Anna Becker",
            "Bernd Müller",
            "Gabi Quast",
            "Clara Zöllner",
        ]
        assert names(directory.search_representatives(region, topic="mobilitaet")) == [
            "Anna Becker",
            "Bernd Müller",
        ]
        assert names(directory.search_representatives(region, party="SPD")) == ["Dieter Adam", "Anna Becker"]
        assert names(directory.search_representatives(region, party="Piraten")) == []
        assert names(directory.search_representatives(region, function="landraetin")) == ["Gabi Quast"]
        assert names(directory.search_representatives(region, party="SPD", municipality=a_uid)) == [
            "Anna Becker"
        ]

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("Becker", ["Anna Becker"]),
            ("beck", ["Anna Becker"]),
            ("müller", ["Bernd Müller"]),
            ("Anna", ["Anna Becker"]),
            ("Wirtschaftsausschuss", ["Clara Zöllner"]),  # committees
            ("Gifhorn", ["Gabi Quast"]),  # municipality
            ("Grünen", ["Clara Zöllner"]),  # party
            ("Anna Becker", ["Anna Becker"]),
            ("Anna Müller", []),
            ("or", []),  # an operator word is searched as a word
            ("(Becker", ["Anna Becker"]),
            ('"Anna', ["Anna Becker"]),
            ("   ", ["Dieter Adam", "Anna Becker", "Bernd Müller", "Gabi Quast", "Clara Zöllner"]),
            ("anna@example.org", []),  # contact details are not searchable
            ("anna", ["Anna Becker"]),
            ("470-1", []),
        ],
    )
    def test_free_text(self, site, text, expected):
        assert names(directory.search_representatives(site["region"], text=text)) == expected

    def test_batching(self, site):
        region = site["region"]
        page = directory.search_representatives(region, b_start=2, b_size=2)
        assert names(page) == ["Bernd Müller", "Gabi Quast"]
        assert page.total == 5
        assert len(page.results) == 5
        # the page as plone.batching sees it (the directory's pager reads it)
        assert (page.batch.numpages, page.batch.pagenumber, list(page.batch.navlist)) == (3, 2, [1, 2, 3])
        assert names(directory.search_representatives(region, b_start="4", b_size="2")) == ["Clara Zöllner"]
        assert names(directory.search_representatives(region, b_start=10)) == []

    @pytest.mark.parametrize(
        ("arguments", "parameter"),
        [
            ({"municipality": "no-such-uid"}, "municipality"),
            ({"topic": "kochen"}, "topic"),
            ({"function": "koenig"}, "function"),
            ({"b_size": 0}, "b_size"),
            ({"b_size": 101}, "b_size"),
            ({"b_size": "zehn"}, "b_size"),
            ({"b_start": -1}, "b_start"),
            ({"b_start": "1.5"}, "b_start"),
            ({"text": "x" * 201}, "text"),
            ({"text": ["a", "b"]}, "text"),
            ({"party": {"a": 1}}, "party"),
        ],
    )
    def test_bad_filters_name_the_parameter(self, site, arguments, parameter):
        with pytest.raises(directory.InvalidFilter) as refused:
            directory.search_representatives(site["region"], **arguments)
        assert refused.value.field == parameter
        assert isinstance(refused.value, ValueError)
        assert f'"{parameter}"' in str(refused.value)

    def test_municipality_of_another_region_is_refused(self, site):
        with pytest.raises(directory.InvalidFilter) as refused:
            directory.search_representatives(site["region"], municipality=site["peine"].UID())
        assert refused.value.field == "municipality"


def contacts(region, request):
    search = directory.search_representatives(region)
    return {
        entry["name"]: entry["contact"]
        for entry in directory.representative_entries(search.brains, request, context=region)
    }


ANNA = {"email": "anna@example.org", "phone": "+49 531 470-1"}
BERND = {"email": "bernd@example.org", "phone": "0531 4702"}
CLARA = {"email": "clara@example.org", "phone": "0531 4703"}
DIETER = {"email": "dieter@example.org"}
GABI = {"email": "gabi@example.org"}
PUBLIC_ONLY = {
    "Anna Becker": ANNA,
    "Dieter Adam": DIETER,
    "Bernd Müller": {},
    "Gabi Quast": {},
    "Clara Zöllner": {},
}


class TestContactDetails:
    @pytest.mark.parametrize(
        ("user_id", "expected"),
        [
            (None, PUBLIC_ONLY),
            ("outsider", PUBLIC_ONLY),
            ("member_r2", PUBLIC_ONLY),  # a network member of the other Region
            ("netmember", {**PUBLIC_ONLY, "Bernd Müller": BERND, "Gabi Quast": GABI}),
            ("editor_a", {**PUBLIC_ONLY, "Bernd Müller": BERND, "Clara Zöllner": CLARA}),
            (
                "site_admin",
                {**PUBLIC_ONLY, "Bernd Müller": BERND, "Gabi Quast": GABI, "Clara Zöllner": CLARA},
            ),
            (
                SITE_OWNER_NAME,
                {**PUBLIC_ONLY, "Bernd Müller": BERND, "Gabi Quast": GABI, "Clara Zöllner": CLARA},
            ),
        ],
    )
    def test_as_visibility_allows(self, site, request_class, user_id, expected):
        with acting_as(user_id):
            assert contacts(site["region"], request_class) == expected

    @pytest.mark.parametrize(
        ("user_id", "record", "level"),
        [
            (None, "anna", contact.ANONYMOUS),
            ("outsider", "anna", contact.MEMBER),
            ("member_r2", "anna", contact.MEMBER),
            ("netmember", "anna", contact.NETWORK_MEMBER),
            ("editor_a", "anna", contact.EDITOR),
            ("editor_a", "dieter", contact.MEMBER),
            ("site_admin", "dieter", contact.EDITOR),
        ],
    )
    def test_caller_level(self, site, user_id, record, level):
        obj = site["a"].get(record) or site["b"].get(record)
        with acting_as(user_id):
            assert contact_access.caller_level(obj) == level

    def test_a_stale_permission_does_not_show_more_than_the_visibility(self, site):
        """The permission is set when the record is saved; the rule is asked as well."""
        anna = site["a"]["anna"]
        anna.contact_visibility = "hidden"  # changed without the event that resets the permission
        try:
            with acting_as("outsider"):
                assert contact_access.visible_contact(anna) == {}
            with acting_as("editor_a"):
                assert contact_access.visible_contact(anna) == ANNA
        finally:
            anna.contact_visibility = "public"

    def test_without_contact_no_record_is_woken(self, site, request_class, monkeypatch):
        search = directory.search_representatives(site["region"])
        woken = wake_log(search.brains[0], monkeypatch)
        entries = directory.representative_entries(search.brains, request_class, with_contact=False)
        assert all("contact" not in entry for entry in entries)
        assert woken == []

    def test_only_the_page_is_woken(self, site, request_class, monkeypatch):
        search = directory.search_representatives(site["region"], b_size=2)
        woken = wake_log(search.brains[0], monkeypatch)
        directory.representative_entries(search.brains, request_class)
        assert woken == ["Dieter Adam", "Anna Becker"]

    def test_anonymous_wakes_only_records_that_show_everybody_something(
        self, site, request_class, monkeypatch
    ):
        with acting_as(None):
            search = directory.search_representatives(site["region"])
            woken = wake_log(search.brains[0], monkeypatch)
            entries = directory.representative_entries(search.results, request_class)
        assert {entry["name"]: entry["contact"] for entry in entries} == PUBLIC_ONLY
        assert sorted(woken) == ["Anna Becker", "Dieter Adam"]  # the public ones, not all five

    def test_public_contact_column(self, site):
        brains = api.content.find(portal_type="Representative", unrestricted=True)
        assert {brain.Title: brain.public_contact for brain in brains} == {
            "Anna Becker": True,
            "Bernd Müller": False,  # network members only
            "Clara Zöllner": False,  # hidden
            "Dieter Adam": True,
            "Eva Schmidt": True,  # pending: the catalog shows it to nobody who may not view it
            "Frank Ude": True,
            "Gabi Quast": False,
            "Anna Zweit": True,
        }
        anna = site["a"]["anna"]
        anna.email = anna.phone = None  # public, but nothing to show
        anna.reindexObject(idxs=["public_contact"])
        try:
            [brain] = api.content.find(UID=anna.UID())
            assert brain.public_contact is False
        finally:
            anna.email, anna.phone = ANNA["email"], ANNA["phone"]
            anna.reindexObject(idxs=["public_contact"])


def wake_log(brain, monkeypatch):
    """Record the titles of the brains whose object is fetched (the catalog's brain class is patched)."""
    woken = []
    brain_class = type(aq_base(brain))
    original = brain_class.getObject

    def get_object(self, *args, **kwargs):
        woken.append(self.Title)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(brain_class, "getObject", get_object)
    return woken


class TestEntry:
    def test_shape(self, site, request_class):
        search = directory.search_representatives(site["region"], text="Becker")
        [entry] = directory.representative_entries(search.brains, request_class, context=site["region"])
        a = site["a"]
        assert entry == {
            "@id": a["anna"].absolute_url(),
            "@type": "Representative",
            "UID": a["anna"].UID(),
            "title": "Anna Becker",
            "name": "Anna Becker",
            "municipality": {"@id": a.absolute_url(), "UID": a.UID(), "title": "Stadt Braunschweig"},
            "party": "SPD",
            "function": {"token": "ratsmitglied", "title": "Council member"},
            "topics": [
                {"token": "fachkraefte", "title": "Skilled workers"},
                {"token": "mobilitaet", "title": "Commuters and mobility"},
            ],
            "contact": ANNA,
        }

    def test_filter_options(self, site, request_class):
        options = directory.filter_options(site["region"], request_class)
        assert [item["title"] for item in options["municipalities"]] == [
            "Landkreis Gifhorn",
            "Stadt Braunschweig",
            "Stadt Salzgitter",
        ]
        assert {"token": "SPD", "title": "SPD"} in options["parties"]
        assert "Piraten" not in {item["token"] for item in options["parties"]}
        assert {"token": "landraetin", "title": "District administrator (Landrat)"} in options["functions"]
        assert {"token": "energie", "title": "Energy and climate"} in options["topics"]

    def test_csv(self, site, request_class):
        with acting_as(None):
            search = directory.search_representatives(site["region"])
            text = export.directory_csv(
                directory.representative_entries(search.results, request_class), request_class
            )
        lines = text.split("\r\n")
        assert lines[0] == (
            "\ufeffName;Municipality;Party or council group;Function;Topics;E-mail address;Phone;"
            "Link to the record"
        )
        assert lines[2].startswith(
            "Anna Becker;Stadt Braunschweig;SPD;Council member;Skilled workers, Commuters and mobility;"
            "anna@example.org;+49 531 470-1;http"
        )
        assert lines[3].startswith("Bernd Müller;Stadt Braunschweig;CDU;Leader of a council group;")
        assert "bernd@example.org" not in text
        assert len([line for line in lines if line]) == 6

    def test_csv_cells_are_not_formulas(self):
        entry = {
            "name": '=HYPERLINK("http://evil")',
            "municipality": {"title": "@Stadt"},
            "party": "-1+2",
            "function": None,
            "topics": [],
            "contact": {"phone": "+49 531 470-1"},
            "@id": "http://x/y",
        }
        row = export.directory_csv([entry]).split("\r\n")[1]
        assert row == '"\'=HYPERLINK(""http://evil"")";\'@Stadt;\'-1+2;;;;+49 531 470-1;http://x/y'


def make_thread(forum, id, title, minutes_ago):
    thread = api.content.create(container=forum, type="Thread", id=id, title=title, text=html(title))
    thread._activity.when = (DateTime() - minutes_ago / (24 * 60)).timeTime()  # only moves forward else
    thread.reindexObject(idxs=["last_activity"])
    return thread


@pytest.fixture(scope="class")
def busy_site(site):
    """Forums, threads, proposals in several states with supports, and meetings, in ``region``."""
    region = site["region"]
    with api.env.adopt_roles(["Manager"]):
        internal = api.content.create(container=region, type="Forum", id="intern", title="Intern")
        public = api.content.create(container=region, type="Forum", id="offen", title="Offen")
        api.content.transition(obj=public, transition="publish")
        for index in range(12):
            make_thread(public, f"public-{index}", f"Öffentlich {index}", minutes_ago=10 * index + 5)
        make_thread(internal, "secret", "Intern neu", minutes_ago=1)
        proposals = {}
        for state, title in (
            ("draft", "Entwurf"),
            ("submitted", "Eingereicht"),
            ("discussion", "Diskussion"),
            ("discussion2", "Zweite Diskussion"),
        ):
            proposal = api.content.create(container=region, type="ExchangeProposal", id=state, title=title)
            if state != "draft":
                api.content.transition(obj=proposal, transition="submit")
            if state.startswith("discussion"):
                api.content.transition(obj=proposal, transition="open_discussion")
            proposals[state] = proposal
        supports.storage(proposals["discussion"]).add("netmember", site["a"].UID())
        supports.storage(proposals["discussion"]).add("other_member", site["c"].UID())
        proposals["discussion"].reindexObject(idxs=list(supports.SUPPORT_INDEXES))
        # meetings are added to accepted proposals; here the permission is opened locally
        accepted = proposals["discussion2"]
        allow_meetings(accepted)
        start = BERLIN.localize(datetime.now().replace(microsecond=0) + timedelta(days=3))
        for id, days in (("later", 10), ("soon", 3), ("past", -10)):
            api.content.create(
                container=accepted,
                type="Meeting",
                id=id,
                title=f"Treffen {id}",
                start=start + timedelta(days=days - 3),
                end=start + timedelta(days=days - 3, hours=2),
                host_municipality=site["b"].UID(),
                location="Rathaus",
            )
    return {**site, "internal": internal, "public": public, "proposals": proposals}


class TestNetwork:
    def test_municipalities_with_counts(self, busy_site, request_class):
        items = network.municipalities(busy_site["region"], request_class)
        assert [(item["title"], item["representatives"], item["ags"]) for item in items] == [
            ("Landkreis Gifhorn", 1, "03151"),
            ("Stadt Braunschweig", 3, "03101000"),
            ("Stadt Salzgitter", 1, "03102000"),
        ]
        assert items[0]["kind"] == {"token": "landkreis", "title": "District (Landkreis)"}
        assert items[1]["@id"] == busy_site["a"].absolute_url()

    def test_proposals_by_state_with_quorum(self, busy_site, request_class):
        with acting_as("netmember"):
            by_state, states = network.proposals(busy_site["region"], request_class)
        assert list(by_state) == ["discussion"]
        assert [state["total"] for state in states] == [2]
        entries = {entry["title"]: entry for entry in by_state["discussion"]}
        entry = entries["Diskussion"]
        assert (entry["supports"], entry["municipalities"]) == (2, 2)
        assert entry["quorum"]["met"] is False
        assert entry["quorum"]["supports"] == 5
        assert entry["quorum"]["missing"] == [
            {"kind": "supports", "needed": 3},
            {"kind": "municipalities", "needed": 1},
        ]
        assert entry["quorum"]["messages"] == [
            "3 more supports are needed for the quorum.",
            "Supports from 1 more municipality are needed for the quorum.",
        ]
        assert entry["progress"]["supports"] == pytest.approx(0.4)
        assert entries["Zweite Diskussion"]["supports"] == 0

    def test_editors_see_drafts_and_submitted(self, busy_site, request_class):
        with acting_as("site_admin"):
            by_state, states = network.proposals(busy_site["region"], request_class)
        assert list(by_state) == ["draft", "submitted", "discussion"]
        assert states[0] == {"token": "draft", "title": "Draft", "total": 1}

    def test_recent_threads_as_the_caller_may_see_them(self, busy_site):
        with acting_as(None):
            threads = network.recent_threads(busy_site["region"])
        assert [thread["title"] for thread in threads] == [f"Öffentlich {index}" for index in range(10)]
        assert threads[0]["forum"]["title"] == "Offen"
        assert threads[0]["post_count"] == 0
        assert isinstance(threads[0]["last_activity"], DateTime)
        with acting_as("netmember"):
            threads = network.recent_threads(busy_site["region"])
        assert threads[0]["title"] == "Intern neu"
        assert threads[0]["forum"]["title"] == "Intern"
        assert len(threads) == 10

    def test_upcoming_meetings(self, busy_site):
        with acting_as("site_admin"):
            meetings = network.upcoming_meetings(busy_site["region"])
        assert [meeting["title"] for meeting in meetings] == ["Treffen soon", "Treffen later"]
        assert meetings[0]["proposal"]["title"] == "Zweite Diskussion"
        assert meetings[0]["host_municipality"]["title"] == "Stadt Salzgitter"
        assert meetings[0]["location"] == "Rathaus"
        assert meetings[0]["start"] < meetings[1]["start"]

    def test_overview(self, busy_site, request_class):
        with acting_as(None):
            overview = network.network_overview(busy_site["region"], request_class)
        assert overview["region"]["quorum"] == {"supports": 5, "municipalities": 3}
        assert overview["representatives_total"] == 5
        assert len(overview["threads"]) == 10
        assert set(overview) == {
            "region",
            "municipalities",
            "representatives_total",
            "proposals",
            "proposal_states",
            "threads",
            "meetings",
        }

    def test_the_other_region_is_apart(self, busy_site, request_class):
        with acting_as("site_admin"):
            overview = network.network_overview(busy_site["region2"], request_class)
        assert [item["title"] for item in overview["municipalities"]] == ["Landkreis Peine"]
        assert overview["representatives_total"] == 1
        assert overview["proposals"] == {}
        assert overview["threads"] == []
        assert overview["meetings"] == []
