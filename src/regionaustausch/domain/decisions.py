"""Decisions on exchange proposals: the statement or reason given with a transition, and who decided in
which role.

Accepting, rejecting, withdrawing and realising a proposal despite missing resolutions are decisions of
the network: the text that comes with them (the ``comment`` of the transition) is shown to everyone who
may see the proposal, with the role of the person who decided. Rejecting and realising anyway need a
reason; accepting takes an optional statement, withdrawing an optional reason. The comments of the other
transitions (submitting, opening the discussion, realising) stay the editors' own.

A decision text is HTML sanitised as posts are (domain.sanitiser) and holds at most
:data:`TEXT_MAX_LENGTH` visible characters; :func:`validate_decision_text` is the one check, called by
the workflow's event handler (which refuses the transition) and, before it, by the REST API and the
form, which name the field ``comment``.
"""

from regionaustausch.domain.errors import RuleViolation
from regionaustausch.domain.sanitiser import sanitise_html
from regionaustausch.domain.text import plain_text


FIELD = "comment"
#: The most visible characters of a decision text.
TEXT_MAX_LENGTH = 2000
#: Longer input is refused before it is parsed.
HTML_MAX_LENGTH = 10 * TEXT_MAX_LENGTH

ACCEPT = "accept"
REJECT = "reject"
WITHDRAW = "withdraw"
REALISE = "realise"
REALISE_ANYWAY = "realise_anyway"
#: The transitions that are decisions, and whether each needs a text.
DECISIONS = {ACCEPT: False, REJECT: True, WITHDRAW: False, REALISE_ANYWAY: True}

#: The roles in which someone decides, as tokens (Plone's role ids, and ``Author``) with English msgids;
#: German: Website-Administration, Website-Betreuung, Redaktion, Moderation, Verfasser*in.
SITE_ADMINISTRATOR = "Site Administrator"
MANAGER = "Manager"
EDITOR = "Editor"
REVIEWER = "Reviewer"
AUTHOR = "Author"
ROLES = (
    (SITE_ADMINISTRATOR, "Site administration"),
    (MANAGER, "Site management"),
    (EDITOR, "Editorial team"),
    (REVIEWER, "Moderators"),
    (AUTHOR, "Author"),
)
ROLE_TITLES = dict(ROLES)

MSG_NOT_TEXT = "The comment must be text."
MSG_TOO_LONG = "The comment may have at most ${max} characters; it has ${length}."
MSG_HTML_TOO_LONG = "The comment is too long."
MSG_REJECT_REASON = (
    "Please give the reason for rejecting the proposal; its author and everyone who reads the proposal "
    "will read it."
)
MSG_REALISE_ANYWAY_REASON = (
    "Please give the reason for marking the proposal as realised although required resolutions are "
    "missing; it is shown with the proposal."
)
#: What each transition that needs a reason says when it is missing.
MSG_REQUIRED = {REJECT: MSG_REJECT_REASON, REALISE_ANYWAY: MSG_REALISE_ANYWAY_REASON}


def is_decision(transition):
    """Whether the text of ``transition`` is a public decision (see the module's docstring)."""
    return transition in DECISIONS


def validate_decision_text(transition, comment):
    """Return the text of a decision as sanitised HTML (``""`` when there is none), or raise.

    ``comment`` is what came with the transition (``None`` is none). Raises :class:`RuleViolation` with
    ``field="comment"`` when it is no text, when the transition needs a reason and nothing visible is
    left after sanitising, or when more than :data:`TEXT_MAX_LENGTH` characters are visible. For a
    transition that is no decision the comment is not looked at and ``""`` returned.
    """
    if not is_decision(transition):
        return ""
    if comment is None:
        comment = ""
    if not isinstance(comment, str):
        raise RuleViolation(MSG_NOT_TEXT, field=FIELD)
    if len(comment) > HTML_MAX_LENGTH:
        raise RuleViolation(MSG_HTML_TOO_LONG, field=FIELD)
    html = sanitise_html(comment)
    text = plain_text(html)
    if not text:
        if DECISIONS[transition]:
            raise RuleViolation(MSG_REQUIRED[transition], field=FIELD)
        return ""
    if len(text) > TEXT_MAX_LENGTH:
        raise RuleViolation(MSG_TOO_LONG, field=FIELD, max=TEXT_MAX_LENGTH, length=len(text))
    return html


def decision_role(transition, roles):
    """The role in which someone with ``roles`` (on the proposal) takes ``transition``.

    Withdrawing is the author's; otherwise the first of Site Administrator, Manager, Editor, Reviewer
    the person holds, or ``None``."""
    if transition == WITHDRAW:
        return AUTHOR
    held = set(roles or ())
    for role in (SITE_ADMINISTRATOR, MANAGER, EDITOR, REVIEWER):
        if role in held:
            return role
    return None
