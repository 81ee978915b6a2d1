"""The easyform action "Create representative": a form's submission asks to join the network.

On submit the action makes a Representative record in the state ``pending`` in the chosen
municipality of the form's Region, from the form's fields that are named like the record's fields
(``first_name``, ``last_name``, ``email``, ...; ``committees`` one per line), linked to the logged-in
user if there is one, with the date of consent; then it tells the municipality's editors by mail.
A person who has a record in that municipality already (regionaustausch.domain.joining) gets no
second one, and the form says so; nothing is stored then, as the action refuses before the form's
save-data action runs (it comes first in the form's actions).

The record is the municipality's, not the submitter's: it belongs to the owner of the Region, so the
submitter (who may be anonymous) gets no local roles on it; the moderators approve it as any other.

Settings (the action's edit form in easyform's actions editor): the field holding the municipality,
the field holding the consent, and whether to tell the editors.
"""

from Acquisition import aq_base
from collective.easyform.actions import Action
from collective.easyform.actions import ActionFactory
from collective.easyform.api import get_context
from collective.easyform.config import FORM_ERROR_MARKER
from collective.easyform.interfaces import IAction
from plone import api
from plone.supermodel.exportimport import BaseHandler
from regionaustausch import _
from regionaustausch.content.municipality import IMunicipality
from regionaustausch.content.region import find_region
from regionaustausch.content.representative import IRepresentative
from regionaustausch.domain.joining import MSG_ALREADY_RECORDED
from regionaustausch.domain.joining import same_person
from regionaustausch.forms.mail import send_mail
from regionaustausch.membership import editors_group_id
from zope import schema
from zope.interface import Invalid
from zope.interface import implementer
from zope.schema import ValidationError
import datetime
import logging


logger = logging.getLogger(__name__)

#: The record's fields that a form field of the same name fills.
RECORD_FIELDS = (
    "salutation",
    "academic_title",
    "first_name",
    "last_name",
    "party",
    "committees",
    "function",
    "topics",
    "email",
    "phone",
    "contact_visibility",
)

MSG_NO_MUNICIPALITY = "Please choose a municipality of this region."
MSG_CONSENT = "Please consent to the privacy notice; without consent nothing can be stored."
MSG_EDITORS_SUBJECT = "Request to join the network: ${name} (${municipality})"
MSG_EDITORS_BODY = (
    "${name} asks to join the network for ${municipality}. The entry waits for approval:\n\n${url}\n"
)


class ICreateRepresentative(IAction):
    """Makes a representative's record (pending) from the submission."""

    municipality_field = schema.ASCIILine(
        title=_("Field with the municipality"),
        description=_("The name of the form field in which people choose their municipality."),
        default="municipality",
        required=True,
    )

    consent_field = schema.ASCIILine(
        title=_("Field with the consent"),
        description=_(
            "The name of the form field with the consent to the privacy notice; its date is recorded."
        ),
        default="consent",
        required=True,
    )

    notify_editors = schema.Bool(
        title=_("Tell the municipality's editors"),
        description=_("Send the editors of the municipality a mail with a link to the new entry."),
        default=True,
        required=False,
    )


def _submitter_id():
    return None if api.user.is_anonymous() else api.user.get_current().getId()


def _text_lines(value):
    if isinstance(value, str):
        return [line.strip() for line in value.splitlines() if line.strip()]
    return [line for line in value or () if line]


def record_values(fields):
    """The record's values from the submitted ``fields`` (only those the form has and filled in)."""
    values = {}
    for name in RECORD_FIELDS:
        value = fields.get(name)
        if value in (None, "", (), [], set()):
            continue
        if name == "committees":
            value = _text_lines(value)
        elif name == "topics":
            value = sorted(value)
        values[name] = value
    return values


def _message(error):
    """The (translatable) message of a schema's refusal: an invariant's first argument, a field
    error's ``doc()`` (the domain rules' messages, zope.schema's own)."""
    if isinstance(error, ValidationError):
        return error.doc()
    return error.args[0] if error.args else str(error)


