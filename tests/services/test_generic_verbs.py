"""plone.restapi's generic verbs on every type of ours, over HTTP against the functional layer's WSGI
server, each done by a person who may do it in the Classic UI (no Manager):

create (POST to the container with ``@type``), read (GET), PATCH, a workflow transition with a
comment (``@workflow/<transition>``, the comment in the history), DELETE; and ``@search`` with our
catalog indexes, sort orders and metadata columns.
"""

from dataclasses import dataclass
from plone import api
from plone.uuid.interfaces import IMutableUUID
from regionaustausch import membership
from regionaustausch import testing
from regionaustausch.supports import add_support
import pytest
import requests
import time
import transaction


PASSWORD = "secret-generic-verbs-1"


#: The UID of the municipality Braunschweig of the network (fixed, so that the table can name it).
BRAUNSCHWEIG_UID = "b5" * 16


def session(user=None):
    http = requests.Session()
    http.headers.update({"Accept": "application/json", "Content-Type": "application/json"})
    if user is not None:
        http.auth = (user, PASSWORD)
    return http


def sync(portal):
    transaction.begin()
    portal._p_jar.sync()


def add_user(user_id, *roles):
    api.user.create(email=f"{user_id}@example.invalid", username=user_id, password=PASSWORD)
    for role in roles:
        api.portal.get().acl_users.portal_role_manager.doAssignRoleToPrincipal(user_id, role)


def add_member(municipality, user_id, first_name, last_name, **values):
    return testing.add_member(municipality, user_id, first_name, last_name, password=PASSWORD, **values)


@pytest.fixture(scope="class")
def network(functional_portal_class):
    """A Region with two municipalities; the people of the verbs: a site administrator, a moderator
    (Reviewer), a municipal editor of Braunschweig, two network members; a forum with a thread, a
    proposal in discussion and an accepted one (meetings are added to accepted proposals)."""
    portal = functional_portal_class
    with api.env.adopt_roles(["Manager"]):
        add_user("siteadmin", "Site Administrator")
        add_user("moderator", "Reviewer")
        add_user("editor_bs")
        region = api.content.create(
            container=portal,
            type="Region",
            id="region",
            title="Testregion",
            quorum_supports=2,
            quorum_municipalities=2,
        )
        braunschweig = api.content.create(
            container=region,
            type="Municipality",
            id="braunschweig",
            title="Stadt Braunschweig",
            kind="kreisfreie_stadt",
            ags="03101000",
        )
        IMutableUUID(braunschweig).set(BRAUNSCHWEIG_UID)
        braunschweig.reindexObject()
        gifhorn = api.content.create(
            container=region,
            type="Municipality",
            id="gifhorn",
            title="Landkreis Gifhorn",
            kind="landkreis",
            ags="03151",
        )
        api.group.add_user(groupname=membership.editors_group_id(braunschweig), username="editor_bs")
        add_member(
            braunschweig, "member", "Mia", "Muster", party="SPD", function="ratsmitglied", topics=["energie"]
        )
        add_member(
            gifhorn,
            "colleague",
            "Kai",
            "Kollege",
            party="CDU",
            function="kreistagsmitglied",
            topics=["tourismus"],
        )
        forum = api.content.create(container=region, type="Forum", id="forum", title="Forum")
        api.content.create(container=forum, type="Thread", id="thread", title="Thema", text="<p>Hallo</p>")
        accepted = api.content.create(
            container=region,
            type="ExchangeProposal",
            id="accepted",
            title="Angenommen",
            lead_organiser=braunschweig.UID(),
        )
        api.content.transition(obj=accepted, transition="submit")
        api.content.transition(obj=accepted, transition="open_discussion")
        for user_id in ("member", "colleague"):
            with api.env.adopt_user(username=user_id):
                add_support(accepted)
        api.content.transition(obj=accepted, transition="accept")
    transaction.commit()
    return {"portal": portal, "region": region, "url": portal.absolute_url()}


@dataclass(frozen=True)
class Verbs:
    """How one type goes through the verbs."""

    type: str
    container: str  # path below the portal
    creator: str
    data: dict
    patch: dict
    editor: str
    transition: str | None  # None: the type's workflow has one state only
    transitioner: str
    deleter: str = "siteadmin"
    new_state: str | None = None


