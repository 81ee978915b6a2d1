"""The add-on's own events: what happened to the network, for whoever wants to react to it.

A capability that changes something others care about notifies one of these (``zope.event.notify``);
the capabilities that react (a proposal's timeline, notifications by mail) subscribe to the interface
and never reach into the code that changed it. Each event carries plain data, copied at the moment it
happened, so a subscriber sees the change even if the object changes again in the same transaction.
"""

from zope.interface import Attribute
from zope.interface import implementer
from zope.interface.interfaces import IObjectEvent
from zope.interface.interfaces import ObjectEvent


class IResolutionStatusChanged(IObjectEvent):
    """The status of a required resolution of an exchange proposal (``object``) changed: set by an
    editor, or taken from the council information system (OParl)."""

    resolution = Attribute("The resolution row after the change (a copy of the dict)")
    old_status = Attribute("The status before (a token of regionaustausch.resolution_statuses, or None)")
    new_status = Attribute("The status now")
    source = Attribute('Who changed it: "editor" or "oparl"')


@implementer(IResolutionStatusChanged)
class ResolutionStatusChanged(ObjectEvent):
    def __init__(self, proposal, resolution, old_status, new_status, source):
        super().__init__(proposal)
        self.resolution = dict(resolution)
        self.old_status = old_status
        self.new_status = new_status
        self.source = source
