"""What ``@types/<Type>`` tells a client (Volto) beyond plone.restapi's defaults.

A list of rows (``required_resolutions``, a data grid in the Classic UI) comes from plone.restapi as an
``array`` of ``object`` items, for which Volto has no default widget (it would offer a list of strings).
Volto renders such a list with its ``object_list`` widget, which reads the rows' schema from the
field's ``schema`` (``title``, ``fieldsets``, ``properties``, ``required``). Volto gives every row an
``@id`` of its own; the content deserializer drops it (services/deserializer/dxcontent.py).
"""

from plone.namedfile.interfaces import INamedField
from plone.restapi.types.adapters import ListJsonSchemaProvider
from plone.restapi.types.interfaces import IJsonSchemaProvider
from regionaustausch.interfaces import IRegionaustauschLayer
from zope.component import adapter
from zope.i18n import translate
from zope.interface import Interface
from zope.interface import implementer
from zope.schema import getFieldsInOrder
from zope.schema.interfaces import IList
from zope.schema.interfaces import IObject


def row_schema(field):
    """The schema of a list's rows, if its rows are objects with a schema (and not files)."""
    value_type = getattr(field, "value_type", None)
    if not IObject.providedBy(value_type) or INamedField.providedBy(value_type):
        return None
    return getattr(value_type, "schema", None)


@adapter(IList, Interface, IRegionaustauschLayer)
@implementer(IJsonSchemaProvider)
class RowListJsonSchemaProvider(ListJsonSchemaProvider):
    """A list of rows as Volto's ``object_list`` widget wants it; other lists as plone.restapi has them."""

    def additional(self):
        info = super().additional()
        schema = row_schema(self.field)
        if schema is None:
            return info
        names = [name for name, _field in getFieldsInOrder(schema)]
        items = info.get("items", {})
        info["widget"] = "object_list"
        info["schema"] = {
            "title": items.get("title") or translate(self.field.value_type.title, context=self.request),
            "fieldsets": [{"id": "default", "title": "Default", "fields": names}],
            "properties": items.get("properties", {}),
            "required": [name for name, field in getFieldsInOrder(schema) if field.required],
        }
        return info
