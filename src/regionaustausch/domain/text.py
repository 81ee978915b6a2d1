"""Texts written by people: titles, the text of posts and proposals, quoting in replies.

Sanitising is a whitelist walk over the tree lxml parses, not a blacklist: an element survives only
when it is one of :data:`ALLOWED_TAGS`, an attribute only when it is ``href`` on ``a`` with a safe URL.
The result is written out by this module's own small serialiser from a tree it built itself, so
nothing of the input's markup reaches the output unescaped.

What :func:`sanitise_html` does, in order:

1. Control characters, lone surrogates and NUL are removed from the input.
2. Input that contains nothing that looks like a tag is plain text: a blank line starts a new
   paragraph, a single line break becomes ``<br>``, and everything is HTML-escaped. Input with tags
   is parsed as HTML (libxml2's forgiving parser, so unclosed and broken tags are fine).
3. ``script``, ``style``, ``iframe``, ``object``, ``embed``, ``svg``, ``math``, ``template``, form
   controls, ``head`` and the like are dropped together with their content (:data:`DROPPED_TAGS`).
4. ``b`` becomes ``strong``, ``i`` becomes ``em``; headings become a paragraph in ``strong``; other
   block elements (``div``, ``table`` cells, ``pre``, ...) become paragraph boundaries; every other
   element is unwrapped and its text kept. Comments and processing instructions are dropped.
5. All attributes are dropped except ``href`` on ``a``. An ``href`` is kept only when it is a relative
   URL or uses ``http``, ``https`` or ``mailto``, checked after removing what browsers ignore (tabs and
   line breaks anywhere, control characters and spaces around) and after decoding HTML entities again
   (against double encoding); URLs with whitespace or invisible characters inside are refused. A link
   whose ``href`` is refused is unwrapped, its text kept. Every kept link gets
   ``rel="nofollow noopener noreferrer"`` (user content: no search-engine credit, no window access).
6. The structure is normalised to what the editor and the templates expect: top level ``p``, ``ul``,
   ``ol`` and ``blockquote``; loose text is wrapped in ``p``; lists hold only ``li``; a nested list
   that follows an ``li`` moves into it; whitespace is collapsed; empty paragraphs, list items, links
   and emphasis are removed.

The result is stable: sanitising sanitised HTML gives the same HTML again. Elements nested deeper
than :data:`MAX_DEPTH` are flattened to their text; content nested deeper than libxml2's own limit
(255 levels) is lost, which only a hostile input does.
"""

from lxml import etree
from regionaustausch.domain.errors import RuleViolation
from urllib.parse import urlsplit
import html as html_module
import re
import unicodedata


TITLE_MAX_LENGTH = 200
POST_TEXT_MAX_LENGTH = 20000
#: HTML longer than this is refused before it is parsed; generous for formatting, small enough that
#: parsing stays cheap (ten times the text limit).
HTML_MAX_LENGTH = 10 * POST_TEXT_MAX_LENGTH
#: Longer ``href`` values are dropped (the link text stays).
HREF_MAX_LENGTH = 2048
#: Elements nested deeper than this are flattened to their text (libxml2 stops at 255 anyway).
MAX_DEPTH = 64

ALLOWED_TAGS = frozenset({"p", "br", "strong", "em", "ul", "ol", "li", "a", "blockquote"})
SAFE_SCHEMES = frozenset({"http", "https", "mailto"})
LINK_REL = "nofollow noopener noreferrer"

RENAMED_TAGS = {"b": "strong", "i": "em", "dir": "ul", "menu": "ul"}
DROPPED_TAGS = frozenset(
    {
        "applet",
        "area",
        "audio",
        "base",
        "button",
        "canvas",
        "datalist",
        "embed",
        "frame",
        "frameset",
        "head",
        "iframe",
        "img",
        "input",
        "link",
        "map",
        "math",
        "meta",
        "noembed",
        "noframes",
        "noscript",
        "object",
        "optgroup",
        "option",
        "param",
        "picture",
        "script",
        "select",
        "source",
        "style",
        "svg",
        "template",
        "textarea",
        "title",
        "track",
        "video",
    }
)
HEADING_TAGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
BLOCK_TAGS = frozenset(
    {
        "address",
        "article",
        "aside",
        "body",
        "caption",
        "center",
        "dd",
        "details",
        "dialog",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "header",
        "hgroup",
        "hr",
        "html",
        "legend",
        "listing",
        "main",
        "nav",
        "plaintext",
        "pre",
        "section",
        "summary",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "tr",
        "xmp",
    }
)

