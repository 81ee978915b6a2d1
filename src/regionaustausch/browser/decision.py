"""``@@decide?transition=...`` on a proposal: the form of a transition that is decided (accept, reject,
withdraw, realise, realise anyway; the workflow's menu leads here).

The form asks for the text that comes with the transition: the reason of a rejection or of realising
despite missing resolutions (required), the statement of an acceptance or the reason of withdrawing
(optional), or, for realising, a comment for the editors only. The text is checked by
domain.decisions (the same rule the workflow's handler and the REST API apply): a refusal is shown at
the field, in German, and nothing changes. A refusal of the workflow (no quorum, resolutions missing)
is shown above the form.
"""

from plone import api
from Products.CMFCore.WorkflowCore import WorkflowException
from regionaustausch import _
from regionaustausch.browser.base import RegionaustauschView
from regionaustausch.domain import decisions as rules
from regionaustausch.domain.errors import RuleViolation
from regionaustausch.resolutions import realisation_problem
from zExceptions import BadRequest
from zope.i18n import translate
import transaction


#: The transitions decided through this form, in the order the proposal page offers them.
TRANSITIONS = ("accept", "reject", "realise", "realise_anyway", "withdraw")

#: The label of the text field per transition (English msgids).
LABELS = {
    "accept": _("Statement (optional)"),
    "reject": _("Reason for rejecting (required)"),
    "withdraw": _("Reason for withdrawing (optional)"),
    "realise": _("Comment for the editors (optional)"),
    "realise_anyway": _("Reason for marking it as realised anyway (required)"),
}
HELP_PUBLIC = _(
    "Shown with the proposal to everyone who may read it, with your role and name; at most ${max} "
    "characters. Paragraphs, bold, italics, lists and links are kept."
)
HELP_PRIVATE = _("Only the editors read this comment.")


def possible_transitions(proposal):
    """The ids of the transitions the current user may take on ``proposal`` now."""
    tool = api.portal.get_tool("portal_workflow")
    return [info["id"] for info in tool.getTransitionsFor(proposal)]


class DecisionForm(RegionaustauschView):
    error = None
    field_error = None
    comment = ""

    def __call__(self):
        self.transition = self.request.form.get("transition")
        if self.transition not in TRANSITIONS:
            raise BadRequest("unknown transition")
        if self.transition not in possible_transitions(self.context):
            self.message(_("This step is not possible here now."), "error")
            self.request.response.redirect(self.context.absolute_url())
            return ""
        if self.request.method == "POST":
            return self.submit()
        return self.index()

    def submit(self):
        self.check_csrf()
        self.comment = self.request.form.get("comment", "")
        try:
            rules.validate_decision_text(self.transition, self.comment)
        except RuleViolation as violation:
            self.field_error = self.translate(_(violation.msgid, mapping=violation.mapping))
            return self.refused()
        try:
            api.portal.get_tool("portal_workflow").doActionFor(
                self.context, self.transition, comment=self.comment
            )
        except WorkflowException as refusal:
            self.error = str(refusal)
            return self.refused()
        self.message(_("The proposal is now: ${state}.", mapping={"state": self.state_title()}))
        self.request.response.redirect(self.context.absolute_url())
        return ""

    def refused(self):
        """Nothing is kept of a refused attempt; the form shows why, with what was typed."""
        transaction.doom()
        self.request.response.setStatus(400)
        return self.index()

    def transition_title(self):
        workflow = api.portal.get_tool("portal_workflow").getWorkflowsFor(self.context)[0]
        return self.translate_plone(workflow.transitions[self.transition].title)

    def transition_description(self):
        workflow = api.portal.get_tool("portal_workflow").getWorkflowsFor(self.context)[0]
        return self.translate_plone(workflow.transitions[self.transition].description)

    def translate_plone(self, text):
        return translate(text, domain="plone", context=self.request)

    def label(self):
        return self.translate(LABELS[self.transition])

    def required(self):
        return rules.DECISIONS.get(self.transition, False)

    def help_text(self):
        if rules.is_decision(self.transition):
            return self.translate(_(HELP_PUBLIC, mapping={"max": rules.TEXT_MAX_LENGTH}))
        return self.translate(HELP_PRIVATE)

    def blocked(self):
        """Why ``realise`` would be refused now (resolutions missing), before anyone tries."""
        if self.transition != "realise" or self.error:
            return None
        problem = realisation_problem(self.context)
        return self.translate(_(problem.msgid, mapping=problem.mapping)) if problem else None

    def anyway_url(self):
        """Where to realise despite missing resolutions, on the form of ``realise`` (when offered)."""
        if self.transition == "realise" and "realise_anyway" in possible_transitions(self.context):
            return f"{self.context.absolute_url()}/@@decide?transition=realise_anyway"
        return None
