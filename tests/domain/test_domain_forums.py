"""Why a user cannot write in a forum, and when a moderator must approve what is written."""

from regionaustausch.domain import forums
from regionaustausch.domain.errors import RuleViolation
from regionaustausch.domain.forums import CLOSED
from regionaustausch.domain.forums import HIDDEN
from regionaustausch.domain.forums import INTERNAL
from regionaustausch.domain.forums import LOCKED
from regionaustausch.domain.forums import OPEN
from regionaustausch.domain.forums import PENDING
from regionaustausch.domain.forums import PUBLIC
from regionaustausch.domain.forums import ForumClosed
from regionaustausch.domain.forums import LoginRequired
from regionaustausch.domain.forums import NotAllowedToPost
from regionaustausch.domain.forums import PostingRefused
from regionaustausch.domain.forums import ThreadLocked
from regionaustausch.domain.forums import ThreadNotOpen
from regionaustausch.domain.forums import ThreadPending
from regionaustausch.domain.forums import check_post
from regionaustausch.domain.forums import needs_approval
import pytest


@pytest.mark.parametrize("forum_state", [INTERNAL, PUBLIC])
@pytest.mark.parametrize("thread_state", [None, OPEN])
def test_no_reason_against_members_in_open_forums(forum_state, thread_state):
    assert check_post(forum_state, thread_state, is_member=True) is None


@pytest.mark.parametrize(
    ("forum_state", "thread_state", "is_member", "logged_in", "error"),
    [
        (CLOSED, None, True, True, ForumClosed),
        (CLOSED, LOCKED, False, False, ForumClosed),
        (None, None, True, True, ForumClosed),
        ("", None, True, True, ForumClosed),
        ("Public", None, True, True, ForumClosed),
        ("archived", None, True, True, ForumClosed),
        (INTERNAL, LOCKED, True, True, ThreadLocked),
        (PUBLIC, LOCKED, True, True, ThreadLocked),
        (PUBLIC, LOCKED, False, False, ThreadLocked),
        (INTERNAL, PENDING, True, True, ThreadPending),
        (INTERNAL, HIDDEN, True, True, ThreadNotOpen),
        (INTERNAL, "archived", True, True, ThreadNotOpen),
        (PUBLIC, OPEN, False, False, LoginRequired),
        (PUBLIC, None, True, False, LoginRequired),
        (INTERNAL, None, False, True, NotAllowedToPost),
        (PUBLIC, OPEN, False, True, NotAllowedToPost),
    ],
)
def test_reasons(forum_state, thread_state, is_member, logged_in, error):
    with pytest.raises(error) as info:
        check_post(forum_state, thread_state, is_member, logged_in)
    assert type(info.value) is error
    assert isinstance(info.value, PostingRefused)
    assert isinstance(info.value, RuleViolation)
    assert info.value.http_status == (401 if error is LoginRequired else 403)


def test_a_pending_thread_is_not_open():
    assert issubclass(ThreadPending, ThreadNotOpen)
    assert ThreadPending.default_msgid != ThreadNotOpen.default_msgid


def test_the_generic_refusal():
    refusal = PostingRefused()
    assert refusal.http_status == 403
    assert refusal.msgid == "You may not write in this discussion."


@pytest.mark.parametrize(
    ("premoderation", "is_moderator", "expected"),
    [
        (False, False, False),
        (True, False, True),
        (True, True, False),
        (False, True, False),
        (None, False, False),
    ],
)
def test_needs_approval(premoderation, is_moderator, expected):
    assert needs_approval(premoderation, is_moderator=is_moderator) is expected


def test_the_writer_is_no_moderator_by_default():
    assert needs_approval(True) is True


def edit_refused(state, locked, administrator=False):
    """Whether check_edit refuses the change (it raises ArchiveClosed, or returns nothing)."""
    try:
        forums.check_edit(state, thread_locked=locked, is_administrator=administrator)
    except forums.ArchiveClosed:
        return True
    return False


class TestCheckEdit:
    @pytest.mark.parametrize("state", [forums.INTERNAL, forums.PUBLIC])
    def test_open_forum_and_thread(self, state):
        assert edit_refused(state, locked=False) is False
        assert edit_refused(state, locked=True) is True  # the same forum, once the thread is locked

    @pytest.mark.parametrize(
        ("state", "locked"),
        [(forums.CLOSED, False), (forums.PUBLIC, True), (forums.INTERNAL, True), ("unknown", False)],
    )
    def test_archive_refused(self, state, locked):
        with pytest.raises(forums.ArchiveClosed) as refused:
            forums.check_edit(state, thread_locked=locked)
        assert refused.value.http_status == 403

    @pytest.mark.parametrize(("state", "locked"), [(forums.CLOSED, False), (forums.PUBLIC, True)])
    def test_administrator_may_correct(self, state, locked):
        assert edit_refused(state, locked) is True
        assert edit_refused(state, locked, administrator=True) is False
