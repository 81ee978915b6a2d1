"""Meeting (Austauschtreffen): an exchange that takes place, inside its ExchangeProposal.

Dates, time zone, location and contact come from plone.app.event's behaviours, so that the iCal export
(``ics_view``) works for one meeting and, through :mod:`regionaustausch.content.calendar`, for the
upcoming meetings of a Region."""

from plone.app.textfield import RichText
from plone.dexterity.content import Container
from plone.supermodel import model
from regionaustausch import _
from regionaustausch.interfaces import IRegionaustauschContent
from zope import schema
from zope.interface import implementer


class IMeeting(model.Schema):
    """A meeting of an exchange."""

    host_municipality = schema.Choice(
        title=_("Host municipality"),
        description=_("The member municipality that hosts the meeting."),
        vocabulary="regionaustausch.municipalities",
        required=False,
    )

    agenda = RichText(
        title=_("Agenda"),
        required=False,
    )

    minutes = RichText(
        title=_("Minutes"),
        description=_("What was discussed and agreed; filled in after the meeting."),
        required=False,
    )

    capacity = schema.Int(
        title=_("Places"),
        description=_("How many people can take part; empty for no limit."),
        min=0,
        required=False,
    )


@implementer(IMeeting, IRegionaustauschContent)
class Meeting(Container):
    """A meeting; an event in the sense of plone.app.event. A container only for its registration form
    (regionaustausch.forms.registration places it; the type allows no content to be added by hand)."""
