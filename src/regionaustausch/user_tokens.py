"""The keyed tokens under which the catalog indexes user accounts.

A Representative names a user account (``user_id``); membership, supports and privacy find the records
of an account through the catalog index ``representative_user_id``. The catalog answers anybody's
search, and an account name is private (with e-mail login it is the person's e-mail address), so the
index holds no account names: it holds an HMAC-SHA256 of the id under a key of this site. A query with
an account name finds nothing; only code that holds the key asks the index, through
:func:`user_token`.

The key is 32 random bytes, made once per site and kept in an annotation of the site root, which no
URL and no restricted code reaches (only Managers through the ZODB). It never rotates, unlike
plone.keyring's rings, whose rotation would orphan every indexed token; should it be replaced, a
reindex of ``representative_user_id`` rebuilds the tokens.
"""

from plone import api
from plone.protect.utils import safeWrite
from zope.annotation.interfaces import IAnnotations
import hashlib
import hmac
import secrets


KEY_ANNOTATION = "regionaustausch.user_token_key"
KEY_BYTES = 32


def token_key(portal=None):
    """The site's key for user tokens, made on first use (one write, ever, possibly within a GET:
    it is marked as intended for plone.protect)."""
    portal = portal if portal is not None else api.portal.get()
    annotations = IAnnotations(portal)
    key = annotations.get(KEY_ANNOTATION)
    if key is None:
        key = annotations[KEY_ANNOTATION] = secrets.token_bytes(KEY_BYTES)
        safeWrite(portal)
        storage = getattr(portal, "__annotations__", None)
        if storage is not None:
            safeWrite(storage)
    return key


def user_token(user_id):
    """The token under which the catalog indexes ``user_id`` (``None`` for no account): what every
    query of ``representative_user_id`` asks for."""
    if not user_id:
        return None
    return hmac.new(token_key(), user_id.encode("utf-8"), hashlib.sha256).hexdigest()
