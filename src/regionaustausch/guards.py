"""Workflow guards that need a rule from domain/: DCWorkflow guard expressions call this view, e.g.
``python:here.restrictedTraverse('@@regionaustausch-workflow-guards').publish_post_directly()``."""

from Acquisition import aq_inner
from Acquisition import aq_parent
from plone import api
from Products.Five.browser import BrowserView
from regionaustausch.domain.forums import PUBLISHED
from regionaustausch.domain.forums import post_initial_state
from regionaustausch.permissions import MODERATE


class WorkflowGuards(BrowserView):
    def publish_post_directly(self):
        """A new post skips moderation unless its forum moderates first and its author is no moderator."""
        thread = aq_parent(aq_inner(self.context))
        forum = aq_parent(aq_inner(thread))
        premoderation = bool(getattr(forum, "premoderation", False))
        is_moderator = api.user.has_permission(MODERATE, obj=self.context)
        return post_initial_state(premoderation, is_moderator) == PUBLISHED

    def is_author(self):
        """The current user created this object (holds Owner on it locally, not just by acquisition:
        the Site Administrator who created the Region owns everything in it that way)."""
        if api.user.is_anonymous():
            return False
        return api.user.get_current().getId() in self.context.users_with_local_role("Owner")
