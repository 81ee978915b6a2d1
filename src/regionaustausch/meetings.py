"""Meetings of an exchange as the forms, the REST API and the page read them: when one starts and ends,
and the one check of its minutes (domain.meetings: only after the meeting has ended)."""

from DateTime import DateTime
from datetime import datetime
from plone import api
from plone.app.event.base import default_timezone
from plone.app.event.base import localized_now
from regionaustausch import _
from regionaustausch.domain.errors import RuleViolation
from regionaustausch.domain.meetings import check_minutes
from regionaustausch.domain.text import plain_text
from zope.i18n import translate


def aware(value, context):
    """``value`` (``datetime``, ``DateTime``, ISO string or ``None``) as an aware ``datetime``; a
    naive one is taken in the site's (or user's) time zone, as plone.app.event takes it."""
    if value is None or value == "":
        return None
    if isinstance(value, DateTime):
        value = value.asdatetime()
    elif isinstance(value, str):
        value = datetime.fromisoformat(value.replace("Z", "+00:00"))
    if value.tzinfo is None:
        zone = default_timezone(context, as_tzinfo=True)
        value = zone.localize(value) if hasattr(zone, "localize") else value.replace(tzinfo=zone)
    return value


def has_text(value):
    """Whether a rich text (a RichTextValue, ``{"data": ...}`` of the REST API, or HTML) shows text."""
    if isinstance(value, dict):
        value = value.get("data")
    raw = getattr(value, "raw", value)
    return bool(raw) and bool(plain_text(raw))


def minutes_problem(minutes, end, context, request):
    """The translated refusal of ``minutes`` for a meeting ending at ``end``, or ``None``
    (domain.meetings.check_minutes, with the end as Plone writes dates)."""
    end = aware(end, context)
    try:
        check_minutes(has_text(minutes), end, localized_now(context))
    except RuleViolation as violation:
        mapping = dict(violation.mapping)
        if end is not None:
            local = end.astimezone(default_timezone(context, as_tzinfo=True))
            mapping["end"] = api.portal.get_localized_time(
                datetime=DateTime(local.year, local.month, local.day, local.hour, local.minute),
                long_format=True,
            )
        return translate(_(violation.msgid, mapping=mapping), context=request)
    return None
