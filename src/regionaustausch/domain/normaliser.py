"""The shapes the editor and the templates expect, made from HTML that nh3 has sanitised.

:mod:`regionaustausch.domain.sanitiser` hands this module nh3's output: only the tags of
:data:`ALLOWED_TAGS` and :data:`MAPPED_TAGS`, no attribute but ``href`` on ``a``, text escaped, no
comments. :func:`normalise` parses it with lxml and builds a small tree of its own (:class:`Element`):

* ``b`` becomes ``strong``, ``i`` ``em``; a heading becomes a paragraph in ``strong``; other block
  elements (``div``, table cells, ``pre``, ...) become paragraph boundaries;
* the top level holds only ``p``, ``ul``, ``ol`` and ``blockquote``; loose text is wrapped in ``p``;
  lists hold only ``li``, and a nested list that follows an ``li`` moves into it;
* a link in a link gives up its link; a link without ``href`` (nh3 refused it) is unwrapped, and an
  ``href`` loses the tabs and line breaks that browsers ignore anyway;
* whitespace is collapsed; empty paragraphs, list items, links and emphasis are removed.

Elements nested deeper than :data:`MAX_DEPTH` are flattened to their text; content nested deeper than
libxml2's own limit (255 levels) is lost, which only a hostile input does. :func:`markup` writes the tree
as HTML; the sanitiser passes that through nh3 once more before anybody gets it.
"""

from lxml import etree
import html as html_module
import re


#: Elements nested deeper than this are flattened to their text (libxml2 stops at 255 anyway).
MAX_DEPTH = 64

ALLOWED_TAGS = frozenset({"p", "br", "strong", "em", "ul", "ol", "li", "a", "blockquote"})
RENAMED_TAGS = {"b": "strong", "i": "em", "dir": "ul", "menu": "ul"}
HEADING_TAGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
#: Elements that end a paragraph where they start and end; they are unwrapped. Raw-text elements
#: (``xmp``, ``plaintext``) are not among them: their content is text, and stays text.
BLOCK_TAGS = frozenset(
    {
        "address",
        "article",
        "aside",
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
        "legend",
        "listing",
        "main",
        "nav",
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
    }
)
#: The tags that mean something to the normaliser besides :data:`ALLOWED_TAGS` (nh3 keeps them for it).
MAPPED_TAGS = frozenset(RENAMED_TAGS) | HEADING_TAGS | BLOCK_TAGS
INLINE_TAGS = frozenset({"strong", "em", "a"})
LIST_TAGS = frozenset({"ul", "ol"})

_HTML_SPACE = re.compile(r"[ \t\n\r\f]+")
_URL_IGNORED = re.compile(r"[\t\n\r]")
_URL_EDGE = " \t\n\r\f"


# -- the tree -------------------------------------------------------------------------------------------


class Element:
    """An element of the normalised tree: one of :data:`ALLOWED_TAGS`, ``href`` its only attribute."""

    __slots__ = ("attrs", "children", "tag")

    def __init__(self, tag, attrs=None, children=None):
        self.tag = tag
        self.attrs = attrs or {}
        self.children = children if children is not None else []


#: A paragraph boundary left where a block element was unwrapped.
_BREAK = object()
#: Inside inline content: a boundary that becomes one <br> unless at an edge or next to a <br>.
_SOFT = object()


def _is_br(item):
    return isinstance(item, Element) and item.tag == "br"


def _is_inline(item):
    return isinstance(item, str) or (
        isinstance(item, Element) and (item.tag in INLINE_TAGS or item.tag == "br")
    )


# -- nh3's output to items ----------------------------------------------------------------------------


def _parse(markup):
    """Parse nh3's output with libxml2's HTML parser; return the ``body`` element or ``None``."""
    parser = etree.HTMLParser(encoding="utf-8", remove_comments=True, remove_pis=True, no_network=True)
    root = etree.fromstring(markup.encode("utf-8"), parser) if markup.strip() else None
    return None if root is None else root.find("body")


def _flat_text(root):
    """The text of ``root``'s subtree, without recursion."""
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
        parts.append(child.text or "")
        stack.append((child, iter(child)))
    return "".join(parts)


def _children_items(element, depth):
    items = [element.text] if element.text else []
    for child in element:
        items.extend(_convert(child, depth + 1))
        if child.tail:
            items.append(child.tail)
    return items


def _href(element):
    """The ``href`` nh3 kept, without what browsers ignore in it; ``None`` when there is none."""
    href = _URL_IGNORED.sub("", element.get("href") or "").strip(_URL_EDGE)
    return href or None


