"""regionaustausch.forms.actions: easyform's save-data action that stores who submitted a row."""

from collective.easyform.api import get_actions
from collective.easyform.interfaces import IActionFactory
from plone import api
from plone.app.testing import TEST_USER_ID
from plone.app.testing import setRoles
from regionaustausch.forms.actions import OWNER_KEY
from regionaustausch.forms.actions import OwnedSaveData
from regionaustausch.forms.actions import rows_submitted_by
from zope.component import getUtility
import pytest


NAME = "regionaustausch.forms.actions.OwnedSaveData"


@pytest.fixture
def form(portal):
    """A form whose only action is ours, added through easyform's own "add action" form."""
    setRoles(portal, TEST_USER_ID, ["Manager"])
    api.user.create(username="anna", email="anna@example.invalid", password="secret-forms-1")
    form = api.content.create(container=portal, type="EasyForm", id="kontakt", title="Kontakt")
    # Without easyform's default mailer.
    form.actions_model = '<model xmlns="http://namespaces.plone.org/supermodel/schema"><schema /></model>'
    request = form.REQUEST
    request.form.update(
        {
            "form.widgets.title": "Gespeichert",
            "form.widgets.__name__": "saved",
            "form.widgets.description": "",
            "form.widgets.factory": ["Save data with the submitter's account"],
            "form.buttons.add": "Add",
        }
    )
    add = form.restrictedTraverse("actions/@@add-action")
    add.update()
    assert add.form_instance.extractData()[1] == ()
    return form


def action(form):
    [(_name, found)] = get_actions(form).namesAndDescriptions()
    return found


def test_easyform_offers_the_action_and_keeps_it_in_the_model(form):
    factory = getUtility(IActionFactory, name=NAME)
    assert factory.title == "Save data with the submitter's account"
    assert f'type="{NAME}"' in form.actions_model
    assert isinstance(action(form), OwnedSaveData)


def test_the_row_keeps_the_account_that_sent_it(form):
    with api.env.adopt_user(username="anna"):
        # A submitted value under the reserved key (no form field can have it) does not count.
        action(form).onSuccess({"topic": "Frage", OWNER_KEY: "admin"}, form.REQUEST)
    [(key, row)] = action(form).getSavedFormInputItems()
    assert row["topic"] == "Frage"
    assert row[OWNER_KEY] == "anna"
    assert list(rows_submitted_by(form, "anna")) == [("saved", key, row)]
    assert list(rows_submitted_by(form, "admin")) == []


def test_anonymous_rows_belong_to_nobody(form):
    with api.env.adopt_roles(["Anonymous"]), api.env.adopt_user(user=api.portal.get().acl_users._nobody):
        action(form).onSuccess({"topic": "Anonym"}, form.REQUEST)
    [(_key, row)] = action(form).getSavedFormInputItems()
    assert row[OWNER_KEY] is None
    assert list(rows_submitted_by(form, None)) == []
    assert list(rows_submitted_by(form, "")) == []
