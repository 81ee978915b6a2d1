"""An exchange proposal: its state, the quorum as progress bars, support/withdraw (one click, with or
without JavaScript), supporters by municipality, the required resolutions, lead organiser, meetings."""

from plone import api
from regionaustausch import _
from regionaustausch.browser.base import RegionaustauschView
from regionaustausch.browser.representative import term_title
from regionaustausch.caching import no_store
from regionaustausch.domain.quorum import acceptance_problems
from regionaustausch.domain.supports import SupportRefused
from regionaustausch.permissions import ReviewPortalContent
from regionaustausch.supports import add_support
from regionaustausch.supports import quorum_state
from regionaustausch.supports import support_summary
from regionaustausch.supports import withdraw_support
import json


class ProposalView(RegionaustauschView):
    def __call__(self):
        self.summary = support_summary(self.context)
        # the support button and the supporters depend on who asks
        no_store(self.request.response)
        return self.index()

    def label_met(self):
        return self.translate(_("The quorum is met."))

    def label_support(self):
        return self.translate(_("Support this proposal"))

    def label_withdraw(self):
        return self.translate(_("Withdraw my support"))

    def support_form_shown(self):
        return self.summary["can_support"] or self.summary["supported_by_me"]

    def progress_bars(self):
        quorum = self.summary["quorum"]
        return [
            {
                "id": "ra-progress-supports",
                "label": _("Supports"),
                "value": min(self.summary["supports"], quorum["supports"]),
                "reached": self.summary["supports"],
                "max": quorum["supports"],
            },
            {
                "id": "ra-progress-municipalities",
                "label": _("Municipalities"),
                "value": min(self.summary["municipalities"], quorum["municipalities"]),
                "reached": self.summary["municipalities"],
                "max": quorum["municipalities"],
            },
        ]

    def supporters_by_municipality(self):
        groups = {}
        for supporter in self.summary.get("supporters", ()):
            municipality = supporter["municipality"]
            key = municipality["title"] if municipality else self.translate(_("Without municipality"))
            groups.setdefault(key, []).append({**supporter, "name": self.translate(supporter["name"])})
        return [{"municipality": key, "supporters": groups[key]} for key in sorted(groups)]

    def acceptance_problems(self):
        """What stands in the way of ``accept``, for those who may accept (the workflow refuses the same)."""
        if not api.user.has_permission(ReviewPortalContent, obj=self.context):
            return []
        if self.state_of() != "discussion":
            return []
        problems = acceptance_problems(quorum_state(self.context), self.context.lead_organiser)
        return [_(msgid, mapping=mapping) for msgid, mapping in problems]

    def lead_organiser(self):
        return term_title("regionaustausch.lead_organisers", self.context, self.context.lead_organiser)

    def format_title(self):
        return term_title("regionaustausch.proposal_formats", self.context, self.context.format)

    def municipalities(self):
        return [
            term_title("regionaustausch.municipalities", self.context, uid)
            for uid in self.context.municipalities or ()
        ]

    def topics(self):
        return [
            term_title("regionaustausch.topics", self.context, token) for token in self.context.topics or ()
        ]

    def resolutions(self):
        return [
            {
                "body": row.get("body"),
                "kind": term_title("regionaustausch.resolution_kinds", self.context, row.get("kind")),
                "status": term_title("regionaustausch.resolution_statuses", self.context, row.get("status")),
                "status_token": row.get("status"),
                "reference": row.get("reference"),
            }
            for row in self.context.required_resolutions or ()
        ]

    def meetings(self):
        return api.content.find(
            portal_type="Meeting",
            path={"query": "/".join(self.context.getPhysicalPath()), "depth": 1},
            sort_on="start",
        )


class SupportToggle(RegionaustauschView):
    """POST ``@@support-toggle``: support or withdraw (``action``), CSRF-checked. With
    ``Accept: application/json`` (the page's script) it answers with the new counts; without
    JavaScript it redirects back to the proposal with a status message."""

    def __call__(self):
        if self.request.method != "POST":
            self.request.response.setStatus(405)
            return ""
        self.check_csrf()
        action = self.request.form.get("action")
        error = None
        try:
            if action == "withdraw":
                withdraw_support(self.context)
                done = _("Your support has been withdrawn.")
            else:
                add_support(self.context)
                done = _("Thank you for your support.")
        except SupportRefused as refusal:
            error = _(refusal.msgid, mapping=refusal.mapping)
            self.request.response.setStatus(refusal.http_status)
        if self.wants_json():
            return self._json(error or done, error is not None)
        self.message(error or done, "error" if error else "info")
        self.request.response.redirect(self.context.absolute_url())
        return ""

    def _json(self, message, failed):
        summary = support_summary(self.context)
        summary["missing_messages"] = [self.translate(item) for item in summary["missing_messages"]]
        summary["message"] = self.translate(message)
        summary["ok"] = not failed
        summary.pop("supporters", None)
        self.request.response.setHeader("Content-Type", "application/json")
        no_store(self.request.response)
        return json.dumps(summary)
