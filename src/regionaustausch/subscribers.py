"""Event handlers: side effects of adding and changing content, and of workflow transitions.

A handler that refuses a transition raises WorkflowException with a translated message: DCWorkflow
then leaves the state as it was, ``portal_workflow.doActionFor`` raises it, plone.restapi's
``@workflow`` answers 400 with the message, and the Classic UI shows it. (``plone.api.content.transition``
turns it into an InvalidParameterError that lists the transitions instead, without the reason.)
"""

from Acquisition import aq_inner
from Acquisition import aq_parent
from plone import api
from Products.CMFCore.WorkflowCore import WorkflowException
from regionaustausch import _
from regionaustausch.content.thread import ACTIVITY_INDEXES
from regionaustausch.content.thread import IThread
from regionaustausch.decisions import record_transition
from regionaustausch.deferred_reindex import reindex_after_commit
from regionaustausch.domain.decisions import is_decision
from regionaustausch.domain.decisions import validate_decision_text
from regionaustausch.domain.errors import RuleViolation
from regionaustausch.domain.forums import OPEN
from regionaustausch.domain.forums import PUBLISHED
from regionaustausch.domain.forums import needs_approval
from regionaustausch.domain.quorum import acceptance_problems
from regionaustausch.guards import forum_of
from regionaustausch.guards import is_moderator
from regionaustausch.guards import recording_edit
from regionaustausch.membership import sync_representative
from regionaustausch.moderation import clear_hidden_reason
from regionaustausch.moderation import set_hidden_reason
from regionaustausch.privacy import is_anonymised
from regionaustausch.resolutions import realisation_problem
from regionaustausch.resolutions import record_change
from regionaustausch.resolutions import remember
from regionaustausch.resolutions import track_changes
from regionaustausch.supports import quorum_state
from zope.container.interfaces import IContainerModifiedEvent
from zope.globalrequest import getRequest
from zope.i18n import translate
from zope.lifecycleevent.interfaces import IObjectModifiedEvent


THREAD_ACTIVITY_INDEXES = list(ACTIVITY_INDEXES)


def post_added(post, event):
    """A new post: title it after its thread, and move the thread's last activity forward.

    Only the thread's LastActivity object and its catalog record change, never the Thread object
    itself (see regionaustausch.content.thread)."""
    if event.object is not post:
        return  # dispatched from a copied or moved thread: nothing new happened in it
    # The writer may edit their post; the Owner role would not do, as the thread's Owner inherits it.
    for user_id in post.users_with_local_role("Owner"):
        post.manage_addLocalRoles(user_id, ["Author"])
    thread = aq_parent(aq_inner(post))
    if not IThread.providedBy(thread):
        return
    post.title = f"Re: {thread.Title()}"
    thread.touch_activity(post.created())
    # after the commit, in a transaction of its own: the thread's catalog record would otherwise be
    # the one place that every concurrent post in the thread writes (regionaustausch.deferred_reindex)
    reindex_after_commit(thread, THREAD_ACTIVITY_INDEXES)


def post_removed(post, event):
    """A post removed (or moved away): its thread has one post less."""
    if event.object is not post:
        return  # the whole thread (or its forum) goes: nothing to count
    thread = event.oldParent
    if IThread.providedBy(thread):
        reindex_after_commit(thread, THREAD_ACTIVITY_INDEXES)


def _transition_id(event):
    return event.transition.getId() if event.transition is not None else None


def _comment(event):
    return ((event.kwargs or {}).get("comment") or "").strip()


def _refuse(*messages):
    request = getRequest()
    raise WorkflowException(" ".join(translate(message, context=request) for message in messages))


