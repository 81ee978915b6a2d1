"""Workflow guards that need a rule from domain/: DCWorkflow guard expressions call this view, e.g.
``python:here.restrictedTraverse('@@regionaustausch-workflow-guards').publish_post_directly()``."""

from Acquisition import aq_inner
from Acquisition import aq_parent
from plone import api
from Products.Five.browser import BrowserView
from regionaustausch.domain.forums import PUBLISHED
from regionaustausch.domain.forums import post_initial_state


MODERATE = "regionaustausch: Moderate"


class WorkflowGuards(BrowserView):
    def publish_post_directly(self):
        """A new post skips moderation unless its forum moderates first and its author is no moderator."""
        thread = aq_parent(aq_inner(self.context))
        forum = aq_parent(aq_inner(thread))
        premoderation = bool(getattr(forum, "premoderation", False))
        is_moderator = api.user.has_permission(MODERATE, obj=self.context)
        return post_initial_state(premoderation, is_moderator) == PUBLISHED
