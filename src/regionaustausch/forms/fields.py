"""Form fields and field validators that regionaustausch adds to easyform's choice, so that editors can
use them in any form (the fields editor offers the field type, a field's settings the validators):

- :class:`PrivacyConsent`: a checkbox that must be ticked, whose description is the site's privacy
  notice (the registry setting ``regionaustausch.privacy_notice``, Site Setup → Regionaustausch), so
  that every form asks for consent to the same, current text.
- the validators ``regionaustausch.email`` and ``regionaustausch.phone``: the rules the directory
  applies to a representative's contact details (regionaustausch.domain.contact), so that a form
  refuses what the record would refuse.
"""

from collective.easyform.interfaces import IFieldValidator
from plone.schemaeditor.fields import FieldFactory
from plone.supermodel.exportimport import BaseHandler
from regionaustausch import _
from regionaustausch.domain import contact
from regionaustausch.domain.errors import RuleViolation
from zope.interface import implementer
from zope.interface import provider
from zope.schema import Bool
from zope.schema import ValidationError
from zope.schema.interfaces import IBool


MSG_CONSENT_REQUIRED = "Please consent to the privacy notice; without consent nothing can be stored."


def privacy_notice():
    """The privacy notice of the site (the registry setting), or ``""`` outside a site."""
    from regionaustausch.controlpanel import get_settings

    try:
        return get_settings().privacy_notice or ""
    except (KeyError, AttributeError, LookupError):
        return ""


class ConsentMissing(ValidationError):
    __doc__ = _(MSG_CONSENT_REQUIRED)


class IPrivacyConsent(IBool):
    """A checkbox for consenting to the privacy notice."""


@implementer(IPrivacyConsent)
class PrivacyConsent(Bool):
    """A required checkbox; unticked, the form refuses the submission. Its description is the site's
    privacy notice; the description stored with the field is shown only while that is empty."""

    def __init__(self, **kw):
        kw.setdefault("required", True)
        super().__init__(**kw)

    @property
    def description(self):
        return privacy_notice() or self._description

    @description.setter
    def description(self, value):
        self._description = value

    def _validate(self, value):
        super()._validate(value)
        if value is not True:
            raise ConsentMissing()


PrivacyConsentFactory = FieldFactory(PrivacyConsent, _("Consent to the privacy notice"))
PrivacyConsentHandler = BaseHandler(PrivacyConsent)


def _rule_message(rule, value):
    if not value:
        return None
    try:
        rule(value)
    except RuleViolation as violation:
        return _(violation.msgid, mapping=violation.mapping)
    return None


@provider(IFieldValidator)
def email(value, **kwargs):
    """easyform field validator: an e-mail address as a representative's record takes it."""
    return _rule_message(contact.validate_email, value)


@provider(IFieldValidator)
def phone(value, **kwargs):
    """easyform field validator: a phone number as a representative's record takes it."""
    return _rule_message(contact.validate_phone, value)
