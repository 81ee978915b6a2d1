"""Titles, the length of post texts, plain text and quoting."""

from regionaustausch.domain import text
from regionaustausch.domain.errors import RuleViolation
from regionaustausch.domain.sanitiser import sanitise_html
from regionaustausch.domain.text import HTML_MAX_LENGTH
from regionaustausch.domain.text import POST_TEXT_MAX_LENGTH
from regionaustausch.domain.text import TITLE_MAX_LENGTH
from regionaustausch.domain.text import plain_text
from regionaustausch.domain.text import quote
from regionaustausch.domain.text import validate_post_text
from regionaustausch.domain.text import validate_title
import pytest


# -- plain text ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("", ""),
        (None, ""),
        ("<p>Hello <strong>world</strong></p>", "Hello world"),
        ("<p>a</p><p>b</p>", "a\n\nb"),
        ("<p>a<br>b</p>", "a\nb"),
        ("<ul><li>x</li><li>y</li></ul>", "x\ny"),
        ("<ul><li>x<ul><li>y</li></ul></li></ul>", "x\ny"),
        ("<blockquote><p>q</p></blockquote><p>r</p>", "q\n\nr"),
        ("<p>a &amp; b &lt;c&gt;</p>", "a & b <c>"),
        ("<p>  a   b  </p>", "a b"),
        ("<script>x</script><p>only this</p>", "only this"),
        ("Plain\n\ntext", "Plain\n\ntext"),
        ('<a href="javascript:x">link text</a>', "link text"),
    ],
)
def test_plain_text(source, expected):
    assert plain_text(source) == expected


# -- validate_post_text -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("Hello", "<p>Hello</p>"),
        ("<p>Hi <em>there</em></p>", "<p>Hi <em>there</em></p>"),
        ("<script>x</script>ok", "<p>ok</p>"),
        ("x" * POST_TEXT_MAX_LENGTH, f"<p>{'x' * POST_TEXT_MAX_LENGTH}</p>"),
        (
            "<p><strong>" + "x" * POST_TEXT_MAX_LENGTH + "</strong></p>",  # markup does not count
            f"<p><strong>{'x' * POST_TEXT_MAX_LENGTH}</strong></p>",
        ),
    ],
)
def test_valid_post_text(source, expected):
    assert validate_post_text(source) == expected


@pytest.mark.parametrize(
    ("source", "msgid", "mapping"),
    [
        ("", text.MSG_TEXT_EMPTY, {}),
        (None, text.MSG_TEXT_EMPTY, {}),
        ("   \n ", text.MSG_TEXT_EMPTY, {}),
        ("<p></p>", text.MSG_TEXT_EMPTY, {}),
        ("<p>&nbsp;</p><p><br></p>", text.MSG_TEXT_EMPTY, {}),
        ("<script>alert(1)</script>", text.MSG_TEXT_EMPTY, {}),
        ("<img src=x onerror=alert(1)>", text.MSG_TEXT_EMPTY, {}),
        (
            "x" * (POST_TEXT_MAX_LENGTH + 1),
            text.MSG_TEXT_TOO_LONG,
            {"max": POST_TEXT_MAX_LENGTH, "length": POST_TEXT_MAX_LENGTH + 1},
        ),
        (
            "<p>" + "x" * 10000 + "</p><p>" + "y" * 9999 + "</p>",  # 19,999 letters + 2 line breaks
            text.MSG_TEXT_TOO_LONG,
            {"max": POST_TEXT_MAX_LENGTH, "length": POST_TEXT_MAX_LENGTH + 1},
        ),
        ("<b></b>" * (HTML_MAX_LENGTH // 7 + 1) + "x", text.MSG_HTML_TOO_LONG, {"max": HTML_MAX_LENGTH}),
        ("x" * (HTML_MAX_LENGTH + 1), text.MSG_HTML_TOO_LONG, {"max": HTML_MAX_LENGTH}),
    ],
)
def test_invalid_post_text(source, msgid, mapping):
    with pytest.raises(RuleViolation) as info:
        validate_post_text(source)
    assert info.value.field == "text"
    assert info.value.msgid == msgid
    assert info.value.mapping == mapping


def test_sanitised_html_over_the_limit_is_refused_too():
    # each link grows by its rel attribute; the stored HTML must pass this check again later
    payload = "<p>" + "<a href='http://x.de'>x</a> " * 5000 + "</p>"
    assert len(payload) < HTML_MAX_LENGTH
    with pytest.raises(RuleViolation) as info:
        validate_post_text(payload)
    assert info.value.msgid == text.MSG_HTML_TOO_LONG


@pytest.mark.parametrize(
    "source", ["", None, "  \n ", "<p></p>", "<p>&nbsp;</p>", "<script>alert(1)</script>"]
)
def test_optional_text_without_anything_visible_is_no_text(source):
    assert validate_post_text(source, required=False) == ""


def test_optional_text_follows_the_other_rules():
    assert validate_post_text("<p onclick='x()'>Hallo</p>", required=False) == "<p>Hallo</p>"
    with pytest.raises(RuleViolation) as info:
        validate_post_text("x" * (POST_TEXT_MAX_LENGTH + 1), field="body", required=False)
    assert info.value.msgid == text.MSG_TEXT_TOO_LONG
    assert info.value.field == "body"
    with pytest.raises(RuleViolation) as info:
        validate_post_text("x" * (HTML_MAX_LENGTH + 1), required=False)
    assert info.value.msgid == text.MSG_HTML_TOO_LONG


def test_post_text_field_name_can_be_chosen():
    with pytest.raises(RuleViolation) as info:
        validate_post_text("", field="opening_text")
    assert info.value.field == "opening_text"


def test_html_limit_is_ten_times_the_text_limit():
    assert HTML_MAX_LENGTH == 10 * POST_TEXT_MAX_LENGTH
    assert validate_post_text("<p>x</p>" + " " * (HTML_MAX_LENGTH - 8)) == "<p>x</p>"


# -- titles -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Gewerbeflächen", "Gewerbeflächen"),
        ("  Fachkräfte  ", "Fachkräfte"),
        ("Two\nlines\tand  spaces", "Two lines and spaces"),
        ("A", "A"),
        ("x" * TITLE_MAX_LENGTH, "x" * TITLE_MAX_LENGTH),
        ("  " + "x" * TITLE_MAX_LENGTH + "  ", "x" * TITLE_MAX_LENGTH),
        ("bell\x07", "bell"),
        ("<b>not html</b>", "<b>not html</b>"),
        ("😀", "😀"),
        (42, "42"),
    ],
)
def test_valid_titles(value, expected):
    assert validate_title(value) == expected


