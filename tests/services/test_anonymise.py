"""``@anonymise`` over HTTP against the functional layer's real WSGI server: a municipality's editor
anonymises a former representative, and afterwards no REST response names her any more."""

from datetime import date
from plone import api
from plone.dexterity.utils import createContentInContainer
from regionaustausch.membership import editors_group_id
from regionaustausch.supports import storage
import json
import pytest
import transaction


# Anonymising syncs the network's group (membership.sync_member), and PlonePAS holds a temporary
# group object on the server's request whose clean-up runs after the test layer's server has closed
# its connection; harmless, and not ours.
pytestmark = pytest.mark.filterwarnings(
    "ignore:Exception ignored in. <function CleanupTemp:pytest.PytestUnraisableExceptionWarning"
)

PASSWORD = "secret-anonymise-1"
USER = "aquarkfeld"
ACCOUNT_EMAIL = "annegret.quarkfeld@example.invalid"
RECORD_EMAIL = "a.quarkfeld@rat.example.invalid"
OPARL = "https://oparl.example.invalid/person/quarkfeld-17"
#: Nothing of this may remain in any response (lower case; distinctive, so that no Plone text has it).
SECRETS = ("annegret", "quarkfeld", USER, ACCOUNT_EMAIL, RECORD_EMAIL, "rathaus-4711")


def rich(html):
    return {"data": html, "content-type": "text/html", "encoding": "utf-8"}


def sync(portal):
    transaction.begin()
    portal._p_jar.sync()


@pytest.fixture
def scene(functional_portal, session):
    """Annegret Quarkfeld (``aquarkfeld``) was a representative of Braunschweig: over HTTP she opened a
    thread, answered in it and supported a proposal; Bernd Wolf (Salzgitter) quoted her and supported
    too; then the editor of Braunschweig marked her record as former."""
    portal = functional_portal
    with api.env.adopt_roles(["Manager"]):
        region = api.content.create(container=portal, type="Region", id="region", title="Testregion")
        braunschweig = api.content.create(
            container=region,
            type="Municipality",
            id="braunschweig",
            title="Stadt Braunschweig",
            kind="kreisfreie_stadt",
            ags="03101000",
        )
        salzgitter = api.content.create(
            container=region,
            type="Municipality",
            id="salzgitter",
            title="Stadt Salzgitter",
            kind="kreisfreie_stadt",
            ags="03102000",
        )
        api.user.create(
            username=USER,
            email=ACCOUNT_EMAIL,
            password=PASSWORD,
            properties={"fullname": "Annegret Quarkfeld"},
        )
        api.user.create(
            username="bwolf", email="bwolf@example.invalid", password=PASSWORD, properties={"fullname": "B W"}
        )
        api.user.create(username="editor-bs", email="ebs@example.invalid", password=PASSWORD)
        api.user.create(username="editor-sz", email="esz@example.invalid", password=PASSWORD)
        api.user.create(username="reviewer", email="rev@example.invalid", password=PASSWORD)
        # The group plugin itself: plone.api's group functions leave PlonePAS temporaries on the test
        # request that complain when the layer closes its connection.
        groups = portal.acl_users.source_groups
        groups.addPrincipalToGroup("editor-bs", editors_group_id(braunschweig))
        groups.addPrincipalToGroup("editor-sz", editors_group_id(salzgitter))
        api.user.grant_roles(username="reviewer", roles=["Reviewer"], obj=region)
        record = api.content.create(
            container=braunschweig,
            type="Representative",
            title="ignored",
            salutation="frau",
            academic_title="Dr.",
            first_name="Annegret",
            last_name="Quarkfeld",
            party="Liste Quarkfeld",
            committees=["Ausschuss Rathaus-4711"],
            email=RECORD_EMAIL,
            phone="+49 531 4711",
            contact_visibility="public",
            consent_date=date(2026, 2, 1),
            user_id=USER,
            oparl_id=OPARL,
        )
        api.content.transition(obj=record, transition="approve", comment="Annegret Quarkfeld gewählt.")
        wolf = api.content.create(
            container=salzgitter, type="Representative", title="x", first_name="Bernd", last_name="Wolf"
        )
        wolf.user_id = "bwolf"
        api.content.transition(obj=wolf, transition="approve")
        forum = api.content.create(container=region, type="Forum", id="forum", title="Forum")
        api.content.transition(obj=forum, transition="publish")
        proposal = api.content.create(
            container=region, type="ExchangeProposal", id="proposal", title="Pendlerbusse"
        )
        api.content.transition(obj=proposal, transition="submit")
        api.content.transition(obj=proposal, transition="open_discussion")
    transaction.commit()

    anna, bernd = session(USER, PASSWORD), session("bwolf", PASSWORD)
    response = anna.post(
        forum.absolute_url(),
        json={
            "@type": "Thread",
            "title": "Frage von Annegret Quarkfeld",
            "text": rich(f"<p>Wer pendelt wohin? Gruß, Dr. Annegret Quarkfeld, {RECORD_EMAIL}</p>"),
        },
    )
    assert response.status_code == 201, response.text
    thread_url = response.json()["@id"]
    response = anna.post(thread_url, json={"@type": "Post", "text": rich("<p>Busse fehlen.</p>")})
    assert response.status_code == 201, response.text
    post_url = response.json()["@id"]
    response = bernd.post(
        thread_url,
        json={
            "@type": "Post",
            "text": rich(
                "<blockquote><p><strong>Annegret Quarkfeld</strong>:</p><p>Busse fehlen.</p></blockquote>"
                "<p>Stimmt.</p>"
            ),
            "in_reply_to": response.json()["UID"],
        },
    )
    assert response.status_code == 201, response.text
    reply_url = response.json()["@id"]
    for member in (anna, bernd):
        assert member.post(f"{proposal.absolute_url()}/@support").status_code == 201
    editor = session("editor-bs", PASSWORD)
    response = editor.post(
        f"{record.absolute_url()}/@workflow/retire", json={"comment": "Frau Quarkfeld ist ausgeschieden."}
    )
    assert response.status_code == 200, response.text
    sync(portal)
    return {
        "portal": portal,
        "record_url": record.absolute_url(),
        "wolf_url": wolf.absolute_url(),
        "thread_url": thread_url,
        "post_url": post_url,
        "reply_url": reply_url,
        "forum_url": forum.absolute_url(),
        "proposal_url": proposal.absolute_url(),
    }


