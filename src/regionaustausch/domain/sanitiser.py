"""HTML written by people (posts, thread openings, proposals), made safe: nh3 decides, we only shape.

The security core is nh3, the Python binding of ammonia (an HTML5 parser, html5ever, with a whitelist):
nh3 decides which elements, attributes and URL schemes survive. :func:`sanitise_html` runs, in order:

1. Control characters, lone surrogates and NUL are removed. Input without anything that looks like a
   tag is plain text: it becomes paragraphs (a blank line starts one, a line break is ``<br>``) with
   every character escaped.
2. nh3, first pass (:data:`_NH3_FIRST`): the allowed tags and those whose meaning the normaliser maps
   (``b``, ``i``, headings, block elements such as ``div`` or table cells) are kept, every attribute
   but ``href`` on ``a`` is dropped, an ``href`` is kept only when it is relative or uses ``http``,
   ``https`` or ``mailto`` (after the HTML parser decoded its entities once, and with tabs, line
   breaks and leading control characters ignored, as a browser reads it), comments are dropped, and
   :data:`DROPPED_TAGS` (``script``, ``style``, ``template``, ``noscript``, ``svg``, ``math``, form
   controls, ...) go together with their content. Unknown and namespaced tags (``<svg:script>``,
   ``<x:y>``) are no elements of HTML: they are removed and their text is kept, escaped.
3. :mod:`regionaustausch.domain.normaliser` rebuilds nh3's output in the shapes the editor and the
   templates expect (``b`` to ``strong``, headings to ``p>strong``, blocks to paragraphs, lists of
   ``li`` only, whitespace, empty elements) from a tree of its own.
4. nh3, last pass (:data:`_NH3_LAST`): exactly :data:`ALLOWED_TAGS`, ``href`` on ``a`` with the same
   schemes, and ``rel="nofollow noopener noreferrer"`` on every link (user content: no search-engine
   credit, no window access). What :func:`sanitise_html` returns is nh3's output: nothing the
   normaliser writes reaches a page without nh3 having passed it last.

Links: relative URLs (``/path``, ``page``, ``#anchor``, ``?query``) are kept, and so are
protocol-relative ones (``//host/path``): such a link leads to another host with the page's own
scheme, as an ``https://host/path`` link may do as well. An entity-encoded scheme (``&#106;avascript:``,
``jav&#x61;script:``, ``java&#x09;script:``) is decoded by the parser and refused; a doubly encoded one
(``&amp;#106;avascript:``) is, as a browser reads it, a relative URL with that odd name and harmless.

The result is stable: sanitising sanitised HTML gives the same HTML again.
"""

from regionaustausch.domain.normaliser import ALLOWED_TAGS
from regionaustausch.domain.normaliser import MAPPED_TAGS
from regionaustausch.domain.normaliser import markup
from regionaustausch.domain.normaliser import normalise
import html as html_module
import nh3
import re


SAFE_SCHEMES = frozenset({"http", "https", "mailto"})
LINK_REL = "nofollow noopener noreferrer"
#: Elements that nh3 removes together with their content.
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

_NH3_OPTIONS = {
    "clean_content_tags": set(DROPPED_TAGS),
    "attributes": {"a": {"href"}, "*": set()},
    "url_schemes": set(SAFE_SCHEMES),
    "strip_comments": True,
}
#: nh3 before the normaliser: also the tags whose meaning the normaliser maps; no ``rel`` yet.
_NH3_FIRST = nh3.Cleaner(tags=set(ALLOWED_TAGS | MAPPED_TAGS), link_rel=None, **_NH3_OPTIONS)
#: nh3 after the normaliser: the last word on what a page gets.
_NH3_LAST = nh3.Cleaner(tags=set(ALLOWED_TAGS), link_rel=LINK_REL, **_NH3_OPTIONS)

# Characters libxml2 and nh3 cannot take or that have no business in text: C0 controls but tab, line
# feed and carriage return; DEL and the C1 controls; lone surrogates; the non-characters U+FFFE, U+FFFF.
_INVALID_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_LOOKS_LIKE_HTML = re.compile(r"</?[a-zA-Z][^<>]*>|<!--|<![a-zA-Z]|<\?")
_BLANK_LINE = re.compile(r"\n[ \t\f\v\u00a0]*\n\s*")


def without_invalid_characters(value):
    """``value`` as a string without control characters, lone surrogates and NUL; ``None`` is ``""``."""
    return "" if value is None else _INVALID_CHARS.sub("", str(value))


def looks_like_html(text):
    """``True`` when ``text`` contains something that looks like a tag, a comment or a declaration.

    This decides whether :func:`sanitise_html` treats its input as HTML or as plain text; ``a < b`` or
    ``<3`` are plain text, ``a <b>c</b>`` is HTML.
    """
    return bool(_LOOKS_LIKE_HTML.search(text))


def _plain_text_html(text):
    """Plain text as HTML: paragraphs at blank lines, ``<br>`` at single line breaks, all escaped."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return "".join(
        "<p>" + "<br>".join(html_module.escape(line, quote=False) for line in paragraph.split("\n")) + "</p>"
        for paragraph in _BLANK_LINE.split(text)
    )


def sanitised_blocks(value):
    """``value`` (HTML or plain text) sanitised by nh3 and normalised: a list of
    :class:`~regionaustausch.domain.normaliser.Element` (``p``, ``ul``, ``ol``, ``blockquote``).
    :func:`serialise` makes it HTML."""
    text = without_invalid_characters(value)
    if not text.strip():
        return []
    return normalise(_NH3_FIRST.clean(text if looks_like_html(text) else _plain_text_html(text)))


def serialise(blocks):
    """The HTML of normalised ``blocks``, passed through nh3 last."""
    return _NH3_LAST.clean(markup(blocks))


def sanitise_html(html):
    """Return ``html`` (or plain text) as safe HTML of ``p, br, strong, em, ul, ol, li, a, blockquote``.

    See the module documentation for the exact rules. ``None`` and empty input give ``""``. No size
    limit here; :func:`regionaustausch.domain.text.validate_post_text` refuses oversized input first.
    """
    return serialise(sanitised_blocks(html))
