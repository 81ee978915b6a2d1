"""The topics of the economic exchange: a fixed vocabulary plus topics the administrators add.

Built-in topics have stable ASCII tokens (they are stored on content and used in URLs and the API) and
English titles that are msgids; the German catalogue gives the titles of the inquiry ("Gewerbeflächen
und Ansiedlung", ...). Topics added in the control panel are written as the administrators want them
shown (German) and are not translated; translating them anyway does no harm, an unknown msgid comes
back unchanged.
"""

from regionaustausch.domain.errors import RuleViolation
from regionaustausch.domain.names import make_id
import re


#: (token, English msgid) in display order.
TOPICS = (
    ("gewerbeflaechen", "Commercial land and business location"),
    ("fachkraefte", "Skilled workers"),
    ("mobilitaet", "Commuters and mobility"),
    ("digitalisierung", "Digitalisation"),
    ("innenstadt", "City centres and retail"),
    ("tourismus", "Tourism"),
    ("energie", "Energy and climate"),
    ("wissenschaft", "Science and knowledge transfer"),
    ("gruendung", "Business start-ups"),
    ("regionalmarketing", "Regional marketing"),
)
TOPIC_TOKENS = tuple(token for token, _title in TOPICS)

TOKEN_MAX_LENGTH = 50
TITLE_MAX_LENGTH = 100

MSG_TOKEN_INVALID = (
    "Line ${line}: the identifier may contain only lowercase letters a-z, digits and hyphens, at most "
    "${max} characters."
)
MSG_TITLE_EMPTY = "Line ${line}: the topic has no title."
MSG_TITLE_TOO_LONG = "Line ${line}: the title may have at most ${max} characters."
MSG_NO_TOKEN = "Line ${line}: no identifier can be made from this title; write the line as identifier|Title."
MSG_DUPLICATE_TOKEN = "Line ${line}: the identifier ${token} is already in use."
MSG_DUPLICATE_TITLE = "Line ${line}: the topic ${title} exists already."

_TOKEN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def _lines(extra_lines):
    if extra_lines is None:
        return []
    if isinstance(extra_lines, str):
        return extra_lines.splitlines()
    return list(extra_lines)


def _parse_line(line, number, field):
    """One control-panel line to ``(token, title)``; raises :class:`RuleViolation` naming the line."""
    token, bar, title = line.partition("|")
    if bar:
        token, title = token.strip(), " ".join(title.split())
        if not title:
            raise RuleViolation(MSG_TITLE_EMPTY, field=field, line=number)
        if len(token) > TOKEN_MAX_LENGTH or not _TOKEN.fullmatch(token):
            raise RuleViolation(MSG_TOKEN_INVALID, field=field, line=number, max=TOKEN_MAX_LENGTH)
    else:
        title = " ".join(line.split())
        token = make_id(title, max_length=TOKEN_MAX_LENGTH)
        if not token:
            raise RuleViolation(MSG_NO_TOKEN, field=field, line=number)
    if len(title) > TITLE_MAX_LENGTH:
        raise RuleViolation(MSG_TITLE_TOO_LONG, field=field, line=number, max=TITLE_MAX_LENGTH)
    return token, title


def merge_topics(builtin, extra_lines, field="extra_topics", strict=True):
    """Return ``builtin`` followed by the administrators' topics, as a tuple of ``(token, title)``.

    ``extra_lines`` is a text or a list of lines, each ``token|Title`` or just ``Title`` (the token is
    then made with :func:`~regionaustausch.domain.names.make_id`: "Kreislaufwirtschaft" ->
    "kreislaufwirtschaft"). Blank lines and lines starting with ``#`` are skipped. A token or a title
    (case-insensitive) that is already in use is a duplicate.

    With ``strict`` (the control panel's check on saving) the first bad line raises
    :class:`RuleViolation` with ``field`` (default ``extra_topics``, the control panel's field) and the
    line number (counted from 1, blank lines included);
    without it (building the vocabulary from stored settings) bad lines and duplicates are skipped, so
    a bad setting never breaks a page.
    """
    merged = list(builtin)
    tokens = {token for token, _title in merged}
    titles = {title.casefold() for _token, title in merged}
    for number, raw in enumerate(_lines(extra_lines), start=1):
        line = str(raw).strip()
        if not line or line.startswith("#"):
            continue
        try:
            token, title = _parse_line(line, number, field)
            if token in tokens:
                raise RuleViolation(MSG_DUPLICATE_TOKEN, field=field, line=number, token=token)
            if title.casefold() in titles:
                raise RuleViolation(MSG_DUPLICATE_TITLE, field=field, line=number, title=title)
        except RuleViolation:
            if strict:
                raise
            continue
        merged.append((token, title))
        tokens.add(token)
        titles.add(title.casefold())
    return tuple(merged)
