"""What the lists built from catalog brains share (the directory, the network overview): the catalog,
paths, metadata values and translation for the request.

Listings read brains (indexes and metadata) and never wake an object for what the catalog keeps;
these helpers are the small steps every such list takes.
"""

from plone import api
from zope.globalrequest import getRequest
from zope.i18n import translate
import Missing


def catalog():
    """The site's ``portal_catalog``."""
    return api.portal.get_tool("portal_catalog")


def path_of(obj):
    """The physical path of ``obj`` as a string, as the catalog's ``path`` index takes it."""
    return "/".join(obj.getPhysicalPath())


def metadata(brain, name, default=None):
    """A metadata value of ``brain``; ``default`` where the column is missing or holds nothing."""
    value = getattr(brain, name, default)
    return default if value is Missing.Value or value is None else value


def translated(message, request=None):
    """``message`` translated for ``request`` (default: the current request)."""
    return translate(message, context=request if request is not None else getRequest())