def leaks(text):
    text = text.lower()
    return [secret for secret in SECRETS if secret in text]


def test_editor_anonymises_and_no_response_names_her(scene, session):
    admin = session("admin")
    before = admin.get(f"{scene['proposal_url']}/@support").json()
    assert leaks(admin.get(scene["record_url"]).text)  # the check below can see her

    editor = session("editor-bs", PASSWORD)
    response = editor.post(f"{scene['record_url']}/@anonymise")
    assert response.status_code == 200, response.text
    data = response.json()
    assert leaks(response.text) == []
    assert data["title"] == "Ehemaliges Mitglied"
    assert data["id"] == "ehemaliges-mitglied"
    assert data["@id"].endswith("/region/braunschweig/ehemaliges-mitglied")
    assert response.headers["Location"] == data["@id"]
    assert data["review_state"] == "former"
    assert data["content"] == 2
    assert data["supports"] == 1
    assert data["attributions"] == 1
    assert data["not_changed"] == []
    assert data["versions_purged"] == 0
    assert data["anonymised"]["by"] == "editor-bs"
    record_url = data["@id"]

    # The old URLs are gone, without a redirect that would tell which record it was: the record's and
    # those of her thread (its id was made from its title, which had her name) and the posts in it.
    assert data["renamed"] == 1
    for url in (scene["record_url"], scene["thread_url"], scene["post_url"], scene["reply_url"]):
        assert admin.get(url, allow_redirects=False).status_code == 404, url
    found = admin.get(f"{scene['portal'].absolute_url()}/@search", params={"portal_type": "Thread"}).json()
    [thread_url] = [item["@id"] for item in found["items"]]
    assert thread_url == f"{scene['forum_url']}/frage-von-ehemaliges-mitglied"
    scene = {
        **scene,
        "thread_url": thread_url,
        "post_url": scene["post_url"].replace(scene["thread_url"], thread_url),
        "reply_url": scene["reply_url"].replace(scene["thread_url"], thread_url),
    }

    urls = [
        record_url,
        f"{record_url}/@workflow",
        f"{record_url}/@history",
        f"{record_url}/@sharing",
        scene["thread_url"],
        f"{scene['thread_url']}/@workflow",
        f"{scene['thread_url']}/@history",
        f"{scene['thread_url']}/@sharing",
        scene["post_url"],
        f"{scene['post_url']}/@workflow",
        f"{scene['post_url']}/@history",
        scene["reply_url"],
        f"{scene['forum_url']}?expand=items",
        f"{scene['proposal_url']}/@support",
        f"{scene['proposal_url']}/@history",
        scene["proposal_url"],
        f"{scene['portal'].absolute_url()}/@search?fullobjects=1&b_size=100",
        f"{scene['portal'].absolute_url()}/@search?metadata_fields=_all&b_size=500",
        f"{scene['portal'].absolute_url()}/@search?portal_type=Representative&fullobjects=1",
    ]
    for phrase in ("Annegret Quarkfeld", "Quarkfeld", "Annegret", RECORD_EMAIL, USER, "Rathaus-4711"):
        urls.append(f"{scene['portal'].absolute_url()}/@search?SearchableText={phrase}")
    for who in ("admin", "editor-bs", "bwolf", "reviewer", None):
        http = session(who, PASSWORD) if who not in ("admin", None) else session(who)
        for url in urls:
            response = http.get(url)
            assert response.status_code in (200, 401, 403), (who, url, response.status_code)
            text = response.text
            if "SearchableText=" in url and response.status_code == 200:
                text = json.dumps(response.json()["items"])  # the answer echoes the query in its @id
            assert leaks(text) == [], (who, url, leaks(text))
    # The searches find nothing at all, and everything is still there.
    for phrase in ("Annegret Quarkfeld", "Quarkfeld", RECORD_EMAIL, USER):
        found = admin.get(f"{scene['portal'].absolute_url()}/@search", params={"SearchableText": phrase})
        assert found.json()["items_total"] == 0, phrase

    thread = admin.get(scene["thread_url"]).json()
    assert thread["title"] == "Frage von ehemaliges Mitglied"
    assert "Gruß, ehemaliges Mitglied, [entfernt]" in thread["text"]["data"]
    post = admin.get(scene["post_url"]).json()
    assert "Busse fehlen." in post["text"]["data"]
    reply = admin.get(scene["reply_url"]).json()
    assert "<strong>ehemaliges Mitglied</strong>:" in reply["text"]["data"]
    history = admin.get(f"{scene['post_url']}/@history").json()
    assert {entry["actor"]["id"] for entry in history} == {"ehemaliges Mitglied"}
    creators = admin.get(
        f"{scene['portal'].absolute_url()}/@search",
        params={"portal_type": "Post", "metadata_fields": "Creator"},
    ).json()["items"]
    assert sorted(item["Creator"] for item in creators) == ["bwolf", "ehemaliges Mitglied"]

    # The supports count as before; the supporters no longer name her.
    after = admin.get(f"{scene['proposal_url']}/@support").json()
    assert (after["supports"], after["municipalities"]) == (before["supports"], before["municipalities"])
    assert after["quorum"] == before["quorum"]
    assert sorted(item["municipality"]["title"] for item in after["supporters"]) == [
        "Stadt Braunschweig",
        "Stadt Salzgitter",
    ]

    # She can no longer edit what she wrote (no Owner role), and her @my-data is empty.
    anna = session(USER, PASSWORD)
    assert anna.patch(scene["post_url"], json={"text": rich("<p>neu</p>")}).status_code in (401, 403)
    mine = anna.get(f"{scene['portal'].absolute_url()}/@my-data").json()
    for key in ("representatives", "threads", "posts", "supports", "memberships", "local_roles"):
        assert mine[key] == [], key

    # The record itself, for the editor: nothing of her left in any field.
    record = editor.get(record_url).json()
    for field in ("salutation", "academic_title", "party", "function", "email", "phone", "user_id"):
        assert record.get(field) in (None, ""), field
    assert record["committees"] in ([], None)
    assert record["contact_visibility"]["token"] == "hidden"
    assert record["oparl_id"] in (None, "")

    # Once is enough.
    again = editor.post(f"{record_url}/@anonymise")
    assert again.status_code == 409
    assert again.json()["type"] == "Conflict"


