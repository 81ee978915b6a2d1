"""Moderation of posts: the reason a moderator gave for hiding a post, which its author sees.

Kept in an annotation of the post (set when it is hidden, removed when it is restored), not in the
workflow history, whose review_history is only readable by reviewers.
"""

from datetime import datetime
from datetime import timezone
from plone import api
from zope.annotation.interfaces import IAnnotations


REASON_KEY = "regionaustausch.hidden"


def set_hidden_reason(post, reason, moderator_id):
    IAnnotations(post)[REASON_KEY] = {
        "reason": reason,
        "moderator": moderator_id,
        "date": datetime.now(timezone.utc).isoformat(timespec="seconds"),
    }


def clear_hidden_reason(post):
    IAnnotations(post).pop(REASON_KEY, None)


def hidden_reason(post):
    """``{"reason", "moderator", "date"}`` while the post is hidden, else None."""
    if api.content.get_state(post, default=None) != "hidden":
        return None
    return IAnnotations(post).get(REASON_KEY)
