"""Post (Beitrag): a member's answer in a Thread, stored sanitised; it may reply to another post of the
same thread."""

from Acquisition import aq_inner
from Acquisition import aq_parent
from plone import api
from plone.dexterity.content import Item
from plone.supermodel import model
from plone.uuid.interfaces import IUUID
from regionaustausch import _
from regionaustausch.content.properties import SanitisedRichText
from regionaustausch.content.thread import IThread
from regionaustausch.content.validation import data_context
from regionaustausch.content.validation import field_value
from regionaustausch.content.validation import invalid
from regionaustausch.content.validation import rich_text_field
from regionaustausch.domain.errors import RuleViolation
from regionaustausch.interfaces import IRegionaustauschContent
from zope import schema
from zope.interface import implementer
from zope.interface import invariant


MSG_REPLY_OTHER_THREAD = "A post can only reply to a post of the same thread."
MSG_REPLY_TO_ITSELF = "A post cannot reply to itself."


class IPost(model.Schema):
    """A post in a Thread."""

    text = rich_text_field(
        title=_("Text"),
        description=_(
            "Paragraphs, bold, italics, lists, links and quotes are kept; everything else is removed."
        ),
    )

    in_reply_to = schema.TextLine(
        title=_("In reply to"),
        description=_("The UID of the post of this thread that this post answers."),
        max_length=64,
        required=False,
    )

    @invariant
    def reply_in_same_thread(data):
        uid = field_value(data, "in_reply_to")
        if not uid:
            return
        context = data_context(data)
        thread = thread_of(context)
        # IUUID(..., None): a post that plone.restapi is creating has no UUID yet
        if IPost.providedBy(context) and IUUID(context, None) == uid:
            invalid(RuleViolation(MSG_REPLY_TO_ITSELF, field="in_reply_to"), "in_reply_to")
        found = (
            api.content.find(context=thread, depth=1, portal_type="Post", UID=uid, unrestricted=True)
            if thread is not None
            else ()
        )
        if not len(found):
            invalid(RuleViolation(MSG_REPLY_OTHER_THREAD, field="in_reply_to"), "in_reply_to")


def thread_of(context):
    """The Thread of a post, or the Thread itself (an add form's context)."""
    if context is None:
        return None
    if IThread.providedBy(context):
        return context
    parent = aq_parent(aq_inner(context))
    return parent if IThread.providedBy(parent) else None


@implementer(IPost, IRegionaustauschContent)
class Post(Item):
    """A post; its title is set from the thread's when it is added (``Re: <thread>``)."""

    text = SanitisedRichText()

    def thread(self):
        return thread_of(self)