MSG_TITLE_EMPTY = "The title must not be empty."
MSG_TITLE_TOO_LONG = "The title may have at most ${max} characters; it has ${length}."
MSG_TEXT_EMPTY = "The text must not be empty."
MSG_TEXT_TOO_LONG = "The text may have at most ${max} characters; it has ${length}."
MSG_HTML_TOO_LONG = (
    "The text is too long to be processed: with its formatting it may have at most ${max} characters."
)

# Characters libxml2 cannot take or that have no business in text: C0 controls but tab, line feed and
# carriage return; DEL and the C1 controls; lone surrogates; the non-characters U+FFFE and U+FFFF.
_INVALID_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_LOOKS_LIKE_HTML = re.compile(r"</?[a-zA-Z][^<>]*>|<!--|<![a-zA-Z]|<\?")
_HTML_SPACE = re.compile(r"[ \t\n\r\f]+")
_SPACES = re.compile(r" {2,}")
_BLANK_LINE = re.compile(r"\n[ \t\f\v\u00a0]*\n\s*")
_URL_IGNORED = re.compile(r"[\t\n\r]")
_URL_EDGE = "".join(chr(code) for code in range(0x21))
_SCHEME = re.compile(r"([a-zA-Z][a-zA-Z0-9+.\-]*):")
_URL_FORBIDDEN_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Co", "Cn", "Zs", "Zl", "Zp"})


# -- the intermediate tree ------------------------------------------------------------------------------


class _Element:
    """An element of the cleaned tree: only allowed tags, only checked attributes."""

    __slots__ = ("attrs", "children", "tag")

    def __init__(self, tag, attrs=None, children=None):
        self.tag = tag
        self.attrs = attrs or {}
        self.children = children if children is not None else []


class _Marker:
    __slots__ = ("name",)

    def __init__(self, name):
        self.name = name

    def __repr__(self):
        return f"<{self.name}>"


#: A paragraph boundary left where a block element was unwrapped.
_BREAK = _Marker("break")
#: Inside inline content: a boundary that becomes one <br> unless at an edge or next to a <br>.
_SOFT = _Marker("soft")

_INLINE_TAGS = frozenset({"strong", "em", "a"})
_LIST_TAGS = frozenset({"ul", "ol"})


def _is_br(item):
    return isinstance(item, _Element) and item.tag == "br"


def _is_inline(item):
    return isinstance(item, str) or (
        isinstance(item, _Element) and (item.tag in _INLINE_TAGS or item.tag == "br")
    )


# -- step 1 and 2: input to a parsed tree ---------------------------------------------------------------


def _clean_input(value):
    if value is None:
        return ""
    return _INVALID_CHARS.sub("", str(value))


def looks_like_html(text):
    """``True`` when ``text`` contains something that looks like a tag, a comment or a declaration.

    This decides whether :func:`sanitise_html` treats its input as HTML or as plain text; ``a < b`` or
    ``<3`` are plain text, ``a <b>c</b>`` is HTML.
    """
    return bool(_LOOKS_LIKE_HTML.search(text))


def _parse(markup):
    """Parse ``markup`` with libxml2's HTML parser; return the ``body`` element or ``None``."""
    parser = etree.HTMLParser(
        encoding="utf-8", remove_comments=True, remove_pis=True, no_network=True, recover=True
    )
    try:
        root = etree.fromstring(markup.encode("utf-8"), parser)
    except etree.ParserError:  # pragma: no cover - libxml2 recovers from nearly everything
        return None
    if root is None:
        return None
    return root.find("body")


