"""The moderation queue of a Region: posts waiting for approval and recently hidden posts."""

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
                "thread_url": brain.getURL().rsplit("/", 1)[0],
                "created": self.localized_time(brain.created),
            }
            for brain in brains
        ]
