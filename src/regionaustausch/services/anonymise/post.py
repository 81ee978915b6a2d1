from plone import api
from plone.protect.interfaces import IDisableCSRFProtection
from plone.restapi.services import Service
from regionaustausch.privacy import ANONYMISED_KEY
from regionaustausch.privacy import AnonymisationRefused
from regionaustausch.privacy import anonymise_representative
from regionaustausch.services.errors import http_error
from zope.annotation.interfaces import IAnnotations
from zope.interface import alsoProvides


class AnonymisePost(Service):
    """POST @anonymise: 200 with the anonymised record's new address and what was done (no names);
    401 for who lacks the permission, 403 when the account holds something outside the caller's reach,
    400 when the record is not former, 409 when it is anonymised already."""

    def reply(self):
        alsoProvides(self.request, IDisableCSRFProtection)
        try:
            report = anonymise_representative(self.context)
        except AnonymisationRefused as refusal:
            raise http_error(refusal, self.request) from refusal
        record = report.pop("record")
        self.request.response.setHeader("Location", record.absolute_url())
        return {
            "@id": record.absolute_url(),
            "id": record.getId(),
            "UID": api.content.get_uuid(record),
            "title": record.Title(),
            "review_state": api.content.get_state(record),
            "anonymised": dict(IAnnotations(record)[ANONYMISED_KEY]),
            **report,
        }
