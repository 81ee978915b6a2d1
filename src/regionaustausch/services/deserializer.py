"""How the REST API reads a request body and says what is wrong with it.

plone.restapi reads the JSON body in each service (``json_body``) and hands the fields of a content
object to its deserializer. For a site with regionaustausch (its browser layer), this module closes
these gaps, so that bad input gets a 4xx answer in JSON that names the field and the reason, never a 500:

* :func:`check_body` looks at a request's body once, before anything reads it (a body declared as JSON
  when the site is traversed, any other body to a REST service after traversal): a body larger than
  :data:`MAX_BODY_SIZE` is refused with 413, a body that is not JSON, or JSON that is not an object,
  with 400. Without it, POST to a folder and ``@workflow`` answer a body that is not JSON with a 500
  (``json_body`` raises a DeserializationError that only some services catch), and JSON nested too
  deeply is a 500 of plone.restapi's JWT plugin, which parses every JSON body while authenticating.
* :class:`ContentDeserializer` refuses values of the wrong JSON type before plone.restapi converts
  them: zope.schema's ``fromUnicode`` turns any string into a boolean (``"ja"`` is ``False``), and
  plone.restapi wraps a single value sent for a list into a list (``"topics": "a, b"`` becomes the
  one unknown topic ``"a, b"``).
* Errors of invariants come from plone.restapi without a ``field`` (it reads only the message of a
  ``zope.interface.Invalid``); :class:`~regionaustausch.content.validation.RuleInvalid` knows its
  fields, and the answer names them (``field``: the first, ``fields``: all).
* An unknown value of a vocabulary is "Constraint not satisfied" in zope.schema; the answer says which
  value is unknown.
* Volto's ``object_list`` widget gives every row of a list of rows an ``@id``; it is dropped before the
  rows are read (our rows refuse unknown keys).

The shape of the answer stays plone.restapi's: 400 with ``{"type": "BadRequest", "message": "[{'field':
..., 'message': ..., 'error': 'ValidationError'}, ...]"}`` for field errors (Volto reads that list),
``{"type": ..., "message": ...}`` for everything else.
"""

from plone.app.event.dx.behaviors import StartBeforeEnd
from plone.app.textfield.interfaces import IRichText
from plone.dexterity.utils import iterSchemata
from plone.namedfile.interfaces import INamedField
from plone.rest.service import Service as RestService
from plone.restapi.deserializer import json_body
from plone.restapi.deserializer.dxcontent import DeserializeFromJson
from plone.restapi.interfaces import IDeserializeFromJson
from regionaustausch import _
from regionaustausch.content.post import IPost
from regionaustausch.content.thread import IThread
from regionaustausch.discussions import editing_refusal
from regionaustausch.interfaces import IRegionaustauschContent
from regionaustausch.interfaces import IRegionaustauschLayer
from regionaustausch.services.errors import http_error
from regionaustausch.services.jsonschema import row_schema
from zExceptions import BadRequest
from zExceptions import HTTPRequestEntityTooLarge
from zope.component import adapter
from zope.i18n import translate
from zope.interface import Invalid
from zope.interface import implementer
from zope.schema import getFields
from zope.schema.interfaces import IURI
from zope.schema.interfaces import ConstraintNotSatisfied
from zope.schema.interfaces import IBool
from zope.schema.interfaces import IChoice
from zope.schema.interfaces import ICollection
from zope.schema.interfaces import IDate
from zope.schema.interfaces import IDatetime
from zope.schema.interfaces import IDict
from zope.schema.interfaces import IInt
from zope.schema.interfaces import IObject
from zope.schema.interfaces import IText
from zope.schema.interfaces import ITextLine
import json
import re


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
MSG_WRONG_TYPE = "Wrong type: ${expected} expected, not ${actual}."
MSG_UNKNOWN_VALUE = "Unknown value: ${value}. Choose one of the allowed values."

#: Names of JSON types in messages (translated before they go into MSG_WRONG_TYPE).
A_BOOLEAN = _("true or false")
A_WHOLE_NUMBER = _("a whole number")
A_DECIMAL_NUMBER = _("a decimal number")
A_STRING = _("a string")
A_LIST = _("a list")
AN_OBJECT = _("an object")
A_STRING_OR_OBJECT = _("a string or an object")

