"""``@support`` over HTTP against the functional layer's real WSGI server."""

from concurrent.futures import ThreadPoolExecutor
from plone import api
from regionaustausch.supports import storage
import pytest
import re
import threading
import time
import transaction


def sync(portal):
    """See what the server's transactions committed."""
    transaction.begin()
    portal._p_jar.sync()


def test_anonymous_sees_counts_but_not_supporters(network, session):
    response = session().get(f"{network['url']}/@support")
    assert response.status_code == 200
    data = response.json()
    assert data["supports"] == 0
    assert data["municipalities"] == 0
    assert data["quorum"] == {
        "supports": 5,
        "municipalities": 3,
        "met": False,
        "missing": [{"kind": "supports", "needed": 5}, {"kind": "municipalities", "needed": 3}],
        "messages": data["quorum"]["messages"],
    }
    assert len(data["quorum"]["messages"]) == 2
    assert "supporters" not in data
    assert data["supported_by_me"] is False
    assert data["can_support"] is False


def test_member_supports_and_withdraws(network, session):
    member = session(network["members"][0])
    response = member.post(f"{network['url']}/@support")
    assert response.status_code == 201, response.text
    data = response.json()
    assert data["supports"] == 1
    assert data["municipalities"] == 1
    assert data["supported_by_me"] is True
    assert data["can_support"] is False
    [supporter] = data["supporters"]
    assert supporter["user_id"] == network["members"][0]
    assert supporter["name"] == "Mitglied Nummer 0"
    assert supporter["municipality"]["title"] == "Stadt Braunschweig"

    second = member.post(f"{network['url']}/@support")
    assert second.status_code == 409
    assert second.json()["type"] == "Conflict"

    response = member.delete(f"{network['url']}/@support")
    assert response.status_code == 204
    assert member.get(f"{network['url']}/@support").json()["supports"] == 0
    again = member.delete(f"{network['url']}/@support")
    assert again.status_code == 409


def test_refusals(network, session):
    url = f"{network['url']}/@support"
    anonymous = session().post(url)
    assert anonymous.status_code == 401
    outsider = session("outsider").post(url)
    assert outsider.status_code == 403
    assert "network" in outsider.json()["message"].lower() or "netzwerk" in outsider.json()["message"].lower()

    with api.env.adopt_roles(["Manager"]):
        api.content.transition(obj=network["proposal"], transition="reject", comment="Nicht jetzt.")
    transaction.commit()
    closed = session(network["members"][1]).post(url)
    assert closed.status_code == 400
    assert closed.json()["type"] == "BadRequest"


def test_messages_in_german(network, session):
    """The site speaks German (its default language, as create_site.py sets it)."""
    api.portal.set_registry_record("plone.default_language", "de")
    api.portal.set_registry_record("plone.available_languages", ["de"])
    transaction.commit()
    response = session(network["members"][0]).post(f"{network['url']}/@support")
    assert response.status_code == 201
    messages = response.json()["quorum"]["messages"]
    assert any("Unterstützungen" in message for message in messages), messages


def test_twenty_members_support_at_the_same_moment(network, session):
    """20 concurrent POSTs to one proposal: Zope's conflict retries are in play, yet every request
    succeeds and exactly 20 supports are stored; the catalog catches up after the commits."""
    url = f"{network['url']}/@support"
    start = threading.Barrier(len(network["members"]))

    def support(user_id):
        http = session(user_id)
        start.wait()
        return http.post(url, timeout=120).status_code

    with ThreadPoolExecutor(max_workers=len(network["members"])) as pool:
        statuses = list(pool.map(support, network["members"]))

    assert statuses == [201] * 20
    portal = network["portal"]
    sync(portal)
    proposal = portal["region"]["proposal"]
    assert len(storage(proposal)) == 20
    assert {record["user_id"] for record in storage(proposal).records()} == set(network["members"])
    assert storage(proposal).counts() == (20, 4)

    # The catalog is updated after each support's commit, in its own transaction: it converges.
    deadline = time.monotonic() + 10
    while True:
        sync(portal)
        [brain] = api.content.find(UID=proposal.UID(), unrestricted=True)
        if (brain.support_count, brain.supporting_municipalities) == (20, 4):
            break
        assert time.monotonic() < deadline, (brain.support_count, brain.supporting_municipalities)
        time.sleep(0.1)


def test_no_cache_keeps_the_answers(network, session):
    """What ``@support`` says (supported by me, the supporters) and what the proposal's page and its
    support button answer depend on who asks: no cache may keep them."""
    url = network["url"]
    member = session(network["members"][0])
    for http in (session(), member):
        response = http.get(f"{url}/@support")
        assert response.status_code == 200
        assert response.headers["Cache-Control"] == "private, no-store"
    response = member.post(f"{url}/@support")
    assert response.status_code == 201
    assert response.headers["Cache-Control"] == "private, no-store"

    page = session(network["members"][1])
    page.headers["Accept"] = "text/html"
    response = page.get(url)
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "private, no-store"
    token = re.search(r'name="_authenticator" value="([^"]+)"', response.text).group(1)
    response = page.post(
        f"{url}/@@support-toggle",
        data={"action": "support", "_authenticator": token},
        headers={"Accept": "application/json", "Content-Type": "application/x-www-form-urlencoded"},
    )
    assert response.status_code == 200, response.text
    assert response.json()["supported_by_me"] is True
    assert response.headers["Cache-Control"] == "private, no-store"


@pytest.mark.parametrize("method", ["post", "delete"])
def test_not_on_other_types(network, session, method):
    response = getattr(session(network["members"][0]), method)(f"{network['region'].absolute_url()}/@support")
    assert response.status_code == 404
