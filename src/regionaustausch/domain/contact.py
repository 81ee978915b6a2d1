"""Contact details of a representative: checking them, and who may see them.

The checks are practical, not RFC grammars: they catch typing errors and nonsense without refusing
addresses that exist. Each returns the value cleaned (surrounding whitespace removed, and what is
case-insensitive in lower case) or raises :class:`RuleViolation` naming the field.

Visibility is set per representative (``contact_visibility``) and compared with the caller's level:

============ =========== ======== ========= ========
visibility   anonymous   member   network   editor
============ =========== ======== ========= ========
``public``   yes         yes      yes       yes
``network``  no          no       yes       yes
``hidden``   no          no       no        yes
============ =========== ======== ========= ========

``member`` is a logged-in user who is not a network member of the Region, ``network`` a network member
of the Region, ``editor`` whoever may edit the representative. An unknown or missing visibility counts
as ``hidden`` (fail closed: stored data from an older version must not leak details).
"""

from regionaustausch.domain.errors import RuleViolation
from urllib.parse import urlsplit
import ipaddress
import re
import unicodedata


EMAIL_MAX_LENGTH = 254
EMAIL_LOCAL_MAX_LENGTH = 64
URL_MAX_LENGTH = 2000
PHONE_MIN_LENGTH = 6
PHONE_MAX_LENGTH = 30
PHONE_MIN_DIGITS = 5

PUBLIC = "public"
NETWORK = "network"
HIDDEN = "hidden"
#: (token, English msgid) in display order.
VISIBILITIES = (
    (PUBLIC, "Public"),
    (NETWORK, "Network members only"),
    (HIDDEN, "Hidden (editors only)"),
)
VISIBILITY_TOKENS = tuple(token for token, _title in VISIBILITIES)

ANONYMOUS = "anonymous"
MEMBER = "member"
NETWORK_MEMBER = "network"
EDITOR = "editor"
CALLER_LEVELS = (ANONYMOUS, MEMBER, NETWORK_MEMBER, EDITOR)

#: The keys of a contact record that visibility governs.
CONTACT_KEYS = ("email", "phone")

MSG_EMAIL_INVALID = "The email address is not valid."
MSG_EMAIL_TOO_LONG = "The email address may have at most ${max} characters."
MSG_URL_INVALID = (
    "The web address is not valid. It must begin with http:// or https:// and name a host, without spaces."
)
MSG_PHONE_CHARACTERS = (
    "The phone number may contain only digits, spaces and the characters / - ( ), and a + at the start."
)
MSG_PHONE_LENGTH = (
    "The phone number must have ${min} to ${max} characters, at least ${digits} of them digits."
)

