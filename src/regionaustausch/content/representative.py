"""Representative (Vertreter*in): a council member or official of a Municipality in the directory.

The record's title is computed from the name parts. Contact details (e-mail, phone) are shown only as
the representative consented: ``contact_visibility`` decides who holds the permission
"regionaustausch: View contact details" on this record (see :func:`apply_contact_visibility`), and the
fields carry that permission as their read permission, so forms, plone.restapi's serializers (also
``@search`` with ``fullobjects``) and templates leave them out for everybody else.

The linked user account (``user_id``: an account name, with e-mail login the person's e-mail address)
is read only by those who manage the record's membership ("regionaustausch: Manage membership"), the
visibility and the date of consent only by those who edit the record; the catalog indexes the account
as a keyed token (regionaustausch.user_tokens), never the id.
"""

from AccessControl import ClassSecurityInfo
from AccessControl.class_init import InitializeClass
from Acquisition import aq_inner
from Acquisition import aq_parent
from plone import api
from plone.autoform import directives
from plone.dexterity.content import Item
from plone.schema import Email
from plone.supermodel import model
from regionaustausch import _
from regionaustausch.content.validation import field_value
from regionaustausch.content.validation import invalid
from regionaustausch.content.validation import rule_constraint
from regionaustausch.domain import contact
from regionaustausch.domain.errors import RuleViolation
from regionaustausch.domain.names import representative_title
from regionaustausch.domain.names import sort_name
from regionaustausch.domain.representatives import SALUTATION_WORDS
from regionaustausch.domain.representatives import check_contact_consent
from regionaustausch.domain.text import validate_title
from regionaustausch.interfaces import IRegionaustauschContent
from regionaustausch.permissions import IDS
from regionaustausch.permissions import MANAGE_MEMBERSHIP
from regionaustausch.permissions import VIEW_CONTACT_DETAILS
from zope import schema
from zope.interface import implementer
from zope.interface import invariant


#: How Zope roles map to the caller levels of the visibility rule in domain.contact.
ROLE_LEVELS = (
    ("Anonymous", contact.ANONYMOUS),
    ("Authenticated", contact.MEMBER),
    ("NetworkMember", contact.NETWORK_MEMBER),
    ("Editor", contact.EDITOR),
    ("Site Administrator", contact.EDITOR),
    ("Manager", contact.EDITOR),
)


#: Who edits the record reads its visibility and date of consent (zope.security's id of Plone's
#: "Modify portal content").
EDITORS_READ = "cmf.ModifyPortalContent"

MSG_UNKNOWN_USER = "There is no user account with the id ${user_id} in this site."


def check_user_exists(user_id):
    """A record can only name a user account that exists (it decides network membership)."""
    if user_id and api.user.get(userid=user_id) is None:
        raise RuleViolation(MSG_UNKNOWN_USER, field="user_id", user_id=user_id)


