"""Forum: a place for threads on one set of topics; internal (network only), public or closed — the
workflow state says which. Unordered: a forum grows to thousands of threads, listed by the catalog."""

from plone.dexterity.content import Container
from plone.supermodel import model
from regionaustausch import _
from regionaustausch.interfaces import IRegionaustauschContainer
from zope import schema
from zope.interface import implementer


class IForum(model.Schema):
    """A forum of a Region."""

    premoderation = schema.Bool(
        title=_("Moderate posts before they appear"),
        description=_("New posts wait for a moderator's approval before other members see them."),
        default=False,
        required=False,
    )


@implementer(IForum, IRegionaustauschContainer)
class Forum(Container):
    """A forum; its threads are its items."""

    _ordering = "unordered"
