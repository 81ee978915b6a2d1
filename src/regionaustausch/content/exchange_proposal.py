"""ExchangeProposal (Austauschvorschlag): a proposal for an exchange between the municipalities of a
Region. It moves through a workflow, gathers supports from representatives of several municipalities
(kept apart from the schema, see regionaustausch.supports), names a lead organiser and the council
resolutions it needs, and becomes meetings (its items). Its text is sanitised as a post's is."""

from collective.z3cform.datagridfield.datagridfield import DataGridFieldFactory
from collective.z3cform.datagridfield.row import DictRow
from plone.autoform import directives
from plone.dexterity.content import Container
from plone.restapi.deserializer.dxfields import CollectionFieldDeserializer
from plone.restapi.interfaces import IFieldDeserializer
from plone.supermodel import model
from regionaustausch import _
from regionaustausch.content.properties import SanitisedRichText
from regionaustausch.content.validation import RuleValidationError
from regionaustausch.content.validation import rich_text_field
from regionaustausch.content.validation import rule_constraint
from regionaustausch.domain.contact import URL_MAX_LENGTH
from regionaustausch.domain.errors import RuleViolation
from regionaustausch.domain.resolutions import BODY_MAX_LENGTH
from regionaustausch.domain.resolutions import DEFAULT_STATUS
from regionaustausch.domain.resolutions import FIELD
from regionaustausch.domain.resolutions import REFERENCE_MAX_LENGTH
from regionaustausch.domain.resolutions import validate_resolutions
from regionaustausch.interfaces import IRegionaustauschContainer
from zope import schema
from zope.component import adapter
from zope.component import getUtility
from zope.interface import Interface
from zope.interface import implementer
from zope.publisher.interfaces.browser import IBrowserRequest
from zope.schema.interfaces import IList
from zope.schema.interfaces import IVocabularyFactory


class IRequiredResolution(Interface):
    """One council resolution that an exchange proposal needs (a row of ``required_resolutions``)."""

    municipality = schema.Choice(
        title=_("Municipality"),
        description=_("The member municipality whose body decides."),
        vocabulary="regionaustausch.municipalities",
        required=True,
    )

    body = schema.TextLine(
        title=_("Deciding body"),
        description=_('E.g. "Rat der Stadt Braunschweig" or "Kreistag Peine".'),
        max_length=BODY_MAX_LENGTH,
        required=True,
    )

    kind = schema.Choice(
        title=_("Kind of resolution"),
        vocabulary="regionaustausch.resolution_kinds",
        required=True,
    )

    status = schema.Choice(
        title=_("Status"),
        vocabulary="regionaustausch.resolution_statuses",
        default=DEFAULT_STATUS,
        required=True,
    )

    status_date = schema.Date(
        title=_("Status since"),
        description=_("When the status last changed; empty: the day it is changed."),
        required=False,
    )

    reference = schema.TextLine(
        title=_("Reference number"),
        description=_('The number of the council document, e.g. "22-18940".'),
        max_length=REFERENCE_MAX_LENGTH,
        required=False,
    )

    url = schema.TextLine(
        title=_("Web link"),
        description=_("The web address of the document in the council information system."),
        max_length=URL_MAX_LENGTH,
        required=False,
    )


class IExchangeProposal(model.Schema):
    """A proposal for an exchange between municipalities."""

    text = rich_text_field(
        title=_("Text"),
        description=_("What the exchange is for, who should take part, and what it needs."),
        required=False,
    )

    format = schema.Choice(
        title=_("Format"),
        description=_("The form the exchange takes."),
        vocabulary="regionaustausch.proposal_formats",
        required=False,
    )

    lead_organiser = schema.Choice(
        title=_("Lead organiser"),
        description=_(
            "Who leads the organisation of the exchange (Federführung): a member municipality or a "
            "regional partner. A proposal is accepted only once it is named."
        ),
        vocabulary="regionaustausch.lead_organisers",
        required=False,
    )

    directives.widget("required_resolutions", DataGridFieldFactory, allow_reorder=True)
    required_resolutions = schema.List(
        title=_("Required resolutions"),
        description=_("The council resolutions the exchange needs, and how far each has come."),
        value_type=DictRow(title=_("Resolution"), schema=IRequiredResolution),
        default=[],
        missing_value=[],
        constraint=rule_constraint(validate_resolutions),
        required=False,
    )

    municipalities = schema.List(
        title=_("Municipalities concerned"),
        description=_("The member municipalities the exchange concerns."),
        value_type=schema.Choice(vocabulary="regionaustausch.municipalities"),
        default=[],
        missing_value=[],
        required=False,
    )


@implementer(IExchangeProposal, IRegionaustauschContainer)
class ExchangeProposal(Container):
    """An exchange proposal; its meetings are its items."""

    #: Dexterity's content class has a Dublin Core ``format`` ("text/html") that would stand in for an
    #: unset ``format`` field (not a term of the vocabulary: every REST POST without a format failed).
    format = None
    #: Stored sanitised like a post's text, whatever writes it.
    text = SanitisedRichText()


@implementer(IFieldDeserializer)
@adapter(IList, IExchangeProposal, IBrowserRequest)
class ResolutionsDeserializer(CollectionFieldDeserializer):
    """``required_resolutions`` sent to plone.restapi, read as the domain reads it.

    The datagrid's deserializer checks each cell on its own (an unknown kind gives "Constraint not
    satisfied", without the row) and drops unknown keys silently. Here the domain reads the rows
    (domain.resolutions.validate_resolutions, with the municipalities of the proposal's Region): a
    refused row is an error of the field whose message names the row; accepted rows are normalised
    (all seven keys, the status defaulting to "offen", the date read from ``YYYY-MM-DD``). The
    proposal's other lists are read as plone.restapi reads them.
    """

    def __call__(self, value):
        if self.field.getName() != FIELD:
            return super().__call__(value)
        try:
            rows = validate_resolutions(value, municipalities=region_municipalities(self.context))
        except RuleViolation as violation:
            raise RuleValidationError(violation) from None
        self.field.validate(rows)
        return rows


def region_municipalities(context):
    """The UIDs of the municipalities of the Region of ``context`` (the rows' vocabulary)."""
    vocabulary = getUtility(IVocabularyFactory, name="regionaustausch.municipalities")(context)
    return {term.value for term in vocabulary}
