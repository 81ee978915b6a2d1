"""Nobody gains a right they were not given (issue 9, point 1): only Site Administrators and Managers
hold the Sharing permissions on the add-on's types, so neither an author nor a thread owner can delegate
roles to themselves or to others, nor block the inheritance of local roles, over HTTP.

The permission matrix (test_permission_matrix.py) checks the same permissions for every type and state.
"""

from plone import api
import transaction


ROLES = {"Editor": True, "Reviewer": True}


def transition_ids(response):
    return {item["@id"].rsplit("/", 1)[-1] for item in response.json()["transitions"]}


def test_the_author_of_a_proposal_cannot_delegate_roles(http_site, http, refresh):
    """The issue's case: ``anna``, author of a proposal in discussion, gives herself Editor and Reviewer."""
    url = http_site["proposal"].absolute_url()
    anna = http("anna")
    response = anna.post(
        f"{url}/@sharing", json={"entries": [{"id": "anna", "type": "user", "roles": ROLES}]}
    )
    assert response.status_code == 403, response.text
    assert anna.get(f"{url}/@sharing").status_code == 403
    refresh()
    assert set(http_site["proposal"].get_local_roles_for_userid("anna")) == {"Owner"}
    # nothing changed for her: she may withdraw her proposal, neither decide on it nor edit it
    workflow = anna.get(f"{url}/@workflow")
    assert workflow.status_code == 200
    assert transition_ids(workflow) == {"withdraw"}
    patch = anna.patch(url, json={"title": "Mein Vorschlag"})
    assert patch.status_code in (401, 403), patch.text
    refresh()
    assert http_site["proposal"].title == "Vorschlag"


def test_a_thread_owner_cannot_open_an_internal_thread_to_everybody(http_site, http, refresh):
    url = http_site["thread"].absolute_url()
    entries = [{"id": "AuthenticatedUsers", "type": "group", "roles": {"Editor": True, "Reader": True}}]
    response = http("tom").post(f"{url}/@sharing", json={"entries": entries})
    assert response.status_code == 403, response.text
    refresh()
    assert http_site["thread"].get_local_roles_for_userid("AuthenticatedUsers") == ()
    assert http("outsider").get(url).status_code in (401, 403)


def test_an_owner_cannot_block_inheritance_and_keep_the_network_role(http_site, http, refresh):
    """Blocking inheritance would copy ``tom``'s inherited NetworkMember role onto the thread: he would
    keep posting there after his record is retired."""
    thread = http_site["thread"]
    url = thread.absolute_url()
    tom = http("tom")
    response = tom.post(f"{url}/@sharing", json={"inherit": False})
    assert response.status_code == 403, response.text
    refresh()
    assert not getattr(thread, "__ac_local_roles_block__", None)
    assert "NetworkMember" not in thread.get_local_roles_for_userid("tom")

    with api.env.adopt_roles(["Manager"]):
        api.content.transition(obj=http_site["records"]["tom"], transition="retire", comment="Ausgeschieden")
    transaction.commit()
    post = tom.post(url, json={"@type": "Post", "text": "<p>Noch da?</p>"})
    assert post.status_code in (401, 403), post.text
    support = tom.post(f"{http_site['proposal'].absolute_url()}/@support")
    assert support.status_code in (401, 403), support.text


def test_a_municipal_editor_cannot_share_their_municipality(http_site, http):
    url = http_site["region"]["bs"].absolute_url()
    entries = [{"id": "jonas", "type": "user", "roles": {"Editor": True}}]
    response = http("bs-editor").post(f"{url}/@sharing", json={"entries": entries})
    assert response.status_code == 403, response.text


def test_a_moderator_cannot_share_a_thread(http_site, http):
    url = http_site["thread"].absolute_url()
    entries = [{"id": "jonas", "type": "user", "roles": {"Reviewer": True}}]
    assert http("moderator").post(f"{url}/@sharing", json={"entries": entries}).status_code == 403


def test_site_administrators_share(http_site, http, refresh):
    """Those who run the site still delegate roles, e.g. a moderator for one forum."""
    url = http_site["internal"].absolute_url()
    siteadmin = http("siteadmin")
    entries = [{"id": "jonas", "type": "user", "roles": {"Reviewer": True}}]
    response = siteadmin.post(f"{url}/@sharing", json={"entries": entries})
    assert response.status_code == 204, response.text
    refresh()
    assert "Reviewer" in http_site["internal"].get_local_roles_for_userid("jonas")
    listing = siteadmin.get(f"{url}/@sharing")
    assert listing.status_code == 200
    assert {"Reader", "Editor", "Contributor", "Reviewer"} <= {
        role["id"] for role in listing.json()["available_roles"]
    }
