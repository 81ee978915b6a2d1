"""``@network`` over HTTP against the functional layer's real WSGI server."""

from DateTime import DateTime
from datetime import datetime
from datetime import timedelta
from plone import api
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from plone.app.textfield.value import RichTextValue
from regionaustausch import supports
from regionaustausch.testing import allow_meetings
import pytest
import pytz
import requests
import time
import transaction


PASSWORD = "secret-network-2"
BERLIN = pytz.timezone("Europe/Berlin")


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


def record(municipality, id, first, last, user_id=None, state="active"):
    obj = api.content.create(
        container=municipality,
        type="Representative",
        id=id,
        first_name=first,
        last_name=last,
        user_id=user_id,
    )
    if state in ("active", "former"):
        api.content.transition(obj=obj, transition="approve")
    if state == "former":
        api.content.transition(obj=obj, transition="retire")
    return obj


def thread(forum, id, title, minutes_ago, posts=0):
    obj = api.content.create(container=forum, type="Thread", id=id, title=title, text=html(title))
    for number in range(posts):
        api.content.create(container=obj, type="Post", id=f"post-{number}", title="Antwort", text=html("Ja."))
    obj._activity.when = (DateTime() - minutes_ago / (24 * 60)).timeTime()  # touch() only moves forward
    obj.reindexObject(idxs=["last_activity", "post_count"])
    return obj


def proposal(region, id, title, *transitions, supporters=()):
    obj = api.content.create(container=region, type="ExchangeProposal", id=id, title=title)
    for transition in transitions:
        api.content.transition(obj=obj, transition=transition)
    for user_id, municipality in supporters:
        supports.storage(obj).add(user_id, municipality.UID())
    obj.reindexObject(idxs=list(supports.SUPPORT_INDEXES))
    return obj


def meeting(proposal, id, days):
    allow_meetings(proposal)
    start = BERLIN.localize(datetime.now().replace(microsecond=0, second=0) + timedelta(days=days))
    return api.content.create(
        container=proposal,
        type="Meeting",
        id=id,
        title=f"Treffen {id}",
        start=start,
        end=start + timedelta(hours=2),
        location="Rathaus Salzgitter",
    )


def build(portal):
    for user_id in ("netmember", "other_member", "outsider", "site_admin"):
        api.user.create(email=f"{user_id}@example.invalid", username=user_id, password=PASSWORD)
    api.user.grant_roles(username="site_admin", roles=["Site Administrator"])
    with api.env.adopt_roles(["Manager"]):
        region = api.content.create(
            container=portal,
            type="Region",
            id="region",
            title="Testregion",
            quorum_supports=3,
            quorum_municipalities=2,
        )
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
            title="Landkreis Gifhorn",
            kind="landkreis",
            ags="03151",
        )
        record(a, "anna", "Anna", "Becker", user_id="netmember")
        record(a, "bernd", "Bernd", "Müller")
        record(a, "paula", "Paula", "Pending", state="pending")
        record(b, "gabi", "Gabi", "Quast", user_id="other_member")
        record(b, "frank", "Frank", "Früher", state="former")

        internal = api.content.create(container=region, type="Forum", id="intern", title="Intern")
        public = api.content.create(container=region, type="Forum", id="offen", title="Offen")
        api.content.transition(obj=public, transition="publish")
        thread(internal, "geheim", "Interner Faden", minutes_ago=1)
        for index in range(11):
            thread(
                public,
                f"faden-{index}",
                f"Faden {index}",
                minutes_ago=10 * index + 5,
                posts=2 if index == 0 else 0,
            )

        proposal(region, "entwurf", "Entwurf")
        proposal(
            region,
            "vorschlag-offen",
            "Offener Vorschlag",
            "submit",
            "open_discussion",
            supporters=[("netmember", a), ("x", a)],
        )
        proposal(
            region,
            "erfuellt",
            "Erfüllter Vorschlag",
            "submit",
            "open_discussion",
            supporters=[("netmember", a), ("other_member", b), ("y", b)],
        )
        accepted = proposal(region, "mit-treffen", "Vorschlag mit Treffen", "submit", "open_discussion")
        meeting(accepted, "bald", 2)
        meeting(accepted, "spaeter", 20)
        meeting(accepted, "vorbei", -5)

        region2 = api.content.create(container=portal, type="Region", id="region2", title="Zweite Region")
        peine = api.content.create(
            container=region2,
            type="Municipality",
            id="peine",
            title="Landkreis Peine",
            kind="landkreis",
            ags="03157",
        )
        record(peine, "zweit", "Zora", "Zweit")
        forum2 = api.content.create(container=region2, type="Forum", id="offen", title="Offen 2")
        api.content.transition(obj=forum2, transition="publish")
        thread(forum2, "neu", "Ganz neuer Faden", minutes_ago=0)
        proposal(region2, "anderswo", "Vorschlag anderswo", "submit", "open_discussion")
    transaction.commit()
    return {
        "portal": portal,
        "region": region,
        "url": f"{region.absolute_url()}/@network",
        "url2": f"{region2.absolute_url()}/@network",
        "a": a,
        "b": b,
    }


@pytest.fixture(scope="class")
def site(functional_portal_class):
    return build(functional_portal_class)


def overview(site, user=None, url=None):
    response = http(user).get(url or site["url"])
    assert response.status_code == 200, response.text
    return response.json()


