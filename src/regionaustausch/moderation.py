"""Moderation of posts and threads: the reason a moderator gave for hiding one, which its writer sees.

Kept in an annotation of the post or thread (set when it is hidden, removed when it is restored). The
workflow history has the reason too, as the comment of the transition, but only moderators may read
that history (the post and thread workflows give "Request review", "Review portal content" and
"CMFEditions: Access previous versions" to moderators alone): the writer learns the reason through
:func:`reason_for_author`, which leaves out who the moderator was.
"""

from datetime import datetime
from datetime import timezone
from plone import api
from zope.annotation.interfaces import IAnnotations


REASON_KEY = "regionaustausch.hidden"


def set_hidden_reason(obj, reason, moderator_id):
    IAnnotations(obj)[REASON_KEY] = {
        "reason": reason,
        "moderator": moderator_id,
        "date": datetime.now(timezone.utc).isoformat(timespec="seconds"),
    }


def clear_hidden_reason(obj):
    IAnnotations(obj).pop(REASON_KEY, None)


def hidden_reason(obj):
    """``{"reason", "moderator", "date"}`` while the post or thread is hidden, else None (for the
    moderators and the privacy module)."""
    if api.content.get_state(obj, default=None) != "hidden":
        return None
    return IAnnotations(obj).get(REASON_KEY)


def reason_for_author(obj):
    """``{"reason", "date"}`` while the post or thread is hidden, else None: what its writer (and
    whoever else may see it hidden) is shown, without the moderator's name."""
    note = hidden_reason(obj)
    if note is None:
        return None
    return {"reason": note.get("reason"), "date": note.get("date")}