# The characters RFC 5322 allows unquoted in the local part ("atext"); quoted local parts, comments and
# IP literals are legal but not used by anyone who wants mail from a website.
_LOCAL_PART = re.compile(r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*")
_PHONE_CHARACTERS = re.compile(r"\+?[0-9 /()\-]+")


def _text(value):
    return "" if value is None else str(value).strip()


def _valid_label(label):
    """A DNS label: 1-63 characters; ASCII letters and digits, letters of any script (IDN), inner hyphens."""
    if not 1 <= len(label) <= 63 or label.startswith("-") or label.endswith("-"):
        return False
    return all(
        char == "-" or (char.isascii() and char.isalnum()) or unicodedata.category(char)[0] in "LM"
        for char in label
    )


def _valid_domain(domain):
    """A host name with at least two labels and a top-level domain that is not a number."""
    if domain.endswith("."):
        domain = domain[:-1]
    if len(domain) > 253:
        return False
    labels = domain.split(".")
    if len(labels) < 2 or not all(_valid_label(label) for label in labels):
        return False
    top_level = labels[-1]
    return len(top_level) >= 2 and not top_level.isdigit()


def validate_email(value, field="email"):
    """Return the email address with the domain in lower case, or raise :class:`RuleViolation`.

    The address must have exactly one ``@``, a local part of RFC 5322 characters (no spaces, no dot at
    either end, no two dots in a row, at most 64 characters), and a domain name with a dot (letters
    from any script allowed for internationalised domains); at most 254 characters in all. The local
    part keeps its case (mail servers may tell cases apart).
    """
    email = _text(value)
    if len(email) > EMAIL_MAX_LENGTH:
        raise RuleViolation(MSG_EMAIL_TOO_LONG, field=field, max=EMAIL_MAX_LENGTH)
    local, at, domain = email.rpartition("@")
    if (
        not at
        or not local
        or len(local) > EMAIL_LOCAL_MAX_LENGTH
        or not _LOCAL_PART.fullmatch(local)
        or domain.endswith(".")
        or not _valid_domain(domain)
    ):
        raise RuleViolation(MSG_EMAIL_INVALID, field=field)
    return f"{local}@{domain.lower()}"


def _valid_ip(host):
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


def validate_url(value, field="website"):
    """Return a web address with scheme and host in lower case, or raise :class:`RuleViolation`.

    Only ``http://`` and ``https://`` addresses with a host (a domain name with a dot, or an IP
    address) and an optional valid port; no whitespace or control characters anywhere; at most 2000
    characters. Addresses with user information (``https://name@host``) are refused: they serve only
    to disguise the real host. A missing scheme is not guessed (``www.example.de`` is refused with a
    message that says what is needed).
    """
    url = _text(value)
    if (
        not url
        or len(url) > URL_MAX_LENGTH
        or any(char.isspace() or unicodedata.category(char) in ("Cc", "Cf") for char in url)
    ):
        raise RuleViolation(MSG_URL_INVALID, field=field)
    try:
        parts = urlsplit(url)
        port = parts.port  # raises ValueError for a port that is not a number in range
    except ValueError:
        raise RuleViolation(MSG_URL_INVALID, field=field) from None
    host = parts.hostname or ""
    if (
        parts.scheme.lower() not in ("http", "https")
        or not url[len(parts.scheme) :].startswith("://")
        or "@" in parts.netloc
        or not host
        or not (_valid_domain(host) or _valid_ip(host))
        or (port is not None and port == 0)
    ):
        raise RuleViolation(MSG_URL_INVALID, field=field)
    scheme_and_host = f"{parts.scheme}://{parts.netloc}"
    return scheme_and_host.lower() + url[len(scheme_and_host) :]


def validate_phone(value, field="phone"):
    """Return the phone number with runs of whitespace collapsed to one space, or raise.

    Allowed are digits, spaces, ``/``, ``-``, parentheses and one ``+`` at the start (``+49 531
    470-1``, ``0531 / 470 1``, ``(0531) 4701``); 6 to 30 characters with at least 5 digits.
    """
    phone = " ".join(_text(value).split())
    if not _PHONE_CHARACTERS.fullmatch(phone):
        if not phone:
            raise RuleViolation(
                MSG_PHONE_LENGTH,
                field=field,
                min=PHONE_MIN_LENGTH,
                max=PHONE_MAX_LENGTH,
                digits=PHONE_MIN_DIGITS,
            )
        raise RuleViolation(MSG_PHONE_CHARACTERS, field=field)
    digits = sum(char.isdigit() for char in phone)
    if not PHONE_MIN_LENGTH <= len(phone) <= PHONE_MAX_LENGTH or digits < PHONE_MIN_DIGITS:
        raise RuleViolation(
            MSG_PHONE_LENGTH, field=field, min=PHONE_MIN_LENGTH, max=PHONE_MAX_LENGTH, digits=PHONE_MIN_DIGITS
        )
    return phone


def contact_visible(visibility, caller_level):
    """``True`` when a caller of ``caller_level`` may see contact details of ``visibility``.

    ``caller_level`` must be one of :data:`CALLER_LEVELS` (``ValueError`` otherwise: that is a
    programming error); an unknown ``visibility`` is treated as ``hidden``.
    """
    if caller_level not in CALLER_LEVELS:
        raise ValueError(f"unknown caller level {caller_level!r}; expected one of {CALLER_LEVELS}")
    if caller_level == EDITOR:
        return True
    if visibility == PUBLIC:
        return True
    if visibility == NETWORK:
        return caller_level == NETWORK_MEMBER
    return False
