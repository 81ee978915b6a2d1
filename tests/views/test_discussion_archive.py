"""A closed forum is a read-only archive and a locked thread takes no changes: the writer of a post
can no longer edit it, neither in the edit form nor through the REST API; while it is open they can."""

from plone import api
import json
import pytest
import transaction


@pytest.fixture
def own_post(site, browse):
    anna = browse("anna")
    url = site["thread"].absolute_url()
    anna.post(f"{url}/@@reply", data={"text": "<p>Mein Beitrag</p>", "_authenticator": anna.token(url)})
    transaction.begin()
    [post] = site["portal"]["region"]["forum"]["thread"].objectValues()
    return post


def patch(browse, user, obj, text):
    http = browse(user)
    http.headers.update({"Accept": "application/json", "Content-Type": "application/json"})
    return http.patch(
        obj.absolute_url(), data=json.dumps({"text": {"data": text, "content-type": "text/html"}})
    )


def test_writer_edits_while_open(site, browse, own_post):
    assert browse("anna").get(f"{own_post.absolute_url()}/@@edit").status_code == 200
    assert patch(browse, "anna", own_post, "<p>Geändert</p>").status_code == 204


@pytest.mark.parametrize(("obj", "transition"), [("forum", "close"), ("thread", "lock")])
def test_no_changes_in_the_archive(site, browse, own_post, obj, transition):
    with api.env.adopt_roles(["Manager"]):
        api.content.transition(obj=site[obj], transition=transition)
    transaction.commit()
    form = browse("anna").get(f"{own_post.absolute_url()}/@@edit", allow_redirects=False)
    assert form.status_code == 403
    response = patch(browse, "anna", own_post, "<p>Nachträglich geändert</p>")
    assert response.status_code == 403
    assert response.json()["type"] == "Forbidden"
    transaction.begin()
    assert "Mein Beitrag" in own_post.text.raw
