"""How the REST API reads a request body and says what is wrong with it, laid out as plone.restapi lays
out its ``deserializer`` package.

plone.restapi reads the JSON body in each service (``json_body``) and hands the fields of a content
object to its deserializer. For a site with regionaustausch (its browser layer), this package closes
these gaps, so that bad input gets a 4xx answer in JSON that names the field and the reason, never a 500:

* :mod:`.body`, the body guard: a request's body is looked at once, before anything reads it; too
  large is a 413, not JSON or not a JSON object a 400.
* :mod:`.dxcontent`, the Dexterity deserializer of our types: values of the wrong JSON type are refused
  before plone.restapi converts them (:mod:`.json_types` says which JSON a field takes), the errors of
  invariants and unknown values of vocabularies name their fields and values.

The shape of the answer stays plone.restapi's: 400 with ``{"type": "BadRequest", "message": "[{'field':
..., 'message': ..., 'error': 'ValidationError'}, ...]"}`` for field errors (Volto reads that list),
``{"type": ..., "message": ...}`` for everything else. ``configure.zcml`` beside the modules registers
the subscribers and the adapter.
"""

from regionaustausch import _
from zope.i18n import translate


def translated(message, request, **mapping):
    """``message`` (an English msgid with ``${name}`` placeholders) in the request's language."""
    return translate(_(message, mapping=mapping), context=request)
