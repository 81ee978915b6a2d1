"""Pre-moderation without gaps and histories for the moderators, over HTTP (issue 9, points 5 and 6).

- In a pre-moderated forum a new thread waits for a moderator, as a new post does; a moderator approves
  or hides it (with a reason for its writer).
- A published post (or an open thread) changed by its writer waits for approval again there; in every
  forum each change is recorded in the workflow history.
- ``pinned`` needs the Moderate permission: a thread's owner cannot pin it.
- Who moderated and the moderator's comment stay with the moderators: the writer of a post and the owner
  of its thread get neither through ``@history`` nor ``@workflow``; the writer reads the reason for
  hiding in the post's JSON, without the moderator's name.

The site is ``http_site`` of conftest.py.
"""

import pytest


REASON = "Bitte sachlich bleiben"


def html(text):
    return {"data": f"<p>{text}</p>", "content-type": "text/html"}


def history(session, url):
    """The workflow history as ``@workflow`` gives it to ``session``."""
    response = session.get(f"{url}/@workflow")
    assert response.status_code == 200, response.text
    return response.json()["history"]


def transitions(session, url):
    response = session.get(f"{url}/@workflow")
    assert response.status_code == 200, response.text
    return {item["@id"].rsplit("/", 1)[-1] for item in response.json()["transitions"]}


@pytest.fixture
def premod_thread(http_site, http):
    """An open thread in the pre-moderated forum, started by a site administrator (a moderator: their
    writing never waits)."""
    response = http("siteadmin").post(
        http_site["premod"].absolute_url(),
        json={"@type": "Thread", "title": "Gewerbeflächen", "text": html("Wer hat Flächen?")},
    )
    assert response.status_code == 201, response.text
    assert response.json()["review_state"] == "open"
    return response.json()["@id"]


def test_a_new_thread_in_a_premoderated_forum_waits_for_a_moderator(http_site, http):
    jonas, tom, moderator = http("jonas"), http("tom"), http("moderator")
    response = jonas.post(
        http_site["premod"].absolute_url(),
        json={"@type": "Thread", "title": "Neue Frage", "text": html("Hat jemand Erfahrung?")},
    )
    assert response.status_code == 201, response.text
    url = response.json()["@id"]
    assert response.json()["review_state"] == "pending"
    assert tom.get(url).status_code in (401, 403)
    # nobody answers a thread that is not approved; its writer learns why
    answer = jonas.post(url, json={"@type": "Post", "text": html("Noch etwas")})
    assert answer.status_code == 403, answer.text
    assert "approval" in answer.json()["message"]

    assert {"publish", "hide"} <= transitions(moderator, url)
    assert "publish" not in transitions(jonas, url)
    approved = moderator.post(f"{url}/@workflow/publish", json={})
    assert approved.status_code == 200, approved.text
    assert tom.get(url).json()["review_state"] == "open"
    answer = tom.post(url, json={"@type": "Post", "text": html("Ja, ich.")})
    assert answer.status_code == 201, answer.text


def test_a_new_thread_elsewhere_is_open_at_once(http_site, http):
    response = http("jonas").post(
        http_site["internal"].absolute_url(),
        json={"@type": "Thread", "title": "Ohne Moderation", "text": html("Direkt sichtbar")},
    )
    assert response.status_code == 201, response.text
    assert response.json()["review_state"] == "open"
    assert http("tom").get(response.json()["@id"]).status_code == 200


def test_a_moderator_hides_a_new_thread_with_a_reason_for_its_writer(http_site, http):
    jonas, moderator = http("jonas"), http("moderator")
    response = jonas.post(
        http_site["premod"].absolute_url(),
        json={"@type": "Thread", "title": "Werbung", "text": html("Kaufen Sie!")},
    )
    url = response.json()["@id"]
    without_reason = moderator.post(f"{url}/@workflow/hide", json={})
    assert without_reason.status_code == 400, without_reason.text
    hidden = moderator.post(f"{url}/@workflow/hide", json={"comment": REASON})
    assert hidden.status_code == 200, hidden.text
    seen = jonas.get(url)
    assert seen.status_code == 200
    assert seen.json()["review_state"] == "hidden"
    assert seen.json()["hidden"]["reason"] == REASON
    assert "moderator" not in seen.text
    assert http("tom").get(url).status_code in (401, 403)


