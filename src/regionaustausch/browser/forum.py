"""A forum: its threads, pinned first, then by last activity, with their post counts."""

from plone import api
from regionaustausch.browser.base import RegionaustauschView
from regionaustausch.discussions import threads_of
from regionaustausch.permissions import ADD_THREAD


class ForumView(RegionaustauschView):
    def __call__(self):
        self.batch = threads_of(self.context, b_start=int(self.request.form.get("b_start", 0) or 0))
        return self.index()

    def can_add_thread(self):
        return api.user.has_permission(ADD_THREAD, obj=self.context)