def record_errors(values, municipality):
    """``{field: message}`` for values the record's schema refuses (the same checks as its forms)."""
    errors = {}
    for name, value in values.items():
        field = IRepresentative[name].bind(municipality)
        try:
            field.validate(value)
        except (ValidationError, Invalid) as error:
            errors[name] = _message(error)
    if not errors:
        try:
            IRepresentative.validateInvariants(_Data(values))
        except Invalid as error:
            errors[FORM_ERROR_MARKER] = _message(error)
    return errors


class _Data:
    """The values as the schema's invariants read them (attributes; missing ones are ``None``)."""

    def __init__(self, values):
        self.__dict__.update(values)

    def __getattr__(self, name):
        return None


def municipality_of(form, value):
    """The Municipality of the form's Region whose UID is ``value``, or ``None``."""
    region = find_region(form)
    if region is None or not value:
        return None
    found = api.content.get(UID=value) if isinstance(value, str) else None
    if found is None or not IMunicipality.providedBy(found) or find_region(found) != region:
        return None
    return found


def existing_record(municipality, request_values):
    """A record of ``municipality`` (in any state) for the same person as ``request_values``, or None."""
    for record in municipality.objectValues():
        if not IRepresentative.providedBy(record):
            continue
        base = aq_base(record)
        known = {name: getattr(base, name, None) for name in ("user_id", "email", "first_name", "last_name")}
        if same_person(request_values, known):
            return record
    return None


def create_record(municipality, values, user_id, region):
    """The pending record, owned by the Region's owner; the submitter holds no local role on it."""
    with api.env.adopt_roles(["Manager"]):
        function = values.pop("function", None)  # api.content.create keeps "function" for itself
        record = api.content.create(
            container=municipality,
            type="Representative",
            title=f"{values.get('first_name', '')} {values.get('last_name', '')}".strip(),
            user_id=user_id,
            safe_id=True,
            **values,
        )
        if function is not None:
            record.function = function
        owner = region.getOwner() or api.portal.get().getOwner()
        record.changeOwnership(owner)
        for principal, _roles in record.get_local_roles():
            if principal != owner.getId():
                record.manage_delLocalRoles([principal])
        record.manage_setLocalRoles(owner.getId(), ["Owner"])
        record.reindexObject()
        record.reindexObjectSecurity()
    return record


def notify_editors(record, municipality, request):
    """A mail to each member of the municipality's editors group."""
    group_id = editors_group_id(municipality)
    mapping = {"name": record.Title(), "municipality": municipality.Title(), "url": record.absolute_url()}
    sent = 0
    for user in api.user.get_users(groupname=group_id):
        address = user.getProperty("email", None)
        subject = _(MSG_EDITORS_SUBJECT, mapping=mapping)
        if send_mail(address, subject, _(MSG_EDITORS_BODY, mapping=mapping), request):
            sent += 1
    if not sent:
        logger.warning("no editor of %s was told of %s", group_id, record.absolute_url())
    return sent


@implementer(ICreateRepresentative)
class CreateRepresentative(Action):
    __doc__ = ICreateRepresentative.__doc__

    def __init__(self, **kw):
        for name, field in ICreateRepresentative.namesAndDescriptions():
            setattr(self, name, kw.pop(name, field.default))
        super().__init__(**kw)

    def onSuccess(self, fields, request):
        """Make the record; an error mapping ``{field: message}`` (easyform shows it) refuses."""
        form = get_context(self)
        municipality = municipality_of(form, fields.get(self.municipality_field))
        if municipality is None:
            return {self.municipality_field: _(MSG_NO_MUNICIPALITY)}
        if fields.get(self.consent_field) is not True:
            return {self.consent_field: _(MSG_CONSENT)}
        values = {**record_values(fields), "consent_date": datetime.date.today()}
        errors = record_errors(values, municipality)
        if errors:
            return errors
        user_id = _submitter_id()
        if existing_record(municipality, {**values, "user_id": user_id}) is not None:
            return {FORM_ERROR_MARKER: _(MSG_ALREADY_RECORDED)}
        record = create_record(municipality, values, user_id, find_region(form))
        if self.notify_editors:
            notify_editors(record, municipality, request)
        return None


CreateRepresentativeAction = ActionFactory(
    CreateRepresentative,
    _("Create representative"),
    "collective.easyform.AddDataSavers",
)
CreateRepresentativeHandler = BaseHandler(CreateRepresentative)