_INTEGER = re.compile(r"\s*[-+]?\d+\s*")


class RequestEntityTooLarge(HTTPRequestEntityTooLarge):
    """413. ZPublisher derives the status code from the class name, so it must be this one (zExceptions'
    ``HTTPRequestEntityTooLarge`` would become a 500)."""


def _text(message, request, **mapping):
    return translate(_(message, mapping=mapping), context=request)


def _json_kind(value):
    if isinstance(value, bool):
        return A_BOOLEAN
    if isinstance(value, int):
        return A_WHOLE_NUMBER
    if isinstance(value, float):
        return A_DECIMAL_NUMBER
    if isinstance(value, str):
        return A_STRING
    if isinstance(value, list):
        return A_LIST
    if isinstance(value, dict):
        return AN_OBJECT
    return _("null")


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
        raise RequestEntityTooLarge(_text(MSG_TOO_LARGE, request, max=MAX_BODY_SIZE, length=length))
    body = request.get("BODY") or b""
    if len(body) > MAX_BODY_SIZE:  # a chunked body has no Content-Length
        raise RequestEntityTooLarge(_text(MSG_TOO_LARGE, request, max=MAX_BODY_SIZE, length=len(body)))
    if not body.strip():
        return  # plone.restapi reads an empty body as {}
    try:
        data = json.loads(body)
    except RecursionError:
        raise BadRequest(_text(MSG_NOT_JSON, request, reason="nested too deeply")) from None
    except ValueError as error:  # JSONDecodeError and UnicodeDecodeError
        raise BadRequest(_text(MSG_NOT_JSON, request, reason=str(error))) from None
    if not isinstance(data, dict):
        actual = translate(_json_kind(data), context=request)
        raise BadRequest(_text(MSG_NOT_AN_OBJECT, request, actual=actual))


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


def expected_json(field):
    """What JSON ``field`` takes (a message id), or ``None`` when anything goes to plone.restapi."""
    if IRichText.providedBy(field):
        return A_STRING_OR_OBJECT
    if IBool.providedBy(field):
        return A_BOOLEAN
    if IInt.providedBy(field):
        return A_WHOLE_NUMBER
    if ICollection.providedBy(field):
        return A_LIST
    if IDict.providedBy(field) or IObject.providedBy(field) or INamedField.providedBy(field):
        return AN_OBJECT
    if IChoice.providedBy(field):
        return A_STRING
    if any(i.providedBy(field) for i in (ITextLine, IText, IURI, IDate, IDatetime)):
        return A_STRING
    return None


def json_type_matches(field, value):
    """Whether ``value`` (decoded JSON, not ``None``) has a type that ``field`` can take."""
    expected = expected_json(field)
    if expected is None:
        return True
    if expected is A_STRING_OR_OBJECT:
        return isinstance(value, str) or (isinstance(value, dict) and isinstance(value.get("data", ""), str))
    if expected is A_BOOLEAN:
        return isinstance(value, bool)
    if expected is A_WHOLE_NUMBER:
        # plone.restapi reads a number sent as a string, as HTML forms send it
        return (isinstance(value, int) and not isinstance(value, bool)) or (
            isinstance(value, str) and bool(_INTEGER.fullmatch(value))
        )
    if expected is A_LIST:
        return isinstance(value, list)
    if expected is AN_OBJECT:
        return isinstance(value, dict)
    if IChoice.providedBy(field):
        # a token, or plone.restapi's {"token": ..., "title": ...}
        return (isinstance(value, (str, int)) and not isinstance(value, bool)) or (
            isinstance(value, dict) and "token" in value
        )
    return isinstance(value, str)


def _shorten(value, limit=60):
    text = value if isinstance(value, str) else repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


#: Fields named by invariants of other packages that do not name them (plone.app.event's dates).
INVARIANT_FIELDS = ((StartBeforeEnd, ("end", "start")),)


