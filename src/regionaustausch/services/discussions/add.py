from AccessControl import getSecurityManager
from plone.restapi.deserializer import json_body
from plone.restapi.services.content.add import FolderPost
from regionaustausch.discussions import writing_refusal
from regionaustausch.permissions import AddPortalContent
from regionaustausch.services.errors import http_error
from zExceptions import Unauthorized


#: What each container of a discussion takes.
WRITES = {"Forum": "Thread", "Thread": "Post"}


class DiscussionAdd(FolderPost):
    """Adding a thread to a forum or a post to a thread: the add permission decides, and a refusal is
    explained (401 to log in; 403 with the reason: closed forum, locked or pending thread, not a
    network member). Anything else is plone.restapi's add, which needs "Add portal content"."""

    def reply(self):
        if json_body(self.request).get("@type") == WRITES.get(self.context.portal_type):
            refusal = writing_refusal(self.context)
            if refusal is not None:
                raise http_error(refusal, self.request)
        elif not getSecurityManager().checkPermission(AddPortalContent, self.context):
            raise Unauthorized()
        return super().reply()
