from plone.protect.interfaces import IDisableCSRFProtection
from plone.restapi.services import Service
from regionaustausch.domain.supports import SupportRefused
from regionaustausch.services.errors import http_error
from regionaustausch.services.support.get import support_json
from regionaustausch.supports import add_support
from zope.interface import alsoProvides


class SupportPost(Service):
    """POST @support: the current network member supports the proposal (201 with the new state);
    400 outside the discussion, 401 anonymous, 403 not a network member, 409 supported already."""

    def reply(self):
        alsoProvides(self.request, IDisableCSRFProtection)
        try:
            add_support(self.context)
        except SupportRefused as refusal:
            raise http_error(refusal, self.request) from refusal
        self.request.response.setStatus(201)
        return support_json(self.context, self.request)
