"""Seats of a meeting: who gets one, who waits, who moves up.

A meeting has ``capacity`` seats (``None``: no limit). Registrations are taken in order: while seats
are free a registration gets one, after that it goes onto the waiting list. When a seat becomes free
(a cancellation, more seats), the first ones on the waiting list move up, in their order.
"""

from regionaustausch.domain.errors import RuleViolation


SEAT = "seat"
WAITING = "waiting"

MSG_ALREADY_REGISTERED = "You are registered for this meeting already."
MSG_NOT_REGISTERED = "You are not registered for this meeting."


class AlreadyRegistered(RuleViolation):
    """The user holds a seat or a place on the waiting list already (HTTP 409)."""

    default_msgid = MSG_ALREADY_REGISTERED
    http_status = 409


class NotRegistered(RuleViolation):
    """Cancelling a registration that does not exist (HTTP 404)."""

    default_msgid = MSG_NOT_REGISTERED
    http_status = 404


def free_seats(capacity, seated):
    """How many seats are free (``None``: no limit)."""
    if capacity is None:
        return None
    return max(capacity - seated, 0)


def place_for(capacity, seated):
    """Where the next registration goes: :data:`SEAT` or :data:`WAITING`."""
    free = free_seats(capacity, seated)
    return SEAT if free is None or free > 0 else WAITING


def book(seated, waiting, person, capacity):
    """``(seated, waiting, place)`` after ``person`` registered (tuples, in order)."""
    if person in seated or person in waiting:
        raise AlreadyRegistered()
    if place_for(capacity, len(seated)) == SEAT:
        return (*seated, person), tuple(waiting), SEAT
    return tuple(seated), (*waiting, person), WAITING


def move_up(seated, waiting, capacity):
    """``(seated, waiting, moved)``: the first ones waiting take the free seats, in order."""
    free = free_seats(capacity, len(seated))
    count = len(waiting) if free is None else min(free, len(waiting))
    moved = tuple(waiting[:count])
    return (*seated, *moved), tuple(waiting[count:]), moved


def cancel(seated, waiting, person, capacity):
    """``(seated, waiting, moved)`` after ``person`` cancelled: whoever moved up into a free seat."""
    if person in seated:
        seated = tuple(other for other in seated if other != person)
    elif person in waiting:
        waiting = tuple(other for other in waiting if other != person)
    else:
        raise NotRegistered()
    return move_up(seated, waiting, capacity)
