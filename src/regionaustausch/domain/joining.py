"""Joining the network through a form: when a request names a person who already has a record.

A municipality keeps one record per person. A request to join is the same person as an existing
record when the logged-in account is the one the record names, when the e-mail addresses are the same
(case does not count), or when first and last name are the same (case, accents and umlauts do not
count, as in the directory's order: regionaustausch.domain.names).
"""

from regionaustausch.domain.names import sort_name


MSG_ALREADY_RECORDED = (
    "There is already an entry for this person in this municipality; no second one was made. The "
    "editors of the municipality can help if it needs to change."
)


def _email(value):
    return (value or "").strip().casefold()


def same_person(request, record):
    """Whether the ``request`` and the ``record`` (mappings with ``user_id``, ``email``,
    ``first_name``, ``last_name``) name the same person."""
    if request.get("user_id") and request.get("user_id") == record.get("user_id"):
        return True
    if _email(request.get("email")) and _email(request.get("email")) == _email(record.get("email")):
        return True
    name = sort_name(request.get("first_name"), request.get("last_name"))
    return bool(name) and name == sort_name(record.get("first_name"), record.get("last_name"))
