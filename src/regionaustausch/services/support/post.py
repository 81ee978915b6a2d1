from plone import api
from plone.protect.interfaces import IDisableCSRFProtection
from plone.restapi.services import Service
from regionaustausch import _
from regionaustausch.domain.supports import SupportRefused
from regionaustausch.services.errors import http_error
from regionaustausch.services.support.get import support_json
from regionaustausch.supports import add_support
from zExceptions import Unauthorized
from zope.i18n import translate
from zope.interface import alsoProvides


class SupportPost(Service):
    """POST @support: the current network member supports the proposal (201 with the new state);
    400 outside the discussion, 401 anonymous, 403 not a network member, 409 supported already."""

    def reply(self):
        if api.user.is_anonymous():
            raise Unauthorized(translate(_("Log in to support a proposal."), context=self.request))
        alsoProvides(self.request, IDisableCSRFProtection)
        try:
            add_support(self.context)
        except SupportRefused as refusal:
            raise http_error(refusal, self.request) from refusal
        self.request.response.setStatus(201)
        return support_json(self.context, self.request)
