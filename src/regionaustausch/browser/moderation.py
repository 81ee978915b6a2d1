"""The moderation queue of a Region: posts and threads waiting for approval, and the recently hidden."""

from regionaustausch.browser.base import RegionaustauschView
from regionaustausch.discussions import AuthorDirectory
from regionaustausch.discussions import moderation_queue


class ModerationQueueView(RegionaustauschView):
    def __call__(self):
        self.authors = AuthorDirectory(self.context)
        self.queue = moderation_queue(self.context)
        return self.index()

    def entries(self, brains):
        return [
            {
                "brain": brain,
                "author": self.authors(brain.Creator),
                # a post is moderated in its thread, at its place; a thread on its own page
                "moderate_url": brain.getURL()
                if brain.portal_type == "Thread"
                else f"{brain.getURL().rsplit('/', 1)[0]}#{brain.getId}",
                "created": self.localized_time(brain.created),
            }
            for brain in brains
        ]