TYPES = [
    Verbs(
        "Region",
        "",
        "siteadmin",
        {
            "title": "Großraum Testland",
            "quorum_supports": 4,
            "quorum_municipalities": 2,
            "partners": ["Allianz"],
        },
        {"quorum_supports": 6},
        "siteadmin",
        None,
        "siteadmin",
    ),
    Verbs(
        "Municipality",
        "region",
        "siteadmin",
        {"title": "Stadt Peine", "kind": "stadt", "ags": "03 157 006", "website": "https://www.peine.de"},
        {"population": 50000, "council_name": "Rat der Stadt Peine"},
        "siteadmin",
        None,
        "siteadmin",
    ),
    Verbs(
        "Representative",
        "region/braunschweig",
        "editor_bs",
        {
            "first_name": "Anna",
            "last_name": "Beispiel",
            "party": "Grüne",
            "committees": ["Wirtschaftsausschuss"],
        },
        {"party": "Bündnis 90/Die Grünen", "function": "fraktionsvorsitz"},
        "editor_bs",
        "approve",
        "moderator",
        new_state="active",
    ),
    Verbs(
        "Forum",
        "region",
        "siteadmin",
        {"title": "Mobilität", "topics": ["mobilitaet"], "premoderation": False},
        {"premoderation": True, "topics": ["mobilitaet", "energie"]},
        "siteadmin",
        "publish",
        "siteadmin",
        new_state="public",
    ),
    Verbs(
        "Thread",
        "region/forum",
        "member",
        {"title": "Pendlerverkehr", "text": "<p>Wie lösen wir das?</p>"},
        {"text": "<p>Wie lösen wir das gemeinsam?</p>"},
        "member",
        "lock",
        "moderator",
        new_state="locked",
    ),
    Verbs(
        "Post",
        "region/forum/thread",
        "member",
        {"text": "<p>Mit einem <strong>Jobticket</strong>.</p>"},
        {"text": "<p>Mit einem regionalen <strong>Jobticket</strong>.</p>"},
        "member",
        "hide",
        "moderator",
        new_state="hidden",
    ),
    Verbs(
        "ExchangeProposal",
        "region",
        "member",
        {
            "title": "Gemeinsames Gewerbeflächenkataster",
            "text": "<p>Ein Kataster für die ganze Region.</p>",
            "format": "arbeitskreis",
            "topics": ["gewerbeflaechen"],
            "required_resolutions": [
                {
                    "municipality": BRAUNSCHWEIG_UID,
                    "body": "Rat der Stadt Braunschweig",
                    "kind": "ratsbeschluss",
                }
            ],
        },
        {"format": "regionalkonferenz"},
        "member",
        "submit",
        "member",
        new_state="submitted",
    ),
    Verbs(
        "Meeting",
        "region/accepted",
        "siteadmin",
        {
            "title": "Auftakt",
            "start": "2026-12-03T09:00:00+01:00",
            "end": "2026-12-03T12:00:00+01:00",
            "capacity": 30,
        },
        {"capacity": 40, "location": "Rathaus Braunschweig"},
        "siteadmin",
        "hold",
        "siteadmin",
        new_state="held",
    ),
]


def _value(data, name):
    """A field's value as the JSON shows it (vocabulary terms as their token, rich text as its data)."""
    value = data[name]
    if isinstance(value, dict) and "token" in value:
        return value["token"]
    if isinstance(value, dict) and "data" in value:
        return value["data"]
    if isinstance(value, list):
        return [item["token"] if isinstance(item, dict) and "token" in item else item for item in value]
    return value


