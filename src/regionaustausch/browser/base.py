"""What every view of ours needs: the state titles, CSRF checks, status messages."""

from plone import api
from plone.protect import CheckAuthenticator
from Products.Five.browser import BrowserView
from zope.i18n import translate


class RegionaustauschView(BrowserView):
    def translate(self, message):
        return translate(message, context=self.request)

    def state_of(self, obj=None):
        return api.content.get_state(obj if obj is not None else self.context, default=None)

    def state_title(self, obj=None, state=None, portal_type=None):
        """The German title of a workflow state (Plone's domain holds our workflows' titles)."""
        obj = obj if obj is not None else self.context
        state = state or self.state_of(obj)
        portal_type = portal_type or obj.portal_type
        title = api.portal.get_tool("portal_workflow").getTitleForStateOnType(state, portal_type)
        return translate(title, domain="plone", context=self.request)

    def check_csrf(self):
        """Refuse a state-changing request without plone.protect's token (raises Forbidden)."""
        CheckAuthenticator(self.request)

    def message(self, text, kind="info"):
        api.portal.show_message(message=text, request=self.request, type=kind)

    def wants_json(self):
        return "application/json" in (self.request.getHeader("Accept") or "")

    def localized_time(self, value, long_format=True):
        return api.portal.get_localized_time(datetime=value, long_format=long_format)
