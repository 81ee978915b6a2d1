"""The browser layer and the marker interfaces of regionaustausch."""

from zope.interface import Interface
from zope.publisher.interfaces.browser import IDefaultBrowserLayer


class IRegionaustauschLayer(IDefaultBrowserLayer):
    """Marker for requests to a site where regionaustausch is installed (profile browserlayer.xml)."""


class IRegionaustauschContent(Interface):
    """Marker of every content type of regionaustausch (ids from titles, German transliteration)."""


class IRegionaustauschContainer(IRegionaustauschContent):
    """Marker of our folderish types (Region, Municipality, Forum, Thread, ExchangeProposal)."""