class TestVerbs:
    @pytest.mark.parametrize("verbs", TYPES, ids=[verbs.type for verbs in TYPES])
    def test_create_read_patch_transition_delete(self, network, verbs):
        portal = network["portal"]
        container_url = f"{network['url']}/{verbs.container}".rstrip("/")

        # create
        created = session(verbs.creator).post(container_url, json={"@type": verbs.type, **verbs.data})
        assert created.status_code == 201, created.text[:3000]
        url = created.headers["Location"]
        assert created.json()["@id"] == url
        assert url.startswith(container_url + "/")

        # read: as the creator, every value as sent
        read = session(verbs.creator).get(url)
        assert read.status_code == 200, read.text[:2000]
        data = read.json()
        assert data["@type"] == verbs.type
        for name, value in verbs.data.items():
            if name in ("text",):
                assert _value(data, name).startswith(value[:-4])  # stored sanitised, same text
            elif name == "ags":
                assert data["ags"] == value.replace(" ", "")  # stored as the bare key
            elif name in ("start", "end"):
                assert data[name][:16] == "2026-12-03T" + {"start": "08:00", "end": "11:00"}[name]  # UTC
            elif name == "required_resolutions":
                assert data[name] == [
                    {**value[0], "status": "offen", "status_date": None, "reference": "", "url": ""}
                ]
            else:
                assert _value(data, name) == value, name

        # the catalog knows it
        sync(portal)
        [brain] = api.content.find(UID=data["UID"], unrestricted=True)
        assert brain.portal_type == verbs.type

        # patch
        patched = session(verbs.editor).patch(
            url, json=verbs.patch, headers={"Prefer": "return=representation"}
        )
        assert patched.status_code == 200, patched.text[:2000]
        for name, value in verbs.patch.items():
            assert _value(patched.json(), name) == value, name
        again = session(verbs.editor).get(url).json()
        for name, value in verbs.patch.items():
            assert _value(again, name) == value, name
        assert again["modified"] >= data["modified"]

        # workflow transition with a comment
        workflow = session(verbs.transitioner).get(f"{url}/@workflow")
        assert workflow.status_code == 200
        transitions = [item["@id"].rsplit("/", 1)[-1] for item in workflow.json()["transitions"]]
        if verbs.transition is None:
            assert transitions == []
        else:
            assert verbs.transition in transitions, transitions
            comment = f"{verbs.type}: {verbs.transition}, geprüft am Montag"
            done = session(verbs.transitioner).post(
                f"{url}/@workflow/{verbs.transition}", json={"comment": comment}
            )
            assert done.status_code == 200, done.text[:2000]
            assert done.json()["review_state"] == verbs.new_state
            assert done.json()["comments"] == comment
            # the history is for those who review (its workflow variable's guard)
            history = session("siteadmin").get(f"{url}/@workflow").json()["history"]
            assert history[-1]["action"] == verbs.transition
            assert history[-1]["comments"] == comment
            assert history[-1]["actor"] == verbs.transitioner
            state = session(verbs.deleter).get(url).json()["review_state"]
            assert state == verbs.new_state

        # delete
        deleted = session(verbs.deleter).delete(url)
        assert deleted.status_code == 204, deleted.text[:2000]
        assert session(verbs.deleter).get(url).status_code == 404
        sync(portal)
        assert not api.content.find(UID=data["UID"], unrestricted=True)

    def test_anonymous_may_not_create(self, network):
        response = session().post(
            f"{network['url']}/region/forum/thread", json={"@type": "Post", "text": "Hallo"}
        )
        assert response.status_code == 401

    def test_outsider_may_not_create(self, network):
        add_user("outsider")
        transaction.commit()
        response = session("outsider").post(
            f"{network['url']}/region", json={"@type": "ExchangeProposal", "title": "X"}
        )
        assert response.status_code in (401, 403)
        response = session("member").post(f"{network['url']}/region", json={"@type": "Forum", "title": "X"})
        assert response.status_code == 403
        assert "Forum" in response.json()["error"]["message"]


# -- @search ------------------------------------------------------------------------------------------


