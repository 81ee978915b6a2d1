"""The deserializer of meetings: the deserializer of our types, and minutes only after the meeting has
ended (domain.meetings through regionaustausch.meetings, the check the forms make too)."""

from plone.event.interfaces import IEventAccessor
from plone.restapi.deserializer import json_body
from regionaustausch.content.meeting import IMeeting
from regionaustausch.interfaces import IRegionaustauschLayer
from regionaustausch.meetings import minutes_problem
from regionaustausch.services.deserializer.dxcontent import ContentDeserializer
from zExceptions import BadRequest
from zope.component import adapter


@adapter(IMeeting, IRegionaustauschLayer)
class MeetingDeserializer(ContentDeserializer):
    """Minutes sent before the meeting's end (the end sent along, else the stored one) are a 400 that
    names the field ``minutes``; so are stored minutes when the end is moved after now."""

    def __call__(self, validate_all=False, data=None, create=False, mask_validation_errors=True):
        if data is None:
            data = json_body(self.request)
        if isinstance(data, dict) and ("minutes" in data or "end" in data):
            minutes = data["minutes"] if "minutes" in data else getattr(self.context, "minutes", None)
            end = data["end"] if "end" in data else IEventAccessor(self.context).end
            try:
                message = minutes_problem(minutes, end, self.context, self.request)
            except (TypeError, ValueError):
                message = None  # an end that is no date: the field's own error says so
            if message is not None:
                raise BadRequest([{"field": "minutes", "message": message, "error": "ValidationError"}])
        return super().__call__(
            validate_all=validate_all, data=data, create=create, mask_validation_errors=mask_validation_errors
        )
