"""A representative's record names only a user account that exists (it decides network membership)."""

from plone import api
from regionaustausch.content.representative import IRepresentative
from zope.i18n import translate
from zope.schema import ValidationError
import pytest


def test_existing_user_accepted(portal):
    """The same id is refused until its account exists, then the field's constraint accepts it."""
    field = IRepresentative["user_id"].bind(portal)
    with pytest.raises(ValidationError):
        field.validate("anna.beispiel")
    api.user.create(email="anna@example.invalid", username="anna.beispiel", password="secret-12345")
    assert field.constraint("anna.beispiel") is True
    field.validate("anna.beispiel")


def test_unknown_user_refused_in_german(portal):
    with pytest.raises(ValidationError) as refused:
        IRepresentative["user_id"].bind(portal).validate("niemand")
    message = translate(refused.value.doc(), target_language="de")
    assert message == "In dieser Website gibt es kein Benutzerkonto mit der Kennung niemand."
