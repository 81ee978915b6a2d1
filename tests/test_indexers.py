"""The catalog indexes and metadata of regionaustausch (profiles/default/catalog.xml, indexers.py), and
the listings that read them from brains without waking objects."""

from DateTime import DateTime
from plone import api
from plone.app.testing import TEST_USER_ID
from plone.app.testing import setRoles
from plone.app.textfield.value import RichTextValue
from plone.restapi.search.handler import SearchHandler
from Products.CMFCore.indexing import processQueue
from regionaustausch import membership
from regionaustausch import supports
from regionaustausch.testing import allow_meetings
from regionaustausch.user_tokens import KEY_ANNOTATION
from regionaustausch.user_tokens import user_token
from types import SimpleNamespace
from zope.annotation.interfaces import IAnnotations
import pytest
import transaction


DAY_ZERO = DateTime().earliestTime() + 1
EMAIL = "kontakt.qxv@rathaus-muster.de"
PHONE = "+49 531 470-9876"

INDEXES = {
    "municipality_uid": "FieldIndex",
    "ags": "FieldIndex",
    "municipality_kind": "FieldIndex",
    "topics": "KeywordIndex",
    "party": "FieldIndex",
    "representative_function": "FieldIndex",
    "sort_name": "FieldIndex",
    "representative_user_id": "FieldIndex",
    "last_activity": "DateIndex",
    "pinned": "BooleanIndex",
    "municipalities": "KeywordIndex",
    "support_count": "FieldIndex",
    "supporting_municipalities": "FieldIndex",
}
COLUMNS = {
    "municipality_uid",
    "municipality_title",
    "ags",
    "municipality_kind",
    "topics",
    "party",
    "representative_function",
    "public_contact",
    "last_activity",
    "post_count",
    "pinned",
    "support_count",
    "supporting_municipalities",
}


def rich(html):
    return RichTextValue(html, "text/html", "text/x-html-safe")


def find(**query):
    return api.content.find(**query)


def brain_of(obj):
    (brain,) = find(UID=obj.UID())
    return brain


def index_words(obj, index="SearchableText"):
    catalog = api.portal.get_tool("portal_catalog")
    return catalog._catalog.getIndex(index).getEntryForObject(brain_of(obj).getRID())


@pytest.fixture(scope="class")
def site(portal_class):
    """A Region with two municipalities, three representatives, a forum with threads, a proposal and a
    meeting; the site speaks German."""
    portal = portal_class
    setRoles(portal, TEST_USER_ID, ["Manager"])
    api.portal.set_registry_record("plone.default_language", "de")
    s = SimpleNamespace(portal=portal)

    def create(container, type_, **fields):
        fields.setdefault("title", "x")
        # plone.api's decorators take a keyword "function" for themselves: set that field afterwards
        function = fields.pop("function", None)
        obj = api.content.create(container=container, type=type_, **fields)
        if function:
            obj.function = function
            obj.reindexObject()
        return obj

    s.region = create(portal, "Region", title="Großraum Braunschweig")
    s.braunschweig = create(
        s.region, "Municipality", title="Braunschweig", kind="kreisfreie_stadt", ags="03101000"
    )
    s.goslar = create(s.region, "Municipality", title="Landkreis Goslar", kind="landkreis", ags="03153")
    s.anna = create(
        s.braunschweig,
        "Representative",
        salutation="frau",
        academic_title="Dr.",
        first_name="Anna",
        last_name="Beispiel",
        party="SPD",
        function="ratsmitglied",
        committees=["Wirtschaftsausschuss", "Finanzausschuss"],
        topics=["fachkraefte", "energie"],
        email=EMAIL,
        phone=PHONE,
        contact_visibility="public",
    )
    s.bernd = create(
        s.braunschweig,
        "Representative",
        first_name="Bernd",
        last_name="Ärger",
        party="CDU",
        function="buergermeisterin",
    )
    s.ursula = create(s.goslar, "Representative", first_name="Ursula", last_name="von der Öhe", party="SPD")
    s.forum = create(s.region, "Forum", title="Gewerbeflächen", topics=["gewerbeflaechen"])
    s.pinned = create(s.forum, "Thread", title="Angeheftet", text=rich("<p>Regeln</p>"), pinned=True)
    s.quiet = create(s.forum, "Thread", title="Ruhig", text=rich("<p>Alt</p>"))
    s.busy = create(s.forum, "Thread", title="Lebhaft", text=rich("<p>Neu</p>"))
    s.posts = [create(s.busy, "Post", text=rich(f"<p>Beitrag {n}</p>")) for n in range(2)]
    # activity in the future, days apart (a thread's activity only moves forward)
    for thread, days in ((s.pinned, 1), (s.quiet, 2), (s.busy, 3)):
        thread.touch_activity(DAY_ZERO + days)
        thread.reindexObject(idxs=["last_activity", "post_count"])
    s.proposal = create(
        s.region,
        "ExchangeProposal",
        title="Regionale Vernetzung",
        municipalities=[s.braunschweig.UID(), s.goslar.UID()],
        topics=["gewerbeflaechen"],
        text=rich("<p>Vernetzung der Vertreter*innen</p>"),
    )
    allow_meetings(s.proposal)
    s.meeting = create(s.proposal, "Meeting", title="Auftakt", host_municipality=s.braunschweig.UID())
    return s


