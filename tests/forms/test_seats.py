"""The seat book: the order rules (regionaustausch.domain.seats) and the conflict that keeps two
transactions from both taking the last seat (a real ZODB with two connections)."""

from regionaustausch.domain import seats
from regionaustausch.forms.seats import SeatBook
from ZODB.FileStorage import FileStorage
from ZODB.POSException import ConflictError
import pytest
import transaction
import ZODB


def test_seats_in_order_then_waiting():
    seated, waiting, place = seats.book((), (), "a", 2)
    assert place == seats.SEAT
    seated, waiting, place = seats.book(seated, waiting, "b", 2)
    seated, waiting, place = seats.book(seated, waiting, "c", 2)
    assert (seated, waiting, place) == (("a", "b"), ("c",), seats.WAITING)
    with pytest.raises(seats.AlreadyRegistered):
        seats.book(seated, waiting, "c", 2)
    assert seats.book((), (), "a", None)[2] == seats.SEAT  # no limit
    assert seats.book(("a",), (), "b", 0)[2] == seats.WAITING


def test_a_cancelled_seat_goes_to_the_first_waiting():
    assert seats.cancel(("a", "b"), ("c", "d"), "a", 2) == (("b", "c"), ("d",), ("c",))
    assert seats.cancel(("a", "b"), ("c", "d"), "c", 2) == (("a", "b"), ("d",), ())
    assert seats.move_up(("a",), ("b", "c", "d"), 3) == (("a", "b", "c"), ("d",), ("b", "c"))
    assert seats.move_up(("a",), ("b",), None) == (("a", "b"), (), ("b",))
    with pytest.raises(seats.NotRegistered):
        seats.cancel(("a",), (), "x", 1)


def test_two_transactions_booking_at_once_conflict(tmp_path):
    """Both see one free seat; the second commit is refused (ZODB would run its request again),
    never resolved into two seats or a lost booking."""
    # a FileStorage, which resolves conflicts where a class can (MappingStorage never tries)
    db = ZODB.DB(FileStorage(str(tmp_path / "Data.fs")))
    first_tm, second_tm = transaction.TransactionManager(), transaction.TransactionManager()
    setup = db.open()
    setup.root()["book"] = SeatBook()
    setup.root()["book"].book("a", 2)
    transaction.commit()
    first, second = db.open(first_tm), db.open(second_tm)
    assert first.root()["book"].book("b", 2) == seats.SEAT
    assert second.root()["book"].book("c", 2) == seats.SEAT  # it cannot know yet
    first_tm.commit()
    with pytest.raises(ConflictError):
        second_tm.commit()
    second_tm.abort()
    # the retry sees the meeting full
    assert second.root()["book"].book("c", 2) == seats.WAITING
    second_tm.commit()
    check = db.open(transaction.TransactionManager())
    assert (check.root()["book"].seated, check.root()["book"].waiting) == (("a", "b"), ("c",))
    db.close()
