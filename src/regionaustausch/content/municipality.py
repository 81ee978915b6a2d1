"""Municipality (Gebietskörperschaft): a city, town or district that is a member of a Region, with its
official key (AGS); it holds the records of its representatives."""

from plone import api
from plone.dexterity.content import Container
from plone.namedfile.field import NamedBlobImage
from plone.supermodel import model
from plone.uuid.interfaces import IUUID
from regionaustausch import _
from regionaustausch.content.properties import NormalisedAttribute
from regionaustausch.content.region import find_region
from regionaustausch.content.validation import data_context
from regionaustausch.content.validation import field_value
from regionaustausch.content.validation import invalid
from regionaustausch.content.validation import rule_constraint
from regionaustausch.domain import ags as ags_rules
from regionaustausch.domain.contact import validate_url
from regionaustausch.domain.errors import RuleViolation
from regionaustausch.interfaces import IRegionaustauschContainer
from zope import schema
from zope.interface import implementer
from zope.interface import invariant


class IMunicipality(model.Schema):
    """A member municipality of a Region."""

    kind = schema.Choice(
        title=_("Kind"),
        description=_("A district (Landkreis) has a 5-digit key, every other kind an 8-digit key."),
        vocabulary="regionaustausch.municipality_kinds",
        required=True,
    )

    ags = schema.TextLine(
        title=_("Official municipality key (AGS)"),
        description=_(
            "The Amtlicher Gemeindeschlüssel: 8 digits for a city, town or municipality (e.g. 03101000 for "
            "Braunschweig), 5 digits for a district (e.g. 03151 for Landkreis Gifhorn)."
        ),
        max_length=20,
        required=True,
    )

    population = schema.Int(
        title=_("Population"),
        description=_("Number of inhabitants, as last published by the statistical office."),
        min=0,
        required=False,
    )

    council_name = schema.TextLine(
        title=_("Name of the council"),
        description=_('The elected body, e.g. "Rat der Stadt Braunschweig" or "Kreistag Gifhorn".'),
        max_length=200,
        required=False,
    )

    # zope.schema's URI gives forms and @types the URL widget; the domain rule (http/https only, a real
    # host, no user information) is stricter than its check, so it stays the constraint.
    website = schema.URI(
        title=_("Website"),
        description=_("The address of the municipality's website, starting with https://."),
        max_length=2000,
        constraint=rule_constraint(validate_url, field="website"),
        required=False,
    )

    logo = NamedBlobImage(
        title=_("Logo or coat of arms"),
        description=_("Shown in the directory; PNG, JPEG or SVG."),
        required=False,
    )

    model.fieldset("oparl", label=_("OParl import"), fields=["oparl_url", "oparl_id"])

    oparl_url = schema.URI(
        title=_("OParl system"),
        description=_(
            "The address of the OParl system of this municipality's council information system, when "
            "it is not the region's."
        ),
        max_length=2000,
        constraint=rule_constraint(validate_url, field="oparl_url"),
        required=False,
    )

    oparl_id = schema.URI(
        title=_("OParl body"),
        description=_(
            "The URL of this municipality's body in its council information system's OParl API; "
            "filled by the OParl import."
        ),
        max_length=2000,
        constraint=rule_constraint(validate_url, field="oparl_id"),
        required=False,
    )

    @invariant
    def ags_is_valid(data):
        kind = field_value(data, "kind")
        if kind is None:
            return  # "kind" is required: its own error says so
        try:
            key = ags_rules.validate_ags(field_value(data, "ags", ""), kind)
        except RuleViolation as violation:
            invalid(violation, "ags")
        ensure_ags_unique_in_region(key, data_context(data))


def ensure_ags_unique_in_region(key, context):
    """Refuse ``key`` when another municipality of the Region of ``context`` has it already."""
    region = find_region(context) if context is not None else None
    if region is None:
        return
    # IUUID(..., None): an object that plone.restapi is creating has no UUID yet
    own_uid = IUUID(context, None) if IMunicipality.providedBy(context) else None
    brains = api.content.find(
        context=region,
        portal_type="Municipality",
        ags=key,
        unrestricted=True,
    )
    try:
        ags_rules.ensure_unique_ags(key, [brain.ags for brain in brains if own_uid != brain.UID])
    except RuleViolation as violation:
        invalid(violation, "ags")


@implementer(IMunicipality, IRegionaustauschContainer)
class Municipality(Container):
    """A member municipality; its representatives are its items."""

    #: stored as a bare key: "03 101 000" is kept as "03101000"
    ags = NormalisedAttribute(ags_rules.normalise_ags)

    def land(self):
        """The name of the Land, from the AGS (e.g. "Niedersachsen")."""
        try:
            return ags_rules.land_of(self.ags)
        except RuleViolation:
            return None