def test_refusals(scene, session):
    url = f"{scene['record_url']}/@anonymise"
    assert session().post(url).status_code == 401

    # A reviewer sees the former record but lacks the permission the service is registered with.
    refused = session("reviewer", PASSWORD).post(url)
    assert refused.status_code == 401
    assert refused.json()["type"] == "Unauthorized"

    # The editor of another municipality may not even see it.
    assert session("editor-sz", PASSWORD).post(url).status_code in (401, 403, 404)

    # A member may not anonymise herself, nor anybody.
    assert session("bwolf", PASSWORD).post(url).status_code in (401, 403, 404)

    # An active record: 400 with the reason.
    active = session("admin").post(f"{scene['wolf_url']}/@anonymise")
    assert active.status_code == 400
    assert active.json()["type"] == "BadRequest"
    assert "former" in active.json()["message"]

    # Nothing changed.
    admin = session("admin")
    assert admin.get(scene["record_url"]).json()["first_name"] == "Annegret"
    assert admin.get(scene["wolf_url"]).json()["first_name"] == "Bernd"


def test_refusal_in_german(scene, session):
    api.portal.set_registry_record("plone.default_language", "de")
    api.portal.set_registry_record("plone.available_languages", ["de"])
    transaction.commit()
    http = session("admin")
    http.headers["Accept-Language"] = "de"
    refused = http.post(f"{scene['wolf_url']}/@anonymise")
    assert refused.status_code == 400
    assert "Ausgeschieden" in refused.json()["message"], json.dumps(refused.json())


