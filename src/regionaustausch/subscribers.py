"""Event handlers: side effects of adding and changing content."""

from Acquisition import aq_inner
from Acquisition import aq_parent
from regionaustausch.content.thread import IThread


THREAD_ACTIVITY_INDEXES = ["last_activity", "post_count"]


def post_added(post, event):
    """A new post: title it after its thread, and move the thread's last activity forward.

    Only the thread's LastActivity object and its catalog record change, never the Thread object
    itself (see regionaustausch.content.thread)."""
    if event.object is not post:
        return  # dispatched from a copied or moved thread: nothing new happened in it
    thread = aq_parent(aq_inner(post))
    if not IThread.providedBy(thread):
        return
    post.title = f"Re: {thread.Title()}"
    thread.touch_activity(post.created())
    thread.reindexObject(idxs=THREAD_ACTIVITY_INDEXES)


def post_removed(post, event):
    """A post removed (or moved away): its thread has one post less."""
    if event.object is not post:
        return  # the whole thread (or its forum) goes: nothing to count
    thread = event.oldParent
    if IThread.providedBy(thread):
        thread.reindexObject(idxs=THREAD_ACTIVITY_INDEXES)