def test_a_post_changed_after_approval_waits_again(http_site, http, refresh, premod_thread):
    jonas, tom, moderator = http("jonas"), http("tom"), http("moderator")
    created = jonas.post(premod_thread, json={"@type": "Post", "text": html("Erste Fassung")})
    assert created.status_code == 201, created.text
    url = created.json()["@id"]
    assert created.json()["review_state"] == "pending"
    assert moderator.post(f"{url}/@workflow/publish", json={}).status_code == 200
    assert tom.get(url).status_code == 200

    changed = jonas.patch(url, json={"text": html("Ganz andere Fassung")})
    assert changed.status_code == 204, changed.text
    assert jonas.get(url).json()["review_state"] == "pending"
    assert tom.get(url).status_code in (401, 403)
    last = history(moderator, url)[-1]
    assert last["action"] == "resubmit"
    assert last["actor"] == "jonas"
    assert last["review_state"] == "pending"
    assert last["comments"]

    assert moderator.post(f"{url}/@workflow/publish", json={}).status_code == 200
    assert tom.get(url).json()["text"]["data"] == "<p>Ganz andere Fassung</p>"


def test_a_moderator_changing_a_published_post_keeps_it_published(http_site, http, premod_thread):
    jonas, siteadmin = http("jonas"), http("siteadmin")
    url = jonas.post(premod_thread, json={"@type": "Post", "text": html("Mit Tippfeler")}).json()["@id"]
    assert siteadmin.post(f"{url}/@workflow/publish", json={}).status_code == 200
    changed = siteadmin.patch(url, json={"text": html("Ohne Tippfehler")})
    assert changed.status_code == 204, changed.text
    assert jonas.get(url).json()["review_state"] == "published"
    last = history(siteadmin, url)[-1]
    assert (last["action"], last["actor"], last["review_state"]) == ("record_edit", "siteadmin", "published")


def test_an_open_thread_changed_by_its_owner_waits_again(http_site, http):
    jonas, moderator = http("jonas"), http("moderator")
    response = jonas.post(
        http_site["premod"].absolute_url(),
        json={"@type": "Thread", "title": "Pendler", "text": html("Wie kommen alle zur Arbeit?")},
    )
    url = response.json()["@id"]
    assert moderator.post(f"{url}/@workflow/publish", json={}).status_code == 200
    changed = jonas.patch(url, json={"text": html("Etwas ganz anderes")})
    assert changed.status_code == 204, changed.text
    assert jonas.get(url).json()["review_state"] == "pending"
    assert history(moderator, url)[-1]["action"] == "resubmit"


def test_every_change_is_recorded_in_any_forum(http_site, http):
    """``tom`` changes his post in the internal forum (no pre-moderation): it stays published, and
    the change is in its history, which the moderators read."""
    tom, moderator = http("tom"), http("moderator")
    url = http_site["post"].absolute_url()
    changed = tom.patch(url, json={"text": html("Ich habe 20 ha.")})
    assert changed.status_code == 204, changed.text
    assert tom.get(url).json()["review_state"] == "published"
    last = history(moderator, url)[-1]
    assert (last["action"], last["actor"], last["review_state"]) == ("record_edit", "tom", "published")
    listed = moderator.get(f"{url}/@history")
    assert listed.status_code == 200
    assert any(entry.get("transition_title") == "Change recorded" for entry in listed.json())


def test_the_change_transitions_are_offered_to_nobody(http_site, http):
    url = http_site["post"].absolute_url()
    for user in ("tom", "moderator", "siteadmin"):
        assert not {"resubmit", "record_edit"} & transitions(http(user), url)
        refused = http(user).post(f"{url}/@workflow/record_edit", json={})
        assert refused.status_code in (400, 401, 403), refused.text