@pytest.fixture(scope="class")
def searchable(functional_portal_class):
    """Representatives with parties, functions and topics in two municipalities; three threads whose
    last activity differs; three proposals with 2, 1 and 0 supports in different states."""
    portal = functional_portal_class
    with api.env.adopt_roles(["Manager"]):
        region = api.content.create(container=portal, type="Region", id="region", title="Suchregion")
        braunschweig = api.content.create(
            container=region,
            type="Municipality",
            id="braunschweig",
            title="Stadt Braunschweig",
            kind="kreisfreie_stadt",
            ags="03101000",
        )
        gifhorn = api.content.create(
            container=region,
            type="Municipality",
            id="gifhorn",
            title="Landkreis Gifhorn",
            kind="landkreis",
            ags="03151",
        )
        add_member(
            braunschweig, "anna", "Anna", "Arndt", party="SPD", function="ratsmitglied", topics=["energie"]
        )
        add_member(
            braunschweig,
            "bernd",
            "Bernd",
            "Bauer",
            party="CDU",
            function="buergermeisterin",
            topics=["tourismus"],
        )
        add_member(
            gifhorn,
            "clara",
            "Clara",
            "Claasen",
            party="SPD",
            function="kreistagsmitglied",
            topics=["energie", "mobilitaet"],
        )
        forum = api.content.create(
            container=region, type="Forum", id="forum", title="Forum", topics=["energie"]
        )
        # the threads' last activity hours apart (the index has minutes); a post makes the oldest thread
        # the most recently active one
        now = time.time()
        for name, hours_ago in (("alt", 3), ("mittel", 2), ("neu", 1)):
            thread = api.content.create(
                container=forum, type="Thread", id=name, title=name.title(), text="<p>x</p>"
            )
            thread._activity.when = now - hours_ago * 3600
            thread.reindexObject(idxs=["last_activity"])
        with api.env.adopt_user(username="anna"):
            api.content.create(container=forum["alt"], type="Post", title="p", text="<p>Neu hier</p>")
        proposals = {}
        for name, supporters in (("zwei", ("anna", "clara")), ("eine", ("bernd",)), ("keine", ())):
            proposal = api.content.create(
                container=region,
                type="ExchangeProposal",
                id=name,
                title=f"Vorschlag {name}",
                topics=["energie"],
            )
            api.content.transition(obj=proposal, transition="submit")
            api.content.transition(obj=proposal, transition="open_discussion")
            for user_id in supporters:
                with api.env.adopt_user(username=user_id):
                    add_support(proposal)
            proposals[name] = proposal
        api.content.transition(obj=proposals["keine"], transition="reject", comment="Nicht jetzt.")
    transaction.commit()  # the supports' catalog update follows this commit (deferred_reindex)
    return {
        "portal": portal,
        "url": portal.absolute_url(),
        "braunschweig": braunschweig.UID(),
        "gifhorn": gifhorn.UID(),
    }


def search(network, **query):
    params = []
    for key, value in query.items():
        for item in value if isinstance(value, list) else [value]:
            params.append((key, item))
    response = session("siteadmin-search").get(f"{network['url']}/@search", params=params)
    assert response.status_code == 200, response.text[:2000]
    return response.json()


def titles(result):
    return [item["title"] for item in result["items"]]


