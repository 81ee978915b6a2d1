"""Who may support a proposal and withdraw a support."""

from regionaustausch.domain.errors import RuleViolation
from regionaustausch.domain.supports import DISCUSSION
from regionaustausch.domain.supports import MSG_LOGIN_TO_WITHDRAW
from regionaustausch.domain.supports import AlreadySupported
from regionaustausch.domain.supports import LoginRequired
from regionaustausch.domain.supports import NotANetworkMember
from regionaustausch.domain.supports import NotSupported
from regionaustausch.domain.supports import SupportClosed
from regionaustausch.domain.supports import SupportNotAllowed
from regionaustausch.domain.supports import SupportRefused
from regionaustausch.domain.supports import check_support
from regionaustausch.domain.supports import check_withdraw
from regionaustausch.domain.supports import explain_support_refusal
import pytest


OTHER_STATES = ["draft", "submitted", "accepted", "realised", "rejected", "withdrawn", "", None, "Discussion"]


def test_a_member_may_support_in_discussion():
    assert check_support(DISCUSSION, is_member=True, already_supported=False) is None


@pytest.mark.parametrize(
    ("state", "is_member", "already", "error"),
    [
        *[(state, True, False, SupportClosed) for state in OTHER_STATES],
        *[(state, False, False, NotANetworkMember) for state in [DISCUSSION, *OTHER_STATES]],
        (DISCUSSION, False, True, NotANetworkMember),
        (DISCUSSION, True, True, AlreadySupported),
        ("accepted", True, True, SupportClosed),
    ],
)
def test_refused_supports(state, is_member, already, error):
    with pytest.raises(error) as info:
        check_support(state, is_member, already)
    assert isinstance(info.value, SupportRefused)
    assert isinstance(info.value, RuleViolation)
    assert info.value.msgid == error.default_msgid
    assert type(explain_support_refusal(state, is_member, already)) is error


@pytest.mark.parametrize("state", [DISCUSSION, *OTHER_STATES])
def test_nobody_logged_in_is_asked_to_log_in_first(state):
    with pytest.raises(LoginRequired) as info:
        check_support(state, is_member=False, already_supported=False, logged_in=False)
    assert info.value.http_status == 401
    with pytest.raises(LoginRequired) as info:
        check_withdraw(state, has_supported=False, logged_in=False)
    assert info.value.msgid == MSG_LOGIN_TO_WITHDRAW


def test_a_refusal_without_a_known_reason_is_generic():
    """The permission refused a member in discussion who has not supported: no rule here says why."""
    refusal = explain_support_refusal(DISCUSSION, is_member=True, already_supported=False)
    assert type(refusal) is SupportNotAllowed
    assert refusal.http_status == 403


def test_withdraw_in_discussion():
    assert check_withdraw(DISCUSSION, has_supported=True) is None


@pytest.mark.parametrize(
    ("state", "has_supported", "error"),
    [
        (DISCUSSION, False, NotSupported),
        *[(state, True, SupportClosed) for state in OTHER_STATES],
        ("accepted", False, SupportClosed),
    ],
)
def test_refused_withdrawals(state, has_supported, error):
    with pytest.raises(error):
        check_withdraw(state, has_supported)


@pytest.mark.parametrize(
    ("error", "status"),
    [
        (SupportClosed, 400),
        (LoginRequired, 401),
        (NotANetworkMember, 403),
        (AlreadySupported, 409),
        (NotSupported, 409),
        (SupportNotAllowed, 403),
    ],
)
def test_http_status_per_refusal(error, status):
    assert error.http_status == status
    assert error().http_status == status


def test_refusals_are_distinct_classes_with_distinct_messages():
    classes = [
        SupportClosed,
        LoginRequired,
        NotANetworkMember,
        AlreadySupported,
        NotSupported,
        SupportNotAllowed,
    ]
    assert len({cls.default_msgid for cls in classes}) == len(classes)
    for cls in classes:
        others = [other for other in classes if other is not cls]
        assert not any(issubclass(cls, other) for other in others)
