"""Reindex a few indexes of an object in a transaction of their own, after the current one commits.

Why: some facts change far more often than the object they describe (the supports of a proposal).
Reindexing the object's catalog record in the same transaction would make that record a write hot spot:
every two concurrent supports would collide on it and one request would be retried, or fail after
Zope's retries. Instead the fact is stored conflict-free (see regionaustausch.supports), the request
commits, and afterwards the catalog record is brought up to date in a separate, short transaction on a
connection of its own, which is retried on a conflict without touching the user's request.

The catalog may lag behind for the moment between the two commits; it never goes backwards: ZODB's
optimistic concurrency makes a reindex that commits see every support committed before it began, and a
later support schedules a later reindex. Should all retries fail (a very busy proposal), the next
support or withdrawal brings the record up to date again.
"""

from Testing.makerequest import makerequest
from ZODB.POSException import ConflictError
from zope.component.hooks import getSite
from zope.component.hooks import setSite
import logging
import time
import transaction
import weakref


logger = logging.getLogger(__name__)

ATTEMPTS = 5

# Per transaction, the (path, indexes) already scheduled, so that one request reindexes an object once.
_scheduled = weakref.WeakKeyDictionary()

# Integration tests never commit, so nothing after a commit would ever run; their layer switches this
# on (regionaustausch.testing), and the indexes are then updated at once, in the same transaction.
_synchronous = False


def set_synchronous(enabled):
    """Reindex at once instead of after the commit (for tests whose transactions never commit)."""
    global _synchronous
    _synchronous = bool(enabled)


def reindex_after_commit(obj, idxs):
    """Schedule ``idxs`` of ``obj`` (and its metadata) to be reindexed after the current transaction."""
    if _synchronous:
        obj.reindexObject(idxs=list(idxs))
        return
    txn = transaction.get()
    key = ("/".join(obj.getPhysicalPath()), tuple(idxs))
    scheduled = _scheduled.setdefault(txn, set())
    if key in scheduled:
        return
    scheduled.add(key)
    site = getSite()
    txn.addAfterCommitHook(
        _reindex,
        args=(obj._p_jar.db(), "/".join(site.getPhysicalPath()), key[0], list(idxs)),
    )


def _reindex(committed, db, site_path, path, idxs):
    if not committed:
        return
    previous_site = getSite()
    try:
        for attempt in range(1, ATTEMPTS + 1):
            if _reindex_once(db, site_path, path, idxs):
                return
            time.sleep(0.02 * attempt)
        logger.warning("gave up reindexing %s %s after %d conflicts", path, idxs, ATTEMPTS)
    except Exception:
        # The user's transaction has committed; a failing catalog update must not turn it into an error.
        logger.exception("reindexing %s %s failed", path, idxs)
    finally:
        setSite(previous_site)


def _reindex_once(db, site_path, path, idxs):
    manager = transaction.TransactionManager()
    connection = db.open(transaction_manager=manager)
    try:
        manager.begin()
        app = makerequest(connection.root()["Application"])
        site = app.unrestrictedTraverse(site_path)
        setSite(site)
        obj = app.unrestrictedTraverse(path, None)
        if obj is None:
            manager.abort()
            return True
        site.portal_catalog._reindexObject(obj, idxs=idxs, update_metadata=1)
        manager.get().note(f"regionaustausch: reindex {path} {','.join(idxs)}")
        manager.commit()
        return True
    except ConflictError:
        manager.abort()
        return False
    finally:
        connection.close()
