"""A meeting (Austauschtreffen): its page (date, place, host municipality, agenda, minutes, the proposal
it comes from, its iCal export) and its add and edit forms, which refuse minutes before the meeting has
ended (domain.meetings, through regionaustausch.meetings) at the minutes' field."""

from Acquisition import aq_inner
from Acquisition import aq_parent
from plone.app.event.base import localized_now
from plone.dexterity.browser.add import DefaultAddForm
from plone.dexterity.browser.add import DefaultAddView
from plone.dexterity.browser.edit import DefaultEditForm
from plone.event.interfaces import IEventAccessor
from plone.z3cform import layout
from regionaustausch.browser.base import RegionaustauschView
from regionaustausch.content.exchange_proposal import IExchangeProposal
from regionaustausch.meetings import minutes_problem
from regionaustausch.resolutions import municipality_refs
from z3c.form.interfaces import IErrorViewSnippet
from zope.component import getMultiAdapter
from zope.interface import Invalid


class MeetingView(RegionaustauschView):
    def accessor(self):
        return IEventAccessor(self.context)

    def when(self):
        """``{"start", "end", "start_iso", "end_iso"}`` as Plone writes them (the user's time zone)."""
        event = self.accessor()
        return {
            "start": self.localized_time(event.start),
            "end": self.localized_time(event.end) if event.end else None,
            "start_iso": event.start.isoformat() if event.start else None,
            "end_iso": event.end.isoformat() if event.end else None,
        }

    def host(self):
        uid = self.context.host_municipality
        return municipality_refs([uid]).get(uid) if uid else None

    def proposal(self):
        parent = aq_parent(aq_inner(self.context))
        return parent if IExchangeProposal.providedBy(parent) else None

    def ended(self):
        end = self.accessor().end
        return end is not None and end <= localized_now(self.context)

    def ical_url(self):
        return f"{self.context.absolute_url()}/ics_view"

    def rich(self, name):
        return getattr(getattr(self.context, name, None), "output", None) or None


def _widgets(form):
    yield from form.widgets.items()
    for group in getattr(form, "groups", ()):
        yield from group.widgets.items()


class MinutesRule:
    """Form mixin: after the fields are read, minutes before the meeting's end are an error of the
    minutes' field (the end as entered, or the stored one when the form has none)."""

    def stored_end(self):
        return None

    def extractData(self, setErrors=True):
        data, errors = super().extractData(setErrors=setErrors)
        if errors or "minutes" not in data:
            return data, errors
        ends = [value for key, value in data.items() if key == "end" or key.endswith(".end")]
        end = ends[0] if ends else self.stored_end()
        context = self.context
        message = minutes_problem(data["minutes"], end, context, self.request)
        if message is None:
            return data, errors
        for name, widget in _widgets(self):
            if name == "minutes" or name.endswith(".minutes"):
                error = Invalid(message)
                view = getMultiAdapter(
                    (error, self.request, widget, widget.field, self, context), IErrorViewSnippet
                )
                view.update()
                if setErrors:
                    widget.error = view
                errors += (view,)
                break
        return data, errors


class MeetingAddForm(MinutesRule, DefaultAddForm):
    portal_type = "Meeting"


class MeetingAddView(DefaultAddView):
    form = MeetingAddForm


class MeetingEditForm(MinutesRule, DefaultEditForm):
    def stored_end(self):
        return IEventAccessor(self.context).end


MeetingEditView = layout.wrap_form(MeetingEditForm)
