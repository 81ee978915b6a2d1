"""Which JSON a field takes, and the names of JSON types in messages.

zope.schema's ``fromUnicode`` turns any string into a boolean (``"ja"`` is ``False``), and plone.restapi
wraps a single value sent for a list into a list (``"topics": "a, b"`` becomes the one unknown topic
``"a, b"``): the content deserializer checks the JSON type of each value first, with these functions.
"""

from plone.app.textfield.interfaces import IRichText
from plone.namedfile.interfaces import INamedField
from regionaustausch import _
from zope.schema.interfaces import IURI
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
import re


#: Names of JSON types in messages (translated before they go into a message).
A_BOOLEAN = _("true or false")
A_WHOLE_NUMBER = _("a whole number")
A_DECIMAL_NUMBER = _("a decimal number")
A_STRING = _("a string")
A_LIST = _("a list")
AN_OBJECT = _("an object")
A_STRING_OR_OBJECT = _("a string or an object")
A_NULL = _("null")

#: The name of each JSON type (``bool`` before ``int``: a boolean is an int to Python).
_KINDS = (
    (bool, A_BOOLEAN),
    (int, A_WHOLE_NUMBER),
    (float, A_DECIMAL_NUMBER),
    (str, A_STRING),
    (list, A_LIST),
    (dict, AN_OBJECT),
)
_INTEGER = re.compile(r"\s*[-+]?\d+\s*")


def json_kind(value):
    """The name (a message id) of the JSON type of decoded ``value``."""
    for python_type, kind in _KINDS:
        if isinstance(value, python_type):
            return kind
    return A_NULL


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
