"""Meetings (Austauschtreffen) of an exchange: when their minutes may be published.

The minutes say what was discussed and agreed, so they can only be published once the meeting has
ended; :func:`check_minutes` is the one check that the forms and the REST API call.
"""

from regionaustausch.domain.errors import RuleViolation


FIELD = "minutes"
MSG_MINUTES_TOO_EARLY = "The minutes can be published only after the meeting has ended (${end})."
MSG_MINUTES_WITHOUT_END = "The minutes can be published only once the meeting has an end and it has passed."


def check_minutes(has_minutes, end, now):
    """Refuse minutes before the meeting's ``end``.

    ``has_minutes``: whether the meeting is to have minutes (visible text); ``end`` and ``now`` are
    ``datetime`` values both aware of their time zone, or both naive. ``end`` ``None`` with minutes is
    refused too. Raises :class:`RuleViolation` with ``field="minutes"``; the mapping's ``end`` is the
    end as ``YYYY-MM-DD HH:MM``.
    """
    if not has_minutes:
        return
    if end is None:
        raise RuleViolation(MSG_MINUTES_WITHOUT_END, field=FIELD)
    if end > now:
        raise RuleViolation(MSG_MINUTES_TOO_EARLY, field=FIELD, end=end.strftime("%Y-%m-%d %H:%M"))