def proposal_before_transition(proposal, event):
    """``accept`` needs the quorum and a lead organiser, ``realise`` every required resolution adopted;
    the text of a decision (domain.decisions) is checked and stored sanitised, in the workflow history
    too (the handler replaces the transition's ``comment``)."""
    transition = _transition_id(event)
    try:
        text = validate_decision_text(transition, (event.kwargs or {}).get("comment"))
    except RuleViolation as violation:
        _refuse(_(violation.msgid, mapping=violation.mapping))
    if is_decision(transition) and event.kwargs is not None:
        event.kwargs["comment"] = text
    if transition == "accept":
        problems = acceptance_problems(quorum_state(proposal), proposal.lead_organiser)
        if problems:
            _refuse(*(_(msgid, mapping=mapping) for msgid, mapping in problems))
    elif transition == "realise":
        problem = realisation_problem(proposal)
        if problem is not None:
            _refuse(_(problem.msgid, mapping=problem.mapping))


def proposal_after_transition(proposal, event):
    """A decision (accept, reject, withdraw, realise anyway) is stored for everyone to read."""
    record_transition(proposal, event)


def proposal_added(proposal, event):
    """A new proposal: its required resolutions' statuses are where its history starts."""
    if event.object is proposal:
        remember(proposal)


def proposal_modified(proposal, event):
    """An edit (form, REST PATCH) that changed the status of required resolutions notifies
    ResolutionStatusChanged for each (regionaustausch.resolutions)."""
    if IContainerModifiedEvent.providedBy(event):
        return  # a meeting added or removed
    track_changes(proposal)


def resolution_status_changed(proposal, event):
    """Keep a status change of a required resolution (by an editor, or from OParl) for the timeline."""
    record_change(proposal, event)


def discussion_before_transition(obj, event):
    """``hide`` (a post or a thread) needs a reason, which the writer will see."""
    if _transition_id(event) == "hide" and not _comment(event):
        _refuse(_("Please give the reason for hiding; its writer will read it."))


def discussion_after_transition(obj, event):
    """Keep the hiding reason for the writer while the post or thread is hidden."""
    transition = _transition_id(event)
    if transition == "hide":
        set_hidden_reason(obj, _comment(event), api.user.get_current().getId())
        # The moderation queue lists the recently hidden by this date.
        obj.setModificationDate()
        obj.reindexObject(idxs=["modified"])
    elif transition == "restore":
        clear_hidden_reason(obj)


#: The workflow comments of a recorded change (translated when recorded, in the site's language).
EDITED = _("Changed.")
EDITED_AGAIN_PENDING = _("Changed after its approval: it waits for a moderator again.")


def discussion_edited(obj, event):
    """A post or thread was changed (edit form, REST PATCH): record it in the workflow history, and
    where the forum moderates before publishing, a published post or open thread changed by someone
    who is no moderator waits for approval again (domain.forums.needs_approval)."""
    if not IObjectModifiedEvent.providedBy(event) or IContainerModifiedEvent.providedBy(event):
        return  # a post added to or removed from a thread changes nothing of the thread itself
    state = api.content.get_state(obj, default=None)
    if state is None:
        return
    premoderation = bool(getattr(forum_of(obj), "premoderation", False))
    back_to_moderation = state in (PUBLISHED, OPEN) and needs_approval(premoderation, is_moderator(obj))
    transition, comment = (
        ("resubmit", EDITED_AGAIN_PENDING) if back_to_moderation else ("record_edit", EDITED)
    )
    with recording_edit(obj):
        api.portal.get_tool("portal_workflow").doActionFor(
            obj, transition, comment=translate(comment, context=getRequest())
        )


def representative_before_transition(representative, event):
    """An anonymised record stays former: the person it was about is gone from it."""
    if _transition_id(event) == "reactivate" and is_anonymised(representative):
        _refuse(_("An anonymised record cannot be reactivated; add a new record instead."))


def representative_after_transition(representative, event):
    """Approving, retiring or reactivating a record changes who is in the Region's network."""
    if event.transition is not None:
        sync_representative(representative)


def representative_changed(representative, event):
    """An edited or removed record may name another user now (or none)."""
    sync_representative(representative, event)
