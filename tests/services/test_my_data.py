"""``@my-data`` over HTTP against the functional layer's real WSGI server: a member downloads what the
site stores about them."""

from plone import api
from regionaustausch.user_tokens import user_token
import pytest
import transaction


def rich(html):
    return {"data": html, "content-type": "text/html", "encoding": "utf-8"}


@pytest.fixture
def scene(network, session):
    """``member00`` of the network (Braunschweig): hidden contact details on the record, a thread and a
    post written over HTTP, a support; ``member01`` wrote a post in the same thread."""
    portal, region = network["portal"], network["region"]
    member, other = network["members"][0], network["members"][1]
    with api.env.adopt_roles(["Manager"]):
        [brain] = api.content.find(portal_type="Representative", representative_user_id=user_token(member))
        record = brain.getObject()
        record.email = "m0@rat.example.invalid"
        record.phone = "+49 531 1"
        record.contact_visibility = "hidden"
        forum = api.content.create(container=region, type="Forum", id="forum", title="Forum")
    transaction.commit()
    mine, theirs = session(member), session(other)
    response = mine.post(
        forum.absolute_url(),
        json={"@type": "Thread", "title": "Pendeln", "text": rich("<p>Wer pendelt wohin?</p>")},
    )
    assert response.status_code == 201, response.text
    thread_url = response.json()["@id"]
    response = mine.post(thread_url, json={"@type": "Post", "text": rich("<p>Meine Antwort.</p>")})
    assert response.status_code == 201, response.text
    post_url = response.json()["@id"]
    response = theirs.post(thread_url, json={"@type": "Post", "text": rich("<p>Fremde Antwort.</p>")})
    assert response.status_code == 201, response.text
    assert mine.post(f"{network['url']}/@support").status_code == 201
    return {
        **network,
        "member": member,
        "other": other,
        "record_url": record.absolute_url(),
        "thread_url": thread_url,
        "post_url": post_url,
        "foreign_post_url": response.json()["@id"],
        "my_data": f"{portal.absolute_url()}/@my-data",
    }


def test_member_downloads_their_data(scene, session):
    http = session(scene["member"])
    # The record's own JSON does not show the hidden contact details, not even to the member ...
    assert "m0@rat.example.invalid" not in http.get(scene["record_url"]).text

    response = http.get(scene["my_data"])
    assert response.status_code == 200, response.text
    assert response.headers["Content-Disposition"] == 'attachment; filename="meine-daten.json"'
    assert "no-store" in response.headers["Cache-Control"]
    assert response.headers["Content-Type"].startswith("application/json")
    data = response.json()
    assert data["@id"] == scene["my_data"]
    assert set(data) >= {
        "generated",
        "site",
        "account",
        "memberships",
        "local_roles",
        "representatives",
        "threads",
        "posts",
        "content",
        "supports",
        "moderation",
        "form_submissions",
    }
    assert data["account"]["id"] == scene["member"]
    assert data["account"]["email"] == f"{scene['member']}@example.invalid"

    # ... but @my-data does: it is their own data.
    [record] = data["representatives"]
    assert record["@id"] == scene["record_url"]
    assert record["review_state"] == "active"
    assert record["fields"]["email"] == "m0@rat.example.invalid"
    assert record["fields"]["phone"] == "+49 531 1"
    assert record["fields"]["contact_visibility"] == "hidden"
    assert record["fields"]["first_name"] == "Mitglied"
    assert record["municipality"]["title"] == "Stadt Braunschweig"

    [thread] = data["threads"]
    assert thread["@id"] == scene["thread_url"]
    assert thread["text"] == "<p>Wer pendelt wohin?</p>"
    [post] = data["posts"]
    assert post["@id"] == scene["post_url"]
    assert post["text"] == "<p>Meine Antwort.</p>"
    assert post["thread"]["@id"] == scene["thread_url"]
    assert post["review_state"] == "published"
    assert post["hidden"] is None
    [support] = data["supports"]
    assert support["proposal"]["@id"] == scene["url"]
    assert support["municipality"]["title"] == "Stadt Braunschweig"

    [membership] = data["memberships"]
    assert membership["kind"] == "network"
    assert membership["context"]["@id"] == scene["region"].absolute_url()

    # Nothing of anybody else.
    assert scene["foreign_post_url"] not in response.text
    assert scene["other"] not in response.text


def test_hidden_post_shows_the_reason_but_not_the_moderator(scene, session):
    admin = session("admin")
    response = admin.post(f"{scene['post_url']}/@workflow/hide", json={"comment": "Bitte sachlich bleiben."})
    assert response.status_code == 200, response.text
    data = session(scene["member"]).get(scene["my_data"]).json()
    [post] = data["posts"]
    assert post["review_state"] == "hidden"
    assert post["hidden"]["reason"] == "Bitte sachlich bleiben."
    assert set(post["hidden"]) == {"reason", "date"}


def test_anonymous_gets_401(scene, session):
    response = session().get(scene["my_data"])
    assert response.status_code == 401
    assert response.json()["type"] == "Unauthorized"
    assert "Content-Disposition" not in response.headers


def test_anonymous_gets_401_in_german(scene, session):
    api.portal.set_registry_record("plone.default_language", "de")
    api.portal.set_registry_record("plone.available_languages", ["de"])
    transaction.commit()
    http = session()
    http.headers["Accept-Language"] = "de"
    response = http.get(scene["my_data"])
    assert response.status_code == 401
    assert "Melden Sie sich an" in response.json()["message"]


def test_outsider_gets_an_almost_empty_download(scene, session):
    response = session("outsider").get(scene["my_data"])
    assert response.status_code == 200
    data = response.json()
    assert data["account"]["id"] == "outsider"
    for key in ("representatives", "threads", "posts", "content", "supports", "memberships"):
        assert data[key] == [], key
