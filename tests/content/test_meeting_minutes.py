"""The add and edit forms of a meeting refuse minutes before the meeting's end, at the minutes' field
(regionaustausch.browser.meeting, domain.meetings)."""

from datetime import datetime
from datetime import timedelta
from plone import api
from regionaustausch.browser.meeting import MeetingAddForm
from regionaustausch.browser.meeting import MeetingEditForm
from regionaustausch.interfaces import IRegionaustauschLayer
from tests.content.conftest import speak_german
from zope.interface import alsoProvides
import pytest
import pytz


BERLIN = pytz.timezone("Europe/Berlin")
REFUSED = "Das Protokoll kann erst nach dem Ende des Treffens ("


def widget_time(value):
    return value.strftime("%Y-%m-%dT%H:%M")


def submit(form_class, context, request, values):
    alsoProvides(request, IRegionaustauschLayer)
    request.form.clear()
    request.form.update(values)
    form = form_class(context, request)
    if form_class is MeetingAddForm:
        form.portal_type = "Meeting"
    form.update()
    data, errors = form.extractData()
    minutes_errors = [
        widget.error.message for _name, widget in form.widgets.items() if widget.error is not None
    ]
    for group in getattr(form, "groups", ()):
        minutes_errors += [w.error.message for _n, w in group.widgets.items() if w.error is not None]
    return data, errors, minutes_errors


def form_values(start, end, minutes):
    return {
        "form.widgets.IBasic.title": "Treffen",
        "form.widgets.IEventBasic.start": widget_time(start),
        "form.widgets.IEventBasic.end": widget_time(end),
        "form.widgets.minutes": minutes,
        "form.widgets.minutes.mimeType": "text/html",
    }


@pytest.fixture
def proposal(tree):
    return tree.proposal


@pytest.fixture
def german(http_request):
    return speak_german(http_request)


def test_add_form_refuses_minutes_before_the_end(proposal, german):
    start = datetime.now(BERLIN) + timedelta(days=3)
    _data, errors, messages = submit(
        MeetingAddForm, proposal, german, form_values(start, start + timedelta(hours=2), "<p>Vorab.</p>")
    )
    assert errors
    assert [message for message in messages if message.startswith(REFUSED)]


def test_add_form_takes_minutes_of_a_past_meeting_and_a_future_one_without(proposal, german):
    start = datetime.now(BERLIN) - timedelta(days=3)
    _data, errors, _messages = submit(
        MeetingAddForm, proposal, german, form_values(start, start + timedelta(hours=2), "<p>Protokoll.</p>")
    )
    assert errors == ()
    future = datetime.now(BERLIN) + timedelta(days=3)
    _data, errors, _messages = submit(
        MeetingAddForm, proposal, german, form_values(future, future + timedelta(hours=2), "")
    )
    assert errors == ()


def test_edit_form_refuses_minutes_before_the_end(proposal, german):
    start = datetime.now(BERLIN).replace(microsecond=0) + timedelta(days=3)
    with api.env.adopt_roles(["Manager"]):
        meeting = api.content.create(
            container=proposal,
            type="Meeting",
            id="m",
            title="Treffen",
            start=start,
            end=start + timedelta(hours=2),
        )
    values = form_values(start, start + timedelta(hours=2), "<p>Vorab.</p>")
    _data, errors, messages = submit(MeetingEditForm, meeting, german, values)
    assert errors
    assert [message for message in messages if message.startswith(REFUSED)]
    past = start - timedelta(days=10)
    _data, errors, _messages = submit(
        MeetingEditForm, meeting, german, form_values(past, past + timedelta(hours=2), "<p>Protokoll.</p>")
    )
    assert errors == ()
    assert meeting.minutes is None  # extracting alone stores nothing
