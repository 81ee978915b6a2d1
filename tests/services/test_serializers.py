"""The JSON of our types over HTTP: computed facts of proposals and threads, and no contact details a
caller may not see, whichever way a representative's record is read (GET, ``@search`` with
``fullobjects``, ``metadata_fields``, ``SearchableText``, folder listings, traversal); nor the user
account a record names, its contact visibility or its date of consent, which only those who manage
the record read (and the catalog cannot be asked for accounts by name)."""

from datetime import date
from plone import api
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from plone.app.testing import logout
from plone.app.textfield.value import RichTextValue
from plone.restapi.interfaces import ISerializeToJson
from regionaustausch import membership
from regionaustausch import supports
from regionaustausch.interfaces import IRegionaustauschLayer
from regionaustausch.user_tokens import user_token
from zope.component import getMultiAdapter
from zope.interface import alsoProvides
import pytest
import requests
import transaction


PASSWORD = "secret-serializers-1"
CONSENT = date(2024, 1, 15)
# Contact details with words found nowhere else, so that a search for them can only hit them.
EMAILS = {
    "anna": "kq7x.anna@postfach-rb.example",
    "bernd": "zv3m.bernd@postfach-rb.example",
    "clara": "wp9t.clara@postfach-rb.example",
}
PHONES = {"anna": "+49 531 918273", "bernd": "0531 918274", "clara": "0531 918275"}
CALLERS = (None, "outsider", "netmember", "editor_a", "site_admin", "admin")
#: caller -> the records whose contact details they may see
SEES = {
    None: {"anna"},
    "outsider": {"anna"},
    "netmember": {"anna", "bernd"},
    "editor_a": {"anna", "bernd", "clara"},  # municipal editor of the records' municipality
    "site_admin": {"anna", "bernd", "clara"},
    "admin": {"anna", "bernd", "clara"},
}
#: who reads an active record's user account ("Manage membership": those who approve records)
MANAGE_MEMBERSHIP = {"site_admin", "admin"}
#: who reads a record's contact visibility and date of consent (those who edit it)
EDIT = {"editor_a", "site_admin", "admin"}
MANAGED_FIELDS = ("user_id", "contact_visibility", "consent_date")


def managed_fields(user):
    """The fields of the managed ones that ``user`` reads."""
    return {
        name
        for name, readers in (
            ("user_id", MANAGE_MEMBERSHIP),
            ("contact_visibility", EDIT),
            ("consent_date", EDIT),
        )
        if user in readers
    }


def http(user=None):
    session = requests.Session()
    session.headers["Accept"] = "application/json"
    if user == "admin":
        session.auth = (SITE_OWNER_NAME, SITE_OWNER_PASSWORD)
    elif user is not None:
        session.auth = (user, PASSWORD)
    return session


def html(text):
    return RichTextValue(f"<p>{text}</p>", "text/html", "text/x-html-safe")


def build(portal):
    for user_id in ("netmember", "outsider", "editor_a", "site_admin", "second"):
        api.user.create(email=f"{user_id}@example.invalid", username=user_id, password=PASSWORD)
    api.user.grant_roles(username="site_admin", roles=["Site Administrator"])
    with api.env.adopt_roles(["Manager"]):
        region = api.content.create(
            container=portal,
            type="Region",
            id="region",
            title="Testregion",
            quorum_supports=2,
            quorum_municipalities=2,
        )
        a = api.content.create(
            container=region,
            type="Municipality",
            id="a",
            title="Stadt A",
            kind="kreisfreie_stadt",
            ags="03101000",
        )
        b = api.content.create(
            container=region,
            type="Municipality",
            id="b",
            title="Stadt B",
            kind="kreisfreie_stadt",
            ags="03102000",
        )
        records = {}
        for id, first, last, visibility, user_id in (
            ("anna", "Anna", "Becker", "public", None),
            ("bernd", "Bernd", "Müller", "network", "netmember"),
            ("clara", "Clara", "Zöllner", "hidden", None),
        ):
            records[id] = api.content.create(
                container=a,
                type="Representative",
                id=id,
                first_name=first,
                last_name=last,
                email=EMAILS[id],
                phone=PHONES[id],
                contact_visibility=visibility,
                consent_date=CONSENT if visibility != "hidden" else None,
                user_id=user_id,
            )
            api.content.transition(obj=records[id], transition="approve")
        forum = api.content.create(container=region, type="Forum", id="forum", title="Forum")
        api.content.transition(obj=forum, transition="publish")
        thread = api.content.create(
            container=forum, type="Thread", id="thread", title="Faden", text=html("Worum")
        )
        for number in range(2):
            api.content.create(
                container=thread, type="Post", id=f"post-{number}", title="Re", text=html("Ja")
            )
        proposals = {}
        for id, supporters in (("met", (("netmember", a), ("second", b))), ("open", (("netmember", a),))):
            proposal = api.content.create(
                container=region, type="ExchangeProposal", id=id, title=f"Vorschlag {id}"
            )
            api.content.transition(obj=proposal, transition="submit")
            api.content.transition(obj=proposal, transition="open_discussion")
            for user_id, municipality in supporters:
                supports.storage(proposal).add(user_id, municipality.UID())
            proposal.reindexObject(idxs=list(supports.SUPPORT_INDEXES))
            proposals[id] = proposal
    api.group.add_user(groupname=membership.editors_group_id(a), username="editor_a")
    transaction.commit()
    return {
        "portal": portal,
        "portal_url": portal.absolute_url(),
        "region": region,
        "a": a,
        "records": records,
        "thread": thread,
        "proposals": proposals,
    }


