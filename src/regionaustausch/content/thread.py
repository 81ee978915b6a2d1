"""Thread (Diskussion): an opening text and the posts that answer it.

Many members post at once, so adding a post must not rewrite the Thread object (a rewritten Thread is a
write conflict). The posts live in the Thread's BTree (unordered: no order list to rewrite), the number
of posts is BTreeFolder2's ``BTrees.Length`` counter, and the time of the last post is kept in a small
:class:`LastActivity` object of its own whose concurrent updates resolve to the later time.
"""

from Acquisition import aq_base
from DateTime import DateTime
from persistent import Persistent
from plone.autoform import directives
from plone.dexterity.content import Container
from plone.supermodel import model
from regionaustausch import _
from regionaustausch.content.properties import SanitisedRichText
from regionaustausch.content.validation import rich_text_field
from regionaustausch.interfaces import IRegionaustauschContainer
from zope import schema
from zope.interface import implementer


#: The catalog indexes (and metadata) of a thread that its posts change.
ACTIVITY_INDEXES = ("last_activity", "post_count")


class LastActivity(Persistent):
    """When a thread last saw a post, as seconds since the epoch.

    Concurrent posts in one thread each move it forward; ZODB resolves their write conflict by keeping
    the later time (``_p_resolveConflict``) instead of failing one of the requests.
    """

    def __init__(self, when):
        self.when = float(when)

    def touch(self, when):
        when = float(when)
        if when > self.when:
            self.when = when

    def _p_resolveConflict(self, old_state, committed_state, new_state):
        return max(committed_state, new_state, key=lambda state: state["when"])


class IThread(model.Schema):
    """A discussion thread in a Forum."""

    text = rich_text_field(
        title=_("Opening text"),
        description=_("What the thread is about; members answer with posts."),
    )

    # Pinning is the moderators' decision: the edit forms and plone.restapi leave the field alone for
    # anyone else (its owner may edit the thread, not its place in the forum).
    directives.write_permission(pinned="regionaustausch.Moderate")
    pinned = schema.Bool(
        title=_("Pinned"),
        description=_("Pinned threads are listed first in their forum."),
        default=False,
        required=False,
    )


@implementer(IThread, IRegionaustauschContainer)
class Thread(Container):
    """A thread; its posts are its items."""

    _ordering = "unordered"
    text = SanitisedRichText()

    def __init__(self, id=None, **kwargs):
        super().__init__(id, **kwargs)
        self._activity = LastActivity(self.created().timeTime())

    def touch_activity(self, when):
        """Record a post at ``when`` (a DateTime) without writing the Thread itself."""
        self._activity.touch(when.timeTime())

    def last_activity(self):
        """The time of the newest post, or of the thread's creation (a DateTime)."""
        return DateTime(self._activity.when)

    def post_count(self):
        """The number of posts (BTreeFolder2 keeps it in a conflict-resolving Length)."""
        return self.objectCount()

    def reindexObject(self, idxs=[], update_metadata=1, uid=None):  # noqa: B006 (CMF's signature)
        """Reindex, unless a post coming or going is the only change.

        Zope reports every post added, removed or renamed as a modification of its thread
        (``IContainerModifiedEvent``), and Dexterity answers that with a full reindex, which sets the
        modification date: the Thread would be rewritten by every post. When a post is the only
        change (:func:`posts_changed` said so and the Thread itself is unchanged), the only indexes
        concerned are the activity indexes, and those the post's subscriber updates after the commit
        (regionaustausch.subscribers.post_added): the thread's catalog record is written by no post's
        own transaction, so concurrent posts do not collide on it.
        """
        if not idxs and getattr(aq_base(self), "_v_posts_changed", False):
            aq_base(self)._v_posts_changed = False
            if not self._p_changed:
                return None
        return super().reindexObject(idxs=idxs, update_metadata=update_metadata, uid=uid)


def posts_changed(post, event):
    """A post was added to, removed from or renamed in a thread (``IObjectMovedEvent``): tell the
    thread, whose "container modified" reindex comes next (see :meth:`Thread.reindexObject`)."""
    for parent in (event.oldParent, event.newParent):
        if IThread.providedBy(parent):
            aq_base(parent)._v_posts_changed = True
