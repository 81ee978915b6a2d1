"""The bridge from the rules in :mod:`regionaustausch.domain` to zope.schema and z3c.form.

A domain rule raises :class:`~regionaustausch.domain.errors.RuleViolation` with an English msgid. Here
it becomes a :class:`RuleValidationError`, a zope.schema ``ValidationError`` whose ``doc()`` is the
translatable message: z3c.form shows it at the field in German, plone.restapi puts it, translated, into
its 400 answer with the field's name. Schemas use :func:`rule_constraint` for one field and raise
:func:`invalid` from invariants for rules that need several fields or the context; texts that people
write (posts, thread openings, proposals) are :func:`rich_text_field`, one field for all of them.
"""

from plone.app.textfield import RichText
from plone.dexterity.interfaces import IDexterityFTI
from plone.dexterity.utils import resolveDottedName
from regionaustausch import _
from regionaustausch.domain.errors import RuleViolation
from regionaustausch.domain.text import validate_post_text
from regionaustausch.domain.text import validate_title
from regionaustausch.interfaces import IRegionaustauschContent
from z3c.form.interfaces import IAddForm
from z3c.form.validator import Data
from z3c.form.validator import InvariantsValidator
from z3c.form.validator import NoInputData
from zope.component import queryUtility
from zope.interface import Invalid
from zope.schema import ValidationError


class RuleValidationError(ValidationError):
    """A field value refused by a domain rule; ``doc()`` gives the translatable message."""

    def __init__(self, violation):
        super().__init__(violation.msgid)
        self.violation = violation
        self.field = violation.field

    def doc(self):
        return _(self.violation.msgid, mapping=self.violation.mapping)

    def __str__(self):
        return str(self.violation)


class RuleInvalid(Invalid):
    """An invariant refused by a domain rule; the first argument is the translatable message.

    ``fields`` names the fields concerned, so that forms and the REST API can point at them.
    """

    def __init__(self, violation, fields=()):
        super().__init__(_(violation.msgid, mapping=violation.mapping))
        self.violation = violation
        self.fields = tuple(fields) or ((violation.field,) if violation.field else ())


def message(violation):
    """The translatable message of a :class:`RuleViolation`."""
    return _(violation.msgid, mapping=violation.mapping)


def rule_constraint(check, **options):
    """A zope.schema ``constraint`` that runs ``check(value, **options)`` and maps its RuleViolation.

    ``check`` may normalise and return the value; a constraint can only accept or refuse, so the
    normalised value is not used here (the content classes store what the form or the API sent).
    """

    def constraint(value):
        try:
            check(value, **options)
        except RuleViolation as violation:
            raise RuleValidationError(violation) from violation
        return True

    constraint.__name__ = f"rule_{getattr(check, '__name__', 'check')}"
    constraint.__doc__ = check.__doc__
    return constraint


def check_rich_text(value, field="text", required=True):
    """The domain's check of a text people write (:func:`~regionaustausch.domain.text.validate_post_text`),
    for a RichTextValue or a string."""
    return validate_post_text(getattr(value, "raw", value), field=field, required=required)


def rich_text_field(title, description, required=True, name="text"):
    """The RichText field of a text people write: HTML (a client cannot claim its HTML is safe already),
    held to the domain's text rules (not empty when ``required``, at most 20,000 visible characters) under
    the field's ``name``. The content class stores it sanitised with
    :class:`~regionaustausch.content.properties.SanitisedRichText`, whatever writes it."""
    return RichText(
        title=title,
        description=description,
        allowed_mime_types=("text/html",),
        default_mime_type="text/html",
        output_mime_type="text/x-html-safe",
        constraint=rule_constraint(check_rich_text, field=name, required=required),
        required=required,
    )


def invalid(violation, *fields):
    """Raise a :class:`RuleInvalid` for ``violation`` from an invariant."""
    raise RuleInvalid(violation, fields)


def field_value(data, name, default=None):
    """A field's value in an invariant's ``data``: z3c.form's ``Data`` (forms and plone.restapi both pass
    one, falling back to the context for fields not sent) or a plain object."""
    try:
        value = getattr(data, name)
    except (AttributeError, NoInputData):
        # NoInputData: the field was neither sent nor is there a context to read it from.
        return default
    return default if value is None else value


def data_context(data):
    """The object an invariant validates against: the object itself (edit form, REST API), or the
    container in an add form (z3c.form validates an add form without a context; our
    :class:`ContentInvariantsValidator` hands the container in as ``__container__``)."""
    context = getattr(data, "__context__", None)
    return context if context is not None else getattr(data, "__container__", None)


def _is_our_type(portal_type):
    fti = queryUtility(IDexterityFTI, name=portal_type) if portal_type else None
    if fti is None or not fti.klass:
        return False
    try:
        return IRegionaustauschContent.implementedBy(resolveDottedName(fti.klass))
    except (ImportError, AttributeError, TypeError):
        return False


class ContentInvariantsValidator(InvariantsValidator):
    """z3c.form's validation of a schema's invariants, for our types; forms and plone.restapi's
    deserializer both look it up (``IManagerValidator``) for every schema of the object.

    Two additions to z3c.form's validator:

    * z3c.form validates an add form without a context; the invariants that need the Region or the
      Thread (unique AGS, reply in the same thread) find the add form's container through
      :func:`data_context`.
    * A title (plone.basic's allows 1024 characters) is held to the domain's rule: not blank, at most
      200 characters (:func:`regionaustausch.domain.text.validate_title`).
    """

    def _container(self):
        if self.context is None and IAddForm.providedBy(self.view):
            return getattr(self.view, "context", None)
        return None

    def _for_our_type(self):
        if IRegionaustauschContent.providedBy(self.context):
            return True
        return self._container() is not None and _is_our_type(getattr(self.view, "portal_type", None))

    def validate(self, data):
        if not self._for_our_type():
            return super().validate(data)
        checked = Data(self.schema, data, self.context)
        container = self._container()
        if container is not None:
            checked.__container__ = container
        errors = self.validateObject(checked)
        title = data.get("title") if "title" in self.schema else None
        if title is not None:
            try:
                validate_title(title)
            except RuleViolation as violation:
                errors += (RuleInvalid(violation, ("title",)),)
        return errors