class TestCatalogProfile:
    def test_indexes(self, site):
        catalog = api.portal.get_tool("portal_catalog")
        for name, meta_type in INDEXES.items():
            assert catalog._catalog.getIndex(name).meta_type == meta_type, name

    def test_columns(self, site):
        catalog = api.portal.get_tool("portal_catalog")
        assert set(catalog.schema()) >= COLUMNS

    def test_contact_details_in_no_index_or_column(self, site):
        catalog = api.portal.get_tool("portal_catalog")
        for name in ("email", "phone", "contact_details", "contact_visibility", "consent_date", "user_id"):
            assert name not in catalog.indexes()
            assert name not in catalog.schema()


class TestDirectory:
    def test_municipality(self, site):
        brain = brain_of(site.braunschweig)
        assert brain.municipality_uid == site.braunschweig.UID()
        assert brain.municipality_title == "Braunschweig"
        assert brain.ags == "03101000"
        assert brain.municipality_kind == "kreisfreie_stadt"
        assert [b.getObject() for b in find(portal_type="Municipality", ags="03153")] == [site.goslar]
        assert [b.Title for b in find(municipality_kind="landkreis")] == ["Landkreis Goslar"]

    def test_representative(self, site):
        brain = brain_of(site.anna)
        assert brain.Title == "Dr. Anna Beispiel"
        assert brain.municipality_uid == site.braunschweig.UID()
        assert brain.municipality_title == "Braunschweig"
        assert brain.ags == "03101000"
        assert brain.party == "SPD"
        assert brain.representative_function == "ratsmitglied"
        assert sorted(brain.topics) == ["energie", "fachkraefte"]
        assert not brain.municipality_kind  # Missing.Value: only municipalities have a kind

    def test_query_by_municipality(self, site):
        brains = find(portal_type="Representative", municipality_uid=site.braunschweig.UID())
        assert {b.UID for b in brains} == {site.anna.UID(), site.bernd.UID()}
        assert {b.UID for b in find(portal_type="Representative", ags="03153")} == {site.ursula.UID()}

    def test_query_by_party_function_topic(self, site):
        assert {b.Title for b in find(portal_type="Representative", party="SPD")} == {
            "Dr. Anna Beispiel",
            "Ursula von der Öhe",
        }
        assert [b.Title for b in find(representative_function="buergermeisterin")] == ["Bernd Ärger"]
        assert [b.Title for b in find(portal_type="Representative", topics="energie")] == [
            "Dr. Anna Beispiel"
        ]
        assert {b.portal_type for b in find(topics="gewerbeflaechen")} == {"Forum", "ExchangeProposal"}

    def test_sorted_by_sort_name(self, site):
        """Last names with umlauts at their base letter, particles behind: Ärger, Beispiel, (von der) Öhe."""
        brains = find(portal_type="Representative", sort_on="sort_name", context=site.region)
        assert [b.Title for b in brains] == ["Bernd Ärger", "Dr. Anna Beispiel", "Ursula von der Öhe"]

    def test_meeting_host(self, site):
        assert brain_of(site.meeting).municipality_uid == site.braunschweig.UID()

    def test_values_are_not_acquired(self, site):
        """Posts, threads and meetings do not inherit the topics or pinning of their containers."""
        for obj in (site.busy, site.posts[0], site.meeting):
            assert not brain_of(obj).topics
        assert not find(UID=site.posts[0].UID(), pinned=True)
        assert not find(portal_type="Meeting", municipalities=site.braunschweig.UID())


