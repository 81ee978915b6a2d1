"""Who may post in a forum and the initial state of a post."""

from regionaustausch.domain import forums
from regionaustausch.domain.errors import RuleViolation
from regionaustausch.domain.forums import CLOSED
from regionaustausch.domain.forums import INTERNAL
from regionaustausch.domain.forums import PENDING
from regionaustausch.domain.forums import PUBLIC
from regionaustausch.domain.forums import PUBLISHED
from regionaustausch.domain.forums import ForumClosed
from regionaustausch.domain.forums import NotAllowedToPost
from regionaustausch.domain.forums import PostingRefused
from regionaustausch.domain.forums import ThreadLocked
from regionaustausch.domain.forums import can_post
from regionaustausch.domain.forums import check_post
from regionaustausch.domain.forums import post_initial_state
import pytest


@pytest.mark.parametrize("forum_state", [INTERNAL, PUBLIC])
def test_members_post_in_open_forums(forum_state):
    assert check_post(forum_state, thread_locked=False, is_member=True) is None
    assert can_post(forum_state, False, True)


@pytest.mark.parametrize(
    ("forum_state", "locked", "is_member", "error"),
    [
        (CLOSED, False, True, ForumClosed),
        (CLOSED, True, False, ForumClosed),
        (None, False, True, ForumClosed),
        ("", False, True, ForumClosed),
        ("Public", False, True, ForumClosed),
        ("archived", False, True, ForumClosed),
        (INTERNAL, True, True, ThreadLocked),
        (PUBLIC, True, True, ThreadLocked),
        (PUBLIC, True, False, ThreadLocked),
        (INTERNAL, False, False, NotAllowedToPost),
        (PUBLIC, False, False, NotAllowedToPost),
    ],
)
def test_refused_posts(forum_state, locked, is_member, error):
    with pytest.raises(error) as info:
        check_post(forum_state, locked, is_member)
    assert isinstance(info.value, PostingRefused)
    assert isinstance(info.value, RuleViolation)
    assert info.value.http_status == 403
    assert not can_post(forum_state, locked, is_member)


@pytest.mark.parametrize(
    ("premoderation", "is_moderator", "expected"),
    [
        (False, False, PUBLISHED),
        (True, False, PENDING),
        (True, True, PUBLISHED),
        (False, True, PUBLISHED),
        (None, False, PUBLISHED),
    ],
)
def test_post_initial_state(premoderation, is_moderator, expected):
    assert post_initial_state(premoderation, is_moderator=is_moderator) == expected


def test_post_initial_state_default_author_is_no_moderator():
    assert post_initial_state(True) == PENDING


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
