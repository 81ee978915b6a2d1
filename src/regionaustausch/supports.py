"""The supports of an exchange proposal: who supports it, from which municipality, since when.

Who may support is decided by the permission "regionaustausch: Support proposal" (the proposal
workflow gives it to network members in ``discussion``); domain.supports explains a refusal and decides
withdrawing; the quorum is domain.quorum. This module stores, and is what the REST API (``@support``),
the views and the workflow guard call.

Storage: an annotation on the proposal holding a :class:`SupportStorage`, created with the proposal, so
that a support never rewrites the proposal itself. In it, an ``OOBTree`` maps user id -> record (a plain
dict) and a ``BTrees.Length`` counts them. Concurrent supports by different members insert different
keys into the tree and add to the counter; ZODB resolves both kinds of conflict, so no support fails or
gets lost. The number of distinct municipalities is counted from the records when asked (a proposal has
tens to hundreds of supports), never kept as a second counter that concurrent updates could skew.

Listings sort and show the counts from the catalog (indexes and metadata ``support_count`` and
``supporting_municipalities``) without waking proposals. Those are updated after the support has
committed, in a transaction of their own (regionaustausch.deferred_reindex), so that the proposal's
catalog record does not become the write hot spot that every concurrent support collides on.
"""

from BTrees.Length import Length
from BTrees.OOBTree import OOBTree
from datetime import datetime
from datetime import timezone
from persistent import Persistent
from plone import api
from regionaustausch import _
from regionaustausch.content.region import find_region
from regionaustausch.deferred_reindex import reindex_after_commit
from regionaustausch.domain.quorum import QuorumRule
from regionaustausch.domain.quorum import count_records
from regionaustausch.domain.quorum import evaluate
from regionaustausch.domain.supports import AlreadySupported
from regionaustausch.domain.supports import check_withdraw
from regionaustausch.domain.supports import explain_support_refusal
from regionaustausch.membership import active_records
from regionaustausch.membership import is_network_member
from regionaustausch.membership import municipality_of
from regionaustausch.permissions import SUPPORT_PROPOSAL
from regionaustausch.permissions import ReviewPortalContent
from zope.annotation.interfaces import IAnnotations


ANNOTATION_KEY = "regionaustausch.supports"


class SupportStorage(Persistent):
    """The supports of one proposal (see the module's docstring for why it is built like this)."""

    def __init__(self):
        self._records = OOBTree()
        self._count = Length()

    def __len__(self):
        return self._count()

    def __contains__(self, user_id):
        return user_id in self._records

    def get(self, user_id):
        return self._records.get(user_id)

    def records(self):
        """The support records, oldest first: dicts with ``user_id``, ``municipality`` (UID or None),
        ``date`` (ISO 8601, UTC)."""
        return sorted(self._records.values(), key=lambda record: record["date"])

    def counts(self):
        """``(supports, distinct municipalities)``, as the quorum rule counts them."""
        return count_records(self._records.values())

    def add(self, user_id, municipality, when=None, anonymised=False):
        """Record a support; the caller has checked who may (:func:`add_support`).

        ``anonymised``: the support of a person who was anonymised on request (regionaustausch.privacy);
        ``user_id`` is then a token that names nobody, and the support counts as before."""
        if user_id in self._records:
            raise KeyError(user_id)
        when = when or datetime.now(timezone.utc)
        record = {
            "user_id": user_id,
            "municipality": municipality,
            "date": when.astimezone(timezone.utc).isoformat(timespec="seconds"),
        }
        if anonymised:
            record["anonymised"] = True
        self._records[user_id] = record
        self._count.change(1)

    def remove(self, user_id):
        """Withdraw a support; returns the record."""
        record = self._records.pop(user_id)
        self._count.change(-1)
        return record


def storage(proposal, create=True):
    """The SupportStorage of ``proposal``; ``None`` when it has none and ``create`` is false."""
    annotations = IAnnotations(proposal)
    found = annotations.get(ANNOTATION_KEY)
    if found is None and create:
        found = annotations[ANNOTATION_KEY] = SupportStorage()
    return found


def support_counts(proposal):
    """``(supports, distinct municipalities)`` of ``proposal``; ``(0, 0)`` before the first support."""
    found = storage(proposal, create=False)
    return found.counts() if found is not None else (0, 0)


def create_storage(proposal, event=None):
    """Give a new proposal its storage at once, so that the first supports do not write the proposal."""
    storage(proposal)


