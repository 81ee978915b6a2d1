"""Why a user cannot write in a forum, and when a moderator must approve what is written.

A Forum is ``internal`` (network members read and write), ``public`` (everyone reads, network members
write) or ``closed`` (read only, for everyone). A Thread is ``open`` for posts, ``locked`` (no new posts),
``pending`` (it waits for a moderator's approval) or ``hidden`` (by a moderator). Unknown states count as
closed (fail closed).

Who may write is decided by the workflows' permissions ("regionaustausch: Add Thread", "regionaustausch:
Add Post"); :func:`check_post` only explains a refusal that the permission has made, in the words the
user needs.

Moderation: with ``premoderation`` on, a new post or thread waits (``pending``) until a moderator approves
it, and so does a published one that its writer changes (:func:`needs_approval`); a moderator's own
writing never waits. Moderators write under the same rules as everybody else otherwise: a closed forum
and a locked thread are closed for them too (they reopen them first).
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

OPEN = "open"
LOCKED = "locked"
THREAD_STATES = (OPEN, LOCKED, PENDING, HIDDEN)


class PostingRefused(RuleViolation):
    """Writing is not possible here; ``http_status`` 403 unless a subclass says otherwise."""

    http_status = 403
    default_msgid = "You may not write in this discussion."


class ForumClosed(PostingRefused):
    """The forum is closed (or in an unknown state)."""

    default_msgid = "This forum is closed; no new posts can be written."


class ThreadLocked(PostingRefused):
    """The thread is locked."""

    default_msgid = "This discussion is locked; no new posts can be written."


class ThreadNotOpen(PostingRefused):
    """The thread is hidden by a moderator (or in an unknown state)."""

    default_msgid = "This discussion is hidden; no posts can be written."


class ThreadPending(ThreadNotOpen):
    """The thread waits for a moderator's approval."""

    default_msgid = "This discussion waits for a moderator's approval; it can be answered once approved."


class LoginRequired(PostingRefused):
    """Nobody is logged in (HTTP 401: logging in may help)."""

    http_status = 401
    default_msgid = "Log in to write in this forum."


class NotAllowedToPost(PostingRefused):
    """The user is not a network member of the Region."""

    default_msgid = "Only network members of this region can write in this forum."


def check_post(forum_state, thread_state=None, is_member=False, logged_in=True):
    """Raise the :class:`PostingRefused` subclass that explains why the user cannot write, if a reason
    is found; return ``None`` otherwise (the caller then refuses with a plain :class:`PostingRefused`).

    ``thread_state`` is the review state of the thread to answer (``None`` when starting a new
    thread). Checked in this order: forum closed, thread locked, thread not open, logged in, membership.
    """
    if forum_state not in (INTERNAL, PUBLIC):
        raise ForumClosed()
    if thread_state == LOCKED:
        raise ThreadLocked()
    if thread_state == PENDING:
        raise ThreadPending()
    if thread_state not in (None, OPEN):
        raise ThreadNotOpen()
    if not logged_in:
        raise LoginRequired()
    if not is_member:
        raise NotAllowedToPost()


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


def needs_approval(premoderation, is_moderator=False):
    """Whether what a user writes (a new post or thread, or a change to a published one) waits for a
    moderator: when the forum asks for pre-moderation and the writer is no moderator."""
    return bool(premoderation) and not is_moderator
