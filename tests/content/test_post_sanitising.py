"""Posts, the opening texts of threads and the texts of proposals are stored sanitised, whatever writes
them.

The usual XSS payloads go in through plone.api (a script), through attribute assignment (what
z3c.form's data manager does) and through plone.restapi's deserializer; what is stored
(``text.raw``) and what the view renders (``text.output``) keep only ``p, br, strong, em, ul, ol, li,
a[href], blockquote``.
"""

from plone import api
from plone.app.textfield.value import RichTextValue
from plone.restapi.interfaces import IDeserializeFromJson
from regionaustausch.content.exchange_proposal import IExchangeProposal
from regionaustausch.content.post import IPost
from regionaustausch.domain.text import MSG_TEXT_TOO_LONG
from zope.component import getMultiAdapter
from zope.schema import ValidationError
import pytest
import re


#: (payload, a piece of visible text that must survive or None)
PAYLOADS = {
    "script": ("<p>Hallo<script>alert(1)</script> Welt</p>", "Hallo Welt"),
    "script-unclosed": ("<p>Hallo</p><script>alert(1)", "Hallo"),
    "script-uppercase": ("<SCRIPT SRC=//evil.example/x.js></SCRIPT><p>Text</p>", "Text"),
    "img-onerror": ("<img src=x onerror=alert(1)>Bild", "Bild"),
    "svg-onload": ("<svg onload=alert(1)><circle r=1 /></svg>Grafik", "Grafik"),
    "svg-script": ("<svg><script>alert(1)</script></svg>Grafik", "Grafik"),
    "javascript-href": ('<a href="javascript:alert(1)">Klick</a>', "Klick"),
    "javascript-href-case": ('<a href="JaVaScRiPt:alert(1)">Klick</a>', "Klick"),
    "javascript-entities": (
        '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;:alert(1)">Klick</a>',
        "Klick",
    ),
    "javascript-hex-entities": ('<a href="&#x6A;avascript&#x3A;alert(1)">Klick</a>', "Klick"),
    "javascript-tab": ('<a href="jav\tascript:alert(1)">Klick</a>', "Klick"),
    "javascript-tab-entity": ('<a href="jav&#x09;ascript:alert(1)">Klick</a>', "Klick"),
    "javascript-newline": ('<a href="java\nscript:alert(1)">Klick</a>', "Klick"),
    "javascript-leading-space": ('<a href=" javascript:alert(1)">Klick</a>', "Klick"),
    "javascript-double-encoded": ('<a href="javascript&amp;colon;alert(1)">Klick</a>', "Klick"),
    "vbscript": ('<a href="vbscript:msgbox(1)">Klick</a>', "Klick"),
    "data-url": ('<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">Klick</a>', "Klick"),
    "data-img": ('<img src="data:image/svg+xml,<svg onload=alert(1)>">Bild', "Bild"),
    "iframe": ('<iframe src="https://evil.example"></iframe><p>Rahmen</p>', "Rahmen"),
    "iframe-srcdoc": ('<iframe srcdoc="<script>alert(1)</script>"></iframe>Rahmen', "Rahmen"),
    "style-element": ("<style>body{background:url(javascript:alert(1))}</style><p>Stil</p>", "Stil"),
    "style-attribute": ('<p style="background:url(javascript:alert(1))">Stil</p>', "Stil"),
    "event-handlers": ('<p onclick="alert(1)" onmouseover="alert(2)">Absatz</p>', "Absatz"),
    "event-on-link": ('<a href="https://example.org" onfocus="alert(1)" autofocus>Link</a>', "Link"),
    "object-embed": ('<p>Objekt</p><object data="x.swf"></object><embed src="x.swf">', "Objekt"),
    "form": (
        '<form action="https://evil.example"><input name=p><button>Senden</button></form>Formular',
        "Formular",
    ),
    "meta-refresh": ('<meta http-equiv="refresh" content="0;url=javascript:alert(1)">Meta', "Meta"),
    "base": ('<base href="https://evil.example/">Basis', "Basis"),
    "math": ("<math><mtext><script>alert(1)</script></mtext></math>Mathe", "Mathe"),
    "comment-trick": ("<!--<script>alert(1)//--><p>Kommentar</p>", "Kommentar"),
    "attribute-breakout": (
        '<a href="https://example.org/" title=""><script>alert(1)</script>">Link</a>',
        "Link",
    ),
    "srcset": ('<img srcset="x 1x" onerror="alert(1)">Bildsatz', "Bildsatz"),
    "formaction": ('<button formaction="javascript:alert(1)">Knopf</button>Knopf', "Knopf"),
    "xlink": ('<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>Vektor', "Vektor"),
    "template": ("<template><script>alert(1)</script></template>Vorlage", "Vorlage"),
    "noscript-breakout": (
        '<noscript><p title="</noscript><img src=x onerror=alert(1)>">Nicht</p></noscript>Ende',
        "Ende",
    ),
}