def test_a_thread_owner_cannot_pin_it(http_site, http, refresh):
    thread = http_site["thread"]
    url = thread.absolute_url()
    tom, siteadmin = http("tom"), http("siteadmin")
    tom.patch(url, json={"pinned": True})
    refresh()
    assert thread.pinned is False
    pinned = siteadmin.patch(url, json={"pinned": True})
    assert pinned.status_code == 204, pinned.text
    refresh()
    assert thread.pinned is True
    # the edit form shows the owner no pinning field to change (opening it locks the thread)
    assert 'name="form.widgets.pinned:list"' in requests_html(siteadmin, f"{url}/@@edit")
    assert 'name="form.widgets.pinned:list"' not in requests_html(tom, f"{url}/@@edit")


def requests_html(session, url):
    response = session.get(url, headers={"Accept": "text/html"})
    assert response.status_code == 200, response.status_code
    return response.text


def test_the_writer_reads_the_reason_but_not_who_hid_the_post(http_site, http):
    """Point 6: ``tom`` wrote the post; a moderator hides it with a reason."""
    tom, moderator = http("tom"), http("moderator")
    url = http_site["post"].absolute_url()
    assert moderator.post(f"{url}/@workflow/hide", json={"comment": REASON}).status_code == 200

    post = tom.get(url)
    assert post.status_code == 200
    assert post.json()["hidden"]["reason"] == REASON
    assert set(post.json()["hidden"]) == {"reason", "date"}
    assert tom.get(f"{url}/@history").status_code in (401, 403)
    workflow = tom.get(f"{url}/@workflow")
    assert workflow.status_code == 200
    assert workflow.json()["history"] == []
    for answer in (post, workflow):
        assert '"moderator"' not in answer.text

    # the moderators have the whole history
    listed = moderator.get(f"{url}/@history")
    assert listed.status_code == 200
    hide = [entry for entry in listed.json() if entry.get("review_state") == "hidden"]
    assert hide[0]["actor"]["id"] == "moderator"
    assert hide[0]["comments"] == REASON


def test_the_thread_owner_does_not_learn_who_moderated_a_post_in_it(http_site, http):
    """``tom`` owns the thread (Owner reaches the posts of others in it); a moderator hides and restores
    ``jonas``'s answer."""
    jonas, tom, moderator = http("jonas"), http("tom"), http("moderator")
    thread_url = http_site["thread"].absolute_url()
    url = jonas.post(thread_url, json={"@type": "Post", "text": html("Grenzwertig")}).json()["@id"]
    assert moderator.post(f"{url}/@workflow/hide", json={"comment": REASON}).status_code == 200
    assert moderator.post(f"{url}/@workflow/restore", json={}).status_code == 200

    assert tom.get(url).status_code == 200
    assert tom.get(f"{url}/@history").status_code in (401, 403)
    workflow = tom.get(f"{url}/@workflow")
    assert workflow.json()["history"] == []
    assert REASON not in workflow.text
    # nor through the thread's own history
    assert tom.get(f"{thread_url}/@history").status_code in (401, 403)
    assert jonas.get(f"{url}/@history").status_code in (401, 403)


def test_the_hidden_reason_is_gone_once_restored(http_site, http):
    moderator, tom = http("moderator"), http("tom")
    url = http_site["post"].absolute_url()
    moderator.post(f"{url}/@workflow/hide", json={"comment": REASON})
    moderator.post(f"{url}/@workflow/restore", json={})
    assert tom.get(url).json()["hidden"] is None


def test_a_moderator_changing_a_pending_post_does_not_approve_it(http_site, http, premod_thread):
    """An edit never approves: only the moderator's ``publish`` does."""
    jonas, siteadmin = http("jonas"), http("siteadmin")
    url = jonas.post(premod_thread, json={"@type": "Post", "text": html("Wartet")}).json()["@id"]
    assert siteadmin.patch(url, json={"text": html("Wartet noch")}).status_code == 204
    assert jonas.get(url).json()["review_state"] == "pending"
