"""Contact details of representatives and who may see them."""

from regionaustausch.domain import contact
from regionaustausch.domain.contact import ANONYMOUS
from regionaustausch.domain.contact import CALLER_LEVELS
from regionaustausch.domain.contact import EDITOR
from regionaustausch.domain.contact import HIDDEN
from regionaustausch.domain.contact import MEMBER
from regionaustausch.domain.contact import NETWORK
from regionaustausch.domain.contact import NETWORK_MEMBER
from regionaustausch.domain.contact import PUBLIC
from regionaustausch.domain.contact import VISIBILITIES
from regionaustausch.domain.contact import contact_visible
from regionaustausch.domain.contact import validate_email
from regionaustausch.domain.contact import validate_phone
from regionaustausch.domain.contact import validate_url
from regionaustausch.domain.errors import RuleViolation
import pytest


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("anna.beispiel@braunschweig.de", "anna.beispiel@braunschweig.de"),
        ("  Anna.Beispiel@Braunschweig.DE  ", "Anna.Beispiel@braunschweig.de"),
        ("fraktion+wirtschaft@gruene-bs.de", "fraktion+wirtschaft@gruene-bs.de"),
        ("o'neill@example.org", "o'neill@example.org"),
        ("a_b-c@sub.domain.example.com", "a_b-c@sub.domain.example.com"),
        ("x@example.museum", "x@example.museum"),
        ("info@müllheim.de", "info@müllheim.de"),
        ("info@xn--mllheim-n2a.de", "info@xn--mllheim-n2a.de"),
        ("1234@example.de", "1234@example.de"),
        ("a@b.co", "a@b.co"),
        ("x" * 64 + "@example.de", "x" * 64 + "@example.de"),
        ("x@" + "a" * 63 + "." + "b" * 63 + "." + "c" * 63 + "." + "d" * 57 + ".de", None),
    ],
)
def test_valid_emails(value, expected):
    result = validate_email(value)
    assert result == (expected or value)
    assert len(result) <= 254


@pytest.mark.parametrize(
    ("value", "msgid"),
    [
        ("", contact.MSG_EMAIL_INVALID),
        (None, contact.MSG_EMAIL_INVALID),
        ("anna", contact.MSG_EMAIL_INVALID),
        ("anna@", contact.MSG_EMAIL_INVALID),
        ("@braunschweig.de", contact.MSG_EMAIL_INVALID),
        ("anna@braunschweig", contact.MSG_EMAIL_INVALID),
        ("anna@@braunschweig.de", contact.MSG_EMAIL_INVALID),
        ("anna@bs@braunschweig.de", contact.MSG_EMAIL_INVALID),
        ("anna beispiel@braunschweig.de", contact.MSG_EMAIL_INVALID),
        ("anna@braun schweig.de", contact.MSG_EMAIL_INVALID),
        (".anna@braunschweig.de", contact.MSG_EMAIL_INVALID),
        ("anna.@braunschweig.de", contact.MSG_EMAIL_INVALID),
        ("an..na@braunschweig.de", contact.MSG_EMAIL_INVALID),
        ("anna@braunschweig..de", contact.MSG_EMAIL_INVALID),
        ("anna@.braunschweig.de", contact.MSG_EMAIL_INVALID),
        ("anna@braunschweig.de.", contact.MSG_EMAIL_INVALID),
        ("anna@-braunschweig.de", contact.MSG_EMAIL_INVALID),
        ("anna@braunschweig-.de", contact.MSG_EMAIL_INVALID),
        ("anna@braunschweig.d", contact.MSG_EMAIL_INVALID),
        ("anna@192.168.0.1", contact.MSG_EMAIL_INVALID),
        ("anna@[192.168.0.1]", contact.MSG_EMAIL_INVALID),
        ("anna@bs_de.de", contact.MSG_EMAIL_INVALID),
        ('"anna"@braunschweig.de', contact.MSG_EMAIL_INVALID),
        ("anna<x>@braunschweig.de", contact.MSG_EMAIL_INVALID),
        ("anna@braunschweig.de\n", None),  # surrounding whitespace is fine: control
        ("anna\n@braunschweig.de", contact.MSG_EMAIL_INVALID),
        ("Anna <anna@braunschweig.de>", contact.MSG_EMAIL_INVALID),
        ("x" * 65 + "@example.de", contact.MSG_EMAIL_INVALID),
        ("x@" + "a" * 64 + ".de", contact.MSG_EMAIL_INVALID),
        ("x@" + "a." * 130 + "de", contact.MSG_EMAIL_TOO_LONG),
        ("x" * 64 + "@" + "b" * 63 + "." + "c" * 63 + "." + "d" * 63 + ".de", contact.MSG_EMAIL_TOO_LONG),
    ],
)
def test_invalid_emails(value, msgid):
    if msgid is None:
        assert validate_email(value) == value.strip()
        return
    with pytest.raises(RuleViolation) as info:
        validate_email(value)
    assert info.value.field == "email"
    assert info.value.msgid == msgid


