"""The add-on's site-wide settings (plone.registry) and their control panel, in Classic UI and REST."""

from plone.app.registry.browser.controlpanel import ControlPanelFormWrapper
from plone.app.registry.browser.controlpanel import RegistryEditForm
from plone.registry.interfaces import IRegistry
from plone.restapi.controlpanels import RegistryConfigletPanel
from regionaustausch import _
from regionaustausch.content.validation import rule_constraint
from regionaustausch.domain.topics import TOPICS
from regionaustausch.domain.topics import merge_topics
from regionaustausch.interfaces import IRegionaustauschLayer
from zope import schema
from zope.component import adapter
from zope.component import getUtility
from zope.interface import Interface


REGISTRY_PREFIX = "regionaustausch"

DEFAULT_PRIVACY_NOTICE = (
    "Ich willige ein, dass meine Angaben in diesem Formular gespeichert und für die Aufnahme in das "
    "regionale Netzwerk und seine Treffen verwendet werden. Die Redaktion meiner Gebietskörperschaft und "
    "die Moderation des Netzwerks sehen sie; Kontaktdaten werden nur so sichtbar, wie ich es gewählt habe. "
    "Ich kann die Einwilligung jederzeit widerrufen; unter „Meine Daten“ sehe ich, was über mich "
    "gespeichert ist."
)


def check_extra_topics(lines):
    """The administrators' topics must merge with the built-in ones: no duplicates, usable tokens."""
    return merge_topics(TOPICS, lines, field="extra_topics", strict=True)


class IRegionaustauschSettings(Interface):
    """Settings of regionaustausch, stored in the registry under the prefix ``regionaustausch``."""

    default_quorum_supports = schema.Int(
        title=_("Default quorum: supports"),
        description=_(
            "A new region starts with this number of supports that an exchange proposal needs before it "
            "can be accepted. Each region can change it."
        ),
        min=1,
        max=1000,
        default=5,
        required=True,
    )

    default_quorum_municipalities = schema.Int(
        title=_("Default quorum: municipalities"),
        description=_(
            "A new region starts with this number of distinct municipalities whose representatives must "
            "support a proposal. Each region can change it."
        ),
        min=1,
        max=1000,
        default=3,
        required=True,
    )

    extra_topics = schema.List(
        title=_("Additional topics"),
        description=_(
            "Topics offered besides the built-in ones, one per line: a title, or an identifier and a "
            'title separated by "|" (for example "wasserstoff|Wasserstoff").'
        ),
        value_type=schema.TextLine(),
        default=[],
        missing_value=[],
        constraint=rule_constraint(check_extra_topics),
        required=False,
    )

    privacy_notice = schema.Text(
        title=_("Privacy notice of the forms"),
        description=_(
            "The text that people consent to when they send a form of the network (joining, registering "
            "for a meeting): what is stored, who sees it, how to withdraw the consent."
        ),
        # The site's text, in the site's language (German), not a message of the user interface.
        default=DEFAULT_PRIVACY_NOTICE,
        max_length=5000,
        required=True,
    )


def get_settings():
    """The settings of this site as an object with one attribute per field (read and write)."""
    return getUtility(IRegistry).forInterface(IRegionaustauschSettings, prefix=REGISTRY_PREFIX, check=False)


class RegionaustauschSettingsEditForm(RegistryEditForm):
    schema = IRegionaustauschSettings
    schema_prefix = REGISTRY_PREFIX
    label = _("Regional exchange")
    description = _("Settings of the inter-municipal exchange of council members.")


class RegionaustauschSettingsControlPanel(ControlPanelFormWrapper):
    form = RegionaustauschSettingsEditForm


@adapter(Interface, IRegionaustauschLayer)
class RegionaustauschSettingsConfigletPanel(RegistryConfigletPanel):
    """The same settings for ``@controlpanels/regionaustausch`` (plone.restapi, Volto)."""

    schema = IRegionaustauschSettings
    schema_prefix = REGISTRY_PREFIX
    configlet_id = "regionaustausch"
    configlet_category_id = "Products"
