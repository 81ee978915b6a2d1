"""Workflow guards that need a rule from domain/: DCWorkflow guard expressions call this view, e.g.
``python:here.restrictedTraverse('@@regionaustausch-workflow-guards').publish_directly()``."""

from Acquisition import aq_base
from Acquisition import aq_inner
from contextlib import contextmanager
from plone import api
from Products.Five.browser import BrowserView
from regionaustausch.content.forum import IForum
from regionaustausch.domain.forums import needs_approval
from regionaustausch.domain.resolutions import missing_for_realisation
from regionaustausch.permissions import MODERATE


#: Set on a post or thread (volatile, never stored) while an edit of it is recorded in its history.
RECORDING_EDIT = "_v_regionaustausch_recording_edit"


@contextmanager
def recording_edit(obj):
    """While the block runs, the workflow offers ``obj`` the transitions that record an edit
    (``record_edit``, ``resubmit``), and no automatic approval: subscribers.discussion_edited."""
    base = aq_base(obj)
    setattr(base, RECORDING_EDIT, True)
    try:
        yield
    finally:
        if hasattr(base, RECORDING_EDIT):
            delattr(base, RECORDING_EDIT)


def forum_of(obj):
    """The Forum of a thread or of a post (None outside a forum)."""
    for parent in aq_inner(obj).aq_chain[1:3]:
        if IForum.providedBy(parent):
            return parent
    return None


def is_moderator(obj):
    return api.user.has_permission(MODERATE, obj=obj)


class WorkflowGuards(BrowserView):
    def publish_directly(self):
        """A new post or thread skips moderation unless its forum moderates first and its writer is no
        moderator (domain.forums.needs_approval); an edit never approves anything by itself."""
        if getattr(aq_base(self.context), RECORDING_EDIT, False):
            return False
        forum = forum_of(self.context)
        premoderation = bool(getattr(forum, "premoderation", False))
        return not needs_approval(premoderation, is_moderator(self.context))

    #: The name the post workflow of profile 1000 calls, until the upgrade to 1001 has run.
    publish_post_directly = publish_directly

    def recording_edit(self):
        """Whether an edit of this post or thread is being recorded (see :func:`recording_edit`)."""
        return bool(getattr(aq_base(self.context), RECORDING_EDIT, False))

    def is_author(self):
        """The current user created this object (holds Owner on it locally, not just by acquisition:
        the Site Administrator who created the Region owns everything in it that way)."""
        if api.user.is_anonymous():
            return False
        return api.user.get_current().getId() in self.context.users_with_local_role("Owner")

    def resolutions_missing(self):
        """A required resolution of this proposal is not adopted (``realise_anyway`` is offered only
        then: domain.resolutions.missing_for_realisation)."""
        return bool(missing_for_realisation(getattr(self.context, "required_resolutions", None)))