SUPPORT_INDEXES = ("support_count", "supporting_municipalities")


def quorum_state(proposal):
    """The quorum of ``proposal`` now: domain.quorum's rule with the Region's thresholds."""
    region = find_region(proposal)
    rule = region.quorum_rule() if region is not None else QuorumRule()
    supports, municipalities = support_counts(proposal)
    return evaluate(supports, municipalities, rule)


def _current_user_id():
    return None if api.user.is_anonymous() else api.user.get_current().getId()


def may_support(proposal):
    """Whether the current user may support ``proposal`` now: the permission, and no support yet."""
    user_id = _current_user_id()
    store = storage(proposal, create=False)
    already = bool(user_id and store is not None and user_id in store)
    return bool(user_id) and not already and api.user.has_permission(SUPPORT_PROPOSAL, obj=proposal)


def add_support(proposal):
    """The current user supports ``proposal``; returns the new record.

    The permission "Support proposal" decides; without it, domain.supports says why. Raises a
    domain.supports.SupportRefused (not logged in, not a member, not in discussion, supported already).
    """
    user_id = _current_user_id()
    store = storage(proposal)
    already = user_id in store if user_id else False
    if not api.user.has_permission(SUPPORT_PROPOSAL, obj=proposal):
        raise explain_support_refusal(
            api.content.get_state(proposal), is_network_member(proposal), already, logged_in=bool(user_id)
        )
    if already:
        raise AlreadySupported()
    store.add(user_id, municipality_of(find_region(proposal), user_id))
    reindex_after_commit(proposal, SUPPORT_INDEXES)
    return store.get(user_id)


def withdraw_support(proposal):
    """The current user withdraws their support; returns the removed record.

    No permission is asked: a representative who left the network may still take back a support given
    while a member. Raises a domain.supports.SupportRefused (not logged in, not in discussion, never
    supported)."""
    user_id = _current_user_id()
    store = storage(proposal)
    check_withdraw(
        api.content.get_state(proposal), bool(user_id) and user_id in store, logged_in=bool(user_id)
    )
    record = store.remove(user_id)
    reindex_after_commit(proposal, SUPPORT_INDEXES)
    return record


def can_see_supporters(proposal):
    """Who supports is shown to the Region's network members and to the proposal's editors."""
    return is_network_member(proposal) or api.user.has_permission(ReviewPortalContent, obj=proposal)


def quorum_messages(state):
    """What is still missing for the quorum, as messages to translate (empty when it is met)."""
    return [_(problem.msgid, mapping=problem.mapping) for problem in state.messages()]


def _municipality_info(uid, cache):
    if not uid:
        return None
    if uid not in cache:
        brains = api.content.find(UID=uid, unrestricted=True)
        cache[uid] = (
            {"@id": brains[0].getURL(), "UID": uid, "title": brains[0].Title} if len(brains) else None
        )
    return cache[uid]


def _supporter_name(region, user_id):
    for brain in active_records(region, user_id):
        return brain.Title
    user = api.user.get(userid=user_id)
    return (user.getProperty("fullname") or user_id) if user is not None else user_id


def support_summary(proposal, with_supporters=None):
    """What the REST API (``@support``) and the views show about the supports of ``proposal``.

    Plain data but for ``missing_messages`` (messages to translate): the counts reached, the quorum
    (domain.quorum's ``as_dict``: thresholds, met, missing), progress fractions for a bar, whether the
    current user supports it and may support it now, and, for network members and editors (or when
    ``with_supporters`` says so), who supports it with their municipality.
    """
    state = quorum_state(proposal)
    store = storage(proposal, create=False)
    user_id = _current_user_id()
    supported = bool(user_id and store is not None and user_id in store)
    summary = {
        "supports": state.supports,
        "municipalities": state.municipalities,
        "quorum": state.as_dict(),
        "progress": state.progress(),
        "missing_messages": quorum_messages(state),
        "supported_by_me": supported,
        "can_support": may_support(proposal),
    }
    if with_supporters is None:
        with_supporters = can_see_supporters(proposal)
    if with_supporters:
        region = find_region(proposal)
        cache = {}
        summary["supporters"] = [
            {
                "user_id": None if record.get("anonymised") else record["user_id"],
                "name": _("Former member")
                if record.get("anonymised")
                else _supporter_name(region, record["user_id"]),
                "municipality": _municipality_info(record["municipality"], cache),
                "date": record["date"],
            }
            for record in (store.records() if store is not None else [])
        ]
    return summary
