from plone.protect.interfaces import IDisableCSRFProtection
from plone.restapi.services import Service
from regionaustausch.domain.supports import SupportRefused
from regionaustausch.services.errors import http_error
from regionaustausch.supports import withdraw_support
from zope.interface import alsoProvides


class SupportDelete(Service):
    """DELETE @support: the current user withdraws their support (204); 400 outside the discussion,
    401 anonymous, 409 when they do not support it."""

    def reply(self):
        alsoProvides(self.request, IDisableCSRFProtection)
        try:
            withdraw_support(self.context)
        except SupportRefused as refusal:
            raise http_error(refusal, self.request) from refusal
        return self.reply_no_content()
