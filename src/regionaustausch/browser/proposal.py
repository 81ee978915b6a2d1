"""An exchange proposal: its state and latest decision, the quorum as progress bars, support/withdraw
(one click, with or without JavaScript), supporters by municipality, the required resolutions per
municipality, lead organiser, meetings, its path (regionaustausch.timeline) and, for who may take
them, the decisions to take (``@@decide``)."""

from DateTime import DateTime
from datetime import date
from datetime import datetime
from plone import api
from regionaustausch import _
from regionaustausch.browser.base import RegionaustauschView
from regionaustausch.browser.decision import TRANSITIONS as DECIDED
from regionaustausch.browser.decision import possible_transitions
from regionaustausch.browser.representative import term_title
from regionaustausch.caching import no_store
from regionaustausch.decisions import latest_decision
from regionaustausch.domain.quorum import acceptance_problems
from regionaustausch.domain.supports import SupportRefused
from regionaustausch.permissions import ReviewPortalContent
from regionaustausch.resolutions import municipality_refs
from regionaustausch.supports import add_support
from regionaustausch.supports import quorum_state
from regionaustausch.supports import support_summary
from regionaustausch.supports import withdraw_support
from regionaustausch.timeline import timeline
from zope.i18n import translate
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
        rows = list(self.context.required_resolutions or ())
        refs = municipality_refs(row.get("municipality") for row in rows)
        return [
            {
                "municipality": refs.get(row.get("municipality")),
                "body": row.get("body"),
                "kind": term_title("regionaustausch.resolution_kinds", self.context, row.get("kind")),
                "status": term_title("regionaustausch.resolution_statuses", self.context, row.get("status")),
                "status_token": row.get("status"),
                "status_date": self.local_date(row.get("status_date")),
                "reference": row.get("reference"),
                "url": row.get("url") or None,
            }
            for row in rows
        ]

    def decision(self):
        """The latest decision (regionaustausch.decisions), with its date as Plone writes it."""
        decision = latest_decision(self.context, self.request)
        if decision is None:
            return None
        return {
            **decision,
            "state_title": self.state_title(state=decision["state"]),
            "local_date": self.localized_time(datetime.fromisoformat(decision["date"])),
        }

    def decide_actions(self):
        """The transitions decided through ``@@decide`` that the current user may take now."""
        possible = possible_transitions(self.context)
        workflow = api.portal.get_tool("portal_workflow").getWorkflowsFor(self.context)[0]
        return [
            {
                "id": transition,
                "title": translate(
                    workflow.transitions[transition].title, domain="plone", context=self.request
                ),
                "url": f"{self.context.absolute_url()}/@@decide?transition={transition}",
            }
            for transition in DECIDED
            if transition in possible
        ]

    def path(self):
        """The proposal's path (regionaustausch.timeline), each entry with its date as Plone writes it."""
        entries = []
        for entry in timeline(self.context, self.request)["items"]:
            date = entry["date"]
            local = (
                self.local_date(date)
                if len(date) == 10
                else self.localized_time(datetime.fromisoformat(date))
            )
            entries.append({**entry, "local_date": local, "text": self.path_text(entry)})
        return entries

    def path_text(self, entry):
        """What a timeline entry says, in words."""
        kind = entry["type"]
        if kind == "state":
            return entry["title"]
        if kind == "first_support":
            return self.translate(_("First support"))
        if kind == "quorum_reached":
            return self.translate(
                _(
                    "Quorum reached: ${supports} supports from ${municipalities} municipalities",
                    mapping={"supports": entry["supports"], "municipalities": entry["municipalities"]},
                )
            )
        if kind == "meeting":
            return self.translate(_("Meeting: ${title}", mapping={"title": entry["title"]}))
        municipality = entry["municipality"]["title"] if entry["municipality"] else entry["body"]
        return self.translate(
            _(
                "Resolution of ${municipality} (${body}): ${status}",
                mapping={
                    "municipality": municipality,
                    "body": entry["body"],
                    "status": entry["status_title"],
                },
            )
        )

    def local_date(self, value):
        """A date (``datetime.date`` or ``YYYY-MM-DD``) as Plone writes dates, or ``None``."""
        if not value:
            return None
        if isinstance(value, str):
            value = date.fromisoformat(value)
        return api.portal.get_localized_time(
            datetime=DateTime(value.year, value.month, value.day), long_format=False
        )

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
