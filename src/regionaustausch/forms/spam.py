"""Spam checks for forms that anonymous visitors may send, without an outside captcha service.

Two fields of a form model, each checked by a validator that easyform offers in the field's settings
("Validators"), so editors can put them into any form:

- **Honeypot** (:data:`HONEYPOT_VALIDATOR`): a text field that people do not see (the CSS class
  :data:`HONEYPOT_CSS_CLASS` moves it off the screen; its label says to leave it empty) and that
  form-filling robots fill in. A value refuses the submission.
- **Minimum fill time** (:data:`FILL_TIME_VALIDATOR`): a hidden field whose default is a token signed
  by the site (regionaustausch.signing) holding the time the form was shown (the view
  ``@@regionaustausch-form-stamp``, named in the field's default expression). A submission sent less
  than :data:`MIN_FILL_SECONDS` after that, with a token older than :data:`MAX_FORM_AGE`, or with a
  missing or forged token is refused.

Both checks apply to anonymous submissions only: a logged-in user is known and accountable, and a
browser's autofill must not lock them out. The messages are German (through the catalogue).
"""

from collective.easyform.interfaces import IFieldValidator
from plone import api
from Products.Five import BrowserView
from regionaustausch import _
from regionaustausch.signing import InvalidToken
from regionaustausch.signing import sign
from regionaustausch.signing import unsign
from zope.interface import provider
import time


HONEYPOT_VALIDATOR = "regionaustausch.honeypot"
FILL_TIME_VALIDATOR = "regionaustausch.fill_time"
#: The CSS class (browser/static/regionaustausch.css) that takes the honeypot off the screen.
HONEYPOT_CSS_CLASS = "ra-honeypot"

#: The purpose of the fill-time tokens (regionaustausch.signing).
STAMP_SALT = "regionaustausch.forms.fill-time"
#: Faster than this, no person fills in a form of several fields (seconds).
MIN_FILL_SECONDS = 3
#: A form shown longer ago than this must be loaded again (seconds).
MAX_FORM_AGE = 24 * 60 * 60

MSG_HONEYPOT = "This field must stay empty."
MSG_TOO_FAST = (
    "The form was sent faster than a person can fill it in. Please check your entries and send it again."
)
MSG_EXPIRED = "The form has expired. Please load the page again and fill in the form once more."


def form_stamp(now=None):
    """A signed token of the time the form is shown (seconds since the epoch)."""
    return sign({"shown": now if now is not None else time.time()}, STAMP_SALT)


def fill_time_problem(token, now=None):
    """The message (a msgid) why a submission with ``token`` is refused, or ``None``: the token must be
    the site's, at most :data:`MAX_FORM_AGE` old and at least :data:`MIN_FILL_SECONDS`."""
    now = now if now is not None else time.time()
    try:
        data = unsign(token, STAMP_SALT, max_age=MAX_FORM_AGE)
    except InvalidToken:
        return MSG_EXPIRED
    shown = data.get("shown") if isinstance(data, dict) else None
    if not isinstance(shown, (int, float)):
        return MSG_EXPIRED
    if now - shown < MIN_FILL_SECONDS:
        return MSG_TOO_FAST
    return None


@provider(IFieldValidator)
def honeypot(value, **kwargs):
    """easyform field validator: an anonymous submission must leave the field empty."""
    if value and api.user.is_anonymous():
        return _(MSG_HONEYPOT)
    return None


@provider(IFieldValidator)
def fill_time(value, **kwargs):
    """easyform field validator: an anonymous submission needs a valid token shown long enough ago."""
    if not api.user.is_anonymous():
        return None
    problem = fill_time_problem(value)
    return _(problem) if problem else None


class FormStamp(BrowserView):
    """``@@regionaustausch-form-stamp``: a fresh fill-time token, as the default of the hidden field
    (``easyform:TDefault="object/@@regionaustausch-form-stamp"``)."""

    def __call__(self):
        return form_stamp()
