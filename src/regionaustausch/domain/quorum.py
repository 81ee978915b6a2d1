"""The quorum of an exchange proposal: N supports from M distinct municipalities.

This module is the one place the rule is written. The workflow guard of ``accept``, the ``@support``
REST endpoint, the serialisers and the Classic UI views all call :func:`evaluate` (or
:func:`evaluate_records`) and read the resulting :class:`QuorumState`; none of them counts on its own.

A Region sets the thresholds (``quorum_supports``, ``quorum_municipalities``); :class:`QuorumRule`
holds and checks them. Since every municipality counts only through at least one support, a rule that
asks for more municipalities than supports could never be met in any other way than with more
supports; such a rule is refused instead of silently meaning something else.
"""

from dataclasses import dataclass
from regionaustausch.domain.errors import Problem
from regionaustausch.domain.errors import RuleViolation


DEFAULT_SUPPORTS = 5
DEFAULT_MUNICIPALITIES = 3

SUPPORTS = "supports"
MUNICIPALITIES = "municipalities"

MSG_RULE_SUPPORTS = "The number of supports needed must be a whole number of at least 1."
MSG_RULE_MUNICIPALITIES = "The number of municipalities needed must be a whole number of at least 1."
MSG_RULE_MORE_MUNICIPALITIES_THAN_SUPPORTS = (
    "The number of municipalities needed (${municipalities}) cannot be larger than the number of "
    "supports needed (${supports})."
)
MSG_MISSING_SUPPORT = "1 more support is needed for the quorum."
MSG_MISSING_SUPPORTS = "${needed} more supports are needed for the quorum."
MSG_MISSING_MUNICIPALITY = "Supports from 1 more municipality are needed for the quorum."
MSG_MISSING_MUNICIPALITIES = "Supports from ${needed} more municipalities are needed for the quorum."
MSG_NO_LEAD_ORGANISER = "A lead organiser must be named before the proposal can be accepted."


def _is_count(value):
    return isinstance(value, int) and not isinstance(value, bool)


@dataclass(frozen=True)
class QuorumRule:
    """The thresholds of a Region: ``supports`` (N) from ``municipalities`` (M) distinct municipalities.

    Both must be whole numbers of at least 1 and ``municipalities <= supports``; otherwise the
    constructor raises :class:`RuleViolation` with ``field`` ``quorum_supports`` or
    ``quorum_municipalities``, the names of the Region's fields.
    """

    supports: int = DEFAULT_SUPPORTS
    municipalities: int = DEFAULT_MUNICIPALITIES

    def __post_init__(self):
        if not _is_count(self.supports) or self.supports < 1:
            raise RuleViolation(MSG_RULE_SUPPORTS, field="quorum_supports")
        if not _is_count(self.municipalities) or self.municipalities < 1:
            raise RuleViolation(MSG_RULE_MUNICIPALITIES, field="quorum_municipalities")
        if self.municipalities > self.supports:
            raise RuleViolation(
                MSG_RULE_MORE_MUNICIPALITIES_THAN_SUPPORTS,
                field="quorum_municipalities",
                municipalities=self.municipalities,
                supports=self.supports,
            )

    @classmethod
    def from_settings(cls, supports=None, municipalities=None):
        """Build the rule from a Region's stored fields; ``None`` (field never set) means the default."""
        return cls(
            supports=DEFAULT_SUPPORTS if supports is None else supports,
            municipalities=DEFAULT_MUNICIPALITIES if municipalities is None else municipalities,
        )


