"""Why a user cannot support an exchange proposal, and who may withdraw a support.

Who may support is decided by the permission "regionaustausch: Support proposal", which the proposal
workflow gives to network members in state ``discussion``. :func:`explain_support_refusal` explains a
refusal that the permission has made; :func:`check_withdraw` decides withdrawing (no permission: a
representative who left the network may take back a support given while a member). The caller finds
out the facts (review state, network membership, whether the user has supported already). Each refusal
is its own class, so the REST layer maps it to a status code without reading messages; the code it
should use is the class attribute ``http_status``:

==================== ====== ==========================================================
class                status reason
==================== ====== ==========================================================
LoginRequired        401    nobody is logged in
NotANetworkMember    403    only network members of the Region may support
SupportClosed        400    supports are open only in review state ``discussion``
AlreadySupported     409    the user supports the proposal already
NotSupported         409    withdrawing, but the user has not supported (the proposal
                            and its ``@support`` resource exist, the request conflicts
                            with their state, hence 409 rather than 404)
SupportNotAllowed    403    refused, and none of the reasons above applies
==================== ====== ==========================================================

Order of the explanations: logging in first, then membership (someone who may never support learns
that, whatever the state), then the state, then the duplicate.
"""

from regionaustausch.domain.errors import RuleViolation


#: The only review state in which supports may be given or withdrawn.
DISCUSSION = "discussion"


class SupportRefused(RuleViolation):
    """Base class of all refusals of a support or its withdrawal."""

    http_status = 400


class SupportClosed(SupportRefused):
    """The proposal is not in discussion: supports can be neither given nor withdrawn (HTTP 400)."""

    default_msgid = "Supports can be given or withdrawn only while the proposal is in discussion."
    http_status = 400


class LoginRequired(SupportRefused):
    """Nobody is logged in (HTTP 401: logging in may help)."""

    default_msgid = "Log in to support a proposal."
    http_status = 401


#: The message of :class:`LoginRequired` when withdrawing.
MSG_LOGIN_TO_WITHDRAW = "Log in to withdraw a support."


class NotANetworkMember(SupportRefused):
    """The user is not a network member of the proposal's Region (HTTP 403)."""

    default_msgid = "Only network members of this region can support a proposal."
    http_status = 403


class AlreadySupported(SupportRefused):
    """The user supports the proposal already (HTTP 409)."""

    default_msgid = "You already support this proposal."
    http_status = 409


class NotSupported(SupportRefused):
    """The user wants to withdraw a support they never gave (HTTP 409)."""

    default_msgid = "You do not support this proposal."
    http_status = 409


class SupportNotAllowed(SupportRefused):
    """The permission refused, and no rule here says why (HTTP 403)."""

    default_msgid = "You may not support this proposal."
    http_status = 403


def check_support(state, is_member, already_supported, logged_in=True):
    """Raise the :class:`SupportRefused` subclass that explains why the user cannot support now, if one
    of the reasons applies; return ``None`` otherwise.

    ``state`` is the proposal's review state, ``is_member`` whether the user is a network member of the
    Region, ``already_supported`` whether the user's support is stored already.
    """
    if not logged_in:
        raise LoginRequired()
    if not is_member:
        raise NotANetworkMember()
    if state != DISCUSSION:
        raise SupportClosed()
    if already_supported:
        raise AlreadySupported()


def explain_support_refusal(state, is_member, already_supported, logged_in=True):
    """The refusal to raise when the permission has refused a support: the reason :func:`check_support`
    finds, else :class:`SupportNotAllowed`."""
    try:
        check_support(state, is_member, already_supported, logged_in)
    except SupportRefused as refusal:
        return refusal
    return SupportNotAllowed()


def check_withdraw(state, has_supported, logged_in=True):
    """Raise :class:`LoginRequired`, :class:`SupportClosed` or :class:`NotSupported` unless the user may
    withdraw the support.

    Withdrawing is possible only in ``discussion`` (once a proposal is accepted its quorum must not
    change under it). Membership is not asked: a representative who left the network may still take
    back a support given while a member.
    """
    if not logged_in:
        raise LoginRequired(MSG_LOGIN_TO_WITHDRAW)
    if state != DISCUSSION:
        raise SupportClosed()
    if not has_supported:
        raise NotSupported()
