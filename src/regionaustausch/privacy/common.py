"""What the privacy modules share: unrestricted catalog searches, paths, and JSON-ready references."""

from Acquisition import aq_base
from datetime import datetime
from datetime import timezone
from plone import api
from plone.namedfile.interfaces import INamed
from plone.restapi.serializer.converters import json_compatible


def search(**query):
    """Catalog entries, whatever the caller may see: the privacy functions decide who asks."""
    return api.portal.get_tool("portal_catalog").unrestrictedSearchResults(**query)


def path_of(obj):
    return "/".join(obj.getPhysicalPath())


def is_below(path, tops):
    """Whether ``path`` is one of ``tops`` or lies below one of them."""
    return any(path == top or path.startswith(top + "/") for top in tops)


def now():
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def plain(value):
    """``value`` as JSON-ready data: plone.restapi's ``json_compatible`` (dates as ISO 8601, rich text
    as ``{"data", "content-type", "encoding"}``, relations as references), and files, which it has no
    converter for, as their facts; a mapping (a form's row) value by value."""
    if INamed.providedBy(value):
        return {"filename": value.filename, "content-type": value.contentType, "size": value.getSize()}
    if isinstance(value, dict):
        return {str(key): plain(item) for key, item in value.items()}
    return json_compatible(value)


def ref(obj):
    if obj is None:
        return None
    return {
        "@id": obj.absolute_url(),
        "@type": obj.portal_type,
        "UID": api.content.get_uuid(obj),
        "title": obj.Title(),
    }


def brain_ref(brain):
    return {"@id": brain.getURL(), "@type": brain.portal_type, "UID": brain.UID, "title": brain.Title}


def workflow_entries(obj):
    """All workflow history entries of ``obj`` as stored (oldest first per workflow)."""
    history = getattr(aq_base(obj), "workflow_history", None) or {}
    return [entry for entries in history.values() for entry in entries]