class TestSearchableText:
    def test_representative_by_name_party_committee_function_topic_municipality(self, site):
        for words in (
            "Beispiel",
            "Anna",
            "SPD",
            "Wirtschaftsausschuss",
            "Ratsmitglied",
            "Fachkräfte",
            "Braunschweig",
        ):
            uids = {b.UID for b in find(portal_type="Representative", SearchableText=words)}
            assert site.anna.UID() in uids, words

    def test_topics_in_the_site_language_whatever_the_request(self, site):
        """The index is German on a German site, also when an English request (or a script) reindexes."""
        request = site.portal.REQUEST
        request["LANGUAGE"] = "en"
        site.anna.reindexObject()
        words = index_words(site.anna)
        assert "energie" in words
        assert "klima" in words
        assert "climate" not in words

    @pytest.mark.parametrize(
        "query", [EMAIL, "kontakt.qxv", "qxv", "rathaus-muster", PHONE, "9876", "470-9876"]
    )
    def test_never_the_contact_details(self, site, query):
        assert len(find(SearchableText=query)) == 0

    def test_contact_details_not_in_the_index(self, site):
        words = set(index_words(site.anna))
        assert not words & {"kontakt", "qxv", "rathaus", "muster", "9876", "470"}

    def test_rest_api_search(self, site):
        handler = SearchHandler(site.portal, site.portal.REQUEST)
        assert handler.search({"SearchableText": "qxv"})["items_total"] == 0
        found = handler.search({"SearchableText": "Wirtschaftsausschuss", "metadata_fields": "_all"})
        (item,) = found["items"]
        assert item["title"] == "Dr. Anna Beispiel"
        assert EMAIL not in str(item)
        assert "9876" not in str(item)

    def test_texts_of_threads_and_proposals(self, site):
        assert [b.UID for b in find(SearchableText="Regeln")] == [site.pinned.UID()]
        assert site.proposal.UID() in {b.UID for b in find(SearchableText="Vernetzung")}


class TestForum:
    def test_thread_metadata(self, site):
        brain = brain_of(site.busy)
        assert brain.post_count == 2
        assert brain.pinned is False
        assert brain.last_activity == DAY_ZERO + 3
        pinned = brain_of(site.pinned)
        assert pinned.pinned is True
        assert pinned.post_count == 0
        assert pinned.last_activity == DAY_ZERO + 1

    def test_listing_pinned_first_then_latest_activity(self, site):
        brains = find(
            context=site.forum,
            portal_type="Thread",
            sort_on=["pinned", "last_activity"],
            sort_order=["descending", "descending"],
        )
        assert [b.Title for b in brains] == ["Angeheftet", "Lebhaft", "Ruhig"]

    def test_active_since(self, site):
        brains = find(portal_type="Thread", last_activity={"query": DAY_ZERO + 2.5, "range": "min"})
        assert [b.Title for b in brains] == ["Lebhaft"]

    def test_pinned_query(self, site):
        assert [b.Title for b in find(portal_type="Thread", pinned=True)] == ["Angeheftet"]


class TestProposals:
    def test_no_supports_yet(self, site):
        brain = brain_of(site.proposal)
        assert (brain.support_count, brain.supporting_municipalities) == (0, 0)
        assert find(portal_type="ExchangeProposal", support_count=0)

    def test_supports_counted(self, site):
        storage = supports.storage(site.proposal)
        storage.add("anna", site.braunschweig.UID())
        storage.add("bernd", site.braunschweig.UID())
        storage.add("ursula", site.goslar.UID())
        site.proposal.reindexObject(idxs=["support_count", "supporting_municipalities"])
        brain = brain_of(site.proposal)
        assert (brain.support_count, brain.supporting_municipalities) == (3, 2)
        assert [b.UID for b in find(support_count={"query": 3, "range": "min"})] == [site.proposal.UID()]
        assert [b.UID for b in find(supporting_municipalities={"query": 2, "range": "min"})] == [
            site.proposal.UID()
        ]
        storage.remove("ursula")
        site.proposal.reindexObject(idxs=["support_count", "supporting_municipalities"])
        brain = brain_of(site.proposal)
        assert (brain.support_count, brain.supporting_municipalities) == (2, 1)

    def test_by_municipality_concerned(self, site):
        brains = find(municipalities=site.goslar.UID())
        assert [b.UID for b in brains] == [site.proposal.UID()]


class TestListingsDoNotWakeObjects:
    def test_directory_and_forum_listings_read_brains_only(self, site):
        processQueue()  # pending reindexes (they load their objects) are not the listing's doing
        transaction.savepoint(optimistic=True)  # unsaved changes would keep the objects awake
        objects = [site.anna, site.bernd, site.ursula, site.pinned, site.quiet, site.busy, site.proposal]
        for obj in objects:
            obj._p_deactivate()
        assert all(obj._p_status == "ghost" for obj in objects)

        directory = [
            (b.Title, b.party, b.representative_function, b.municipality_title, b.topics)
            for b in find(portal_type="Representative", sort_on="sort_name")
        ]
        threads = [
            (b.Title, b.pinned, b.last_activity, b.post_count)
            for b in find(context=site.forum, portal_type="Thread", sort_on="last_activity")
        ]
        proposals = [
            (b.Title, b.support_count, b.supporting_municipalities)
            for b in find(portal_type="ExchangeProposal")
        ]
        assert len(directory) == 3
        assert len(threads) == 3
        assert len(proposals) == 1
        assert [obj for obj in objects if obj._p_status != "ghost"] == []


