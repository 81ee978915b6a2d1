"""How refusals of the domain rules become HTTP errors that plone.rest renders as
``{"type": ..., "message": ...}`` JSON."""

from regionaustausch import _
from regionaustausch.domain.errors import RuleViolation
from zExceptions import BadRequest
from zExceptions import Forbidden
from zExceptions import HTTPConflict
from zExceptions import Unauthorized
from zope.i18n import translate


class Conflict(HTTPConflict):
    """409: the request conflicts with the resource's current state (e.g. a second support)."""


_BY_STATUS = {400: BadRequest, 401: Unauthorized, 403: Forbidden, 409: Conflict}


def http_error(violation: RuleViolation, request):
    """The zExceptions error for ``violation`` (its ``http_status``), with the translated message."""
    message = translate(_(violation.msgid, mapping=violation.mapping), context=request)
    return _BY_STATUS.get(violation.http_status, BadRequest)(message)
