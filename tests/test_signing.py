"""regionaustausch.signing: tokens that only this site makes, for one purpose each, for a while."""

from itsdangerous import URLSafeTimedSerializer
from plone import api
from regionaustausch.signing import SECRET_ANNOTATION
from regionaustausch.signing import InvalidToken
from regionaustausch.signing import sign
from regionaustausch.signing import site_secret
from regionaustausch.signing import unsign
from unittest import mock
from zope.annotation.interfaces import IAnnotations
import pytest
import time


def test_a_token_gives_its_data_back_for_its_purpose_only(portal):
    token = sign({"user": "anna", "form": "abc"}, "purpose.one")
    assert unsign(token, "purpose.one") == {"user": "anna", "form": "abc"}
    assert unsign(token, "purpose.one", max_age=60) == {"user": "anna", "form": "abc"}
    with pytest.raises(InvalidToken) as refused:
        unsign(token, "purpose.two")
    assert not refused.value.expired


def test_a_changed_or_foreign_token_is_refused(portal):
    token = sign({"user": "anna"}, "purpose")
    data, rest = token.split(".", 1)
    forged = URLSafeTimedSerializer(b"another secret", salt="purpose").dumps({"user": "admin"})
    for bad in (forged, f"{data}x.{rest}", "", None, 42):
        with pytest.raises(InvalidToken):
            unsign(bad, "purpose")


def test_an_old_token_has_expired(portal):
    with mock.patch("itsdangerous.timed.time.time", return_value=time.time() - 120):
        token = sign("data", "purpose")
    assert unsign(token, "purpose", max_age=300) == "data"
    with pytest.raises(InvalidToken) as refused:
        unsign(token, "purpose", max_age=60)
    assert refused.value.expired


def test_the_secret_is_the_sites_own_and_stays(portal):
    secret = site_secret()
    assert len(secret) == 32
    assert IAnnotations(api.portal.get())[SECRET_ANNOTATION] == secret
    assert site_secret() == secret
    token = sign(1, "purpose")
    IAnnotations(api.portal.get())[SECRET_ANNOTATION] = b"x" * 32  # a new secret: old tokens are void
    with pytest.raises(InvalidToken):
        unsign(token, "purpose")


def test_a_token_needs_a_purpose(portal):
    with pytest.raises(ValueError, match="salt"):
        sign("data", "")
