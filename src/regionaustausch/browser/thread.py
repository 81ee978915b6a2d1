"""A thread: the opening text and its posts in pages of 50, oldest first, with author, municipality
and time; a reply form for members (reply to a post, with a quote); moderators approve, hide and restore
posts and the thread itself, with a reason that the writer sees."""

from plone import api
from Products.CMFCore.WorkflowCore import WorkflowException
from regionaustausch import _
from regionaustausch.browser.base import RegionaustauschView
from regionaustausch.content.post import IPost
from regionaustausch.content.region import find_region
from regionaustausch.discussions import AuthorDirectory
from regionaustausch.discussions import PostRefused
from regionaustausch.discussions import add_post
from regionaustausch.discussions import post_page_starts
from regionaustausch.discussions import posting_refusal
from regionaustausch.discussions import posts_of
from regionaustausch.domain.text import quote
from regionaustausch.moderation import reason_for_author
from regionaustausch.permissions import MODERATE
from zExceptions import BadRequest


class ThreadView(RegionaustauschView):
    errors = None
    text = ""

    def __call__(self):
        self.authors = AuthorDirectory(find_region(self.context))
        self.batch = posts_of(self.context, b_start=int(self.request.form.get("b_start", 0) or 0))
        self.refusal = posting_refusal(self.context)
        self.reply_to = self.request.form.get("reply_to") or ""
        if not self.text and self.reply_to and self.request.form.get("quote"):
            self.text = self._quoted(self.reply_to)
        return self.index()

    def _quoted(self, uid):
        # only a published post can be quoted: a quote must not bring back what a moderator hid
        brains = api.content.find(
            context=self.context, depth=1, portal_type="Post", UID=uid, review_state="published"
        )
        if not len(brains):
            return ""
        post = brains[0].getObject()
        return quote(post.text.raw if post.text else "", self.authors(post.Creator())["name"])

    def is_locked(self):
        return self.state_of() == "locked"

    def is_pending(self):
        return self.state_of() == "pending"

    def thread_hidden_reason(self):
        """Why a moderator hid this thread (``{"reason", "date"}``), while it is hidden."""
        return reason_for_author(self.context)

    def is_moderator(self):
        return api.user.has_permission(MODERATE, obj=self.context)

    def posts(self):
        """The page's posts with what the template shows; only these are woken, for their text."""
        entries = []
        current = None if api.user.is_anonymous() else api.user.get_current().getId()
        for brain in self.batch:
            post = brain.getObject()
            state = brain.review_state
            author = self.authors(brain.Creator)
            entries.append(
                {
                    "id": brain.getId,
                    "uid": brain.UID,
                    "url": brain.getURL(),
                    "author": author,
                    "created": self.localized_time(brain.created),
                    "created_iso": brain.created.ISO8601(),
                    "text": post.text.output if post.text else "",
                    "state": state,
                    "state_title": self.state_title(post, state),
                    "in_reply_to": post.in_reply_to,
                    "in_reply_to_url": self.post_link(post.in_reply_to) if post.in_reply_to else None,
                    "hidden_reason": reason_for_author(post) if state == "hidden" else None,
                    "mine": bool(current) and author["user_id"] == current,
                }
            )
        return entries

    def post_link(self, uid):
        """The address of the post ``uid`` in this thread's pages (it may be on another page of 50)."""
        if uid in self._page_uids():
            return f"#ra-post-{uid}"
        start = self._page_starts().get(uid)
        if start is None:
            return None
        return f"{self.context.absolute_url()}?b_start:int={start}#ra-post-{uid}"

    def _page_uids(self):
        if not hasattr(self, "_uids_on_page"):
            self._uids_on_page = {brain.UID for brain in self.batch}
        return self._uids_on_page

    def _page_starts(self):
        """Where each post's page starts: one catalog query per page rendered, when a reply link
        points to another page (discussions.post_page_starts)."""
        if not hasattr(self, "_starts"):
            self._starts = post_page_starts(self.context)
        return self._starts

    def reply_target_title(self):
        if not self.reply_to:
            return None
        brains = api.content.find(context=self.context, depth=1, portal_type="Post", UID=self.reply_to)
        return self.authors(brains[0].Creator)["name"] if len(brains) else None


class ReplyView(ThreadView):
    """POST ``@@reply`` on a thread: write a post (CSRF-checked); errors show at the form."""

    def __call__(self):
        if self.request.method != "POST":
            self.request.response.redirect(self.context.absolute_url())
            return ""
        self.check_csrf()
        self.text = self.request.form.get("text", "")
        reply_to = self.request.form.get("in_reply_to") or None
        try:
            post = add_post(self.context, self.text, reply_to)
        except PostRefused as refusal:
            self.errors = {name: self.translate(message) for name, message in refusal.errors.items()}
            self.request.response.setStatus(400)
            self.request.form["reply_to"] = reply_to or ""
            return super().__call__()
        if api.content.get_state(post) == "pending":
            self.message(_("Your post waits for a moderator's approval."))
        else:
            self.message(_("Your post has been published."))
        self.request.response.redirect(f"{self.context.absolute_url()}?b_start:int=0#{post.getId()}")
        return ""


class Moderate(RegionaustauschView):
    """POST ``@@moderate`` on a post or thread: ``transition`` hide (with ``reason``), restore or
    publish (approve)."""

    TRANSITIONS = ("hide", "restore", "publish")

    def __call__(self):
        if self.request.method != "POST":
            raise BadRequest("POST only")
        self.check_csrf()
        transition = self.request.form.get("transition")
        if transition not in self.TRANSITIONS:
            raise BadRequest("unknown transition")
        reason = (self.request.form.get("reason") or "").strip()
        try:
            api.portal.get_tool("portal_workflow").doActionFor(self.context, transition, comment=reason)
        except WorkflowException as refusal:
            self.message(str(refusal), "error")
        else:
            self.message(
                _("The post has been updated.")
                if IPost.providedBy(self.context)
                else _("The discussion has been updated.")
            )
        if IPost.providedBy(self.context):
            self.request.response.redirect(f"{self.context.aq_parent.absolute_url()}#{self.context.getId()}")
        else:
            self.request.response.redirect(self.context.absolute_url())
        return ""