class TestUserTokens:
    def test_the_index_holds_keyed_tokens_not_account_names(self, portal):
        setRoles(portal, TEST_USER_ID, ["Manager"])
        region = api.content.create(container=portal, type="Region", title="Region")
        town = api.content.create(
            container=region, type="Municipality", title="Stadt", kind="stadt", ags="03101000"
        )
        api.user.create(email="anna@example.invalid", username="anna.beispiel", password="secret-token-1")
        record = api.content.create(
            container=town,
            type="Representative",
            id="anna",
            first_name="Anna",
            last_name="Beispiel",
            user_id="anna.beispiel",
        )
        processQueue()
        catalog = api.portal.get_tool("portal_catalog")
        index = catalog._catalog.getIndex("representative_user_id")
        [token] = index.uniqueValues()
        assert token == user_token("anna.beispiel")
        assert len(token) == 64
        assert "anna" not in token
        assert token != user_token("anna.beispie1")
        assert len(find(representative_user_id="anna.beispiel")) == 0
        assert [brain.getObject() for brain in find(representative_user_id=token)] == [record]
        assert user_token(None) is None
        assert user_token("") is None

    def test_the_key_is_made_once_and_decides_the_token(self, portal):
        annotations = IAnnotations(portal)
        annotations.pop(KEY_ANNOTATION, None)
        first = user_token("anna.beispiel")
        key = annotations[KEY_ANNOTATION]
        assert len(key) == 32
        assert user_token("anna.beispiel") == first
        assert annotations[KEY_ANNOTATION] is key  # made once, never rotated
        annotations[KEY_ANNOTATION] = b"another site's key of 32 bytes.."
        assert user_token("anna.beispiel") != first


def _as_profile_1000_left_it(portal, records):
    """The catalog as profile 1000 left it: no column ``public_contact``, account names in the index
    ``representative_user_id``, no token key."""
    processQueue()
    catalog = api.portal.get_tool("portal_catalog")
    catalog.delColumn("public_contact")
    index = catalog._catalog.getIndex("representative_user_id")
    for record in records:
        rid = catalog.getrid("/".join(record.getPhysicalPath()))
        index.unindex_object(rid)
        index.index_object(rid, SimpleNamespace(representative_user_id=record.user_id))
    del IAnnotations(portal)[KEY_ANNOTATION]
    api.portal.get_tool("portal_setup").setLastVersionForProfile("regionaustausch:default", "1000")


def test_upgrade_to_1001(portal):
    """A site installed with profile 1000: after the upgrade the directory has its column and the
    index holds tokens; membership finds the records again, account names find nothing."""
    setRoles(portal, TEST_USER_ID, ["Manager"])
    region = api.content.create(container=portal, type="Region", title="Region")
    town = api.content.create(
        container=region, type="Municipality", title="Stadt", kind="stadt", ags="03101000"
    )
    api.user.create(email="anna@example.invalid", username="anna.beispiel", password="secret-upgrade-1")
    anna = api.content.create(
        container=town,
        type="Representative",
        id="anna",
        first_name="Anna",
        last_name="Beispiel",
        user_id="anna.beispiel",
        email="anna@example.org",
        contact_visibility="public",
    )
    bernd = api.content.create(
        container=town,
        type="Representative",
        id="bernd",
        first_name="Bernd",
        last_name="Bauer",
        email="b@example.org",
    )
    for record in (anna, bernd):
        api.content.transition(obj=record, transition="approve")
    _as_profile_1000_left_it(portal, (anna, bernd))
    catalog = api.portal.get_tool("portal_catalog")
    assert "public_contact" not in catalog.schema()
    assert [brain.getObject() for brain in find(representative_user_id="anna.beispiel")] == [anna]

    setup = api.portal.get_tool("portal_setup")
    setup.upgradeProfile("regionaustausch:default")
    processQueue()

    assert setup.getLastVersionForProfile("regionaustausch:default") == ("1001",)
    assert "public_contact" in catalog.schema()
    assert {brain.Title: brain.public_contact for brain in find(portal_type="Representative")} == {
        "Anna Beispiel": True,
        "Bernd Bauer": False,
    }
    assert len(find(representative_user_id="anna.beispiel")) == 0
    assert [brain.getObject() for brain in find(representative_user_id=user_token("anna.beispiel"))] == [anna]
    assert [brain.getObject() for brain in membership.active_records(region, "anna.beispiel")] == [anna]
