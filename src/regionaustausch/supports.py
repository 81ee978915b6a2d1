"""The supports of an exchange proposal: who supports it, from which municipality, since when.

Storage: an annotation on the proposal holding a :class:`SupportStorage`, created with the proposal, so
that a support never rewrites the proposal itself. In it, an ``OOBTree`` maps user id -> record (a plain
dict) and a ``BTrees.Length`` counts them. Concurrent supports by different members insert different
keys into the tree and add to the counter; ZODB resolves both kinds of conflict, so no support fails or
gets lost. The number of distinct municipalities is counted from the records when asked (a proposal has
tens to hundreds of supports), never kept as a second counter that concurrent updates could skew.
"""

from BTrees.Length import Length
from BTrees.OOBTree import OOBTree
from datetime import datetime
from datetime import timezone
from persistent import Persistent
from regionaustausch.domain.quorum import count_records
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

    def add(self, user_id, municipality, when=None):
        """Record a support; the caller has checked the rule (domain.supports.check_support)."""
        if user_id in self._records:
            raise KeyError(user_id)
        when = when or datetime.now(timezone.utc)
        self._records[user_id] = {
            "user_id": user_id,
            "municipality": municipality,
            "date": when.astimezone(timezone.utc).isoformat(timespec="seconds"),
        }
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