def neighbour(portal):
    """A second Region, "Nachbarregion", with a public forum and a proposal in discussion."""
    with api.env.adopt_roles(["Manager"]):
        region = api.content.create(container=portal, type="Region", id="nachbar", title="Nachbarregion")
        forum = api.content.create(container=region, type="Forum", id="forum", title="Forum der Nachbarn")
        api.content.transition(obj=forum, transition="publish")
        proposal = api.content.create(
            container=region, type="ExchangeProposal", id="vorschlag", title="Radwege"
        )
        api.content.transition(obj=proposal, transition="submit")
        api.content.transition(obj=proposal, transition="open_discussion")
    return region, forum, proposal


def holds_role(portal):
    api.user.grant_roles(username=USER, roles=["Editor"], obj=portal["region"]["salzgitter"])
    return "Stadt Salzgitter"


def wrote_elsewhere(portal):
    """She wrote in the neighbours' forum while she had a record there (since deleted)."""
    _region, forum, _proposal = neighbour(portal)
    with api.env.adopt_user(username=USER):
        createContentInContainer(forum, "Thread", checkConstraints=False, title="Grüße", text=None)
    return "Forum der Nachbarn"


def supported_elsewhere(portal):
    _region, _forum, proposal = neighbour(portal)
    storage(proposal).add(USER, None)
    return "Nachbarregion"


@pytest.mark.parametrize(
    ("outside", "what"),
    [(holds_role, "roles"), (wrote_elsewhere, "content"), (supported_elsewhere, "supports proposals")],
)
def test_editor_may_not_anonymise_beyond_her_municipality(scene, session, outside, what):
    """An editor of Braunschweig anonymises within Braunschweig and its region only: when the account
    also holds roles, content or supports elsewhere, she is refused (403, saying what and where), and a
    site administrator anonymises it."""
    portal = scene["portal"]
    sync(portal)
    place = outside(portal)
    transaction.commit()

    refused = session("editor-bs", PASSWORD).post(f"{scene['record_url']}/@anonymise")
    assert refused.status_code == 403, refused.text
    assert refused.json()["type"] == "Forbidden"
    message = refused.json()["message"]
    assert f"„{place}“" in message
    assert what in message
    assert "site administrator" in message
    admin = session("admin")
    assert admin.get(scene["record_url"]).json()["first_name"] == "Annegret"  # nothing changed
    assert admin.get(scene["thread_url"]).json()["title"] == "Frage von Annegret Quarkfeld"

    response = admin.post(f"{scene['record_url']}/@anonymise")
    assert response.status_code == 200, response.text
    assert leaks(response.text) == []


