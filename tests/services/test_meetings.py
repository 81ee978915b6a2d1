"""Meetings over HTTP: their JSON (the proposal they come from, the host, the iCal link) and minutes
only after the meeting has ended."""

from datetime import datetime
from datetime import timedelta
from plone import api
from regionaustausch.supports import add_support
from regionaustausch.testing import add_member
import ast
import pytest
import pytz
import transaction


PASSWORD = "secret-meetings-1"
BERLIN = pytz.timezone("Europe/Berlin")


def sync(portal):
    transaction.begin()
    portal._p_jar.sync()


@pytest.fixture
def site(functional_portal, session):
    """An accepted proposal with a past meeting (hosted by Peine) and an upcoming one."""
    portal = functional_portal
    api.portal.set_registry_record("plone.default_language", "de")
    api.portal.set_registry_record("plone.available_languages", ["de"])
    with api.env.adopt_roles(["Manager"]):
        region = api.content.create(
            container=portal,
            type="Region",
            id="region",
            title="Region",
            quorum_supports=1,
            quorum_municipalities=1,
        )
        peine = api.content.create(
            container=region,
            type="Municipality",
            id="pe",
            title="Landkreis Peine",
            kind="landkreis",
            ags="03157",
        )
        add_member(peine, "jonas", "Jonas", "Muster", password=PASSWORD)
        proposal = api.content.create(
            container=region,
            type="ExchangeProposal",
            id="proposal",
            title="Austausch",
            lead_organiser=peine.UID(),
        )
        api.content.transition(obj=proposal, transition="submit")
        api.content.transition(obj=proposal, transition="open_discussion")
    with api.env.adopt_user(username="jonas"):
        add_support(proposal)
    with api.env.adopt_roles(["Manager"]):
        api.content.transition(obj=proposal, transition="accept")
        now = datetime.now(BERLIN).replace(microsecond=0)
        past = api.content.create(
            container=proposal,
            type="Meeting",
            id="past",
            title="Erstes Treffen",
            start=now - timedelta(days=2, hours=2),
            end=now - timedelta(days=2),
            location="Kreishaus Peine",
            host_municipality=peine.UID(),
        )
        upcoming = api.content.create(
            container=proposal,
            type="Meeting",
            id="upcoming",
            title="Zweites Treffen",
            start=now + timedelta(days=14),
            end=now + timedelta(days=14, hours=2),
        )
    transaction.commit()
    return {
        "portal": portal,
        "proposal": proposal,
        "peine": peine,
        "past": past.absolute_url(),
        "upcoming": upcoming.absolute_url(),
        "admin": session("admin"),
        "anonymous": session(),
    }


def minutes(text="Wir haben vereinbart, uns vierteljährlich zu treffen."):
    return {"data": f"<p>{text}</p>", "content-type": "text/html"}


def field_errors(response):
    return ast.literal_eval(response.json()["message"])


def test_the_json_names_the_proposal_the_host_and_the_calendar(site):
    data = site["anonymous"].get(site["past"]).json()
    assert data["proposal"] == {
        "@id": site["proposal"].absolute_url(),
        "UID": site["proposal"].UID(),
        "title": "Austausch",
    }
    assert data["host"] == {
        "@id": site["peine"].absolute_url(),
        "UID": site["peine"].UID(),
        "title": "Landkreis Peine",
    }
    assert data["ical"] == f"{site['past']}/ics_view"
    assert data["location"] == "Kreishaus Peine"
    assert site["anonymous"].get(site["upcoming"]).json()["host"] is None
    calendar = site["anonymous"].get(data["ical"])
    assert calendar.status_code == 200
    assert "BEGIN:VEVENT" in calendar.text
    assert "SUMMARY:Erstes Treffen" in calendar.text


def test_minutes_after_the_meeting(site):
    response = site["admin"].patch(site["past"], json={"minutes": minutes()})
    assert response.status_code == 204, response.text
    stored = site["anonymous"].get(site["past"]).json()["minutes"]
    assert "vierteljährlich" in stored["data"]


def test_minutes_before_the_end_are_refused(site):
    response = site["admin"].patch(site["upcoming"], json={"minutes": minutes()})
    assert response.status_code == 400
    [error] = field_errors(response)
    assert error["field"] == "minutes"
    assert error["message"].startswith("Das Protokoll kann erst nach dem Ende des Treffens (")
    sync(site["portal"])
    assert site["proposal"]["upcoming"].minutes is None


def test_minutes_with_an_end_moved_into_the_future_are_refused(site):
    assert site["admin"].patch(site["past"], json={"minutes": minutes()}).status_code == 204
    later = (datetime.now(pytz.utc) + timedelta(days=1)).isoformat()
    response = site["admin"].patch(site["past"], json={"end": later})
    assert response.status_code == 400
    assert field_errors(response)[0]["field"] == "minutes"
    # and with the end in the past, both at once are fine
    earlier = (datetime.now(pytz.utc) - timedelta(hours=1)).isoformat()
    assert (
        site["admin"]
        .patch(site["upcoming"], json={"minutes": minutes(), "start": earlier, "end": earlier})
        .status_code
        == 204
    )


def test_a_new_meeting_with_minutes_before_its_end_is_refused(site):
    start = datetime.now(pytz.utc) + timedelta(days=3)
    response = site["admin"].post(
        site["proposal"].absolute_url(),
        json={
            "@type": "Meeting",
            "title": "Drittes Treffen",
            "start": start.isoformat(),
            "end": (start + timedelta(hours=2)).isoformat(),
            "minutes": minutes(),
        },
    )
    assert response.status_code == 400, response.text
    assert field_errors(response)[0]["field"] == "minutes"
    sync(site["portal"])
    assert [obj.getId() for obj in site["proposal"].objectValues()] == ["past", "upcoming"]