def invariant_fields(error):
    """The fields an ``Invalid`` from an invariant concerns."""
    fields = getattr(error, "fields", None)
    if fields:
        return tuple(fields)
    for error_class, names in INVARIANT_FIELDS:
        if isinstance(error, error_class):
            return names
    return ()


@implementer(IDeserializeFromJson)
@adapter(IRegionaustauschContent, IRegionaustauschLayer)
class ContentDeserializer(DeserializeFromJson):
    """plone.restapi's deserializer for our types, with JSON types checked and every error naming its
    field (see the module's description)."""

    def __call__(self, validate_all=False, data=None, create=False, mask_validation_errors=True):
        if data is None:
            data = json_body(self.request)
        if not create:
            refusal = editing_refusal(self.context) if self.is_discussion() else None
            if refusal is not None:
                raise http_error(refusal, self.request)
        data = self.without_row_ids(data)
        errors = self.type_errors(data)
        if errors:
            raise BadRequest(errors)
        try:
            return super().__call__(
                validate_all=validate_all, data=data, create=create, mask_validation_errors=False
            )
        except BadRequest as error:
            if not (error.args and isinstance(error.args[0], list)):
                raise
            raise BadRequest(self.explained(error.args[0], mask_validation_errors)) from None

    def is_discussion(self):
        return IPost.providedBy(self.context) or IThread.providedBy(self.context)

    def fields(self):
        for schema in iterSchemata(self.context):
            yield from getFields(schema).items()

    def without_row_ids(self, data):
        """``data`` without the ``@id`` that Volto's ``object_list`` widget gives each row of a list of
        rows (services/jsonschema.py): it is no data of ours."""
        cleaned = dict(data)
        for name, field in self.fields():
            rows = data.get(name)
            if isinstance(rows, list) and row_schema(field) is not None:
                cleaned[name] = [
                    {key: value for key, value in row.items() if key != "@id"}
                    if isinstance(row, dict)
                    else row
                    for row in rows
                ]
        return cleaned

    def type_errors(self, data):
        """Errors for values whose JSON type the field cannot take (before anything is written)."""
        errors = []
        for name, field in self.fields():
            value = data.get(name)
            if name not in data or value is None or field.readonly:
                continue
            problem = None
            if not json_type_matches(field, value):
                # a rich text's {"data": ...} is right, its data is not
                actual = (
                    value.get("data") if isinstance(value, dict) and IRichText.providedBy(field) else value
                )
                problem = (expected_json(field), actual)
            elif isinstance(value, list) and ICollection.providedBy(field):
                value_type = getattr(field, "value_type", None)
                if value_type is not None and not IObject.providedBy(value_type):
                    wrong = [
                        item for item in value if item is None or not json_type_matches(value_type, item)
                    ]
                    if wrong:
                        problem = (expected_json(value_type), wrong[0])
            if problem is not None:
                expected, actual = problem
                message = _text(
                    MSG_WRONG_TYPE,
                    self.request,
                    expected=translate(expected, context=self.request),
                    actual=translate(_json_kind(actual), context=self.request),
                )
                errors.append({"field": name, "message": message, "error": "ValidationError"})
        return errors

    def explained(self, errors, mask):
        """plone.restapi's errors with the fields of invariants and the unknown values named."""
        for error in errors:
            exception = error.get("error")
            if isinstance(exception, Invalid) and "field" not in error:
                fields = invariant_fields(exception)
                if fields:
                    error["field"] = fields[0]
                    error["fields"] = list(fields)
            elif isinstance(exception, ConstraintNotSatisfied) and self._has_vocabulary(error.get("field")):
                value = exception.args[0] if exception.args else ""
                error["message"] = _text(MSG_UNKNOWN_VALUE, self.request, value=_shorten(value))
            if mask:
                # as plone.restapi does: no Python class names in the answer
                error["error"] = "ValidationError"
        return errors

    def _has_vocabulary(self, name):
        for field_name, field in self.fields():
            if field_name == name:
                value_type = getattr(field, "value_type", None)
                return IChoice.providedBy(field) or IChoice.providedBy(value_type)
        return False
