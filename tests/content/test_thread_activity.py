"""A thread's last activity and number of posts follow its posts without rewriting the Thread.

Many members post at once; a rewritten Thread object would make every two concurrent posts a write
conflict. These tests commit for real (the functional layer's DemoStorage, a FileStorage of their own)
and look at the Thread's serial: the transaction that adds a post must not store the Thread.
"""

from DateTime import DateTime
from plone import api
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from plone.app.testing import TEST_USER_ID
from plone.app.testing import setRoles
from plone.restapi.testing import RelativeSession
from regionaustausch.content.post import Post
from regionaustausch.content.thread import LastActivity
from regionaustausch.content.thread import Thread
from ZODB.DB import DB
from ZODB.FileStorage import FileStorage
from ZODB.POSException import ConflictError
import pytest
import transaction


def brain_of(obj):
    (brain,) = api.content.find(UID=obj.UID())
    return brain


def stored_in(obj):
    """Whether ``obj`` is among the objects its connection will store on commit."""
    jar = obj._p_jar
    return obj._p_changed or any(registered is obj for registered in jar._registered_objects)


@pytest.fixture
def thread(functional_portal, build):
    """A committed thread in the functional layer (each test gets a storage of its own)."""
    setRoles(functional_portal, TEST_USER_ID, ["Manager"])
    region = build.region(functional_portal)
    forum = build.forum(region)
    thread = build.thread(forum, title="Pendler")
    transaction.commit()
    return thread


class TestAddingPosts:
    @pytest.mark.parametrize("with_id", [True, False], ids=["id-given", "id-chosen"])
    def test_thread_is_not_rewritten(self, thread, build, with_id):
        serial = thread._p_serial
        activity = thread._activity
        activity_serial = activity._p_serial
        post = build.post(thread, **({"id": "erste-antwort"} if with_id else {}))
        if with_id:
            # (without an id plone.api takes a savepoint before renaming, which resets _p_changed:
            # the serials after the commit are what counts)
            assert thread._p_changed is False
            assert not stored_in(thread)
            assert activity._p_changed
        transaction.commit()
        thread._p_activate()
        assert thread._p_serial == serial
        assert activity._p_serial != activity_serial
        assert thread.last_activity() == post.created()

    def test_catalog_follows(self, thread, build):
        created = brain_of(thread).last_activity
        assert brain_of(thread).post_count == 0
        posts = [build.post(thread) for _ in range(3)]
        transaction.commit()
        transaction.begin()  # the activity indexes were updated after the commit, on another connection
        brain = brain_of(thread)
        assert brain.post_count == 3
        assert brain.last_activity == posts[-1].created()
        assert brain.last_activity >= created
        assert api.content.find(
            last_activity={"query": posts[-1].created(), "range": "min"}, UID=thread.UID()
        )

    def test_removing_a_post_lowers_the_count(self, thread, build):
        first, second = build.post(thread), build.post(thread)
        transaction.commit()
        transaction.begin()  # see the reindex that ran after the commit
        assert brain_of(thread).post_count == 2
        api.content.delete(first)
        transaction.commit()
        transaction.begin()
        assert brain_of(thread).post_count == 1
        assert list(thread.objectIds()) == [second.getId()]
        # the last activity stays: a removed post was still activity
        assert brain_of(thread).last_activity == second.created()

    def test_older_post_does_not_move_activity_back(self, thread):
        thread.touch_activity(DateTime("2030/01/01 12:00 UTC"))
        thread.touch_activity(DateTime("2029/01/01 12:00 UTC"))
        assert thread.last_activity() == DateTime("2030/01/01 12:00 UTC")

    def test_rest_api(self, thread, functional_portal):
        """A post added through plone.restapi, by the publisher in the server thread."""
        serial = thread._p_serial
        session = RelativeSession(thread.absolute_url())
        session.headers.update({"Accept": "application/json"})
        session.auth = (SITE_OWNER_NAME, SITE_OWNER_PASSWORD)
        try:
            response = session.post(
                "/",
                json={"@type": "Post", "text": {"data": "<p>Über REST</p>", "content-type": "text/html"}},
            )
        finally:
            session.close()
        assert response.status_code == 201, response.text
        transaction.begin()  # see what the server committed
        thread._p_activate()  # a ghost keeps its old serial until it is loaded again
        assert response.json()["id"].startswith("beitrag-")
        assert thread._p_serial == serial
        brain = brain_of(thread)
        assert brain.post_count == 1
        assert brain.last_activity == thread[response.json()["id"]].created()


class TestConflicts:
    def test_resolve_keeps_the_later_time(self):
        activity = LastActivity(0)
        old, earlier, later = {"when": 1.0}, {"when": 5.0}, {"when": 7.0}
        assert activity._p_resolveConflict(old, earlier, later) == later
        assert activity._p_resolveConflict(old, later, earlier) == later

    @pytest.fixture
    def database(self, tmp_path, portal):
        """A FileStorage (it resolves conflicts) with a thread holding one post; ``portal`` for the
        component registry (the thread's ordering adapter)."""
        db = DB(FileStorage(str(tmp_path / "Data.fs")))
        manager = transaction.TransactionManager()
        connection = db.open(transaction_manager=manager)
        thread = Thread("t")
        thread._setOb("first", Post("first"))  # the meta type index of the thread exists from now on
        connection.root()["thread"] = thread
        manager.commit()
        connection.close()
        yield db
        db.close()

    def _open(self, db):
        manager = transaction.TransactionManager()
        connection = db.open(transaction_manager=manager)
        return manager, connection, connection.root()["thread"]

    def test_concurrent_posts_in_one_thread(self, database):
        manager_a, connection_a, thread_a = self._open(database)
        manager_b, connection_b, thread_b = self._open(database)
        serial = thread_a._p_serial
        thread_a._setOb("a", Post("a"))
        thread_a.touch_activity(DateTime("2030/01/02 10:00 UTC"))
        thread_b._setOb("b", Post("b"))
        thread_b.touch_activity(DateTime("2030/01/01 10:00 UTC"))
        assert not thread_a._p_changed
        assert not thread_b._p_changed
        manager_a.commit()
        manager_b.commit()  # conflicts on the posts' tree, the counter and the activity: all resolved
        connection_a.close()
        connection_b.close()

        _manager, connection, thread = self._open(database)
        assert sorted(thread.objectIds()) == ["a", "b", "first"]
        assert thread.post_count() == 3
        assert thread.last_activity() == DateTime("2030/01/02 10:00 UTC")
        assert thread._p_serial == serial
        connection.close()

    def test_a_rewritten_thread_would_conflict(self, database):
        """The counter-check: writing the Thread itself in both transactions is a real conflict."""
        manager_a, connection_a, thread_a = self._open(database)
        manager_b, connection_b, thread_b = self._open(database)
        thread_a.title = "A"
        thread_b.title = "B"
        manager_a.commit()
        with pytest.raises(ConflictError):
            manager_b.commit()
        manager_b.abort()
        connection_a.close()
        connection_b.close()