class TestSearch:
    @pytest.fixture(scope="class", autouse=True)
    def searcher(self, searchable):
        add_user("siteadmin-search", "Site Administrator")
        transaction.commit()

    def test_municipality_uid(self, searchable):
        result = search(
            searchable,
            portal_type="Representative",
            municipality_uid=searchable["braunschweig"],
            sort_on="sort_name",
        )
        assert titles(result) == ["Anna Arndt", "Bernd Bauer"]
        result = search(searchable, portal_type="Representative", municipality_uid=searchable["gifhorn"])
        assert titles(result) == ["Clara Claasen"]

    def test_ags(self, searchable):
        assert titles(search(searchable, portal_type="Municipality", ags="03151")) == ["Landkreis Gifhorn"]
        result = search(searchable, portal_type="Representative", ags="03101000", sort_on="sort_name")
        assert titles(result) == ["Anna Arndt", "Bernd Bauer"]

    def test_topics(self, searchable):
        result = search(searchable, portal_type="Representative", topics="energie", sort_on="sort_name")
        assert titles(result) == ["Anna Arndt", "Clara Claasen"]
        result = search(searchable, topics=["mobilitaet", "tourismus"], sort_on="sort_name")
        assert titles(result) == ["Bernd Bauer", "Clara Claasen"]
        result = search(
            searchable, portal_type=["Forum", "ExchangeProposal"], topics="energie", sort_on="sortable_title"
        )
        assert titles(result) == ["Forum", "Vorschlag eine", "Vorschlag keine", "Vorschlag zwei"]

    def test_party_and_function(self, searchable):
        result = search(searchable, portal_type="Representative", party="SPD", sort_on="sort_name")
        assert titles(result) == ["Anna Arndt", "Clara Claasen"]
        result = search(searchable, portal_type="Representative", representative_function="buergermeisterin")
        assert titles(result) == ["Bernd Bauer"]

    def test_review_state(self, searchable):
        result = search(
            searchable, portal_type="ExchangeProposal", review_state="discussion", sort_on="sortable_title"
        )
        assert titles(result) == ["Vorschlag eine", "Vorschlag zwei"]
        assert titles(search(searchable, portal_type="ExchangeProposal", review_state="rejected")) == [
            "Vorschlag keine"
        ]
        assert titles(search(searchable, portal_type="Representative", review_state="pending")) == []

    def test_sort_by_last_activity(self, searchable):
        result = search(searchable, portal_type="Thread", sort_on="last_activity", sort_order="descending")
        assert titles(result) == ["Alt", "Neu", "Mittel"]
        result = search(
            searchable, portal_type="Thread", sort_on="last_activity", sort_order="ascending", b_size=2
        )
        assert titles(result) == ["Mittel", "Neu"]
        assert result["items_total"] == 3

    def test_sort_by_supports(self, searchable):
        result = search(
            searchable,
            portal_type="ExchangeProposal",
            sort_on="support_count",
            sort_order="descending",
            metadata_fields=["support_count", "supporting_municipalities"],
        )
        assert [
            (item["title"], item["support_count"], item["supporting_municipalities"])
            for item in result["items"]
        ] == [
            ("Vorschlag zwei", 2, 2),
            ("Vorschlag eine", 1, 1),
            ("Vorschlag keine", 0, 0),
        ]

    def test_metadata_fields_of_our_columns(self, searchable):
        result = search(
            searchable,
            portal_type="Representative",
            sort_on="sort_name",
            metadata_fields=[
                "municipality_uid",
                "municipality_title",
                "ags",
                "party",
                "representative_function",
                "topics",
            ],
        )
        first = result["items"][0]
        assert first["title"] == "Anna Arndt"
        assert first["municipality_uid"] == searchable["braunschweig"]
        assert first["municipality_title"] == "Stadt Braunschweig"
        assert first["ags"] == "03101000"
        assert first["party"] == "SPD"
        assert first["representative_function"] == "ratsmitglied"
        assert first["topics"] == ["energie"]

        result = search(
            searchable,
            portal_type="Municipality",
            sort_on="sortable_title",
            metadata_fields=["ags", "municipality_kind"],
        )
        assert [(item["ags"], item["municipality_kind"]) for item in result["items"]] == [
            ("03151", "landkreis"),
            ("03101000", "kreisfreie_stadt"),
        ]

        result = search(
            searchable,
            portal_type="Thread",
            sort_on="last_activity",
            sort_order="descending",
            metadata_fields=["last_activity", "post_count", "pinned"],
        )
        first = result["items"][0]
        assert (first["title"], first["post_count"], first["pinned"]) == ("Alt", 1, False)
        assert first["last_activity"] > result["items"][1]["last_activity"]

    @pytest.mark.parametrize("user", [None, "siteadmin-search"])
    def test_pages_of_full_objects_are_bounded(self, searchable, user):
        """``fullobjects`` serializes every object of the page: at most 100 of them, for everybody."""
        url = f"{searchable['url']}/@search"
        for size in ("100000", "101"):
            response = session(user).get(url, params={"fullobjects": "1", "b_size": size})
            assert response.status_code == 400, size
            assert response.json()["type"] == "BadRequest"
            assert response.json()["message"] == (
                'Parameter "b_size": with "fullobjects" a page may hold at most 100 items.'
            )
        response = session(user).get(
            url, params={"fullobjects": "1", "b_size": "100", "portal_type": "Representative"}
        )
        assert response.status_code == 200
        assert response.json()["items_total"] == len(response.json()["items"]) == 3
        assert "party" in response.json()["items"][0]  # full objects
        # without fullobjects, brains only: plone.restapi's batching as it is
        response = session(user).get(url, params={"b_size": "100000", "portal_type": "Representative"})
        assert response.status_code == 200
        assert response.json()["items_total"] == 3

    def test_anonymous_finds_only_what_they_may_see(self, searchable):
        response = session().get(f"{searchable['url']}/@search", params={"portal_type": "Thread"})
        assert response.status_code == 200
        assert response.json()["items_total"] == 0  # the forum is internal
        response = session().get(
            f"{searchable['url']}/@search",
            params={"portal_type": "ExchangeProposal", "review_state": "discussion"},
        )
        assert response.json()["items_total"] == 2
