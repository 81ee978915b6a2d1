"""The body guard: a request's body is checked once, before anything reads it.

A body declared as JSON is checked when the site is traversed, any other body to a REST service after
traversal: a body larger than :data:`MAX_BODY_SIZE` is refused with 413, a body that is not JSON, or JSON
that is not an object, with 400. Without it, POST to a folder and ``@workflow`` answer a body that is not
JSON with a 500 (``json_body`` raises a DeserializationError that only some services catch), and JSON
nested too deeply is a 500 of plone.restapi's JWT plugin, which parses every JSON body while
authenticating.
"""

from plone.rest.service import Service as RestService
from regionaustausch.interfaces import IRegionaustauschLayer
from regionaustausch.services.deserializer import translated
from regionaustausch.services.deserializer.json_types import json_kind
from zExceptions import BadRequest
from zExceptions import HTTPRequestEntityTooLarge
from zope.i18n import translate
import json


#: The largest request body the REST API reads (bytes). The largest JSON any of our types needs is a
#: municipality's logo, base64-encoded (4/3 of the file): 10 MiB allow a logo of 7 MB, far more than a
#: coat of arms needs, and keep a JSON parse cheap. (Zope's own ``form-memory-limit`` guards forms, not
#: JSON: plone.restapi lifts it for request bodies.) The WSGI server's ``max_request_body_size``
#: (instance/zope.ini) must stay above this, or it answers first, with a plain-text 413.
MAX_BODY_SIZE = 10 * 1024 * 1024

#: Methods whose body is read.
BODY_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
#: Content types of bodies that plone.restapi reads as JSON (curl sends JSON as a form by default;
#: Python's requests sends a string without any content type). Other bodies (files, the chunks of a
#: resumable upload) are neither parsed nor limited here.
JSON_CONTENT_TYPES = frozenset({"", "application/json", "text/plain", "application/x-www-form-urlencoded"})

#: Marks a request whose body was checked (in its WSGI environment).
CHECKED = "regionaustausch.body_checked"

MSG_TOO_LARGE = "The request body is too large: it may have at most ${max} bytes, it has ${length}."
MSG_NOT_JSON = "The request body is not valid JSON: ${reason}"
MSG_NOT_AN_OBJECT = "The request body must be a JSON object ({...}), not ${actual}."


class RequestEntityTooLarge(HTTPRequestEntityTooLarge):
    """413. ZPublisher derives the status code from the class name, so it must be this one (zExceptions'
    ``HTTPRequestEntityTooLarge`` would become a 500)."""


def _content_type(request):
    return (request.getHeader("Content-Type") or "").split(";", 1)[0].strip().lower()


def _content_length(request):
    try:
        return int(request.getHeader("Content-Length") or 0)
    except ValueError:
        return 0


def check_body(request, service=False):
    """Refuse a request's body that is too large (413), not JSON or not a JSON object (400), in
    plone.rest's JSON error format; once per request.

    A body sent as ``application/json`` is checked whatever the request (plone.restapi's JWT plugin
    parses it while authenticating anybody, and fails with a 500 on JSON nested too deeply). A body
    without a content type, or as text or a form, only when it goes to a REST service (``service``):
    plone.restapi reads those as JSON too (curl sends JSON as a form unless told otherwise), while a
    browser view reads a form as a form, also when its caller asks for a JSON answer."""
    if request.environ.get(CHECKED):
        return
    if (request.get("REQUEST_METHOD") or "GET").upper() not in BODY_METHODS:
        return
    content_type = _content_type(request)
    declared_json = content_type == "application/json" or content_type.endswith("+json")
    if not (declared_json or (service and content_type in JSON_CONTENT_TYPES)):
        return
    request.environ[CHECKED] = True
    length = _content_length(request)
    if length > MAX_BODY_SIZE:
        raise RequestEntityTooLarge(translated(MSG_TOO_LARGE, request, max=MAX_BODY_SIZE, length=length))
    body = request.get("BODY") or b""
    if len(body) > MAX_BODY_SIZE:  # a chunked body has no Content-Length
        raise RequestEntityTooLarge(translated(MSG_TOO_LARGE, request, max=MAX_BODY_SIZE, length=len(body)))
    if not body.strip():
        return  # plone.restapi reads an empty body as {}
    try:
        data = json.loads(body)
    except RecursionError:
        raise BadRequest(translated(MSG_NOT_JSON, request, reason="nested too deeply")) from None
    except ValueError as error:  # JSONDecodeError and UnicodeDecodeError
        raise BadRequest(translated(MSG_NOT_JSON, request, reason=str(error))) from None
    if not isinstance(data, dict):
        actual = translate(json_kind(data), context=request)
        raise BadRequest(translated(MSG_NOT_AN_OBJECT, request, actual=actual))


def check_body_at_site(site, event):
    """``IBeforeTraverseEvent`` of the site: bodies declared as JSON, before the user is authenticated
    (which may parse the body), after plone.browserlayer marked the request with our layer (its
    subscriber comes first)."""
    request = event.request
    if IRegionaustauschLayer.providedBy(request):
        check_body(request)


def check_body_after_traversal(event):
    """``IPubAfterTraversal``: the bodies of requests to a REST service, whatever their content type."""
    request = event.request
    if IRegionaustauschLayer.providedBy(request):
        check_body(request, service=isinstance(request.get("PUBLISHED"), RestService))
