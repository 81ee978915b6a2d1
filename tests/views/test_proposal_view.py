"""The proposal view over HTTP: state, quorum progress, one-click support with and without JavaScript,
the CSRF check, supporters by municipality, the resolutions table."""

from regionaustausch.supports import storage
import transaction


def test_anonymous_sees_state_progress_and_resolutions(site, browse):
    page = browse().get(site["proposal"].absolute_url()).text
    assert "ra-state-discussion" in page
    assert 'id="ra-progress-supports"' in page
    assert "Rat der Stadt Braunschweig" in page
    assert "22-18940" in page
    assert "ra-support-form" not in page


def test_member_supports_without_javascript(site, browse):
    anna = browse("anna")
    url = site["proposal"].absolute_url()
    response = anna.post(
        f"{url}/@@support-toggle", data={"action": "support", "_authenticator": anna.token(url)}
    )
    assert response.status_code == 200
    assert response.url.rstrip("/") == url
    assert 'value="withdraw"' in response.text
    assert "Anna Beispiel" in response.text  # supporters by municipality


def test_member_supports_with_javascript(site, browse):
    anna = browse("anna")
    url = site["proposal"].absolute_url()
    response = anna.post(
        f"{url}/@@support-toggle",
        data={"action": "support", "_authenticator": anna.token(url)},
        headers={"Accept": "application/json"},
    )
    assert response.status_code == 200
    data = response.json()
    assert (data["supports"], data["municipalities"], data["supported_by_me"], data["ok"]) == (
        1,
        1,
        True,
        True,
    )
    again = anna.post(
        f"{url}/@@support-toggle",
        data={"action": "support", "_authenticator": anna.token(url)},
        headers={"Accept": "application/json"},
    )
    assert again.status_code == 409
    assert again.json()["ok"] is False
    withdrawn = anna.post(
        f"{url}/@@support-toggle",
        data={"action": "withdraw", "_authenticator": anna.token(url)},
        headers={"Accept": "application/json"},
    )
    assert withdrawn.json()["supports"] == 0


def test_support_without_csrf_token_is_refused(site, browse):
    response = browse("anna").post(
        f"{site['proposal'].absolute_url()}/@@support-toggle", data={"action": "support"}
    )
    assert response.status_code == 403
    transaction.begin()
    site["proposal"]._p_jar.sync()
    assert len(storage(site["portal"]["region"]["proposal"])) == 0


def test_outsider_cannot_support(site, browse):
    outsider = browse("outsider")
    url = site["proposal"].absolute_url()
    assert "ra-support-form" not in outsider.get(url).text
    response = outsider.post(
        f"{url}/@@support-toggle",
        # the page offers the outsider no form; take a valid token of theirs from their preferences
        data={
            "action": "support",
            "_authenticator": outsider.token(f"{site['portal'].absolute_url()}/@@personal-information"),
        },
        headers={"Accept": "application/json"},
    )
    assert response.status_code == 403
