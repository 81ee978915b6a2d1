"""The Dexterity deserializer of our types: plone.restapi's, with JSON types checked first and every
error naming its field.

* Values of the wrong JSON type are refused before plone.restapi converts them (:mod:`.json_types`).
* Errors of invariants come from plone.restapi without a ``field`` (it reads only the message of a
  ``zope.interface.Invalid``); :class:`~regionaustausch.content.validation.RuleInvalid` knows its
  fields, and the answer names them (``field``: the first, ``fields``: all).
* An unknown value of a vocabulary is "Constraint not satisfied" in zope.schema; the answer says which
  value is unknown.
* Volto's ``object_list`` widget gives every row of a list of rows an ``@id``; it is dropped before the
  rows are read (our rows refuse unknown keys).
"""

from plone.app.event.dx.behaviors import StartBeforeEnd
from plone.app.textfield.interfaces import IRichText
from plone.dexterity.utils import iterSchemata
from plone.restapi.deserializer import json_body
from plone.restapi.deserializer.dxcontent import DeserializeFromJson
from plone.restapi.interfaces import IDeserializeFromJson
from regionaustausch.content.post import IPost
from regionaustausch.content.thread import IThread
from regionaustausch.discussions import editing_refusal
from regionaustausch.interfaces import IRegionaustauschContent
from regionaustausch.interfaces import IRegionaustauschLayer
from regionaustausch.services.deserializer import translated
from regionaustausch.services.deserializer.json_types import expected_json
from regionaustausch.services.deserializer.json_types import json_kind
from regionaustausch.services.deserializer.json_types import json_type_matches
from regionaustausch.services.errors import http_error
from regionaustausch.services.jsonschema import row_schema
from zExceptions import BadRequest
from zope.component import adapter
from zope.i18n import translate
from zope.interface import Invalid
from zope.interface import implementer
from zope.schema import getFields
from zope.schema.interfaces import ConstraintNotSatisfied
from zope.schema.interfaces import IChoice
from zope.schema.interfaces import ICollection
from zope.schema.interfaces import IObject


MSG_WRONG_TYPE = "Wrong type: ${expected} expected, not ${actual}."
MSG_UNKNOWN_VALUE = "Unknown value: ${value}. Choose one of the allowed values."


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
                message = translated(
                    MSG_WRONG_TYPE,
                    self.request,
                    expected=translate(expected, context=self.request),
                    actual=translate(json_kind(actual), context=self.request),
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
                error["message"] = translated(MSG_UNKNOWN_VALUE, self.request, value=_shorten(value))
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
