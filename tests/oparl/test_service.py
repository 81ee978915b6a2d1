"""@oparl-sync over HTTP (the functional layer's WSGI server) and the report page for editors."""

from plone import api
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from regionaustausch.oparl import state
from regionaustausch.testing import add_member
import pytest
import requests
import transaction


PASSWORD = "secret-oparl-1"


@pytest.fixture
def people(region):
    """``siteadmin`` (Site Administrator), ``editor`` (the local role Editor on the Region, which edits
    no Region: its workflow gives that to Owner, Site Administrator and Manager), ``member`` (a
    network member)."""
    api.user.create(email="admin@example.invalid", username="siteadmin", password=PASSWORD)
    api.user.grant_roles(username="siteadmin", roles=["Site Administrator"])
    with api.env.adopt_roles(["Manager"]):
        api.user.create(email="editor@example.invalid", username="editor", password=PASSWORD)
        api.user.grant_roles(username="editor", roles=["Editor"], obj=region)
        add_member(region["salzgitter"], "member", "Mia", "Mitglied", password=PASSWORD)
    transaction.commit()


def post(region, user, body=None):
    return requests.post(
        f"{region.absolute_url()}/@oparl-sync",
        json=body if body is not None else {},
        headers={"Accept": "application/json"},
        auth=(user, PASSWORD) if user else None,
        timeout=60,
    )


def test_a_site_administrator_runs_the_sync_and_reads_the_report(region, people, oparl):
    response = post(region, "siteadmin", {})
    assert response.status_code == 200, response.text
    report = response.json()
    assert report["status"] == "ok"
    assert report["systems"] == [oparl.url("/oparl/system")]
    assert (report["counts"]["created"], report["counts"]["retired"]) == (5, 1)
    transaction.begin()
    assert [r["started"] for r in state.reports(region)] == [report["started"]]

    listed = requests.get(
        f"{region.absolute_url()}/@oparl-sync",
        headers={"Accept": "application/json"},
        auth=("siteadmin", PASSWORD),
        timeout=30,
    )
    assert listed.status_code == 200
    assert listed.json()["reports"][0]["counts"] == report["counts"]

    page = requests.get(f"{region.absolute_url()}/@@oparl-report", auth=("siteadmin", PASSWORD), timeout=30)
    assert page.status_code == 200
    assert "Stadt Braunschweig" in page.text
    assert "Gemeinde Nirgendwo" in page.text


def test_an_explicit_url_is_synced(region, people, oparl):
    region.oparl_url = None
    transaction.commit()
    response = post(region, "siteadmin", {"url": oparl.url("/oparl/system"), "full": True})
    assert response.status_code == 200
    assert response.json()["counts"]["created"] == 5


@pytest.mark.parametrize(
    ("body", "field", "reason"),
    [
        ({"url": "ftp://example.org/oparl"}, "url", "http"),
        ({"url": "http://127.0.0.1:9/oparl/system"}, "url", "127.0.0.1:9"),
        ({"url": "/oparl/bodies"}, "url", "OParl"),
        ({"url": 5}, "url", "url"),
        ({"full": "yes"}, "full", "full"),
    ],
)
def test_bad_input_is_a_400_naming_the_field_and_changes_nothing(region, people, oparl, body, field, reason):
    if isinstance(body.get("url"), str) and body["url"].startswith("/"):
        body = {"url": oparl.url(body["url"])}
    response = post(region, "siteadmin", body)
    assert response.status_code == 400, response.text
    answer = response.json()
    assert answer["type"] == "BadRequest"
    assert f"'field': '{field}'" in answer["message"]
    assert reason in answer["message"]
    transaction.begin()
    assert state.reports(region) == []
    found = api.content.find(context=region, portal_type="Representative", unrestricted=True)
    assert sorted(brain.getId for brain in found) == ["dieter-alt", "mia-mitglied"]


def test_a_run_that_fails_half_way_answers_502_with_its_report(region, people, oparl):
    oparl.down.add("/oparl/body/1/persons/page/2")
    response = post(region, "siteadmin")
    assert response.status_code == 502
    assert response.json()["status"] == "failed"
    assert "HTTP 503" in response.json()["errors"][0]


@pytest.mark.parametrize("user", [None, "editor", "member"])
def test_only_site_administrators_and_managers_sync(region, people, oparl, user):
    response = post(region, user)
    assert response.status_code == 401
    assert oparl.log == []
    manager = requests.post(
        f"{region.absolute_url()}/@oparl-sync",
        json={},
        headers={"Accept": "application/json"},
        auth=(SITE_OWNER_NAME, SITE_OWNER_PASSWORD),
        timeout=60,
    )
    assert manager.status_code == 200


@pytest.mark.parametrize("user", [None, "member", "editor"])
def test_the_reports_are_for_those_who_edit_the_region(region, people, user):
    response = requests.get(
        f"{region.absolute_url()}/@oparl-sync",
        headers={"Accept": "application/json"},
        auth=(user, PASSWORD) if user else None,
        timeout=30,
    )
    assert response.status_code == 401