class TestNetwork:
    def test_shape(self, site):
        data = overview(site)
        assert set(data) == {
            "@id",
            "region",
            "municipalities",
            "representatives_total",
            "proposals",
            "proposal_states",
            "threads",
            "meetings",
        }
        assert data["@id"] == site["url"]
        assert data["region"] == {
            "@id": site["region"].absolute_url(),
            "UID": site["region"].UID(),
            "title": "Testregion",
            "quorum": {"supports": 3, "municipalities": 2},
        }

    def test_municipalities_with_active_representatives(self, site):
        data = overview(site)
        assert data["municipalities"] == [
            {
                "@id": site["b"].absolute_url(),
                "UID": site["b"].UID(),
                "title": "Landkreis Gifhorn",
                "kind": {"token": "landkreis", "title": "District (Landkreis)"},
                "ags": "03151",
                "representatives": 1,
            },
            {
                "@id": site["a"].absolute_url(),
                "UID": site["a"].UID(),
                "title": "Stadt Braunschweig",
                "kind": {"token": "kreisfreie_stadt", "title": "Independent city (kreisfreie Stadt)"},
                "ags": "03101000",
                "representatives": 2,
            },
        ]
        assert data["representatives_total"] == 3

    def test_proposals_by_state_with_quorum_progress(self, site):
        data = overview(site)
        assert list(data["proposals"]) == ["discussion"]  # the draft is its author's and the editors'
        assert data["proposal_states"] == [{"token": "discussion", "title": "In discussion", "total": 3}]
        entries = {entry["title"]: entry for entry in data["proposals"]["discussion"]}
        open_one = entries["Offener Vorschlag"]
        assert open_one["supports"] == 2
        assert open_one["municipalities"] == 1
        assert open_one["review_state"] == "discussion"
        assert open_one["quorum"] == {
            "supports": 3,
            "municipalities": 2,
            "met": False,
            "missing": [{"kind": "supports", "needed": 1}, {"kind": "municipalities", "needed": 1}],
            "messages": [
                "1 more support is needed for the quorum.",
                "Supports from 1 more municipality are needed for the quorum.",
            ],
        }
        assert open_one["progress"] == {"supports": 2 / 3, "municipalities": 0.5, "total": 0.6}
        met = entries["Erfüllter Vorschlag"]
        assert (met["supports"], met["municipalities"], met["quorum"]["met"]) == (3, 2, True)
        assert met["quorum"]["missing"] == []
        assert met["progress"]["total"] == 1.0

    def test_editors_see_the_draft(self, site):
        data = overview(site, "site_admin")
        assert set(data["proposals"]) == {"draft", "discussion"}
        # JSON objects come with sorted keys; proposal_states has the workflow's order
        assert [state["token"] for state in data["proposal_states"]] == ["draft", "discussion"]
        assert data["proposals"]["draft"][0]["title"] == "Entwurf"

    def test_threads_visible_to_the_caller(self, site):
        anonymous = overview(site)["threads"]
        assert [item["title"] for item in anonymous] == [f"Faden {index}" for index in range(10)]
        first = anonymous[0]
        assert first["forum"]["title"] == "Offen"
        assert first["post_count"] == 2
        assert first["last_activity"].endswith("+00:00")
        assert set(first) == {
            "@id",
            "UID",
            "title",
            "forum",
            "post_count",
            "last_activity",
            "pinned",
            "review_state",
        }
        member = overview(site, "netmember")["threads"]
        assert [item["title"] for item in member][:2] == ["Interner Faden", "Faden 0"]
        assert len(member) == 10
        assert overview(site, "outsider")["threads"][0]["title"] == "Faden 0"

    def test_upcoming_meetings(self, site):
        meetings = overview(site)["meetings"]
        assert [item["title"] for item in meetings] == ["Treffen bald", "Treffen spaeter"]
        assert meetings[0]["proposal"]["title"] == "Vorschlag mit Treffen"
        assert meetings[0]["location"] == "Rathaus Salzgitter"
        assert meetings[0]["start"] < meetings[1]["start"]
        assert meetings[0]["review_state"] == "planned"

    def test_regions_do_not_mix(self, site):
        data = overview(site, "admin", url=site["url2"])
        assert [item["title"] for item in data["municipalities"]] == ["Landkreis Peine"]
        assert data["representatives_total"] == 1
        assert [entry["title"] for entry in data["proposals"]["discussion"]] == ["Vorschlag anderswo"]
        assert [item["title"] for item in data["threads"]] == ["Ganz neuer Faden"]
        assert data["meetings"] == []
        assert "Ganz neuer Faden" not in [item["title"] for item in overview(site, "admin")["threads"]]

    @pytest.mark.parametrize("user", [None, "admin"])
    def test_no_cache_keeps_the_answer(self, site, user):
        """What the overview lists depends on who asks (drafts, internal threads)."""
        response = http(user).get(site["url"])
        assert response.status_code == 200
        assert response.headers["Cache-Control"] == "private, no-store"

    def test_only_on_a_region(self, site):
        assert http().get(f"{site['portal'].absolute_url()}/@network").status_code == 404
        assert http().get(f"{site['a'].absolute_url()}/@network").status_code == 404


def test_supports_reach_the_overview(network, session):
    """Members support over @support; @network shows the new counts once the catalog has them."""
    region_url = network["region"].absolute_url()
    for user_id in network["members"][:3]:  # three municipalities
        assert session(user_id).post(f"{network['url']}/@support").status_code == 201
    deadline = time.monotonic() + 10
    while True:
        [entry] = session().get(f"{region_url}/@network").json()["proposals"]["discussion"]
        if entry["supports"] == 3:
            break
        assert time.monotonic() < deadline, entry
        time.sleep(0.1)
    assert entry["municipalities"] == 3
    assert entry["quorum"]["missing"] == [{"kind": "supports", "needed": 2}]
    assert entry["quorum"]["met"] is False
