"""The registration on a meeting's page: a viewlet (not part of the meeting's template, which is the
proposals' part) with the seats taken and free, the waiting list, where the visitor stands (and the
link to cancel), the link to the form, and for the organisers the downloads."""

from plone import api
from plone.app.layout.viewlets.common import ViewletBase
from regionaustausch.domain.seats import free_seats
from regionaustausch.forms.registration import OPEN_STATE
from regionaustausch.forms.registration import cancel_url
from regionaustausch.forms.registration import registration_form
from regionaustausch.forms.registration import status_message
from regionaustausch.forms.seats import seat_book
from zope.i18n import translate


class RegistrationViewlet(ViewletBase):
    def update(self):
        super().update()
        self.form = registration_form(self.context)
        self.book = seat_book(self.form, create=False) if self.form is not None else None

    def available(self):
        return self.book is not None

    def counts(self):
        capacity = getattr(self.context, "capacity", None)
        seated = len(self.book.seated)
        return {
            "capacity": capacity,
            "seated": seated,
            "free": free_seats(capacity, seated),
            "waiting": len(self.book.waiting),
        }

    def is_open(self):
        return api.content.get_state(self.context, default=None) == OPEN_STATE

    def mine(self):
        """``{"status", "cancel_url"}`` for a logged-in visitor who registered, else ``None``."""
        if api.user.is_anonymous():
            return None
        user_id = api.user.get_current().getId()
        status = status_message(self.form, user_id)
        if status is None:
            return None
        return {
            "status": translate(status, context=self.request),
            "cancel_url": cancel_url(self.form, user_id),
        }

    def form_url(self):
        return self.form.absolute_url()

    def may_download(self):
        return api.user.has_permission("Modify portal content", obj=self.form)
