"""plone.restapi's generic verbs on our types, where they need to know our rules.

* ``POST @workflow/<transition>``: a transition that is not possible (unknown, not from this state, or
  guarded against the caller) is answered by plone.restapi with DCWorkflow's message, whose
  ``${action_id}`` is never filled in. Here the answer names the transition and the ones possible now.
  The text of a decision on a proposal (its ``comment``) that domain.decisions refuses is a 400 naming
  the field ``comment``.
* plone.restapi's ``@workflow`` answers a refused transition with an error status but without an
  exception, so Zope commits what it did before trying: it sets the effective date (and with it the
  modification date) of an object that has none, and keeps it when a rule refuses the transition (no
  quorum, no reason given). Here a refusal is never committed.
* ``GET @search``: a query the catalog cannot run (a word search that is not one, ``"``; a date that is
  none for a date index; a batch size that is no number) is a 500 in plone.restapi; here a 400 that
  says why.
* ``GET @search`` with ``fullobjects`` serializes every object of the page in full, which anybody may
  ask for; plone.restapi takes any ``b_size`` (100,000 answered 2 MB). Here a page with
  ``fullobjects`` holds at most :data:`FULLOBJECTS_MAX_BATCH_SIZE` items, site-wide; more is a 400.
"""

from plone.restapi.batching import HypermediaBatch
from plone.restapi.deserializer import json_body
from plone.restapi.exceptions import QueryParsingError
from plone.restapi.search.handler import SearchHandler
from plone.restapi.search.utils import unflatten_dotted_dict
from plone.restapi.services.search.get import SearchGet
from plone.restapi.services.workflow.transition import WorkflowTransition
from Products.ZCTextIndex.ParseTree import ParseError
from Products.ZCTextIndex.ParseTree import QueryError
from regionaustausch import _
from regionaustausch.content.exchange_proposal import IExchangeProposal
from regionaustausch.domain.decisions import validate_decision_text
from regionaustausch.domain.errors import RuleViolation
from zExceptions import BadRequest
from zope.i18n import translate
import transaction


MSG_TRANSITION_IMPOSSIBLE = "The transition ${transition} is not possible here. Possible now: ${possible}."
MSG_BAD_QUERY = "The search query is not valid: ${reason}"
MSG_FULLOBJECTS_BATCH_SIZE = 'Parameter "b_size": with "fullobjects" a page may hold at most ${max} items.'
#: The largest page ``@search`` serializes in full (``fullobjects``), for everybody.
FULLOBJECTS_MAX_BATCH_SIZE = 100
MSG_NO_TRANSITION_POSSIBLE = (
    "The transition ${transition} is not possible here; no transition is possible now."
)


def refused(service):
    """Whether ``service`` answers with an error status; if so, its transaction is doomed (Zope aborts
    it), so that nothing it did before refusing is kept."""
    if service.request.response.getStatus() >= 400:
        transaction.doom()
        return True
    return False


class ContentTransition(WorkflowTransition):
    """POST ``@workflow/<transition>`` on our content, with a clear answer for impossible transitions."""

    def reply(self):
        workflows = self.wftool.getWorkflowsFor(self.context)
        if self.transition is not None and workflows:
            possible = self._possible(workflows)
            if self.transition not in possible and not self.is_same_state(self.context):
                self.request.response.setStatus(400)
                return {"error": {"type": "WorkflowException", "message": self._impossible(possible)}}
        self._check_decision_text()
        result = super().reply()
        refused(self)
        return result

    def _check_decision_text(self):
        """The text of a decision on a proposal (domain.decisions: accept, reject, withdraw, realise
        anyway) is refused with a field error naming ``comment`` before anything happens; the
        workflow's handler checks it again, whoever transitions."""
        if self.transition is None or not IExchangeProposal.providedBy(self.context):
            return
        try:
            validate_decision_text(self.transition, json_body(self.request).get("comment"))
        except RuleViolation as violation:
            message = translate(_(violation.msgid, mapping=violation.mapping), context=self.request)
            error = {"field": violation.field, "message": message, "error": "ValidationError"}
            raise BadRequest([error]) from None

    def _possible(self, workflows):
        """The transitions the caller may take now (DCWorkflow's own test: user action, guard)."""
        possible = set()
        for workflow in workflows:
            state = workflow._getWorkflowStateOf(self.context)
            for transition in state.transitions if state is not None else ():
                if workflow.isActionSupported(self.context, transition):
                    possible.add(transition)
        return possible

    def _impossible(self, possible):
        # the transition is named as sent, shortened: it comes from the URL
        transition = self.transition if len(self.transition) <= 60 else self.transition[:59] + "…"
        if possible:
            message = _(
                MSG_TRANSITION_IMPOSSIBLE,
                mapping={"transition": transition, "possible": ", ".join(sorted(possible))},
            )
        else:
            message = _(MSG_NO_TRANSITION_POSSIBLE, mapping={"transition": transition})
        return translate(message, context=self.request)


def bad_query(error, request):
    return BadRequest(translate(_(MSG_BAD_QUERY, mapping={"reason": str(error)}), context=request))


class CheckedCatalog:
    """The catalog as plone.restapi's search handler uses it, with the errors of a query that cannot be
    run (raised by the indexes while they read the query) turned into a 400."""

    def __init__(self, catalog, request):
        self._catalog = catalog
        self._request = request

    def __getattr__(self, name):
        return getattr(self._catalog, name)

    def searchResults(self, **query):
        try:
            return self._catalog.searchResults(**query)
        except (ParseError, QueryError, ValueError, TypeError) as error:
            raise bad_query(error, self._request) from None


class CheckedSearchHandler(SearchHandler):
    """plone.restapi's search handler; a query it cannot read or the catalog cannot run is a 400."""

    def __init__(self, context, request):
        super().__init__(context, request)
        self.catalog = CheckedCatalog(self.catalog, request)

    def _parse_query(self, query):
        try:
            return super()._parse_query(query)
        except (QueryParsingError, ValueError, TypeError) as error:
            # e.g. "b_size=x": plone.restapi converts the value with int()
            raise bad_query(error, self.request) from None


def check_fullobjects_size(request):
    """A 400 when a search with ``fullobjects`` asks for a page of more than
    :data:`FULLOBJECTS_MAX_BATCH_SIZE` items (the size read as plone.restapi's batching reads it)."""
    size = HypermediaBatch(request, ()).b_size
    if size > FULLOBJECTS_MAX_BATCH_SIZE:
        message = _(MSG_FULLOBJECTS_BATCH_SIZE, mapping={"max": FULLOBJECTS_MAX_BATCH_SIZE})
        raise BadRequest(translate(message, context=request))


class ContentSearch(SearchGet):
    """GET ``@search`` with a 400 for queries that cannot be run and for pages of full objects that are
    too large."""

    def reply(self):
        query = unflatten_dotted_dict(self.request.form.copy())
        if "fullobjects" in query:
            check_fullobjects_size(self.request)
        return CheckedSearchHandler(self.context, self.request).search(query)
