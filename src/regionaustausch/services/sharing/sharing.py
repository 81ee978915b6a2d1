from AccessControl import getSecurityManager
from plone.restapi.services.content.sharing import SharingGet
from plone.restapi.services.content.sharing import SharingPost
from regionaustausch import _
from regionaustausch.permissions import DelegateRoles
from zExceptions import Forbidden
from zope.i18n import translate


MSG_NOT_ALLOWED = _("Only site administrators can delegate roles here or change their inheritance.")


def check_delegate_roles(service):
    """Refuse with a 403 that says why (plone.restapi's own check answers with ``null``)."""
    if not getSecurityManager().checkPermission(DelegateRoles, service.context):
        raise Forbidden(translate(MSG_NOT_ALLOWED, context=service.request))


class ExplainedSharingGet(SharingGet):
    def reply(self):
        check_delegate_roles(self)
        return super().reply()


class ExplainedSharingPost(SharingPost):
    def reply(self):
        check_delegate_roles(self)
        return super().reply()
