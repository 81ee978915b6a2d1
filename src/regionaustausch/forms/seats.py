"""Where a meeting's seats are kept: one small persistent object per registration form.

Registrations that arrive at the same time must not overbook the meeting. BTrees and
``BTrees.Length`` resolve concurrent writes without a conflict, which is right for supports and rows
but would let two requests each take "the last seat". :class:`SeatBook` therefore deliberately has no
conflict resolution: two transactions that change it at once conflict, ZODB refuses the second
commit, Zope runs that request again, and the second run sees the seat taken and puts the person onto
the waiting list. It holds two tuples of user ids (small: a meeting's participants), replaced as a
whole on each change. The order rules are regionaustausch.domain.seats.
"""

from persistent import Persistent
from plone.protect.utils import safeWrite
from regionaustausch.domain import seats
from zope.annotation.interfaces import IAnnotations


SEATS_KEY = "regionaustausch.seats"


class SeatBook(Persistent):
    """The seated and the waiting user ids of one meeting, in order (no ``_p_resolveConflict``)."""

    def __init__(self):
        self.seated = ()
        self.waiting = ()

    def place_of(self, user_id):
        """``(place, position)`` of ``user_id`` (position from 1), or ``(None, None)``."""
        if user_id in self.seated:
            return seats.SEAT, self.seated.index(user_id) + 1
        if user_id in self.waiting:
            return seats.WAITING, self.waiting.index(user_id) + 1
        return None, None

    def book(self, user_id, capacity):
        """Register ``user_id``; returns :data:`~regionaustausch.domain.seats.SEAT` or ``WAITING``."""
        self.seated, self.waiting, place = seats.book(self.seated, self.waiting, user_id, capacity)
        return place

    def cancel(self, user_id, capacity):
        """Take ``user_id`` off; returns the user ids that moved up into a seat."""
        self.seated, self.waiting, moved = seats.cancel(self.seated, self.waiting, user_id, capacity)
        return moved

    def fill(self, capacity):
        """Seats became free (more capacity): the first ones waiting move up; returns them."""
        seated, waiting, moved = seats.move_up(self.seated, self.waiting, capacity)
        if moved:
            self.seated, self.waiting = seated, waiting
        return moved


def seat_book(form, create=True):
    """The :class:`SeatBook` of a registration form (made if missing and ``create``)."""
    annotations = IAnnotations(form)
    book = annotations.get(SEATS_KEY)
    if book is None and create:
        book = annotations[SEATS_KEY] = SeatBook()
        safeWrite(form)
    return book
