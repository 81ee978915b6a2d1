"""The iCal export of a Region: its upcoming meetings (``<region>/ics_view``).

A meeting exports itself through plone.app.event (its behaviours make it an event); a Region, being a
folder, would export every meeting ever held, so it gets an adapter that keeps to the upcoming ones.
"""

from Acquisition import aq_inner
from plone.app.event.base import RET_MODE_BRAINS
from plone.app.event.base import get_events
from plone.app.event.base import localized_now
from plone.app.event.ical.exporter import construct_icalendar
from plone.event.interfaces import IICalendar
from regionaustausch.content.region import IRegion
from zope.component import adapter
from zope.interface import implementer


def upcoming_meetings(region, now=None, limit=None):
    """Catalog brains of the Region's meetings that have not ended yet, the next first."""
    now = now or localized_now(region)
    return get_events(
        region,
        start=now,
        ret_mode=RET_MODE_BRAINS,
        expand=False,
        limit=limit,
        portal_type="Meeting",
        path="/".join(region.getPhysicalPath()),
    )


@adapter(IRegion)
@implementer(IICalendar)
def calendar_from_region(context):
    """An icalendar.Calendar of the Region's upcoming meetings."""
    region = aq_inner(context)
    return construct_icalendar(region, upcoming_meetings(region))