@pytest.mark.parametrize(
    ("value", "msgid", "mapping"),
    [
        ("", text.MSG_TITLE_EMPTY, {}),
        (None, text.MSG_TITLE_EMPTY, {}),
        ("   ", text.MSG_TITLE_EMPTY, {}),
        ("\n\t", text.MSG_TITLE_EMPTY, {}),
        ("\u00a0\u2003", text.MSG_TITLE_EMPTY, {}),
        ("\u200b\u200d", text.MSG_TITLE_EMPTY, {}),
        ("\x00\x01", text.MSG_TITLE_EMPTY, {}),
        ("x" * (TITLE_MAX_LENGTH + 1), text.MSG_TITLE_TOO_LONG, {"max": 200, "length": 201}),
    ],
)
def test_invalid_titles(value, msgid, mapping):
    with pytest.raises(RuleViolation) as info:
        validate_title(value)
    assert info.value.field == "title"
    assert info.value.msgid == msgid
    assert info.value.mapping == mapping


def test_title_field_and_limit_can_be_chosen():
    assert validate_title("x" * 10, field="summary", max_length=10) == "x" * 10
    with pytest.raises(RuleViolation) as info:
        validate_title("x" * 11, field="summary", max_length=10)
    assert info.value.field == "summary"
    assert str(info.value) == "The title may have at most 10 characters; it has 11."


# -- quote --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("post", "author", "expected"),
    [
        (
            "<p>Good idea.</p>",
            "Dr. Anna Beispiel",
            "<blockquote>\n<p><strong>Dr. Anna Beispiel</strong>:</p>\n<p>Good idea.</p>\n</blockquote>",
        ),
        ("<p>Good idea.</p>", None, "<blockquote>\n<p>Good idea.</p>\n</blockquote>"),
        ("<p>Good idea.</p>", "  ", "<blockquote>\n<p>Good idea.</p>\n</blockquote>"),
        (
            "<blockquote><p>older</p></blockquote><p>mine</p>",
            "Bernd",
            "<blockquote>\n<p><strong>Bernd</strong>:</p>\n<p>mine</p>\n</blockquote>",
        ),
        (
            "<p>x</p><script>alert(1)</script>",
            "<script>alert(1)</script>",
            "<blockquote>\n<p><strong>&lt;script&gt;alert(1)&lt;/script&gt;</strong>:</p>\n<p>x</p>\n</blockquote>",
        ),
        ("Plain\ntext", "A", "<blockquote>\n<p><strong>A</strong>:</p>\n<p>Plain<br>text</p>\n</blockquote>"),
        ("", "A", ""),
        ("<blockquote><p>only a quote</p></blockquote>", "A", ""),
    ],
)
def test_quote(post, author, expected):
    quoted = quote(post, author)
    assert quoted == expected
    assert sanitise_html(quoted) == quoted


def test_quote_fits_into_a_reply():
    reply = quote("<p>Agreed.</p>", "Anna") + "\n<p>Me too.</p>"
    assert validate_post_text(reply) == reply
