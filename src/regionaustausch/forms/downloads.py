"""A meeting's registrations and waiting list for its organisers: ``@@registrations.csv`` and
``@@registrations.xlsx`` on the registration form (for those who edit the meeting). easyform's own
export of the form's rows (the action's "saved data" page) has no seat or waiting list, so these
downloads join the rows with the seats (regionaustausch.forms.seats): one function builds the rows,
regionaustausch.spreadsheets writes them."""

from collective.easyform.api import get_schema
from plone import api
from Products.Five import BrowserView
from regionaustausch import _
from regionaustausch.domain import seats
from regionaustausch.forms.actions import OWNER_KEY
from regionaustausch.forms.registration import meeting_of
from regionaustausch.forms.registration import registrations_action
from regionaustausch.forms.seats import seat_book
from regionaustausch.listing import translated
from regionaustausch.spreadsheets import CSV_CONTENT_TYPE
from regionaustausch.spreadsheets import XLSX_CONTENT_TYPE
from regionaustausch.spreadsheets import csv_text
from regionaustausch.spreadsheets import send
from regionaustausch.spreadsheets import xlsx_bytes
from zope.schema import getFieldsInOrder


PLACES = {seats.SEAT: _("Seat"), seats.WAITING: _("Waiting list")}


def _cell(value):
    if isinstance(value, (set, list, tuple)):
        return ", ".join(str(item) for item in value)
    if isinstance(value, bool):
        return "ja" if value else "nein"
    return value


def registration_rows(form, request=None):
    """``(header, rows)``: everyone with a seat, then everyone waiting, in order: place, position,
    name and e-mail address of the account, the form's saved fields, when they registered."""
    action = registrations_action(form)
    fields = [
        (name, field.title)
        for name, field in getFieldsInOrder(get_schema(form))
        if not action.showFields or name in action.showFields
    ]
    by_user = {}
    for _key, row in action.getSavedFormInputItems() if action is not None else ():
        by_user.setdefault(row.get(OWNER_KEY), row)
    header = [
        translated(_("Place"), request),
        translated(_("Position"), request),
        translated(_("Name"), request),
        translated(_("E-mail address"), request),
        *(title for _name, title in fields),
        translated(_("Registered"), request),
    ]
    book = seat_book(form)
    rows = []
    for place, user_ids in ((seats.SEAT, book.seated), (seats.WAITING, book.waiting)):
        for position, user_id in enumerate(user_ids, start=1):
            user = api.user.get(userid=user_id)
            row = by_user.get(user_id, {})
            rows.append(
                [
                    translated(PLACES[place], request),
                    position,
                    (user.getProperty("fullname", None) if user else None) or user_id,
                    user.getProperty("email", None) if user else None,
                    *(_cell(row.get(name)) for name, _title in fields),
                    row.get("dt"),
                ]
            )
    return header, rows


def _filename(form, extension):
    meeting = meeting_of(form)
    return f"anmeldungen-{meeting.getId() if meeting is not None else form.getId()}.{extension}"


class RegistrationsCSV(BrowserView):
    def __call__(self):
        body = csv_text(*registration_rows(self.context, self.request)).encode("utf-8")
        return send(self.request.response, body, CSV_CONTENT_TYPE, _filename(self.context, "csv"))


class RegistrationsXLSX(BrowserView):
    def __call__(self):
        header, rows = registration_rows(self.context, self.request)
        body = xlsx_bytes(header, rows, title=translated(_("Registrations"), self.request))
        return send(self.request.response, body, XLSX_CONTENT_TYPE, _filename(self.context, "xlsx"))
