"""Who may write in a forum, and in which state a new post begins.

A Forum is ``internal`` (network members read and write), ``public`` (everyone reads, network members
write) or ``closed`` (read only, for everyone). A Thread can be locked, which closes it for new posts.
An unknown forum state counts as ``closed`` (fail closed).

Moderation: with ``premoderation`` on, a new post is ``pending`` until a moderator publishes it; a
moderator's own posts never wait. Moderators write under the same rules as everybody else otherwise:
a closed forum and a locked thread are closed for them too (they reopen them first).
"""

from regionaustausch.domain.errors import RuleViolation


INTERNAL = "internal"
PUBLIC = "public"
CLOSED = "closed"
FORUM_STATES = (INTERNAL, PUBLIC, CLOSED)

PUBLISHED = "published"
PENDING = "pending"
HIDDEN = "hidden"
POST_STATES = (PUBLISHED, PENDING, HIDDEN)


class PostingRefused(RuleViolation):
    """Writing is not possible here; ``http_status`` 403 for every case."""

    http_status = 403


class ForumClosed(PostingRefused):
    """The forum is closed (or in an unknown state)."""

    default_msgid = "This forum is closed; no new posts can be written."


class ThreadLocked(PostingRefused):
    """The thread is locked."""

    default_msgid = "This discussion is locked; no new posts can be written."


class NotAllowedToPost(PostingRefused):
    """The user is not a network member of the Region."""

    default_msgid = "Only network members of this region can write in this forum."


def check_post(forum_state, thread_locked, is_member):
    """Raise the fitting :class:`PostingRefused` subclass unless the user may write a post.

    ``thread_locked`` is whether the thread is locked (``False`` when starting a new thread). Checked in
    this order: forum closed, thread locked, membership.
    """
    if forum_state not in (INTERNAL, PUBLIC):
        raise ForumClosed()
    if thread_locked:
        raise ThreadLocked()
    if not is_member:
        raise NotAllowedToPost()


def can_post(forum_state, thread_locked, is_member):
    """``True`` when :func:`check_post` would pass; for views deciding whether to show the form."""
    try:
        check_post(forum_state, thread_locked, is_member)
    except PostingRefused:
        return False
    return True


class ArchiveClosed(PostingRefused):
    """Editing a post or thread of a closed forum or a locked thread."""

    default_msgid = "This discussion can no longer be changed: the forum is closed or the thread is locked."


def check_edit(forum_state, thread_locked, is_administrator=False):
    """Refuse changes to a post or thread (not new ones: :func:`check_post`) once its forum is closed
    (a read-only archive) or its thread is locked; a site administrator may still correct them.
    ``thread_locked`` is ``False`` for a thread's own opening when only the forum matters."""
    if is_administrator:
        return
    if forum_state not in (INTERNAL, PUBLIC) or thread_locked:
        raise ArchiveClosed()


def post_initial_state(premoderation, is_moderator=False):
    """``"pending"`` when the forum asks for pre-moderation and the author is no moderator, else
    ``"published"``."""
    return PENDING if premoderation and not is_moderator else PUBLISHED
