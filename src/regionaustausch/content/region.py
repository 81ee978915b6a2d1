"""Region (Wirtschaftsregion): the network of one economic region; holds municipalities, forums and
proposals, the quorum that proposals need, and the regional partners who can lead an exchange."""

from Acquisition import aq_chain
from Acquisition import aq_inner
from plone.dexterity.content import Container
from plone.supermodel import model
from regionaustausch import _
from regionaustausch.content.validation import field_value
from regionaustausch.content.validation import invalid
from regionaustausch.content.validation import rule_constraint
from regionaustausch.domain.contact import validate_url
from regionaustausch.domain.errors import RuleViolation
from regionaustausch.domain.quorum import QuorumRule
from regionaustausch.interfaces import IRegionaustauschContainer
from regionaustausch.oparl.mapping import DEFAULT_FOLLOWED
from zope import schema
from zope.interface import implementer
from zope.interface import invariant
from zope.interface import provider
from zope.schema.interfaces import IContextAwareDefaultFactory


def _setting(name):
    from regionaustausch.controlpanel import get_settings

    return getattr(get_settings(), name)


@provider(IContextAwareDefaultFactory)
def default_quorum_supports(context):
    return _setting("default_quorum_supports")


@provider(IContextAwareDefaultFactory)
def default_quorum_municipalities(context):
    return _setting("default_quorum_municipalities")


class IRegion(model.Schema):
    """A Wirtschaftsregion."""

    quorum_supports = schema.Int(
        title=_("Quorum: supports"),
        description=_("How many supports an exchange proposal needs before it can be accepted."),
        min=1,
        max=1000,
        defaultFactory=default_quorum_supports,
        required=True,
    )

    quorum_municipalities = schema.Int(
        title=_("Quorum: municipalities"),
        description=_(
            "From how many different municipalities these supports must come (at most as many as the "
            "supports)."
        ),
        min=1,
        max=1000,
        defaultFactory=default_quorum_municipalities,
        required=True,
    )

    partners = schema.List(
        title=_("Regional partners"),
        description=_(
            "Organisations besides the member municipalities that can lead an exchange, one per line "
            "(for example the regional association or the chamber of commerce)."
        ),
        value_type=schema.TextLine(max_length=200),
        default=[],
        missing_value=[],
        required=False,
    )

    model.fieldset("oparl", label=_("OParl import"), fields=["oparl_url", "oparl_committees"])

    oparl_url = schema.URI(
        title=_("OParl system"),
        description=_(
            "The address of the OParl system of the council information system that serves the region's "
            "municipalities (e.g. https://www.ratsinfo.braunschweig.sitzung-online.de/oparl/system). "
            "A municipality with a system of its own names it in its own form."
        ),
        max_length=2000,
        constraint=rule_constraint(validate_url, field="oparl_url"),
        required=False,
    )

    oparl_committees = schema.List(
        title=_("Committees followed"),
        description=_(
            "The import takes the members of the committees whose names contain one of these words, one "
            'per line (e.g. "Wirtschaft").'
        ),
        value_type=schema.TextLine(max_length=100),
        default=list(DEFAULT_FOLLOWED),
        missing_value=[],
        required=False,
    )

    @invariant
    def quorum_is_consistent(data):
        try:
            QuorumRule(
                supports=field_value(data, "quorum_supports", 1),
                municipalities=field_value(data, "quorum_municipalities", 1),
            )
        except RuleViolation as violation:
            invalid(violation, "quorum_supports", "quorum_municipalities")


@implementer(IRegion, IRegionaustauschContainer)
class Region(Container):
    """A Wirtschaftsregion; unordered, as it holds many proposals (listings sort by catalog metadata)."""

    _ordering = "unordered"

    def quorum_rule(self):
        """The quorum of this region's proposals, as the one rule in domain.quorum understands it."""
        return QuorumRule(supports=self.quorum_supports, municipalities=self.quorum_municipalities)


def find_region(context):
    """The Region that ``context`` is or lies in, or ``None``."""
    for item in aq_chain(aq_inner(context)):
        if IRegion.providedBy(item):
            return item
    return None
