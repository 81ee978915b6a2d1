"""``@@registration-cancel`` on a registration form: the page behind the signed cancel link of the
confirmation mail. GET shows what the link would cancel and a button; the POST (with the site's CSRF
token) cancels. The link is the authority (whoever holds it may cancel that registration, logged in or
not); a link that is not valid for this form changes nothing and says so."""

from plone.protect import CheckAuthenticator
from Products.Five import BrowserView
from regionaustausch import _
from regionaustausch.caching import no_store
from regionaustausch.domain.seats import NotRegistered
from regionaustausch.forms.registration import cancel_registration
from regionaustausch.forms.registration import meeting_of
from regionaustausch.forms.registration import user_of_token
from regionaustausch.forms.seats import seat_book
from regionaustausch.signing import InvalidToken
from zope.i18n import translate


MSG_INVALID_LINK = "This link is not valid (any more). Please use the link of your latest mail."
MSG_CANCELLED = "Your registration has been cancelled."
MSG_NOT_REGISTERED = "There is no registration to cancel any more."


class CancelRegistration(BrowserView):
    def __call__(self):
        no_store(self.request.response)
        self.token = self.request.form.get("token", "")
        self.message = None
        self.done = False
        try:
            self.user_id = user_of_token(self.context, self.token)
        except InvalidToken:
            self.user_id = None
            self.message = _(MSG_INVALID_LINK)
            self.request.response.setStatus(400)
            return self.index()
        place, _position = seat_book(self.context).place_of(self.user_id)
        if place is None:
            self.message = _(MSG_NOT_REGISTERED)
            return self.index()
        if self.request.method == "POST" and self.request.form.get("cancel"):
            CheckAuthenticator(self.request)
            try:
                cancel_registration(self.context, self.user_id)
            except NotRegistered:
                self.message = _(MSG_NOT_REGISTERED)
            else:
                self.message = _(MSG_CANCELLED)
                self.done = True
        return self.index()

    def meeting(self):
        return meeting_of(self.context)

    def translate(self, message):
        return translate(message, context=self.request)
