"""Texts written by people: titles, the length of post and proposal texts, their plain text, quoting.

The HTML itself is made safe and normalised by :mod:`regionaustausch.domain.sanitiser`; the rules here
work on its normalised tree, so that what they count and quote is what a reader sees.
"""

from regionaustausch.domain.errors import RuleViolation
from regionaustausch.domain.normaliser import LIST_TAGS
from regionaustausch.domain.normaliser import Element
from regionaustausch.domain.sanitiser import sanitised_blocks
from regionaustausch.domain.sanitiser import serialise
from regionaustausch.domain.sanitiser import without_invalid_characters
import re
import unicodedata


TITLE_MAX_LENGTH = 200
POST_TEXT_MAX_LENGTH = 20000
#: HTML longer than this is refused before it is parsed; generous for formatting, small enough that
#: parsing stays cheap (ten times the text limit).
HTML_MAX_LENGTH = 10 * POST_TEXT_MAX_LENGTH

MSG_TITLE_EMPTY = "The title must not be empty."
MSG_TITLE_TOO_LONG = "The title may have at most ${max} characters; it has ${length}."
MSG_TEXT_EMPTY = "The text must not be empty."
MSG_TEXT_TOO_LONG = "The text may have at most ${max} characters; it has ${length}."
MSG_HTML_TOO_LONG = (
    "The text is too long to be processed: with its formatting it may have at most ${max} characters."
)

_SPACES = re.compile(r" {2,}")


# -- plain text ---------------------------------------------------------------------------------------------


def _inline_text(items):
    parts = []
    for item in items:
        if isinstance(item, str):
            parts.append(item)
        elif item.tag == "br":
            parts.append("\n")
        elif item.tag in LIST_TAGS:
            parts.append("\n" + _list_text(item))
        else:
            parts.append(_inline_text(item.children))
    return "".join(parts)


def _list_text(element):
    return "\n".join(_inline_text(entry.children).strip("\n") for entry in element.children)


def _blocks_text(blocks):
    parts = []
    for block in blocks:
        if block.tag == "blockquote":
            parts.append(_blocks_text(block.children))
        elif block.tag in LIST_TAGS:
            parts.append(_list_text(block))
        else:
            parts.append(_inline_text(block.children))
    text = "\n\n".join(part for part in parts if part)
    return "\n".join(_SPACES.sub(" ", line).strip(" ") for line in text.split("\n"))


def plain_text(html):
    """The text a reader sees in ``html`` (sanitised first): for length checks, search and e-mails.

    Paragraphs, quotes and lists are separated by a blank line, list items and ``<br>`` by one line
    break; runs of spaces are collapsed, entities decoded, nothing is escaped.
    """
    return _blocks_text(sanitised_blocks(html)).strip()


# -- rules ------------------------------------------------------------------------------------------------


def validate_post_text(html, field="text", required=True):
    """Return the sanitised HTML of a post's (or thread's, or proposal's) text, or raise.

    Raises :class:`RuleViolation` with ``field``:

    * when the input is longer than :data:`HTML_MAX_LENGTH` characters (before parsing, so an enormous
      payload costs nothing), or the sanitised HTML is (so that what this function returns always passes
      it again);
    * when nothing visible is left after sanitising, unless the text is not ``required``: then a text
      without anything visible is no text, and ``""`` is returned;
    * when the visible text (:func:`plain_text`, line breaks included) is longer than
      :data:`POST_TEXT_MAX_LENGTH` characters. The limit counts what a reader reads, not markup, so
      formatting does not eat into it.
    """
    value = "" if html is None else str(html)
    if len(value) > HTML_MAX_LENGTH:
        raise RuleViolation(MSG_HTML_TOO_LONG, field=field, max=HTML_MAX_LENGTH)
    blocks = sanitised_blocks(value)
    text = _blocks_text(blocks).strip()
    if not text:
        if not required:
            return ""
        raise RuleViolation(MSG_TEXT_EMPTY, field=field)
    if len(text) > POST_TEXT_MAX_LENGTH:
        raise RuleViolation(MSG_TEXT_TOO_LONG, field=field, max=POST_TEXT_MAX_LENGTH, length=len(text))
    result = serialise(blocks)
    if len(result) > HTML_MAX_LENGTH:  # e.g. thousands of links, each grown by its rel attribute
        raise RuleViolation(MSG_HTML_TOO_LONG, field=field, max=HTML_MAX_LENGTH)
    return result


def _is_visible(char):
    return not (char.isspace() or unicodedata.category(char) in ("Cc", "Cf"))


def validate_title(value, field="title", max_length=TITLE_MAX_LENGTH):
    """Return the title with whitespace collapsed (line breaks become spaces), or raise.

    Control characters are removed. Raises :class:`RuleViolation` with ``field`` when no visible
    character is left or when the title is longer than ``max_length`` characters (default 200).
    """
    text = " ".join(without_invalid_characters(value).split())
    if not any(_is_visible(char) for char in text):
        raise RuleViolation(MSG_TITLE_EMPTY, field=field)
    if len(text) > max_length:
        raise RuleViolation(MSG_TITLE_TOO_LONG, field=field, max=max_length, length=len(text))
    return text


def quote(html, author=None):
    """Return a post as a ``blockquote`` to begin a reply with ("reply with quote").

    The post is sanitised; quotes inside it are left out, so replies do not grow into ever deeper
    chains of quotes. When ``author`` is given, the quote begins with ``<p><strong>author</strong>:</p>``
    (no words, so no translation is needed). An empty post gives ``""``.
    """
    blocks = [block for block in sanitised_blocks(html) if block.tag != "blockquote"]
    if not blocks:
        return ""
    name = " ".join(without_invalid_characters(author).split())
    inner = []
    if name:
        inner.append(Element("p", children=[Element("strong", children=[name]), ":"]))
    inner.extend(blocks)
    return serialise([Element("blockquote", children=inner)])
