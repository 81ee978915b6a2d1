"""What every view of ours needs: the state titles, CSRF checks, status messages."""

from DateTime import DateTime
from plone import api
from plone.app.event.base import default_timezone
from plone.protect import CheckAuthenticator
from Products.Five.browser import BrowserView
from zope.i18n import translate


def in_local_zone(value, context=None):
    """A point in time (``DateTime`` or ``datetime``) as a ``datetime`` in the user's (or else the
    site's) time zone, as plone.app.event shows events; a naive ``datetime`` is left as it is."""
    if value is None:
        return None
    if isinstance(value, DateTime):
        value = value.asdatetime()
    if value.tzinfo is None:
        return value
    return value.astimezone(default_timezone(context, as_tzinfo=True))


def wall_clock(value):
    """``value`` (a ``datetime``) for ``toLocalizedTime``, which formats every time in the server's
    own zone (``DateTime.strftime``): a ``DateTime`` of the same wall-clock time in that zone."""
    return DateTime(value.year, value.month, value.day, value.hour, value.minute, value.second)


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
        """A point in time as Plone writes it (e.g. "01.12.2026 17:00"), in the user's (or else the
        site's) time zone, not the server's."""
        value = in_local_zone(value, self.context)
        if value is None:
            return None
        return api.portal.get_localized_time(datetime=wall_clock(value), long_format=long_format)
