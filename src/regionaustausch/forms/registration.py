"""Registering for a meeting ("Anmeldung"): each Meeting holds a registration form (models
``registration_fields.xml``/``registration_actions.xml``), made with the meeting.

The form's action :class:`MeetingRegistration` is easyform's save-data action with the submitter's
account (:class:`~regionaustausch.forms.actions.OwnedSaveData`) that first books a seat: the meeting's
``capacity`` seats go in order, then the waiting list (regionaustausch.domain.seats, kept in the
form's :class:`~regionaustausch.forms.seats.SeatBook`, whose conflicts make concurrent requests for
the last seat run one after the other). Only logged-in people register, each once, and only while the
meeting is planned. A confirmation mail says where one stands and carries a signed link that cancels
the registration (:func:`cancel_url`, regionaustausch.signing); cancelling removes the row and lets
the first ones waiting move up, who get a mail. More seats (a higher capacity) move people up too.
"""

from Acquisition import aq_inner
from Acquisition import aq_parent
from collective.easyform.actions import ActionFactory
from collective.easyform.api import get_actions
from collective.easyform.api import get_context
from collective.easyform.config import FORM_ERROR_MARKER
from plone import api
from plone.app.textfield.value import RichTextValue
from plone.supermodel.exportimport import BaseHandler
from Products.statusmessages.interfaces import IStatusMessage
from regionaustausch import _
from regionaustausch.content.meeting import IMeeting
from regionaustausch.domain import seats
from regionaustausch.forms.actions import OWNER_KEY
from regionaustausch.forms.actions import OwnedSaveData
from regionaustausch.forms.creation import create_form
from regionaustausch.forms.mail import send_mail
from regionaustausch.forms.seats import seat_book
from regionaustausch.signing import InvalidToken
from regionaustausch.signing import sign
from regionaustausch.signing import unsign
from zope.interface import Interface
from zope.schema import getFieldsInOrder


REGISTRATION_FORM_ID = "anmeldung"
TITLE = "Anmeldung"
THANKS_TEXT = (
    "<p>Ihre Anmeldung ist eingegangen. Ob Sie einen Platz haben oder auf der Warteliste stehen, sehen "
    "Sie auf der Seite des Treffens und in der Bestätigung, die wir Ihnen per E-Mail senden.</p>"
)
#: The meeting's state in which people register (regionaustausch_meeting_workflow).
OPEN_STATE = "planned"
#: The purpose of cancel links (regionaustausch.signing), and how long one works (seconds).
CANCEL_SALT = "regionaustausch.registration.cancel"
CANCEL_MAX_AGE = 2 * 365 * 24 * 60 * 60

MSG_LOGIN = "Please log in to register for the meeting."
MSG_CLOSED = "Registration for this meeting is closed."
MSG_SEAT = "You are registered for the meeting ${meeting}: you have a seat."
MSG_WAITING = "The meeting ${meeting} is full: you are number ${position} on the waiting list."
MSG_MOVED_UP = "A seat has become free: you now have a seat at the meeting ${meeting}."
MSG_SUBJECT = "Registration: ${meeting}"
MSG_BODY = "Hello ${name},\n\n${status}\n\nThe meeting: ${url}\n\nTo cancel your registration:\n${cancel}\n"


class IRegistrationForm(Interface):
    """Marker of a meeting's registration form."""


def registration_form(meeting):
    """The meeting's registration form, or ``None``."""
    form = meeting.get(REGISTRATION_FORM_ID) if hasattr(meeting, "get") else None
    return form if IRegistrationForm.providedBy(form) else None


def meeting_of(form):
    meeting = aq_parent(aq_inner(form))
    return meeting if IMeeting.providedBy(meeting) else None


def capacity_of(form):
    """The meeting's seats (``None``: no limit)."""
    meeting = meeting_of(form)
    return getattr(meeting, "capacity", None) if meeting is not None else None


def registrations_action(form):
    """The form's :class:`MeetingRegistration` action, or ``None``."""
    for _name, action in getFieldsInOrder(get_actions(form)):
        if isinstance(action, MeetingRegistration):
            return action
    return None