@pytest.fixture(scope="class")
def site(functional_portal_class):
    return build(functional_portal_class)


def get(url, user=None, **params):
    response = http(user).get(url, params=params)
    assert response.status_code == 200, response.text
    return response.json()


def contact_of(data):
    return {key: data[key] for key in ("email", "phone") if key in data}


def leaked(text, hidden):
    """The contact details of the records ``hidden`` that occur in ``text``."""
    return [value for id in hidden for value in (EMAILS[id], PHONES[id]) if value in text]


class TestProposalAndThread:
    def test_proposal_carries_supports_and_quorum(self, site):
        data = get(site["proposals"]["open"].absolute_url())
        assert data["supports"] == 1
        assert data["supporting_municipalities"] == 1
        assert data["quorum"] == {
            "supports": 2,
            "municipalities": 2,
            "met": False,
            "missing": [{"kind": "supports", "needed": 1}, {"kind": "municipalities", "needed": 1}],
            "messages": [
                "1 more support is needed for the quorum.",
                "Supports from 1 more municipality are needed for the quorum.",
            ],
        }
        met = get(site["proposals"]["met"].absolute_url())
        assert (met["supports"], met["supporting_municipalities"]) == (2, 2)
        assert met["quorum"]["met"] is True
        assert met["quorum"]["missing"] == []
        assert met["title"] == "Vorschlag met"  # the default serializer's fields are all there
        assert met["review_state"] == "discussion"

    def test_proposals_in_search_with_fullobjects(self, site):
        data = get(
            f"{site['portal_url']}/@search", portal_type="ExchangeProposal", fullobjects=1, sort_on="id"
        )
        assert [(item["id"], item["supports"], item["quorum"]["met"]) for item in data["items"]] == [
            ("met", 2, True),
            ("open", 1, False),
        ]

    def test_proposals_in_search_with_metadata(self, site):
        data = get(
            f"{site['portal_url']}/@search",
            portal_type="ExchangeProposal",
            metadata_fields=["support_count", "supporting_municipalities"],
            sort_on="support_count",
            sort_order="descending",
        )
        assert [
            (item["title"], item["support_count"], item["supporting_municipalities"])
            for item in data["items"]
        ] == [("Vorschlag met", 2, 2), ("Vorschlag open", 1, 1)]

    def test_thread_carries_post_count_and_last_activity(self, site):
        thread = site["thread"]
        data = get(thread.absolute_url())
        assert data["post_count"] == 2
        assert (
            data["last_activity"]
            == thread.last_activity().utcdatetime().isoformat(timespec="seconds") + "+00:00"
        )
        assert data["text"]["data"] == "<p>Worum</p>"