FORBIDDEN = re.compile(
    r"<\s*(script|style|iframe|svg|math|img|object|embed|form|input|button|meta|base|link|template|noscript)"
    r"|\bon[a-z]+\s*="
    r"|javascript:|vbscript:|data:|srcdoc|formaction|style\s*=",
    re.IGNORECASE,
)
ALLOWED_TAGS = {"p", "br", "strong", "em", "ul", "ol", "li", "a", "blockquote"}
TAG = re.compile(r"</?\s*([a-zA-Z][a-zA-Z0-9]*)")


def rich(html):
    return RichTextValue(html, "text/html", "text/x-html-safe")


def assert_safe(html):
    assert not FORBIDDEN.search(html), html
    assert {tag.lower() for tag in TAG.findall(html)} <= ALLOWED_TAGS, html
    for href in re.findall(r'href="([^"]*)"', html):
        assert href.startswith(("http://", "https://", "mailto:", "/", "#")) or "://" not in href, href


def visible_text(html):
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


@pytest.fixture(scope="class")
def thread(tree_class):
    return tree_class.thread


class TestPost:
    @pytest.mark.parametrize(
        ("name", "payload", "survivor"), [(k, *v) for k, v in PAYLOADS.items()], ids=PAYLOADS.keys()
    )
    def test_created_with_plone_api(self, thread, build, name, payload, survivor):
        post = build.post(thread, text=payload, id=f"xss-{name}")
        assert_safe(post.text.raw)
        assert survivor in visible_text(post.text.raw)
        assert_safe(post.text.output)
        assert post.text.mimeType == "text/html"
        assert post.text.outputMimeType == "text/x-html-safe"

    @pytest.mark.parametrize(("payload", "survivor"), PAYLOADS.values(), ids=PAYLOADS.keys())
    def test_assigned(self, tree_class, payload, survivor):
        post = tree_class.post
        post.text = rich(payload)
        assert_safe(post.text.raw)
        assert survivor in visible_text(post.text.raw)
        assert_safe(post.text.output)

    def test_assigned_as_a_string(self, thread, build):
        post = build.post(thread)
        post.text = "<p onclick='x()'>Als Zeichenkette<script>alert(1)</script></p>"
        assert post.text.raw == "<p>Als Zeichenkette</p>"

    def test_rest_api(self, thread, build, request_class):
        post = build.post(thread)
        deserializer = getMultiAdapter((post, request_class), IDeserializeFromJson)
        payload = '<p>REST <img src=x onerror=alert(1)><a href="javascript:alert(1)">Link</a></p>'
        deserializer(data={"text": {"data": payload, "content-type": "text/html", "encoding": "utf-8"}})
        assert post.text.raw == "<p>REST Link</p>"

    def test_allowed_markup_is_kept(self, thread, build):
        html = (
            "<p>Ein <strong>starker</strong> und <em>betonter</em> Satz<br>mit Umbruch.</p>"
            "<ul><li>eins</li><li>zwei</li></ul><ol><li>erstens</li></ol>"
            "<blockquote><p>Zitat</p></blockquote>"
            '<p><a href="https://www.braunschweig.de/">Braunschweig</a></p>'
        )
        post = build.post(thread, text=html)
        assert post.text.raw == (
            "<p>Ein <strong>starker</strong> und <em>betonter</em> Satz<br>mit Umbruch.</p>\n"
            "<ul>\n<li>eins</li>\n<li>zwei</li>\n</ul>\n<ol>\n<li>erstens</li>\n</ol>\n"
            "<blockquote>\n<p>Zitat</p>\n</blockquote>\n"
            '<p><a href="https://www.braunschweig.de/" rel="nofollow noopener noreferrer">'
            "Braunschweig</a></p>"
        )
        output = post.text.output
        for tag in (
            "<strong>",
            "<em>",
            "<ul>",
            "<ol>",
            "<blockquote>",
            'href="https://www.braunschweig.de/"',
        ):
            assert tag in output

    def test_b_and_i_become_strong_and_em(self, thread, build):
        post = build.post(thread, text="<p><b>fett</b> <i>kursiv</i></p>")
        assert post.text.raw == "<p><strong>fett</strong> <em>kursiv</em></p>"

    def test_plain_text_is_escaped(self, thread, build):
        post = build.post(thread, text="1 < 2 & 3 > 2\n\nZweiter Absatz")
        assert post.text.raw == "<p>1 &lt; 2 &amp; 3 &gt; 2</p>\n<p>Zweiter Absatz</p>"

    def test_mailto_and_relative_links_kept(self, thread, build):
        post = build.post(
            thread, text='<p><a href="mailto:info@peine.de">Mail</a> <a href="/plone/x">intern</a></p>'
        )
        assert 'href="mailto:info@peine.de"' in post.text.raw
        assert 'href="/plone/x"' in post.text.raw

    def test_sanitising_is_stable(self, thread, build):
        post = build.post(thread, text=PAYLOADS["attribute-breakout"][0])
        stored = post.text.raw
        post.text = rich(stored)
        assert post.text.raw == stored