def _plain_text_items(text):
    """Plain text to the cleaned tree: paragraphs at blank lines, ``<br>`` at single line breaks."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    items = []
    for paragraph in _BLANK_LINE.split(text):
        children = []
        for number, line in enumerate(paragraph.split("\n")):
            if number:
                children.append(_Element("br"))
            children.append(line)
        items.append(_Element("p", children=children))
    return items


# -- step 3 to 5: the whitelist walk --------------------------------------------------------------------


def _local_name(tag):
    return tag.rsplit("}", 1)[-1].rsplit(":", 1)[-1].lower()


def _flat_text(root):
    """The text of ``root``'s subtree without recursion, leaving out dropped elements' content."""
    parts = [root.text or ""]
    stack = [(root, iter(root))]
    while stack:
        element, children = stack[-1]
        child = next(children, None)
        if child is None:
            stack.pop()
            if stack:
                parts.append(element.tail or "")
            continue
        if not isinstance(child.tag, str) or _local_name(child.tag) in DROPPED_TAGS:
            parts.append(child.tail or "")
            continue
        parts.append(child.text or "")
        stack.append((child, iter(child)))
    return "".join(parts)


def _children_items(element, depth):
    items = []
    if element.text:
        items.append(element.text)
    for child in element:
        items.extend(_convert(child, depth + 1))
        if child.tail:
            items.append(child.tail)
    return items


def _convert(element, depth):
    """One parsed element to a list of cleaned items (strings, :class:`_Element`, :data:`_BREAK`)."""
    if not isinstance(element.tag, str):  # comment, processing instruction, entity
        return []
    name = _local_name(element.tag)
    if name in DROPPED_TAGS:
        return []
    if depth > MAX_DEPTH:
        return [_BREAK, _flat_text(element), _BREAK]
    name = RENAMED_TAGS.get(name, name)
    if name == "br":
        return [_Element("br")]
    children = _children_items(element, depth)
    if name == "a":
        href = safe_href(element.get("href"))
        if href is None:
            return children
        return [_Element("a", {"href": href, "rel": LINK_REL}, children)]
    if name in ALLOWED_TAGS:
        return [_Element(name, children=children)]
    if name in HEADING_TAGS:
        return [_BREAK, _Element("strong", children=children), _BREAK]
    if name in BLOCK_TAGS:
        return [_BREAK, *children, _BREAK]
    return children


def _url_is_safe(url):
    if not url or len(url) > HREF_MAX_LENGTH:
        return False
    if any(unicodedata.category(char) in _URL_FORBIDDEN_CATEGORIES for char in url):
        return False
    first_segment = re.split(r"[/?#\\]", url, maxsplit=1)[0]
    match = _SCHEME.match(url)
    if match and match.end() <= len(first_segment):
        scheme = match.group(1).lower()
        if scheme not in SAFE_SCHEMES:
            return False
        rest = url[match.end() :]
        if scheme == "mailto":
            return bool(rest)
        try:
            return bool(urlsplit(url).netloc)
        except ValueError:
            return False
    # No scheme: a relative URL. A colon in its first segment would make browsers read a scheme.
    return ":" not in first_segment


def safe_href(value):
    """Return ``value`` as a link target that is safe in an ``href``, or ``None`` when it is not.

    Allowed are ``http:``, ``https:``, ``mailto:`` and relative URLs (``/path``, ``page``,
    ``#anchor``, ``?query``, ``//host/path``). Tabs and line breaks are removed anywhere and control
    characters and spaces at both ends, as browsers do; the value must then pass the check both as it
    is and with HTML entities decoded once and twice more (``&amp;#106;avascript:`` and the like).
    """
    if value is None:
        return None
    url = _URL_IGNORED.sub("", str(value)).strip(_URL_EDGE)
    candidate = url
    for _round in range(3):
        if not _url_is_safe(_URL_IGNORED.sub("", candidate).strip(_URL_EDGE)):
            return None
        decoded = html_module.unescape(candidate)
        if decoded == candidate:
            break
        candidate = decoded
    return url


# -- step 6: normalising the structure ------------------------------------------------------------------


def _has_text(items):
    for item in items:
        if isinstance(item, str):
            if item.strip():
                return True
        elif isinstance(item, _Element) and _has_text(item.children):
            return True
    return False


def _inline(items, in_link=False):
    """Flatten ``items`` to inline content; block boundaries inside become :data:`_SOFT` markers."""
    out = []
    for item in items:
        if isinstance(item, str):
            out.append(item)
        elif isinstance(item, _Marker):
            out.append(_SOFT)
        elif item.tag == "br":
            out.append(item)
        elif item.tag in _INLINE_TAGS:
            nested_in_link = in_link or item.tag == "a"
            children = _tidy(_inline(item.children, nested_in_link), trim=False)
            if (item.tag == "a" and in_link) or not _has_text(children):
                out.extend(children)  # a link in a link, or emphasis of nothing: keep only the content
            else:
                out.append(_Element(item.tag, dict(item.attrs), children))
        else:  # p, li, lists and quotes inside inline content
            out.append(_SOFT)
            out.extend(_inline(item.children, in_link))
            out.append(_SOFT)
    return out


def _trim(items, from_start):
    """Remove whitespace and ``<br>`` at one edge of inline content, looking into nested elements."""
    items = list(items)
    index = 0 if from_start else -1
    while items:
        item = items[index]
        if isinstance(item, str):
            stripped = item.lstrip() if from_start else item.rstrip()
            if stripped:
                items[index] = stripped
                break
            items.pop(index)
        elif _is_br(item) or item is _SOFT:
            items.pop(index)
        else:
            children = _trim(item.children, from_start)
            if _has_text(children):
                items[index] = _Element(item.tag, item.attrs, children)
                break
            items.pop(index)
    return items


def _tidy(items, trim=True):
    """Merge and collapse text, resolve :data:`_SOFT` markers to ``<br>``; trim the edges if asked."""
    merged = []
    pending_text = []  # adjacent strings, joined once (joining pairwise would be quadratic)

    def flush_text():
        if pending_text:
            text = _HTML_SPACE.sub(" ", "".join(pending_text))
            pending_text.clear()
            if text:
                merged.append(text)

    for item in items:
        if isinstance(item, str):
            pending_text.append(item)
            continue
        flush_text()
        if item is _SOFT:
            if merged and not (_is_br(merged[-1]) or merged[-1] is _SOFT):
                merged.append(_SOFT)
        elif _is_br(item) and merged and merged[-1] is _SOFT:
            merged[-1] = item
        else:
            merged.append(item)
    flush_text()
    if trim:
        merged = _trim(_trim(merged, from_start=True), from_start=False)
    while merged and merged[-1] is _SOFT:
        merged.pop()
    return [_Element("br") if item is _SOFT else item for item in merged]


def _paragraph_content(items):
    return _tidy(_inline(items))


def _list_item(items):
    """The content of one ``li``: inline content with nested lists; ``None`` when nothing is left."""
    content = []
    run = []

    def flush():
        if run:
            inline = _paragraph_content(run)
            if _has_text(inline):
                content.extend(inline)  # runs are separated by nested lists, so no <br> between them
            run.clear()

    for item in items:
        if isinstance(item, _Element) and item.tag in _LIST_TAGS:
            flush()
            nested = _list(item)
            if nested is not None:
                content.append(nested)
        else:
            run.append(item)
    flush()
    return _Element("li", children=content) if content else None


def _list(element):
    """Normalise a ``ul``/``ol``: only ``li`` children; loose content and stray lists find a place."""
    entries = []
    loose = []

    def flush_loose():
        if loose:
            entry = _list_item(list(loose))
            if entry is not None:
                entries.append(entry)
            loose.clear()

    for child in element.children:
        if child is _BREAK:
            flush_loose()
        elif _is_inline(child):
            loose.append(child)
        elif child.tag == "li":
            flush_loose()
            entry = _list_item(child.children)
            if entry is not None:
                entries.append(entry)
        elif child.tag in _LIST_TAGS:
            flush_loose()
            nested = _list(child)
            if nested is not None:
                if entries:
                    entries[-1].children.append(nested)
                else:
                    entries.append(_Element("li", children=[nested]))
        else:  # p or blockquote directly in a list: becomes an item of its own
            flush_loose()
            entry = _list_item([child])
            if entry is not None:
                entries.append(entry)
    flush_loose()
    return _Element(element.tag, children=entries) if entries else None


def _blocks(items):
    """Normalise flow content to a list of ``p``, ``ul``, ``ol`` and ``blockquote`` elements."""
    out = []
    run = []

    def flush():
        if run:
            content = _paragraph_content(run)
            if _has_text(content):
                out.append(_Element("p", children=content))
            run.clear()

    for item in items:
        if item is _BREAK:
            flush()
        elif _is_inline(item):
            run.append(item)
        elif item.tag in _LIST_TAGS:
            flush()
            normalised = _list(item)
            if normalised is not None:
                out.append(normalised)
        elif item.tag == "blockquote":
            flush()
            inner = _blocks(item.children)
            if inner:
                out.append(_Element("blockquote", children=inner))
        else:  # p, or an li outside of any list: its content as paragraphs
            flush()
            out.extend(_blocks(item.children))
    flush()
    return out


# -- output ---------------------------------------------------------------------------------------------


def _serialise(item):
    if isinstance(item, str):
        return html_module.escape(item, quote=False)
    if item.tag == "br":
        return "<br>"
    attrs = "".join(
        f' {name}="{html_module.escape(value, quote=True)}"' for name, value in item.attrs.items()
    )
    separator = "\n" if item.tag in ("blockquote", "ul", "ol") else ""
    inner = separator.join(_serialise(child) for child in item.children)
    if separator and inner:
        inner = f"\n{inner}\n"
    return f"<{item.tag}{attrs}>{inner}</{item.tag}>"


def _serialise_blocks(blocks):
    return "\n".join(_serialise(block) for block in blocks)


def _inline_text(items):
    parts = []
    for item in items:
        if isinstance(item, str):
            parts.append(item)
        elif item.tag == "br":
            parts.append("\n")
        elif item.tag in _LIST_TAGS:
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
        elif block.tag in _LIST_TAGS:
            parts.append(_list_text(block))
        else:
            parts.append(_inline_text(block.children))
    text = "\n\n".join(part for part in parts if part)
    return "\n".join(_SPACES.sub(" ", line).strip(" ") for line in text.split("\n"))


def _sanitised_blocks(value):
    text = _clean_input(value)
    if not text.strip():
        return []
    if looks_like_html(text):
        body = _parse(text)
        if body is None:
            return []
        items = _children_items(body, 0)
    else:
        items = _plain_text_items(text)
    return _blocks(items)


# -- the public functions -------------------------------------------------------------------------------


def sanitise_html(html):
    """Return ``html`` (or plain text) as safe HTML of ``p, br, strong, em, ul, ol, li, a, blockquote``.

    See the module documentation for the exact rules. ``None`` and empty input give ``""``. No size
    limit here; :func:`validate_post_text` refuses oversized input before parsing.
    """
    return _serialise_blocks(_sanitised_blocks(html))


def plain_text(html):
    """The text a reader sees in ``html`` (sanitised first): for length checks, search and e-mails.

    Paragraphs, quotes and lists are separated by a blank line, list items and ``<br>`` by one line
    break; runs of spaces are collapsed, entities decoded, nothing is escaped.
    """
    return _blocks_text(_sanitised_blocks(html)).strip()


def validate_post_text(html, field="text"):
    """Return the sanitised HTML of a post's (or thread's, or proposal's) text, or raise.

    Raises :class:`RuleViolation` with ``field``:

    * when the input is longer than :data:`HTML_MAX_LENGTH` characters (before parsing, so an enormous
      payload costs nothing), or the sanitised HTML is (so that what this function returns always passes
      it again);
    * when nothing visible is left after sanitising;
    * when the visible text (:func:`plain_text`, line breaks included) is longer than
      :data:`POST_TEXT_MAX_LENGTH` characters. The limit counts what a reader reads, not markup, so
      formatting does not eat into it.
    """
    value = "" if html is None else str(html)
    if len(value) > HTML_MAX_LENGTH:
        raise RuleViolation(MSG_HTML_TOO_LONG, field=field, max=HTML_MAX_LENGTH)
    blocks = _sanitised_blocks(value)
    text = _blocks_text(blocks).strip()
    if not text:
        raise RuleViolation(MSG_TEXT_EMPTY, field=field)
    if len(text) > POST_TEXT_MAX_LENGTH:
        raise RuleViolation(MSG_TEXT_TOO_LONG, field=field, max=POST_TEXT_MAX_LENGTH, length=len(text))
    result = _serialise_blocks(blocks)
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
    text = _INVALID_CHARS.sub("", "" if value is None else str(value))
    text = " ".join(text.split())
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
    blocks = [block for block in _sanitised_blocks(html) if block.tag != "blockquote"]
    if not blocks:
        return ""
    name = " ".join(_INVALID_CHARS.sub("", "" if author is None else str(author)).split())
    inner = []
    if name:
        inner.append(_Element("p", children=[_Element("strong", children=[name]), ":"]))
    inner.extend(blocks)
    return _serialise(_Element("blockquote", children=inner))