class TestContactDetails:
    @pytest.mark.parametrize("user", CALLERS)
    def test_get(self, site, user):
        for id, record in site["records"].items():
            data = get(record.absolute_url(), user)
            expected = {"email": EMAILS[id], "phone": PHONES[id]} if id in SEES[user] else {}
            assert contact_of(data) == expected, (user, id)
            assert {name for name in MANAGED_FIELDS if name in data} == managed_fields(user), (user, id)
        if "user_id" in managed_fields(user):
            assert get(site["records"]["bernd"].absolute_url(), user)["user_id"] == "netmember"
        if "contact_visibility" in managed_fields(user):
            bernd = get(site["records"]["bernd"].absolute_url(), user)
            assert bernd["contact_visibility"]["token"] == "network"
            assert bernd["consent_date"] == CONSENT.isoformat()

    @pytest.mark.parametrize("user", CALLERS)
    def test_search_fullobjects(self, site, user):
        response = http(user).get(
            f"{site['portal_url']}/@search", params={"portal_type": "Representative", "fullobjects": 1}
        )
        items = {item["id"]: item for item in response.json()["items"]}
        assert set(items) == {"anna", "bernd", "clara"}
        for id, item in items.items():
            expected = {"email": EMAILS[id], "phone": PHONES[id]} if id in SEES[user] else {}
            assert contact_of(item) == expected, (user, id)
            assert {name for name in MANAGED_FIELDS if name in item} == managed_fields(user), (user, id)
        assert leaked(response.text, {"anna", "bernd", "clara"} - SEES[user]) == []
        if "user_id" not in managed_fields(user):
            assert "netmember" not in response.text

    @pytest.mark.parametrize("user", [None, "admin"])
    def test_metadata_fields_have_no_contact_details(self, site, user):
        for fields in (["email", "phone", "contact_details", *MANAGED_FIELDS], ["_all"]):
            response = http(user).get(
                f"{site['portal_url']}/@search",
                params={"portal_type": "Representative", "metadata_fields": fields},
            )
            assert response.status_code == 200
            for item in response.json()["items"]:
                assert "email" not in item
                assert "phone" not in item
                assert "contact_details" not in item
                for name in (*MANAGED_FIELDS, "representative_user_id"):
                    assert name not in item
            assert leaked(response.text, {"anna", "bernd", "clara"}) == []
            assert "netmember" not in response.text

    @pytest.mark.parametrize("user", [None, "admin"])
    def test_searchable_text_finds_no_contact_details(self, site, user):
        url = f"{site['portal_url']}/@search"
        assert get(url, user, SearchableText="Becker")["items_total"] == 1  # the index works
        for id in ("anna", "bernd", "clara"):
            local_part = EMAILS[id].split(".", 1)[0]
            for text in (EMAILS[id], local_part, PHONES[id], PHONES[id].rsplit(" ", 1)[-1]):
                assert get(url, user, SearchableText=text)["items_total"] == 0, text

    @pytest.mark.parametrize("user", [None, "outsider", "admin"])
    def test_accounts_cannot_be_looked_up_by_name(self, site, user):
        """The index of the accounts that records name holds keyed tokens: asking it for an account
        name finds nothing, whoever asks; the code that holds the key finds the record."""
        url = f"{site['portal_url']}/@search"
        for query in (
            {"representative_user_id": "netmember"},
            {"representative_user_id": ["netmember", "x"]},
        ):
            assert get(url, user, portal_type="Representative", **query)["items_total"] == 0, query
        assert get(url, user, portal_type="Representative")["items_total"] == 3  # the records are there
        [brain] = api.content.find(representative_user_id=user_token("netmember"), unrestricted=True)
        assert brain.getObject() == site["records"]["bernd"]

    @pytest.mark.parametrize("user", [None, "netmember"])
    def test_municipality_listing_and_traversal(self, site, user):
        hidden = {"anna", "bernd", "clara"} - SEES[user]
        listing = http(user).get(site["a"].absolute_url())
        assert listing.status_code == 200
        assert {item["title"] for item in listing.json()["items"]} == {
            "Anna Becker",
            "Bernd Müller",
            "Clara Zöllner",
        }
        assert leaked(listing.text, {"anna", "bernd", "clara"}) == []
        for id in hidden:
            for name in ("email", "phone", "contact_details", "user_id"):
                response = http(user).get(f"{site['records'][id].absolute_url()}/{name}")
                assert response.status_code in (401, 403, 404), (id, name, response.status_code)
                assert leaked(response.text, {id}) == []


def test_a_stale_permission_does_not_reach_the_json(portal, http_request):
    """The permission follows contact_visibility when a record is saved; should a record's visibility
    change without that (a script, a migration), the serializer still asks the visibility rule."""
    with api.env.adopt_roles(["Manager"]):
        region = api.content.create(container=portal, type="Region", id="region", title="Region")
        municipality = api.content.create(
            container=region,
            type="Municipality",
            id="a",
            title="Stadt A",
            kind="kreisfreie_stadt",
            ags="03101000",
        )
        record = api.content.create(
            container=municipality,
            type="Representative",
            id="anna",
            first_name="Anna",
            last_name="Becker",
            email=EMAILS["anna"],
            contact_visibility="public",
            consent_date=CONSENT,
        )
        api.content.transition(obj=record, transition="approve")
    alsoProvides(http_request, IRegionaustauschLayer)
    logout()
    assert getMultiAdapter((record, http_request), ISerializeToJson)()["email"] == EMAILS["anna"]
    record.contact_visibility = "hidden"  # without the modified event that would reset the permission
    assert "email" not in getMultiAdapter((record, http_request), ISerializeToJson)()
