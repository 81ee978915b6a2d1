"""Meetings: minutes only after the meeting has ended."""

from datetime import datetime
from datetime import timedelta
from datetime import timezone
from regionaustausch.domain import meetings
from regionaustausch.domain.errors import RuleViolation
from regionaustausch.domain.meetings import check_minutes
import pytest


NOW = datetime(2026, 12, 1, 18, 0, tzinfo=timezone.utc)


@pytest.mark.parametrize(
    ("has_minutes", "end"),
    [
        (True, NOW - timedelta(minutes=1)),
        (True, NOW),  # the moment it ends
        (False, NOW + timedelta(days=30)),  # no minutes: nothing to check
        (False, None),
    ],
)
def test_allowed(has_minutes, end):
    assert check_minutes(has_minutes, end, NOW) is None


def test_minutes_before_the_end_are_refused():
    with pytest.raises(RuleViolation) as info:
        check_minutes(True, NOW + timedelta(seconds=1), NOW)
    assert info.value.field == "minutes"
    assert info.value.msgid == meetings.MSG_MINUTES_TOO_EARLY
    assert (
        str(info.value) == "The minutes can be published only after the meeting has ended (2026-12-01 18:00)."
    )


def test_minutes_without_an_end_are_refused():
    with pytest.raises(RuleViolation) as info:
        check_minutes(True, None, NOW)
    assert (info.value.field, info.value.msgid) == ("minutes", meetings.MSG_MINUTES_WITHOUT_END)