@dataclass(frozen=True)
class QuorumState:
    """The quorum of one proposal at one moment.

    ``supports`` and ``municipalities`` are the counts reached; ``rule`` the thresholds; ``met`` whether
    both are reached; ``missing`` what is lacking, in a fixed order (supports first), as machine-readable
    dicts such as ``{"kind": "supports", "needed": 2}`` and ``{"kind": "municipalities", "needed": 1}``.
    Build it with :func:`evaluate` or :func:`evaluate_records`.
    """

    supports: int
    municipalities: int
    rule: QuorumRule
    met: bool
    missing: tuple = ()

    def as_dict(self):
        """The JSON shape of the REST API: the rule's thresholds, ``met`` and ``missing``.

        ``{"supports": 5, "municipalities": 3, "met": False, "missing": [{"kind": "supports",
        "needed": 2}]}``. The counts reached are not part of it; the ``@support`` endpoint shows them
        beside it (``state.supports``, ``state.municipalities``).
        """
        return {
            "supports": self.rule.supports,
            "municipalities": self.rule.municipalities,
            "met": self.met,
            "missing": [dict(item) for item in self.missing],
        }

    def progress(self):
        """Fractions from 0.0 to 1.0 for progress bars: ``{"supports", "municipalities", "total"}``.

        ``supports`` and ``municipalities`` are each count over its threshold, capped at 1.0. ``total``
        counts every support and every municipality still needed as one step, so it is 1.0 exactly when
        the quorum is met: ``(min(s, N) + min(m, M)) / (N + M)``.
        """
        rule = self.rule
        reached_supports = min(self.supports, rule.supports)
        reached_municipalities = min(self.municipalities, rule.municipalities)
        return {
            SUPPORTS: reached_supports / rule.supports,
            MUNICIPALITIES: reached_municipalities / rule.municipalities,
            "total": (reached_supports + reached_municipalities) / (rule.supports + rule.municipalities),
        }

    def messages(self):
        """One :class:`Problem` per missing condition (empty when met), for the guard and the views."""
        problems = []
        for item in self.missing:
            needed = item["needed"]
            if item["kind"] == SUPPORTS:
                msgid = MSG_MISSING_SUPPORT if needed == 1 else MSG_MISSING_SUPPORTS
            else:
                msgid = MSG_MISSING_MUNICIPALITY if needed == 1 else MSG_MISSING_MUNICIPALITIES
            problems.append(Problem(msgid, {"needed": needed}))
        return tuple(problems)


def evaluate(supports, municipalities, rule=None):
    """Evaluate the quorum for ``supports`` supports from ``municipalities`` distinct municipalities.

    ``rule`` defaults to ``QuorumRule()`` (5 from 3). The counts must be whole numbers of at least 0,
    otherwise ``ValueError`` (a programming error, not a user's). Counts above the thresholds are fine.
    """
    rule = QuorumRule() if rule is None else rule
    for name, value in ((SUPPORTS, supports), (MUNICIPALITIES, municipalities)):
        if not _is_count(value) or value < 0:
            raise ValueError(f"{name} must be a whole number of at least 0, not {value!r}")
    missing = []
    if supports < rule.supports:
        missing.append({"kind": SUPPORTS, "needed": rule.supports - supports})
    if municipalities < rule.municipalities:
        missing.append({"kind": MUNICIPALITIES, "needed": rule.municipalities - municipalities})
    return QuorumState(
        supports=supports,
        municipalities=municipalities,
        rule=rule,
        met=not missing,
        missing=tuple(missing),
    )


def count_records(records):
    """Return ``(supports, distinct municipalities)`` of support records.

    Each record is a mapping with a ``municipality`` key (the municipality's UID); a record without one,
    or with ``None`` or a blank string, counts as a support but not as a municipality (a member may have
    no municipality, e.g. a regional partner).
    """
    supports = 0
    municipalities = set()
    for record in records:
        supports += 1
        municipality = record.get("municipality")
        if isinstance(municipality, str):
            municipality = municipality.strip()
        if municipality:
            municipalities.add(municipality)
    return supports, len(municipalities)


def evaluate_records(records, rule=None):
    """Evaluate the quorum directly from support records (see :func:`count_records`)."""
    supports, municipalities = count_records(records)
    return evaluate(supports, municipalities, rule)


def acceptance_problems(state, lead_organiser):
    """What stands in the way of accepting a proposal, as a list of :class:`Problem` (empty: may accept).

    The missing quorum conditions (each on its own, so the guard says which one) and, when
    ``lead_organiser`` is empty or blank, that no lead organiser (Federführung) is named.
    """
    problems = list(state.messages())
    if lead_organiser is None or not str(lead_organiser).strip():
        problems.append(Problem(MSG_NO_LEAD_ORGANISER, {}))
    return problems