def ensure_registration_form(meeting):
    """The meeting's registration form, made with its seats and row storage if it has none (an object
    under the id that is not the form is left alone; then ``None``)."""
    existing = meeting.get(REGISTRATION_FORM_ID)
    if existing is not None:
        return existing if IRegistrationForm.providedBy(existing) else None
    form = create_form(
        meeting,
        REGISTRATION_FORM_ID,
        TITLE,
        fields="registration_fields",
        actions="registration_actions",
        marker=IRegistrationForm,
        description=f"Anmeldung zum Treffen „{meeting.Title()}“",
        thankstitle="Vielen Dank!",
        thanksPrologue=RichTextValue(THANKS_TEXT, "text/html", "text/x-html-safe"),
        includeEmpties=False,
    )
    # Made now, not by the first registrations, which would all write the form at once.
    seat_book(form)
    action = registrations_action(form)
    if action is not None:
        action.itemsSaved()
    return form


def meeting_added(meeting, event):
    if event.object is meeting:
        ensure_registration_form(meeting)


def meeting_modified(meeting, event):
    """More seats: the first ones waiting move up (and are told)."""
    form = registration_form(meeting)
    book = seat_book(form, create=False) if form is not None else None
    if book is None or not book.waiting:
        return
    for user_id in book.fill(getattr(meeting, "capacity", None)):
        tell_moved_up(form, user_id)


# -- status, links and mails --------------------------------------------------------------------------


def status_message(form, user_id):
    """The (translatable) sentence where ``user_id`` stands, or ``None``."""
    book = seat_book(form, create=False)
    place, position = book.place_of(user_id) if book is not None else (None, None)
    meeting = meeting_of(form).Title()
    if place == seats.SEAT:
        return _(MSG_SEAT, mapping={"meeting": meeting})
    if place == seats.WAITING:
        return _(MSG_WAITING, mapping={"meeting": meeting, "position": position})
    return None


def cancel_url(form, user_id):
    """The signed link with which ``user_id`` cancels their registration (mail, "Mein Netzwerk")."""
    token = sign({"form": api.content.get_uuid(form), "user": user_id}, CANCEL_SALT)
    return f"{form.absolute_url()}/@@registration-cancel?token={token}"


def user_of_token(form, token):
    """The user id a cancel link of ``form`` names; raises InvalidToken for any other token."""
    data = unsign(token, CANCEL_SALT, max_age=CANCEL_MAX_AGE)
    if not isinstance(data, dict) or data.get("form") != api.content.get_uuid(form) or not data.get("user"):
        raise InvalidToken("not a cancel link of this form")
    return data["user"]


def _mail(form, user_id, status, request=None):
    user = api.user.get(userid=user_id)
    if user is None:
        return False
    meeting = meeting_of(form)
    mapping = {
        "name": user.getProperty("fullname", None) or user_id,
        "status": status,
        "url": meeting.absolute_url(),
        "cancel": cancel_url(form, user_id),
    }
    subject = _(MSG_SUBJECT, mapping={"meeting": meeting.Title()})
    return send_mail(user.getProperty("email", None), subject, _(MSG_BODY, mapping=mapping), request)


def tell_moved_up(form, user_id, request=None):
    return _mail(form, user_id, _(MSG_MOVED_UP, mapping={"meeting": meeting_of(form).Title()}), request)


def cancel_registration(form, user_id):
    """Take ``user_id`` off the meeting: their rows go, the first ones waiting move up and are told.
    Raises :class:`~regionaustausch.domain.seats.NotRegistered`."""
    moved = seat_book(form).cancel(user_id, capacity_of(form))
    action = registrations_action(form)
    if action is not None:
        for key, row in action.getSavedFormInputItems():
            if row.get(OWNER_KEY) == user_id:
                action.delDataRow(key)
    for other in moved:
        tell_moved_up(form, other)
    return moved


class MeetingRegistration(OwnedSaveData):
    """Books a seat or a place on the waiting list, then saves the row with the account."""

    def onSuccess(self, fields, request):
        form = get_context(self)
        meeting = meeting_of(form)
        if api.user.is_anonymous():
            return {FORM_ERROR_MARKER: _(MSG_LOGIN)}
        if meeting is None or api.content.get_state(meeting, default=None) != OPEN_STATE:
            return {FORM_ERROR_MARKER: _(MSG_CLOSED)}
        user_id = api.user.get_current().getId()
        try:
            seat_book(form).book(user_id, capacity_of(form))
        except seats.AlreadyRegistered as refusal:
            return {FORM_ERROR_MARKER: _(refusal.msgid)}
        super().onSuccess(fields, request)
        status = status_message(form, user_id)
        IStatusMessage(request).add(status, type="info")
        _mail(form, user_id, status, request)
        return None


MeetingRegistrationAction = ActionFactory(
    MeetingRegistration,
    _("Register for the meeting (seats and waiting list)"),
    "collective.easyform.AddDataSavers",
)
MeetingRegistrationHandler = BaseHandler(MeetingRegistration)