class IRepresentative(model.Schema):
    """A representative of a municipality."""

    model.fieldset(
        "contact",
        label=_("Contact details"),
        fields=["email", "phone", "contact_visibility", "consent_date"],
    )
    model.fieldset(
        "connections",
        label=_("Connections"),
        fields=["user_id", "oparl_id", "mandate_end"],
    )

    salutation = schema.Choice(
        title=_("Salutation"),
        description=_("Used in letters; the directory shows the name without it."),
        vocabulary="regionaustausch.salutations",
        required=False,
    )

    academic_title = schema.TextLine(
        title=_("Academic title"),
        description=_('For example "Dr." or "Prof. Dr.".'),
        max_length=50,
        required=False,
    )

    first_name = schema.TextLine(
        title=_("First name"),
        max_length=100,
        required=True,
    )

    last_name = schema.TextLine(
        title=_("Last name"),
        max_length=100,
        required=True,
    )

    party = schema.TextLine(
        title=_("Party or council group"),
        description=_('As the council lists it, e.g. "SPD" or "Bündnis 90/Die Grünen".'),
        max_length=100,
        required=False,
    )

    committees = schema.List(
        title=_("Committees"),
        description=_("The committees the representative belongs to, one per line."),
        value_type=schema.TextLine(max_length=200),
        default=[],
        missing_value=[],
        required=False,
    )

    function = schema.Choice(
        title=_("Function"),
        description=_("The representative's role in council or administration."),
        vocabulary="regionaustausch.functions",
        required=False,
    )

    # plone.schema's Email gives forms and @types the e-mail widget; its own check is weaker than the
    # domain's (it takes "a..b@x.y", quotes, IP addresses), so the domain rule is the constraint.
    directives.read_permission(email=IDS[VIEW_CONTACT_DETAILS])
    email = Email(
        title=_("E-mail address"),
        max_length=contact.EMAIL_MAX_LENGTH,
        constraint=rule_constraint(contact.validate_email, field="email"),
        required=False,
    )

    directives.read_permission(phone=IDS[VIEW_CONTACT_DETAILS])
    phone = schema.TextLine(
        title=_("Phone"),
        description=_('Digits, spaces and "+ / - ( )", e.g. +49 531 470-1.'),
        max_length=contact.PHONE_MAX_LENGTH,
        constraint=rule_constraint(contact.validate_phone, field="phone"),
        required=False,
    )

    directives.read_permission(contact_visibility=EDITORS_READ)
    contact_visibility = schema.Choice(
        title=_("Who may see the contact details"),
        description=_(
            "Everybody, only members of the network, or nobody but the editors. Choose what the "
            "representative has consented to."
        ),
        vocabulary="regionaustausch.contact_visibilities",
        default=contact.HIDDEN,
        required=True,
    )

    directives.read_permission(consent_date=EDITORS_READ)
    consent_date = schema.Date(
        title=_("Date of consent"),
        description=_("When the representative consented to showing the contact details as chosen above."),
        required=False,
    )

    directives.read_permission(user_id=IDS[MANAGE_MEMBERSHIP])
    directives.write_permission(user_id=IDS[MANAGE_MEMBERSHIP])
    user_id = schema.TextLine(
        title=_("User account"),
        description=_(
            "The id of the representative's user account in this site. Once the record is approved, "
            "this user takes part in the network (forums, supports)."
        ),
        max_length=100,
        constraint=rule_constraint(lambda value: check_user_exists(value)),
        required=False,
    )

    # zope.schema's URI gives forms and @types the URL widget; the domain rule (http/https only, a
    # real host, no user information) is stricter than its check, so it stays the constraint.
    oparl_id = schema.URI(
        title=_("OParl person"),
        description=_("The URL of this person in the council information system's OParl API."),
        max_length=2000,
        constraint=rule_constraint(contact.validate_url, field="oparl_id"),
        required=False,
    )

    mandate_end = schema.Date(
        title=_("End of mandate"),
        description=_(
            "When the representative's mandate ends; the record becomes former on the next day (the "
            "OParl import fills it from the memberships)."
        ),
        required=False,
    )

    @invariant
    def name_fits_in_a_title(data):
        """The record's title is the name (no title field to check): at most 200 characters."""
        name = representative_title(
            SALUTATION_WORDS.get(field_value(data, "salutation")),
            field_value(data, "academic_title"),
            field_value(data, "first_name"),
            field_value(data, "last_name"),
        )
        if name:
            try:
                validate_title(name)
            except RuleViolation as violation:
                invalid(violation, "academic_title", "first_name", "last_name")

    @invariant
    def contact_needs_consent(data):
        try:
            check_contact_consent(
                field_value(data, "contact_visibility", contact.HIDDEN),
                field_value(data, "consent_date"),
            )
        except RuleViolation as violation:
            invalid(violation, violation.field)


@implementer(IRepresentative, IRegionaustauschContent)
class Representative(Item):
    """A representative's record; the title is the name, computed from its parts."""

    # Each record sets "View contact details" for itself (apply_contact_visibility); Zope lets an
    # object set only the permissions its class knows. Who reads the details is decided by
    # regionaustausch.directory.contact, never by a method of the record.
    security = ClassSecurityInfo()
    security.setPermissionDefault(VIEW_CONTACT_DETAILS, ("Manager",))

    @property
    def title(self):
        return representative_title(
            SALUTATION_WORDS.get(getattr(self, "salutation", None)),
            getattr(self, "academic_title", None),
            getattr(self, "first_name", None),
            getattr(self, "last_name", None),
        )

    @title.setter
    def title(self, value):
        """The title is computed; Dexterity's constructor and setTitle() must not store one."""

    def sort_name(self):
        """The key the directory sorts by: last name, then first name, German collation."""
        return sort_name(getattr(self, "first_name", None), getattr(self, "last_name", None))

    def municipality(self):
        """The Municipality this record belongs to (its container)."""
        return aq_parent(aq_inner(self))


InitializeClass(Representative)


def contact_roles(visibility):
    """The Zope roles that may see contact details of ``visibility``, by the rule in domain.contact."""
    return [role for role, level in ROLE_LEVELS if contact.contact_visible(visibility, level)]


def apply_contact_visibility(representative, event=None):
    """Grant "View contact details" as the record's ``contact_visibility`` says (added and modified)."""
    visibility = getattr(representative, "contact_visibility", None) or contact.HIDDEN
    roles = contact_roles(visibility)
    current = {
        info["name"]
        for info in representative.rolesOfPermission(VIEW_CONTACT_DETAILS)
        if info["selected"] == "SELECTED"
    }
    if current != set(roles) or representative.acquiredRolesAreUsedBy(VIEW_CONTACT_DETAILS):
        representative.manage_permission(VIEW_CONTACT_DETAILS, roles=roles, acquire=False)
