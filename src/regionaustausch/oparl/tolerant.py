"""Tolerant reading of OParl values as real servers send them (plain Python, no Zope).

Empty strings, "N/A" and the like are missing values (:func:`clean`); control characters are removed
from strings; a single object stands for a list of one (:func:`as_list`); type URLs of OParl 1.0 and
1.1 are told apart by their last segment only (:func:`type_name`).
"""

import datetime
import re


#: What real servers put where nothing is (compared case-insensitively).
MISSING = frozenset({"", "n/a", "na", "n.a.", "-", "--", "none", "null", "k.a.", "keine angabe"})
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b\ufeff]")
_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


def clean(value):
    """``value`` without control characters and surrounding whitespace; missing markers are ``None``."""
    if not isinstance(value, str):
        return value
    text = _CONTROL.sub("", value).strip()
    return None if text.casefold() in MISSING else text


def text(obj, key, limit=None):
    """The string at ``obj[key]`` cleaned (:func:`clean`), cut to ``limit`` characters, or ``None``."""
    value = clean(obj.get(key)) if isinstance(obj, dict) else None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        return None
    return value[:limit].strip() if limit else value


def as_list(value):
    """A list of the non-missing entries: ``None`` is ``[]``, a single object or string a list of one."""
    if value is None:
        return []
    items = value if isinstance(value, (list, tuple)) else [value]
    return [item for item in (clean(item) for item in items) if item is not None]


def texts(obj, key):
    """The strings of the list at ``obj[key]`` (a single string counts as a list of one)."""
    value = obj.get(key) if isinstance(obj, dict) else None
    return [item for item in as_list(value) if isinstance(item, str)]


def type_name(obj):
    """``"Person"`` for ``https://schema.oparl.org/1.1/Person`` (and 1.0's type URLs); ``""`` if none."""
    kind = text(obj, "type") or ""
    return kind.rstrip("/").rsplit("/", 1)[-1]


def is_deleted(obj):
    """Whether the object is marked ``deleted`` (``true`` or the string ``"true"``)."""
    flag = obj.get("deleted") if isinstance(obj, dict) else None
    return flag is True or (isinstance(flag, str) and flag.strip().lower() == "true")


def parse_date(value):
    """The date of ``"2014-04-04"`` or ``"2012-07-17T00:00:00+02:00"`` (its date part), else ``None``."""
    value = clean(value)
    if not isinstance(value, str):
        return None
    match = _DATE.match(value)
    if not match:
        return None
    try:
        return datetime.date(*(int(part) for part in match.groups()))
    except ValueError:
        return None