class TestThreadOpeningText:
    @pytest.mark.parametrize(
        ("name", "payload", "survivor"), [(k, *v) for k, v in PAYLOADS.items()], ids=PAYLOADS.keys()
    )
    def test_created_with_plone_api(self, tree_class, build, name, payload, survivor):
        thread = build.thread(tree_class.forum, title="XSS", text=payload, id=f"xss-{name}")
        assert_safe(thread.text.raw)
        assert survivor in visible_text(thread.text.raw)
        assert_safe(thread.text.output)

    def test_assigned(self, tree_class):
        thread = tree_class.thread
        thread.text = rich('<p onmouseover="alert(1)">Neu<iframe src=x></iframe></p>')
        assert thread.text.raw == "<p>Neu</p>"

    def test_searchable_text_has_no_markup(self, tree_class, build):
        thread = build.thread(
            tree_class.forum, title="Suche", text="<p>Sichtbar<script>geheim()</script></p>"
        )
        brain = api.content.find(UID=thread.UID())[0]
        catalog = api.portal.get_tool("portal_catalog")
        words = catalog._catalog.getIndex("SearchableText").getEntryForObject(brain.getRID())
        assert "sichtbar" in words
        assert "geheim" not in words


class TestProposalText:
    """An exchange proposal's text goes through the same sanitiser and the same rules (but may be empty)."""

    @pytest.mark.parametrize(
        ("name", "payload", "survivor"), [(k, *v) for k, v in PAYLOADS.items()], ids=PAYLOADS.keys()
    )
    def test_created_with_plone_api(self, tree_class, build, name, payload, survivor):
        proposal = build.proposal(
            tree_class.region, title="XSS", text=rich(payload), id=f"xss-{name}", open_for_meetings=False
        )
        assert_safe(proposal.text.raw)
        assert survivor in visible_text(proposal.text.raw)
        assert_safe(proposal.text.output)
        assert proposal.text.outputMimeType == "text/x-html-safe"

    def test_assigned(self, tree_class):
        proposal = tree_class.proposal
        proposal.text = rich('<p onclick="alert(1)">Vorschlag<script>alert(2)</script> <b>fett</b></p>')
        assert proposal.text.raw == "<p>Vorschlag <strong>fett</strong></p>"

    def test_rest_api(self, tree_class, request_class):
        proposal = tree_class.proposal
        deserializer = getMultiAdapter((proposal, request_class), IDeserializeFromJson)
        payload = (
            '<p onmouseover="x()">REST <a href="javascript:alert(1)">Link</a><iframe src=x></iframe></p>'
        )
        deserializer(data={"text": {"data": payload, "content-type": "text/html", "encoding": "utf-8"}})
        assert proposal.text.raw == "<p>REST Link</p>"

    def test_same_field_as_posts(self):
        proposal_text, post_text = IExchangeProposal["text"], IPost["text"]
        assert proposal_text.allowed_mime_types == post_text.allowed_mime_types == ("text/html",)
        assert proposal_text.output_mime_type == post_text.output_mime_type == "text/x-html-safe"
        assert proposal_text.required is False
        proposal_text.validate(rich("<p></p>"))  # an optional text may be empty
        with pytest.raises(ValidationError) as info:
            proposal_text.validate(rich("x" * 20001))
        assert info.value.violation.msgid == MSG_TEXT_TOO_LONG
        assert info.value.field == "text"
        with pytest.raises(ValidationError):
            post_text.validate(rich("<p></p>"))
