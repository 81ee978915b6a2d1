from plone.protect.interfaces import IDisableCSRFProtection
from plone.restapi.deserializer import json_body
from plone.restapi.services import Service
from regionaustausch import _
from regionaustausch.oparl.client import OParlError
from regionaustausch.oparl.sync import sync_region
from regionaustausch.services.errors import http_error
from zExceptions import BadRequest
from zope.i18n import translate
from zope.interface import alsoProvides


MSG_URL_TEXT = _("The field url must be the address of an OParl system as text.")
MSG_FULL_BOOLEAN = _("The field full must be true or false.")


class OParlSyncPost(Service):
    """POST @oparl-sync ``{"url": "<OParl system>", "full": false}`` (both optional; without ``url``
    the Region's and its Municipalities' systems): 200 with the run's report; 502 with the report when
    the run failed half way (whole batches stay); 400 naming ``url`` when a system cannot be used
    (nothing changed)."""

    def reply(self):
        alsoProvides(self.request, IDisableCSRFProtection)
        body = json_body(self.request) or {}
        if not isinstance(body, dict):
            body = {}
        url, full = body.get("url"), body.get("full", False)
        if url is not None and not isinstance(url, str):
            raise self.invalid("url", translate(MSG_URL_TEXT, context=self.request))
        if not isinstance(full, bool):
            raise self.invalid("full", translate(MSG_FULL_BOOLEAN, context=self.request))
        try:
            report = sync_region(self.context, url=url or None, full=full)
        except OParlError as error:
            raise self.invalid("url", http_error(error, self.request).args[0]) from error
        if report["status"] != "ok":
            self.request.response.setStatus(502)
        return report

    @staticmethod
    def invalid(field, message):
        """400 as plone.restapi answers field errors: a list of ``{"field", "message", "error"}``."""
        return BadRequest([{"field": field, "message": message, "error": "ValidationError"}])
