"""Registering for a meeting over HTTP: seats in order, the waiting list, the concurrent last seat,
the cancel link of the mail, moving up, the downloads and the counts on the meeting's page."""

from concurrent.futures import ThreadPoolExecutor
from plone import api
from regionaustausch.domain.seats import SEAT
from regionaustausch.domain.seats import WAITING
from regionaustausch.forms.actions import OWNER_KEY
from regionaustausch.forms.registration import REGISTRATION_FORM_ID
from regionaustausch.forms.registration import cancel_url
from regionaustausch.forms.registration import registration_form
from regionaustausch.forms.registration import registrations_action
from regionaustausch.forms.seats import seat_book
from regionaustausch.testing import add_member
from regionaustausch.testing import allow_meetings
from tests.forms.conftest import browser
from tests.forms.conftest import fill
from tests.forms.conftest import form_values
from tests.forms.conftest import mail_text
from tests.forms.conftest import mails
from tests.forms.conftest import submit
import datetime
import io
import openpyxl
import pytest
import re
import threading
import transaction


MEMBERS = ("mit1", "mit2", "mit3", "mit4", "mit5", "mit6")


@pytest.fixture
def meeting(network):
    """A planned meeting with 2 seats, and six more members."""
    with api.env.adopt_roles(["Manager"]):
        for user_id in MEMBERS:
            add_member(network["wolfsburg"], user_id, "Mitglied", user_id.upper())
        proposal = api.content.create(container=network["region"], type="ExchangeProposal", id="p", title="V")
        api.content.transition(obj=proposal, transition="submit")
        api.content.transition(obj=proposal, transition="open_discussion")  # the members see it
        allow_meetings(proposal)
        start = datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(days=14)
        meeting = api.content.create(
            container=proposal,
            type="Meeting",
            id="treffen",
            title="Erstes Treffen",
            start=start,
            end=start + datetime.timedelta(hours=2),
            capacity=2,
        )
    transaction.commit()
    return meeting


def book():
    transaction.begin()
    return seat_book(registration_form(api.portal.get()["region"]["p"]["treffen"]))


def register(user, meeting, remarks=""):
    http = browser(user)
    url = f"{meeting.absolute_url()}/{REGISTRATION_FORM_ID}"
    page = http.get(url)
    assert page.status_code == 200, page.text
    values, _action = form_values(page.text)
    return submit(http, url, fill(values, remarks=remarks, consent=["selected"]))


def test_each_meeting_gets_its_registration_form(meeting):
    form = registration_form(meeting)
    assert form is not None
    assert api.portal.get_tool("portal_workflow").getChainFor(form) == ()
    assert seat_book(form).seated == ()


def test_seats_in_order_then_the_waiting_list(meeting, mailhost):
    for user in ("mit1", "mit2", "mit3", "mit4"):
        response = register(user, meeting, remarks=f"Von {user}")
        assert response.status_code == 200
        assert "Vielen Dank!" in response.text
    assert "Platz 2 der Warteliste" in response.text
    assert (book().seated, book().waiting) == (("mit1", "mit2"), ("mit3", "mit4"))
    # every row carries the account that sent it
    rows = registrations_action(registration_form(meeting)).getSavedFormInput()
    assert sorted((row[OWNER_KEY], row["remarks"]) for row in rows) == [
        (user, f"Von {user}") for user in ("mit1", "mit2", "mit3", "mit4")
    ]
    # the confirmations say where one stands and how to cancel
    sent = {message["To"]: mail_text(message) for message in mails(mailhost)}
    assert "Sie haben einen Platz" in sent["mit1@example.invalid"]
    assert "Platz 1 der Warteliste" in sent["mit3@example.invalid"]
    assert "@@registration-cancel?token=" in sent["mit3@example.invalid"]


def test_once_per_person_logged_in_and_with_consent(meeting):
    assert "Vielen Dank!" in register("mit1", meeting).text
    again = register("mit1", meeting)
    assert "bereits angemeldet" in again.text
    anonymous = register(None, meeting)
    assert "Bitte melden Sie sich an" in anonymous.text
    http = browser("mit2")
    url = f"{meeting.absolute_url()}/{REGISTRATION_FORM_ID}"
    values, _action = form_values(http.get(url).text)
    refused = submit(http, url, fill(values, consent=[]))
    assert "Bitte stimmen Sie den Datenschutzhinweisen zu" in refused.text
    assert (book().seated, book().waiting) == (("mit1",), ())
    assert len(registrations_action(registration_form(meeting)).getSavedFormInput()) == 1