def _convert(element, depth):
    """One element of nh3's output to a list of items (strings, :class:`Element`, :data:`_BREAK`)."""
    if not isinstance(element.tag, str):  # libxml2's own comments or processing instructions
        return []
    name = element.tag.lower()
    if depth > MAX_DEPTH:
        return [_BREAK, _flat_text(element), _BREAK]
    name = RENAMED_TAGS.get(name, name)
    if name == "br":
        return [Element("br")]
    children = _children_items(element, depth)
    if name == "a":
        href = _href(element)
        return [Element("a", {"href": href}, children)] if href else children
    if name in ALLOWED_TAGS:
        return [Element(name, children=children)]
    if name in HEADING_TAGS:
        return [_BREAK, Element("strong", children=children), _BREAK]
    if name in BLOCK_TAGS:
        return [_BREAK, *children, _BREAK]
    return children


# -- the shapes -----------------------------------------------------------------------------------------


def _has_text(items):
    """Whether any string in ``items`` or below has a character that is not whitespace."""
    for item in items:
        if isinstance(item, str):
            if item.strip():
                return True
        elif isinstance(item, Element) and _has_text(item.children):
            return True
    return False


def _inline(items, in_link=False):
    """Flatten ``items`` to inline content; block boundaries inside become :data:`_SOFT` markers."""
    out = []
    for item in items:
        if isinstance(item, str):
            out.append(item)
        elif item is _BREAK or item is _SOFT:
            out.append(_SOFT)
        elif item.tag == "br":
            out.append(item)
        elif item.tag in INLINE_TAGS:
            nested_in_link = in_link or item.tag == "a"
            children = _tidy(_inline(item.children, nested_in_link), trim=False)
            if (item.tag == "a" and in_link) or not _has_text(children):
                out.extend(children)  # a link in a link, or emphasis of nothing: keep only the content
            else:
                out.append(Element(item.tag, dict(item.attrs), children))
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
                items[index] = Element(item.tag, item.attrs, children)
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
    return [Element("br") if item is _SOFT else item for item in merged]


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
        if isinstance(item, Element) and item.tag in LIST_TAGS:
            flush()
            nested = _list(item)
            if nested is not None:
                content.append(nested)
        else:
            run.append(item)
    flush()
    return Element("li", children=content) if content else None


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
        elif child.tag in LIST_TAGS:
            flush_loose()
            nested = _list(child)
            if nested is not None:
                if entries:
                    entries[-1].children.append(nested)
                else:
                    entries.append(Element("li", children=[nested]))
        else:  # p or blockquote directly in a list: becomes an item of its own
            flush_loose()
            entry = _list_item([child])
            if entry is not None:
                entries.append(entry)
    flush_loose()
    return Element(element.tag, children=entries) if entries else None


def _blocks(items):
    """Normalise flow content to a list of ``p``, ``ul``, ``ol`` and ``blockquote`` elements."""
    out = []
    run = []

    def flush():
        if run:
            content = _paragraph_content(run)
            if _has_text(content):
                out.append(Element("p", children=content))
            run.clear()

    for item in items:
        if item is _BREAK:
            flush()
        elif _is_inline(item):
            run.append(item)
        elif item.tag in LIST_TAGS:
            flush()
            normalised = _list(item)
            if normalised is not None:
                out.append(normalised)
        elif item.tag == "blockquote":
            flush()
            inner = _blocks(item.children)
            if inner:
                out.append(Element("blockquote", children=inner))
        else:  # p, or an li outside of any list: its content as paragraphs
            flush()
            out.extend(_blocks(item.children))
    flush()
    return out


# -- the result -----------------------------------------------------------------------------------------


def _markup(item):
    if isinstance(item, str):
        return html_module.escape(item, quote=False)
    if item.tag == "br":
        return "<br>"
    attrs = "".join(
        f' {name}="{html_module.escape(value, quote=True)}"' for name, value in item.attrs.items()
    )
    separator = "\n" if item.tag in ("blockquote", "ul", "ol") else ""
    inner = separator.join(_markup(child) for child in item.children)
    if separator and inner:
        inner = f"\n{inner}\n"
    return f"<{item.tag}{attrs}>{inner}</{item.tag}>"


def normalise(markup_from_nh3):
    """nh3's output as a list of :class:`Element` (``p``, ``ul``, ``ol``, ``blockquote``)."""
    body = _parse(markup_from_nh3)
    return [] if body is None else _blocks(_children_items(body, 0))


def markup(blocks):
    """The HTML of normalised ``blocks``, one block a line (not yet passed through nh3)."""
    return "\n".join(_markup(block) for block in blocks)
