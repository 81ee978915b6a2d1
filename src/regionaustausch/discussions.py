"""Forums, threads and posts as the Classic UI shows them, and writing a post.

Listings come from the catalog (sorted by its indexes and read from its metadata, never waking a
thread); only the posts of the page shown are woken, for their text. Who may write is decided by the
workflows' permissions "regionaustausch: Add Post" (in a thread) and "regionaustausch: Add Thread" (in
a forum); when one is missing, domain.forums names the reason (:func:`writing_refusal`), for the Classic
UI and the REST API alike.
"""

from Acquisition import aq_inner
from Acquisition import aq_parent
from plone import api
from plone.app.textfield.value import RichTextValue
from plone.batching import Batch
from plone.dexterity.utils import createContentInContainer
from regionaustausch import _
from regionaustausch.content.forum import IForum
from regionaustausch.content.post import IPost
from regionaustausch.content.thread import IThread
from regionaustausch.domain.errors import RuleViolation
from regionaustausch.domain.forums import PostingRefused
from regionaustausch.domain.forums import check_edit
from regionaustausch.domain.forums import check_post
from regionaustausch.membership import active_records
from regionaustausch.membership import is_network_member
from regionaustausch.permissions import ADD_POST
from regionaustausch.permissions import ADD_THREAD
from regionaustausch.permissions import ManagePortal
from z3c.form.interfaces import IManagerValidator
from zope.component import getMultiAdapter
from zope.globalrequest import getRequest
from zope.schema import ValidationError


THREADS_PAGE_SIZE = 25
POSTS_PAGE_SIZE = 50


def _path(obj):
    return "/".join(obj.getPhysicalPath())


def threads_of(forum, b_start=0, b_size=THREADS_PAGE_SIZE):
    """The forum's threads the caller may see, pinned first, then by last activity (a Batch of brains)."""
    brains = api.content.find(
        portal_type="Thread",
        path={"query": _path(forum), "depth": 1},
        sort_on=["pinned", "last_activity"],
        sort_order=["descending", "descending"],
    )
    return Batch(brains, b_size, start=b_start)


def posts_of(thread, b_start=0, b_size=POSTS_PAGE_SIZE):
    """The thread's posts the caller may see, oldest first (a Batch of brains)."""
    return Batch(_posts(thread), b_size, start=b_start)


def _posts(thread):
    return api.content.find(
        portal_type="Post",
        path={"query": _path(thread), "depth": 1},
        sort_on="created",
        sort_order="ascending",
    )


def post_page_starts(thread, b_size=POSTS_PAGE_SIZE):
    """``{uid: b_start}``: where the page of ``thread`` that shows each post the caller may see starts.

    One catalog query of the thread's posts in their order, brains only; a view asks it once per page
    it renders, however many reply links the page has."""
    return {brain.UID: position - position % b_size for position, brain in enumerate(_posts(thread))}


class AuthorDirectory:
    """Names and municipalities of authors, looked up once per user id (a listing shows many posts of
    few people). An author is shown by their active representative record in the Region, else by the
    account's full name; a post whose author is gone or anonymised is by a "former member"."""

    def __init__(self, region):
        self.region = region
        self._cache = {}

    def __call__(self, user_id):
        if user_id not in self._cache:
            self._cache[user_id] = self._lookup(user_id)
        return self._cache[user_id]

    def _lookup(self, user_id):
        for brain in active_records(self.region, user_id) if user_id and self.region is not None else ():
            return {"user_id": user_id, "name": brain.Title, "municipality": brain.municipality_title}
        user = api.user.get(userid=user_id) if user_id else None
        if user is None:
            return {"user_id": None, "name": _("Former member"), "municipality": None}
        return {"user_id": user_id, "name": user.getProperty("fullname") or user_id, "municipality": None}


class PostRefused(Exception):
    """A post that cannot be written: ``errors`` maps field name (or ``""``) to a translatable message."""

    def __init__(self, errors):
        super().__init__(errors)
        self.errors = errors


def writing_refusal(container):
    """Why the current user cannot write in ``container`` now (a domain.forums.PostingRefused), or None
    if they can: a new post in a Thread, a new thread in a Forum.

    The permission decides ("regionaustausch: Add Post" in a thread, "regionaustausch: Add Thread" in a
    forum); domain.forums.check_post only explains its refusal, with a plain PostingRefused when it
    knows no reason."""
    thread = container if IThread.providedBy(container) else None
    if api.user.has_permission(ADD_POST if thread is not None else ADD_THREAD, obj=container):
        return None
    forum = aq_parent(aq_inner(container)) if thread is not None else container
    try:
        check_post(
            api.content.get_state(forum, default=None) if IForum.providedBy(forum) else None,
            api.content.get_state(thread, default=None) if thread is not None else None,
            is_network_member(container),
            logged_in=not api.user.is_anonymous(),
        )
    except PostingRefused as refusal:
        return refusal
    return PostingRefused()


def posting_refusal(thread):
    """Why the current user cannot write in ``thread`` (a translatable message), or None if they can."""
    refusal = writing_refusal(thread)
    return _(refusal.msgid, mapping=refusal.mapping) if refusal is not None else None


def add_post(thread, text, in_reply_to=None):
    """Write a post as the current user, validated as a form or the REST API would; returns the post.

    Raises PostRefused with the messages per field."""
    refusal = posting_refusal(thread)
    if refusal is not None:
        raise PostRefused({"": refusal})
    value = RichTextValue(text or "", "text/html", "text/x-html-safe")
    data = {"text": value, "in_reply_to": in_reply_to or None}
    errors = {}
    for name, field_value in data.items():
        field = IPost[name].bind(thread)
        try:
            if field_value is None:
                if field.required:
                    errors[name] = _("Required input is missing.")
            else:
                field.validate(field_value)
        except ValidationError as error:
            errors[name] = error.doc()
    if not errors:
        validator = getMultiAdapter((thread, getRequest(), None, IPost, None), IManagerValidator)
        for error in validator.validate(data):
            fields = getattr(error, "fields", ()) or ("",)
            errors[fields[0]] = error.args[0]
    if errors:
        raise PostRefused(errors)
    # Dexterity's helper picks the id with our name chooser before adding (plone.api would add under a
    # temporary id and rename, which needs "Copy or Move"); it checks the add permission again.
    return createContentInContainer(
        thread, "Post", checkConstraints=True, text=value, in_reply_to=in_reply_to or None
    )


def moderation_queue(region, hidden_limit=50):
    """For moderators: the Region's posts and threads waiting for approval (oldest first) and the
    recently hidden."""
    pending = api.content.find(
        context=region,
        portal_type=["Post", "Thread"],
        review_state="pending",
        sort_on="created",
        sort_order="ascending",
    )
    hidden = api.content.find(
        context=region,
        portal_type=["Post", "Thread"],
        review_state="hidden",
        sort_on="modified",
        sort_order="descending",
        sort_limit=hidden_limit,
    )[:hidden_limit]
    return {"pending": pending, "hidden": hidden}


def editing_refusal(obj):
    """Why the current user may not change the post or thread ``obj`` now (a translatable message), or
    None: a closed forum is a read-only archive, a locked thread takes no changes (domain.forums)."""
    thread = obj if IThread.providedBy(obj) else aq_parent(aq_inner(obj))
    forum = aq_parent(aq_inner(thread))
    try:
        check_edit(
            api.content.get_state(forum, default=None),
            IPost.providedBy(obj) and api.content.get_state(thread, default=None) == "locked",
            is_administrator=api.user.has_permission(ManagePortal, obj=obj),
        )
    except RuleViolation as refusal:
        return refusal
    return None
