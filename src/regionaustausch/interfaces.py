"""The browser layer and the marker interfaces of regionaustausch."""

from zope.publisher.interfaces.browser import IDefaultBrowserLayer


class IRegionaustauschLayer(IDefaultBrowserLayer):
    """Marker for requests to a site where regionaustausch is installed (profile browserlayer.xml)."""
