"""The iCal export: ``ics_view`` of one meeting, and of a Region (its upcoming meetings only)."""

from datetime import datetime
from datetime import timedelta
from plone import api
from plone.app.event.interfaces import IBrowserLayer
from plone.app.testing import TEST_USER_ID
from plone.app.testing import setRoles
from regionaustausch.content.calendar import upcoming_meetings
from regionaustausch.testing import allow_meetings
from types import SimpleNamespace
from zope.component import getMultiAdapter
from zope.interface import alsoProvides
import icalendar
import pytest
import pytz


BERLIN = pytz.timezone("Europe/Berlin")


def at(days, hour=18):
    """A time ``days`` from today in Berlin (negative: in the past)."""
    today = datetime.now().replace(hour=hour, minute=0, second=0, microsecond=0)
    return BERLIN.localize(today + timedelta(days=days))


@pytest.fixture(scope="class")
def site(portal_class):
    """Two Regions; the first with a past, two upcoming and a running meeting, the second with one."""
    setRoles(portal_class, TEST_USER_ID, ["Manager"])

    def proposal(region, title):
        obj = api.content.create(container=region, type="ExchangeProposal", title=title)
        allow_meetings(obj)
        return obj

    def meeting(container, title, start, hours=2, **fields):
        return api.content.create(
            container=container,
            type="Meeting",
            title=title,
            start=start,
            end=start + timedelta(hours=hours),
            **fields,
        )

    s = SimpleNamespace(portal=portal_class)
    s.region = api.content.create(container=portal_class, type="Region", title="Großraum Braunschweig")
    s.other_region = api.content.create(container=portal_class, type="Region", title="Region Hannover")
    first, second = proposal(s.region, "Vernetzung"), proposal(s.region, "Fachkräfte")
    s.past = meeting(first, "Auftakt", at(-30))
    s.next = meeting(
        first,
        "Zweites Treffen",
        at(7),
        location="Rathaus Braunschweig, Platz der Deutschen Einheit 1",
        contact_name="Geschäftsstelle",
        contact_email="netzwerk@example.org",
    )
    s.later = meeting(second, "Exkursion Salzgitter", at(40), hours=6)
    s.running = meeting(second, "Klausur", at(-1), hours=48)  # began yesterday, ends tomorrow
    s.elsewhere = meeting(proposal(s.other_region, "Hannover"), "Treffen in Hannover", at(10))
    return s


@pytest.fixture(scope="class")
def request_class(integration_class, site):
    return integration_class["request"]


def ics(context, request):
    alsoProvides(request, IBrowserLayer)
    view = getMultiAdapter((context, request), name="ics_view")
    return view, icalendar.Calendar.from_ical(view.get_ical_string())


def events(calendar):
    return [component for component in calendar.walk() if component.name == "VEVENT"]


class TestMeeting:
    def test_one_vevent(self, site, request_class):
        _view, calendar = ics(site.next, request_class)
        (event,) = events(calendar)
        assert str(event["SUMMARY"]) == "Zweites Treffen"
        assert event.decoded("DTSTART") == at(7)
        assert event.decoded("DTEND") == at(7) + timedelta(hours=2)
        assert str(event["LOCATION"]) == "Rathaus Braunschweig, Platz der Deutschen Einheit 1"
        assert str(event["UID"]) == site.next.UID()
        assert str(event["URL"]) == site.next.absolute_url()
        assert "Europe/Berlin" in [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")]

    def test_response(self, site, request_class):
        view, _calendar = ics(site.next, request_class)
        view()
        response = request_class.response
        assert response.getHeader("Content-Type").startswith("text/calendar")
        assert 'filename="zweites-treffen.ics"' in response.getHeader("Content-Disposition")

    def test_past_meeting_exports_too(self, site, request_class):
        _view, calendar = ics(site.past, request_class)
        assert [str(event["SUMMARY"]) for event in events(calendar)] == ["Auftakt"]


class TestRegion:
    def test_upcoming_meetings_only(self, site, request_class):
        _view, calendar = ics(site.region, request_class)
        assert [str(event["SUMMARY"]) for event in events(calendar)] == [
            "Klausur",
            "Zweites Treffen",
            "Exkursion Salzgitter",
        ]

    def test_not_the_meetings_of_another_region(self, site, request_class):
        _view, calendar = ics(site.other_region, request_class)
        assert [str(event["SUMMARY"]) for event in events(calendar)] == ["Treffen in Hannover"]

    def test_upcoming_meetings_brains(self, site):
        assert [brain.Title for brain in upcoming_meetings(site.region)] == [
            "Klausur",
            "Zweites Treffen",
            "Exkursion Salzgitter",
        ]
        assert [brain.Title for brain in upcoming_meetings(site.region, limit=1)] == ["Klausur"]

    def test_a_region_without_meetings(self, site, request_class):
        empty = api.content.create(container=site.portal, type="Region", title="Leer")
        _view, calendar = ics(empty, request_class)
        assert events(calendar) == []
