"""Signed, time-stamped tokens for data that leaves the site and comes back: the time a form was
shown (regionaustausch.forms.spam), the link that cancels a meeting registration, unsubscribe links.

:func:`sign` turns JSON-ready ``data`` into a URL-safe text token; :func:`unsign` gives the data back
only if the token was made by this site for the same ``salt`` (one salt per purpose, so that a token
made for one purpose is worthless for another) and, with ``max_age``, not longer than that many
seconds ago. The tokens are signed, not encrypted: whoever holds one can read the data, so put no
secrets into it. The work is itsdangerous's (``URLSafeTimedSerializer``, HMAC-SHA1 over a key derived
per salt).

The secret is 32 random bytes, made once per site and kept in an annotation of the site root, which no
URL and no restricted code reaches. It never rotates, unlike plone.keyring's rings, so a link in a
mail keeps working as long as its purpose allows (``max_age``); replacing the annotation invalidates
every token ever issued.
"""

from itsdangerous import BadSignature
from itsdangerous import SignatureExpired
from itsdangerous import URLSafeTimedSerializer
from plone import api
from plone.protect.utils import safeWrite
from zope.annotation.interfaces import IAnnotations
import secrets


SECRET_ANNOTATION = "regionaustausch.signing_secret"
SECRET_BYTES = 32


class InvalidToken(ValueError):
    """A token that was not made here for this purpose, was changed, or is too old (``expired``)."""

    def __init__(self, message, expired=False):
        super().__init__(message)
        self.expired = expired


def site_secret(portal=None):
    """The site's signing secret, made on first use (one write, ever, possibly within a GET: it is
    marked as intended for plone.protect)."""
    portal = portal if portal is not None else api.portal.get()
    annotations = IAnnotations(portal)
    secret = annotations.get(SECRET_ANNOTATION)
    if secret is None:
        secret = annotations[SECRET_ANNOTATION] = secrets.token_bytes(SECRET_BYTES)
        safeWrite(portal)
        storage = getattr(portal, "__annotations__", None)
        if storage is not None:
            safeWrite(storage)
    return secret


def _serializer(salt):
    if not salt:
        raise ValueError("a token needs a salt that names its purpose")
    return URLSafeTimedSerializer(site_secret(), salt=salt)


def sign(data, salt):
    """A URL-safe token holding ``data`` (anything JSON can hold) and the time it was made."""
    return _serializer(salt).dumps(data)


def unsign(token, salt, max_age=None):
    """The data of ``token`` if this site made it for ``salt`` (and, with ``max_age``, at most that
    many seconds ago); raises :class:`InvalidToken` otherwise."""
    if not isinstance(token, str) or not token:
        raise InvalidToken("no token")
    try:
        return _serializer(salt).loads(token, max_age=max_age)
    except SignatureExpired as error:
        raise InvalidToken("the token has expired", expired=True) from error
    except BadSignature as error:
        raise InvalidToken("the token is not valid") from error