def test_concurrent_requests_for_the_last_seat(meeting):
    """Four members ask for the last seat at the same moment (a barrier releases the requests
    together; the server's threads run them at once and ZODB runs the losers again): exactly one
    gets it, the others wait, nobody is lost. That the seat book itself conflicts, whatever else the
    requests write, test_seats.py shows on a database of its own."""
    assert "Vielen Dank!" in register("mit1", meeting).text
    prepared = []
    for user in ("mit2", "mit3", "mit4", "mit5"):
        http = browser(user)
        url = f"{meeting.absolute_url()}/{REGISTRATION_FORM_ID}"
        values, _action = form_values(http.get(url).text)
        prepared.append((http, url, fill(values, consent=["selected"])))
    start = threading.Barrier(len(prepared))

    def send(args):
        start.wait()
        return submit(*args)

    with ThreadPoolExecutor(max_workers=len(prepared)) as pool:
        responses = list(pool.map(send, prepared))
    assert [response.status_code for response in responses] == [200] * 4
    assert all("Vielen Dank!" in response.text for response in responses)
    seats = book()
    assert len(seats.seated) == 2
    assert seats.seated[0] == "mit1"
    assert sorted(seats.seated[1:] + seats.waiting) == ["mit2", "mit3", "mit4", "mit5"]
    assert len(seats.waiting) == 3
    rows = registrations_action(registration_form(meeting)).getSavedFormInput()
    assert sorted(row[OWNER_KEY] for row in rows) == ["mit1", "mit2", "mit3", "mit4", "mit5"]


def test_cancelling_through_the_mail_link_moves_the_next_one_up(meeting, mailhost):
    for user in ("mit1", "mit2", "mit3", "mit4"):
        register(user, meeting)
    transaction.begin()  # the site's signing secret, as the server made it
    form = registration_form(meeting)
    link = cancel_url(form, "mit1")
    page = browser().get(link)  # the link works without logging in
    assert page.status_code == 200
    assert "Meine Anmeldung stornieren" in page.text
    values, action = form_values(page.text, "form[action$='registration-cancel']")
    mailhost.messages.clear()
    transaction.commit()
    done = browser().post(action, data=[*values, ("cancel", "1")])
    assert "Ihre Anmeldung wurde storniert" in done.text
    assert (book().seated, book().waiting) == (("mit2", "mit3"), ("mit4",))
    rows = registrations_action(registration_form(meeting)).getSavedFormInput()
    assert "mit1" not in {row[OWNER_KEY] for row in rows}
    [moved] = mails(mailhost)
    assert moved["To"] == "mit3@example.invalid"
    assert "jetzt einen Platz" in mail_text(moved)
    # the link is used up; a forged one changes nothing
    again = browser().get(link)
    assert "keine Anmeldung mehr" in again.text
    forged = browser().get(link[:-3] + "abc")
    assert forged.status_code == 400
    assert (book().seated, book().waiting) == (("mit2", "mit3"), ("mit4",))


def test_more_seats_move_the_waiting_up(meeting):
    for user in ("mit1", "mit2", "mit3", "mit4"):
        register(user, meeting)
    http = browser("admin")
    response = http.patch(
        meeting.absolute_url(), json={"capacity": 3}, headers={"Accept": "application/json"}
    )
    assert response.status_code == 204, response.text
    assert (book().seated, book().waiting) == (("mit1", "mit2", "mit3"), ("mit4",))


def test_counts_on_the_meeting_page_and_downloads_for_editors(meeting):
    for user in ("mit1", "mit2", "mit3"):
        register(user, meeting, remarks=f"=Von {user}")
    page = browser("mit3").get(meeting.absolute_url()).text
    counts = re.sub(r"\s+", " ", re.search(r'id="ra-registration-counts">(.*?)</p>', page, re.S).group(1))
    assert "2 von 2 Plätzen belegt" in re.sub(r"<[^>]+>", "", counts)
    assert "1 auf der Warteliste" in re.sub(r"<[^>]+>", "", counts)
    assert "Platz 1 der Warteliste" in page
    assert "registrations.csv" not in page
    form_url = registration_form(meeting).absolute_url()
    refused = browser("mit3").get(f"{form_url}/@@registrations.csv")
    assert "insufficient-privileges" in refused.url
    assert "text/csv" not in refused.headers["Content-Type"]

    admin = browser("admin")
    assert "registrations.csv" in admin.get(meeting.absolute_url()).text
    csv_response = admin.get(f"{form_url}/@@registrations.csv")
    assert csv_response.headers["Content-Type"] == "text/csv; charset=utf-8"
    assert csv_response.headers["Cache-Control"] == "private, no-store"
    lines = csv_response.content.decode("utf-8-sig").splitlines()
    assert lines[0].startswith("Platz;Position;Name;E-Mail-Adresse;Anmerkungen")
    assert lines[1].startswith("Platz;1;mit1;mit1@example.invalid;'=Von mit1")
    assert lines[3].startswith("Warteliste;1;mit3;mit3@example.invalid")
    xlsx = admin.get(f"{form_url}/@@registrations.xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[1][:5] == ("Platz", 1, "mit1", "mit1@example.invalid", "=Von mit1")
    assert rows[3][:2] == ("Warteliste", 1)


def test_seat_and_waiting_are_the_domain_words():
    assert (SEAT, WAITING) == ("seat", "waiting")
