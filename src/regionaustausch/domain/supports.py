"""Who may support an exchange proposal, and who may withdraw a support.

Pure rules: the caller finds out the facts (review state, network membership, whether the user has
supported already) and these functions decide. Each refusal is its own class, so the REST layer maps
it to a status code without reading messages; the code it should use is the class attribute
``http_status``:

==================== ====== ==========================================================
class                status reason
==================== ====== ==========================================================
NotANetworkMember    403    only network members of the Region may support
SupportClosed        400    supports are open only in review state ``discussion``
AlreadySupported     409    the user supports the proposal already
NotSupported         409    withdrawing, but the user has not supported (the proposal
                            and its ``@support`` resource exist, the request conflicts
                            with their state, hence 409 rather than 404)
==================== ====== ==========================================================

Order of the checks when supporting: membership first (someone who may never support learns that,
whatever the state), then the state, then the duplicate.
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


def check_support(state, is_member, already_supported):
    """Raise the fitting :class:`SupportRefused` subclass unless the user may support now.

    ``state`` is the proposal's review state, ``is_member`` whether the user is a network member of the
    Region, ``already_supported`` whether the user's support is stored already. Returns ``None``.
    """
    if not is_member:
        raise NotANetworkMember()
    if state != DISCUSSION:
        raise SupportClosed()
    if already_supported:
        raise AlreadySupported()


def check_withdraw(state, has_supported):
    """Raise :class:`SupportClosed` or :class:`NotSupported` unless the user may withdraw the support.

    Withdrawing is possible only in ``discussion`` (once a proposal is accepted its quorum must not
    change under it). Membership is not asked: a representative who left the network may still take
    back a support given while a member.
    """
    if state != DISCUSSION:
        raise SupportClosed()
    if not has_supported:
        raise NotSupported()


def may_support(state, is_member, already_supported):
    """``True`` when :func:`check_support` would pass; for views deciding whether to show the button."""
    try:
        check_support(state, is_member, already_supported)
    except SupportRefused:
        return False
    return True
