"""Why an anonymisation is refused: each refusal is a domain RuleViolation with its HTTP status, which
the REST service answers with and the Classic UI view shows."""

from regionaustausch.domain.errors import RuleViolation


class AnonymisationRefused(RuleViolation):
    """Base class of the refusals of an anonymisation."""

    http_status = 400


class NotAllowedToAnonymise(AnonymisationRefused):
    default_msgid = "You may not anonymise this record."
    http_status = 403


class NotFormer(AnonymisationRefused):
    default_msgid = (
        "Only the record of a former representative can be anonymised; mark the record as former first."
    )
    http_status = 400


class AlreadyAnonymised(AnonymisationRefused):
    default_msgid = "This record is anonymised already."
    http_status = 409


class StillLinked(AnonymisationRefused):
    default_msgid = (
        "The user account of this record is also linked to ${count} record(s) that are not former; "
        "a person can be anonymised only when all their records are former."
    )
    http_status = 400


class OtherRecordNotAllowed(AnonymisationRefused):
    default_msgid = (
        "The user account of this record is also linked to a former record in ${municipality} that you "
        "may not anonymise; please ask a site administrator."
    )
    http_status = 403


class OutsideReach(AnonymisationRefused):
    """The account holds something outside the caller's reach (regionaustausch.privacy.reach)."""

    http_status = 403


class ContentOutsideReach(OutsideReach):
    default_msgid = (
        "The account also has content in ${places}, outside the region of your municipality; please "
        "ask a site administrator to anonymise it."
    )


class RolesOutsideReach(OutsideReach):
    default_msgid = (
        "The account also holds roles in ${places}, outside your municipality; please ask a site "
        "administrator to anonymise it."
    )


class SupportsOutsideReach(OutsideReach):
    default_msgid = (
        "The account also supports proposals outside the region of your municipality (${places}); please "
        "ask a site administrator to anonymise it."
    )


class ModerationOutsideReach(OutsideReach):
    default_msgid = (
        "The account also hid posts as a moderator outside the region of your municipality (${places}); "
        "please ask a site administrator to anonymise it."
    )
