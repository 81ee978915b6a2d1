"""``@@oparl-report`` on a Region: the reports of the last OParl runs (when, the systems, the counts,
the Bodies and how they were matched, errors), for those who edit the Region."""

from Products.Five.browser import BrowserView
from regionaustausch import _
from regionaustausch.oparl import state
import datetime


#: The counts in the order the page shows them, with their labels.
COUNT_LABELS = (
    ("created", _("created")),
    ("updated", _("updated")),
    ("unchanged", _("unchanged")),
    ("retired", _("retired")),
    ("skipped", _("skipped")),
    ("resolutions", _("resolutions updated")),
    ("pages", _("pages")),
    ("objects", _("objects")),
)


class OParlReportView(BrowserView):
    def reports(self):
        return state.reports(self.context)

    def counts(self, report):
        return [{"label": label, "value": report["counts"].get(key, 0)} for key, label in COUNT_LABELS]

    def when(self, value):
        """An ISO time of a report (UTC) in the server's local time, e.g. "01.12.2026 17:00"."""
        if not value:
            return ""
        moment = datetime.datetime.fromisoformat(value.replace("Z", "+00:00")).astimezone()
        return moment.strftime("%d.%m.%Y %H:%M")

    def ok(self, report):
        return report.get("status") == "ok"