def test_email_field_name_can_be_chosen():
    with pytest.raises(RuleViolation) as info:
        validate_email("nope", field="contact_email")
    assert info.value.field == "contact_email"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("https://www.braunschweig.de", "https://www.braunschweig.de"),
        ("https://www.braunschweig.de/", "https://www.braunschweig.de/"),
        (
            "HTTPS://WWW.Braunschweig.DE/Rat/Sitzung?ID=22-18940#Top",
            "https://www.braunschweig.de/Rat/Sitzung?ID=22-18940#Top",
        ),
        ("http://landkreis-gifhorn.de", "http://landkreis-gifhorn.de"),
        ("  https://www.goslar.de  ", "https://www.goslar.de"),
        ("https://www.wolfsburg.de:8443/x", "https://www.wolfsburg.de:8443/x"),
        ("https://müllheim.de", "https://müllheim.de"),
        ("https://192.168.1.10/", "https://192.168.1.10/"),
        ("http://[2001:db8::1]/", "http://[2001:db8::1]/"),
        ("https://www.braunschweig.de./", "https://www.braunschweig.de./"),
    ],
)
def test_valid_urls(value, expected):
    assert validate_url(value) == expected


@pytest.mark.parametrize(
    "value",
    [
        "",
        None,
        "www.braunschweig.de",
        "braunschweig.de",
        "ftp://braunschweig.de",
        "javascript:alert(1)",
        "mailto:info@braunschweig.de",
        "https://",
        "https:///path",
        "https:www.braunschweig.de",
        "https://localhost/",
        "https://braunschweig",
        "https://www.braun schweig.de",
        "https://www.braunschweig.de/a b",
        "https://www.braunschweig.de/\tx",
        "https://www.braunschweig.de/\u200b",
        "https://user:secret@www.braunschweig.de",
        "https://www.braunschweig.de@evil.example",
        "https://www.braunschweig.de:port/",
        "https://www.braunschweig.de:99999/",
        "https://www.braunschweig.de:0/",
        "https://-braunschweig.de",
        "https://braunschweig_de.de",
        "https://www.braunschweig.de/" + "x" * 2000,
        "//www.braunschweig.de",
    ],
)
def test_invalid_urls(value):
    with pytest.raises(RuleViolation) as info:
        validate_url(value)
    assert info.value.field == "website"
    assert info.value.msgid == contact.MSG_URL_INVALID


def test_url_field_name_can_be_chosen():
    with pytest.raises(RuleViolation) as info:
        validate_url("nope", field="remote_url")
    assert info.value.field == "remote_url"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("0531 470-1", "0531 470-1"),
        ("+49 531 470-1", "+49 531 470-1"),
        ("(0531) 4701", "(0531) 4701"),
        ("0531 / 470 12 34", "0531 / 470 12 34"),
        ("  05361  28-0  ", "05361 28-0"),
        ("0531\u00a04701", "0531 4701"),
        ("12345", None),  # too short: see below
        ("123456", "123456"),
        ("+" + "1" * 29, "+" + "1" * 29),
    ],
)
def test_valid_phones(value, expected):
    if expected is None:
        with pytest.raises(RuleViolation):
            validate_phone(value)
        return
    assert validate_phone(value) == expected


@pytest.mark.parametrize(
    ("value", "msgid"),
    [
        ("", contact.MSG_PHONE_LENGTH),
        (None, contact.MSG_PHONE_LENGTH),
        ("12345", contact.MSG_PHONE_LENGTH),
        ("1" * 31, contact.MSG_PHONE_LENGTH),
        ("(((())))", contact.MSG_PHONE_LENGTH),
        ("+49 (0)", contact.MSG_PHONE_LENGTH),
        ("12 34 - /", contact.MSG_PHONE_LENGTH),
        ("0531 470 ext 1", contact.MSG_PHONE_CHARACTERS),
        ("0531.4701", contact.MSG_PHONE_CHARACTERS),
        ("0531 4701 +1", contact.MSG_PHONE_CHARACTERS),
        ("++49 531 4701", contact.MSG_PHONE_CHARACTERS),
        ("０５３１ ４７０１", contact.MSG_PHONE_CHARACTERS),
        ("tel:05314701", contact.MSG_PHONE_CHARACTERS),
        ("0531 4701; DROP TABLE", contact.MSG_PHONE_CHARACTERS),
    ],
)
def test_invalid_phones(value, msgid):
    with pytest.raises(RuleViolation) as info:
        validate_phone(value)
    assert info.value.field == "phone"
    assert info.value.msgid == msgid


def test_phone_length_message_reads_well():
    with pytest.raises(RuleViolation) as info:
        validate_phone("123")
    assert str(info.value) == "The phone number must have 6 to 30 characters, at least 5 of them digits."


def test_visibility_vocabulary():
    assert [token for token, _title in VISIBILITIES] == [PUBLIC, NETWORK, HIDDEN]
    assert CALLER_LEVELS == (ANONYMOUS, MEMBER, NETWORK_MEMBER, EDITOR)


VISIBILITY_MATRIX = {
    # visibility: (anonymous, member, network, editor)
    PUBLIC: (True, True, True, True),
    NETWORK: (False, False, True, True),
    HIDDEN: (False, False, False, True),
    None: (False, False, False, True),
    "": (False, False, False, True),
    "everyone": (False, False, False, True),
    "Public": (False, False, False, True),
}


@pytest.mark.parametrize(
    ("visibility", "level", "expected"),
    [
        (visibility, level, allowed)
        for visibility, row in VISIBILITY_MATRIX.items()
        for level, allowed in zip(CALLER_LEVELS, row, strict=True)
    ],
)
def test_contact_visible(visibility, level, expected):
    assert contact_visible(visibility, level) is expected


@pytest.mark.parametrize("level", ["", None, "Editor", "manager", "admin"])
def test_unknown_caller_level_is_a_programming_error(level):
    with pytest.raises(ValueError, match="caller level"):
        contact_visible(PUBLIC, level)


RECORD = {
    "email": "anna@braunschweig.de",
    "phone": "0531 4701",
    "first_name": "Anna",
    "user_id": "anna",
    "consent_date": "2024-05-01",
}