def test_refusal_beyond_the_municipality_in_german(scene, session):
    portal = scene["portal"]
    sync(portal)
    holds_role(portal)
    api.portal.set_registry_record("plone.default_language", "de")
    api.portal.set_registry_record("plone.available_languages", ["de"])
    transaction.commit()
    http = session("editor-bs", PASSWORD)
    http.headers["Accept-Language"] = "de"
    refused = http.post(f"{scene['record_url']}/@anonymise")
    assert refused.status_code == 403
    assert refused.json()["message"] == (
        "Das Konto hat auch Rollen in „Stadt Salzgitter“, außerhalb Ihrer Gebietskörperschaft; bitte "
        "wenden Sie sich zum Anonymisieren an die Website-Administration."
    )


def test_what_she_did_to_others_is_anonymised_too(scene, session):
    """As a moderator she hid and restored Bernd's answer; as an editor she approved Carla's record.
    Her id goes from those workflow histories as well, though neither is hers."""
    portal = scene["portal"]
    sync(portal)
    with api.env.adopt_roles(["Manager"]):
        api.user.grant_roles(username=USER, roles=["Reviewer"], obj=portal["region"])
        carla = api.content.create(
            container=portal["region"]["braunschweig"],
            type="Representative",
            title="x",
            first_name="Carla",
            last_name="Neu",
        )
    transaction.commit()
    anna = session(USER, PASSWORD)
    for transition in ("hide", "restore"):
        response = anna.post(f"{scene['reply_url']}/@workflow/{transition}", json={"comment": "Geprüft."})
        assert response.status_code == 200, response.text
    response = anna.post(f"{carla.absolute_url()}/@workflow/approve")
    assert response.status_code == 200, response.text
    # She left office and her roles; her editor anonymises her.
    sync(portal)
    api.user.revoke_roles(username=USER, roles=["Reviewer"], obj=portal["region"])
    transaction.commit()
    admin = session("admin")
    assert USER in admin.get(f"{scene['reply_url']}/@history").text

    response = session("editor-bs", PASSWORD).post(f"{scene['record_url']}/@anonymise")
    assert response.status_code == 200, response.text
    assert response.json()["history"] == 2
    for url in (scene["reply_url"], carla.absolute_url()):
        url = url.replace("frage-von-annegret-quarkfeld", "frage-von-ehemaliges-mitglied")
        history = admin.get(f"{url}/@history").json()
        assert leaks(json.dumps(history)) == [], url
        assert "ehemaliges Mitglied" in {entry["actor"]["id"] for entry in history}
        assert admin.get(f"{url}/@workflow").status_code == 200
        assert leaks(admin.get(f"{url}/@workflow").text) == []


def test_versions_of_her_content_are_purged(scene, session):
    """CMFEditions keeps versions of a page she wrote on the site, with the old text and her id; they
    are purged, and the report says how many. The page lies outside the region, so a site administrator
    anonymises her."""
    portal = scene["portal"]
    sync(portal)
    with api.env.adopt_user(username=USER):
        page = createContentInContainer(
            portal, "Document", checkConstraints=False, title="Notizen von Annegret Quarkfeld"
        )
    repository = api.portal.get_tool("portal_repository")
    with api.env.adopt_roles(["Manager"]):
        repository.save(page, comment="Erste Fassung von Annegret Quarkfeld")
        page.description = "Zweiter Stand"
        repository.save(page, comment="Zweite Fassung")
        # The first version was saved when she added the page.
        assert repository.getHistoryMetadata(page).getLength(countPurged=False) == 3
    transaction.commit()
    admin = session("admin")
    assert leaks(admin.get(f"{page.absolute_url()}/@history").text)

    response = admin.post(f"{scene['record_url']}/@anonymise")
    assert response.status_code == 200, response.text
    assert response.json()["versions_purged"] == 3
    assert response.json()["not_changed"] == []
    sync(portal)
    [page] = [
        brain._unrestrictedGetObject()
        for brain in api.content.find(portal_type="Document", unrestricted=True)
    ]
    with api.env.adopt_roles(["Manager"]):
        assert repository.getHistoryMetadata(page).getLength(countPurged=False) == 0
    history = admin.get(f"{page.absolute_url()}/@history")
    assert history.status_code == 200
    assert leaks(history.text) == []
    assert leaks(admin.get(page.absolute_url()).text) == []
