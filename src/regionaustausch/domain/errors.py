"""The error convention of the domain layer.

Every rule in :mod:`regionaustausch.domain` refuses a value by raising :class:`RuleViolation`. Its
``msgid`` is a complete English sentence and, at the same time, the i18n message id in the
``regionaustausch`` translation domain; values that vary go into ``${name}`` placeholders filled from
``mapping``. The Plone layer turns a violation into
``zope.interface.Invalid(_(exc.msgid, mapping=exc.mapping))`` and the REST layer names ``exc.field``
in its 400 answer, so neither has to know the rule.

Rules that do not refuse but report (the quorum, the accept guard) hand back :class:`Problem` pairs of
``(msgid, mapping)`` built the same way.
"""

from typing import NamedTuple
import re


# The same placeholder syntax zope.i18n's ``interpolate`` understands (``$name`` and ``${name}``), so
# ``str(exc)`` in English and the translated German text are filled in the same way.
_NAME = r"[a-zA-Z_][-a-zA-Z0-9_]*"
_PLACEHOLDER = re.compile(rf"(?<!\$)(\$(?:({_NAME})|{{({_NAME})}}))")


def interpolate(msgid, mapping=None):
    """Fill the ``${name}`` placeholders of ``msgid`` from ``mapping``; unknown names stay as they are.

    This is what zope.i18n does when a message has no translation, so English output looks the same
    whether it comes from ``str(exc)`` or from an untranslated ``Invalid``.
    """
    if not mapping:
        return msgid

    def replace(match):
        whole, name1, name2 = match.groups()
        name = name1 or name2
        return str(mapping[name]) if name in mapping else whole

    return _PLACEHOLDER.sub(replace, msgid)


class Problem(NamedTuple):
    """A message that reports something lacking without raising: ``(msgid, mapping)``.

    Unpacks as a pair, so callers may write ``msgid, mapping = problem``; ``str(problem)`` is the English
    text with the placeholders filled.
    """

    msgid: str
    mapping: dict

    def __str__(self):
        return interpolate(self.msgid, self.mapping)

    def as_violation(self, field=None):
        """The same message as a :class:`RuleViolation`, for callers that want to raise it."""
        return RuleViolation(self.msgid, field, **self.mapping)


class RuleViolation(ValueError):
    """A domain rule refused a value.

    ``msgid``: the English message, which is the i18n msgid in the "regionaustausch" domain (the UI is
    German through a translation catalogue); it may contain ``${name}`` placeholders filled from
    ``mapping``.
    ``field``: the name of the field concerned, when there is one (REST errors name it).

    Subclasses may set ``default_msgid`` so that they can be raised without arguments; they may also set
    ``http_status`` to tell the REST layer which status code fits (400 unless a subclass says otherwise).
    """

    default_msgid = None
    http_status = 400

    def __init__(self, msgid=None, field=None, **mapping):
        if msgid is None:
            msgid = self.default_msgid
        if not msgid:
            raise TypeError(f"{type(self).__name__} needs a msgid")
        super().__init__(msgid)
        self.msgid = msgid
        self.field = field
        self.mapping = mapping

    @property
    def problem(self):
        """The message of this violation as a :class:`Problem` pair."""
        return Problem(self.msgid, dict(self.mapping))

    def __str__(self):
        return interpolate(self.msgid, self.mapping)

    def __repr__(self):
        return f"{type(self).__name__}({self.msgid!r}, field={self.field!r}, mapping={self.mapping!r})"
