"""The survey "Chancen für einen regionalen Austausch": a template (models ``survey_fields.xml`` and
``survey_actions.xml``) that editors copy into a Region (``@@add-survey``), one answer per network
member (:class:`SurveyAnswer`, saved with the member's account), and its results for the network's
members (``@@survey-results``): the counts per answer of every question with fixed answers, as bars
drawn with HTML and CSS (no JavaScript), each with its number and share as text."""

from collective.easyform.actions import ActionFactory
from collective.easyform.api import get_actions
from collective.easyform.api import get_context
from collective.easyform.api import get_schema
from collective.easyform.config import FORM_ERROR_MARKER
from plone import api
from plone.app.textfield.value import RichTextValue
from plone.protect import CheckAuthenticator
from plone.supermodel.exportimport import BaseHandler
from Products.Five import BrowserView
from regionaustausch import _
from regionaustausch.content.region import find_region
from regionaustausch.forms.actions import OWNER_KEY
from regionaustausch.forms.actions import OwnedSaveData
from regionaustausch.forms.creation import create_form
from regionaustausch.membership import is_network_member
from zExceptions import Unauthorized
from zope.interface import Interface
from zope.schema import getFieldsInOrder
from zope.schema.interfaces import IChoice


SURVEY_ID = "chancen-regionaler-austausch"
SURVEY_TITLE = "Chancen für einen regionalen Austausch"
SURVEY_DESCRIPTION = (
    "Wie gut sind die Chancen für einen regelmäßigen Austausch der Wirtschaftspolitiker*innen unserer "
    "Region? Ihre Einschätzung hilft, ihn zu planen. Jedes Mitglied des Netzwerks antwortet einmal."
)
THANKS_TEXT = "<p>Vielen Dank für Ihre Antwort. Die Ergebnisse sehen die Mitglieder des Netzwerks.</p>"

MSG_MEMBERS_ONLY = "Only members of the network answer this survey. Please log in."
MSG_ANSWERED = "You have answered this survey already; each member answers once."


class ISurvey(Interface):
    """Marker of a survey made from the template."""


def may_see_results(form):
    """Network members of the survey's Region, and who edits the survey."""
    return is_network_member(form) or api.user.has_permission("Modify portal content", obj=form)


def add_survey(region):
    """A copy of the template in ``region`` (a new id if the last one is taken); returns it."""
    form_id, number = SURVEY_ID, 1
    while form_id in region.objectIds():
        number += 1
        form_id = f"{SURVEY_ID}-{number}"
    return create_form(
        region,
        form_id,
        SURVEY_TITLE,
        fields="survey_fields",
        actions="survey_actions",
        marker=ISurvey,
        description=SURVEY_DESCRIPTION,
        thankstitle="Vielen Dank!",
        thanksPrologue=RichTextValue(THANKS_TEXT, "text/html", "text/x-html-safe"),
    )


def answers(form):
    """The saved answers (rows) of the survey."""
    rows = []
    for _name, action in getFieldsInOrder(get_actions(form)):
        if isinstance(action, OwnedSaveData):
            rows.extend(action.getSavedFormInput())
    return rows


def results(form):
    """``[{"name", "question", "total", "answers": [{"answer", "count", "percent"}]}]`` for every
    question with fixed answers, in the form's order; answers in their order, unanswered ones with 0."""
    rows = answers(form)
    found = []
    for name, field in getFieldsInOrder(get_schema(form)):
        if not IChoice.providedBy(field) or field.vocabulary is None:
            continue
        counts = {term.value: 0 for term in field.vocabulary}
        for row in rows:
            if row.get(name) in counts:
                counts[row[name]] += 1
        total = sum(counts.values())
        found.append(
            {
                "name": name,
                "question": field.title,
                "total": total,
                "answers": [
                    {"answer": value, "count": count, "percent": round(100 * count / total) if total else 0}
                    for value, count in counts.items()
                ],
            }
        )
    return found


class SurveyAnswer(OwnedSaveData):
    """Saves the answer of a network member, once per member."""

    def onSuccess(self, fields, request):
        form = get_context(self)
        if api.user.is_anonymous() or not is_network_member(form):
            return {FORM_ERROR_MARKER: _(MSG_MEMBERS_ONLY)}
        user_id = api.user.get_current().getId()
        if any(row.get(OWNER_KEY) == user_id for row in self.getSavedFormInput()):
            return {FORM_ERROR_MARKER: _(MSG_ANSWERED)}
        return super().onSuccess(fields, request)


SurveyAnswerAction = ActionFactory(
    SurveyAnswer,
    _("Survey answer (once per network member)"),
    "collective.easyform.AddDataSavers",
)
SurveyAnswerHandler = BaseHandler(SurveyAnswer)


class AddSurvey(BrowserView):
    """``@@add-survey`` on a Region: a button that copies the template into it (POST, CSRF-checked)."""

    def __call__(self):
        if self.request.method == "POST" and self.request.form.get("add"):
            CheckAuthenticator(self.request)
            survey = add_survey(self.context)
            self.request.response.redirect(survey.absolute_url(), status=303)
            return ""
        return self.index()

    def title(self):
        return SURVEY_TITLE


class SurveyResults(BrowserView):
    """``@@survey-results`` on a survey: the counts, for the network's members and the editors."""

    def __call__(self):
        if not may_see_results(self.context):
            raise Unauthorized("the results are for the members of the network")
        self.results = results(self.context)
        self.answered = len(answers(self.context))
        return self.index()

    def region(self):
        return find_region(self.context)
