"""``@my-data`` over HTTP against the functional layer's real WSGI server: a member downloads what the
site stores about them, and nothing of anybody else."""

from plone import api
from regionaustausch.user_tokens import user_token
from ZODB.ActivityMonitor import ActivityMonitor
import pytest
import re
import transaction


ACTIONS_MODEL = """<model xmlns="http://namespaces.plone.org/supermodel/schema">
  <schema>
    <field name="saved" type="regionaustausch.forms.actions.OwnedSaveData">
      <title>Gespeichert</title>
      <ExtraData><element>REMOTE_ADDR</element></ExtraData>
    </field>
  </schema>
</model>"""


def sync(portal):
    """See what the server committed (the test's connection would conflict with it otherwise)."""
    transaction.begin()
    portal._p_jar.sync()


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
    assert response.headers["Cache-Control"] == "private, no-store"
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
    assert thread["text"]["data"] == "<p>Wer pendelt wohin?</p>"
    [post] = data["posts"]
    assert post["@id"] == scene["post_url"]
    assert post["text"]["data"] == "<p>Meine Antwort.</p>"
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
    """The service is registered with "Set own properties", which anonymous lacks: the framework says no
    before any data is read."""
    response = session().get(scene["my_data"])
    assert response.status_code == 401
    assert response.json()["type"] == "Unauthorized"
    assert "Content-Disposition" not in response.headers
    assert "account" not in response.text


def test_outsider_gets_an_almost_empty_download(scene, session):
    response = session("outsider").get(scene["my_data"])
    assert response.status_code == 200
    data = response.json()
    assert data["account"]["id"] == "outsider"
    for key in ("representatives", "threads", "posts", "content", "supports", "memberships"):
        assert data[key] == [], key


def add_form(portal):
    """A published EasyForm (easyform's default fields: replyto, topic, comments) whose only action is
    our save-data action that keeps the submitter."""
    sync(portal)
    with api.env.adopt_roles(["Manager"]):
        form = api.content.create(container=portal, type="EasyForm", id="kontakt", title="Kontakt")
        form.actions_model = ACTIONS_MODEL
        api.content.transition(obj=form, transition="publish")
    transaction.commit()
    return form


def submit(http, form_url, **fields):
    """Fill in and send the form as its page offers it (with its CSRF token)."""
    page = http.get(form_url, headers={"Accept": "text/html"})
    assert page.status_code == 200, page.text[:500]
    token = re.search(r'name="_authenticator" value="([^"]+)"', page.text).group(1)
    data = {f"form.widgets.{name}": value for name, value in fields.items()}
    response = http.post(
        form_url,
        data={**data, "form.buttons.submit": "Senden", "_authenticator": token},
        headers={"Accept": "text/html", "Content-Type": "application/x-www-form-urlencoded"},
    )
    assert response.status_code == 200, response.text[:500]


def test_form_rows_are_returned_to_who_sent_them_only(scene, session):
    """Rows are tied to the account that sent them, on the server: neither an e-mail address typed into
    the form nor the account's own (unverified) address gives anybody else's rows."""
    member, other = scene["member"], scene["other"]
    form = add_form(scene["portal"])
    mine, theirs = session(member), session(other)
    submit(
        mine, form.absolute_url(), replyto=f"{member}@example.invalid", topic="Frage", comments="Meine Frage."
    )
    # The other member types her address into the form, and makes it his account's address too.
    submit(
        theirs, form.absolute_url(), replyto=f"{member}@example.invalid", topic="Antwort", comments="Seine."
    )
    response = theirs.patch(
        f"{scene['portal'].absolute_url()}/@users/{other}", json={"email": f"{member}@example.invalid"}
    )
    assert response.status_code == 204, response.text

    [row] = mine.get(scene["my_data"]).json()["form_submissions"]
    assert row["form"]["@id"] == form.absolute_url()
    assert row["action"] == "saved"
    assert row["data"]["comments"] == "Meine Frage."
    assert row["data"]["REMOTE_ADDR"]  # her own request's address is her data
    assert row["submitted"]
    data = theirs.get(scene["my_data"]).json()
    assert data["account"]["email"] == f"{member}@example.invalid"
    assert [row["data"]["comments"] for row in data["form_submissions"]] == ["Seine."]
    assert "Meine Frage." not in theirs.get(scene["my_data"]).text
    assert session("outsider").get(scene["my_data"]).json()["form_submissions"] == []


def loads_of(db, request):
    """The objects the server loads from the database to answer ``request()`` after the caches are
    emptied; the fewest of three answers (the server's threads have connections of their own, and
    a connection's first answer loads more)."""
    counts = []
    for _ in range(3):
        db.cacheMinimize()
        monitor = ActivityMonitor()
        db.setActivityMonitor(monitor)
        try:
            response = request()
        finally:
            db.setActivityMonitor(None)
        assert response.status_code == 200, response.text
        counts.append(sum(division["loads"] for division in monitor.getActivityAnalysis(divisions=1)))
    return min(counts)


def test_containers_are_not_woken_one_by_one(scene, session):
    """Local roles are read from the site root, the Regions, Municipalities and Forums and from the
    catalog: a site with many other containers (folders, proposals) costs no object each."""
    http = session(scene["member"])
    db = scene["portal"]._p_jar.db()
    before = loads_of(db, lambda: http.get(scene["my_data"]))
    sync(scene["portal"])
    with api.env.adopt_roles(["Manager"]):
        folder = api.content.create(container=scene["portal"], type="Folder", id="ablage", title="Ablage")
        for index in range(80):
            api.content.create(container=folder, type="Folder", id=f"ordner-{index}", title=f"Ordner {index}")
    transaction.commit()
    after = loads_of(db, lambda: http.get(scene["my_data"]))
    # A few more catalog buckets, not 80 folders.
    assert after - before < 40, (before, after)
