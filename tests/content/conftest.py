"""Builders for the content tests: a Region with one of each type below it, as a Manager.

``build`` makes single objects (session-scoped: it holds no state, so class- and function-scoped
fixtures can both use it); ``tree`` is a whole Region for one test, ``tree_class`` the same shared by
the tests of a class (read-only tests: the class's transaction is rolled back after its last test).
"""

from datetime import datetime
from datetime import timedelta
from plone import api
from plone.app.testing import TEST_USER_ID
from plone.app.testing import setRoles
from plone.app.textfield.value import RichTextValue
from plone.i18n.utility import setLanguageBinding
from regionaustausch.testing import allow_meetings
from types import SimpleNamespace
import pytest
import pytz


ADD_MEETING = "regionaustausch: Add Meeting"
BERLIN = pytz.timezone("Europe/Berlin")


def rich(html):
    """A RichTextValue as forms and plone.restapi hand it over."""
    return RichTextValue(html, "text/html", "text/x-html-safe")


class Builder:
    """Creates our content with plone.api, with the fields each type needs and nothing else."""

    rich = staticmethod(rich)

    def region(self, container, title="Großraum Braunschweig", **fields):
        return api.content.create(container=container, type="Region", title=title, **fields)

    def municipality(self, region, title="Braunschweig", kind="kreisfreie_stadt", ags="03101000", **fields):
        return api.content.create(
            container=region, type="Municipality", title=title, kind=kind, ags=ags, **fields
        )

    def representative(self, municipality, first_name="Anna", last_name="Beispiel", **fields):
        # plone.api wants an id or a title; the title of a representative is computed, so this one is
        # ignored (and the id is made from the computed title)
        return api.content.create(
            container=municipality,
            type="Representative",
            title="ignored",
            first_name=first_name,
            last_name=last_name,
            **fields,
        )

    def forum(self, region, title="Fachkräfte und Pendler", **fields):
        return api.content.create(container=region, type="Forum", title=title, **fields)

    def thread(self, forum, title="Pendlerströme", text="<p>Wer pendelt wohin?</p>", **fields):
        return api.content.create(container=forum, type="Thread", title=title, text=rich(text), **fields)

    def post(self, thread, text="<p>Eine Antwort.</p>", **fields):
        fields.setdefault("title", "Antwort")  # plone.api wants one; a post's title is set from its thread
        return api.content.create(container=thread, type="Post", text=rich(text), **fields)

    def proposal(self, region, title="Regionale Vernetzung", open_for_meetings=True, **fields):
        proposal = api.content.create(container=region, type="ExchangeProposal", title=title, **fields)
        if open_for_meetings:
            # The workflow grants "Add Meeting" only once a proposal is accepted; the content tests
            # are about containment, not about the workflow, so they open the proposal locally.
            allow_meetings(proposal)
        return proposal

    def meeting(self, proposal, title="Austauschtreffen", start=None, hours=2, **fields):
        start = start or BERLIN.localize(datetime.now().replace(microsecond=0) + timedelta(days=7))
        return api.content.create(
            container=proposal,
            type="Meeting",
            title=title,
            start=start,
            end=start + timedelta(hours=hours),
            **fields,
        )

    def whole_tree(self, portal):
        """A Region with one object of each type, and a plain Plone Folder next to it."""
        tree = SimpleNamespace(portal=portal)
        tree.folder = api.content.create(container=portal, type="Folder", title="Ordner")
        tree.region = self.region(portal)
        tree.municipality = self.municipality(tree.region)
        tree.representative = self.representative(tree.municipality)
        tree.forum = self.forum(tree.region)
        tree.thread = self.thread(tree.forum)
        tree.post = self.post(tree.thread)
        tree.proposal = self.proposal(tree.region)
        tree.meeting = self.meeting(tree.proposal)
        return tree


@pytest.fixture(scope="session")
def build():
    return Builder()


@pytest.fixture
def manager(portal):
    setRoles(portal, TEST_USER_ID, ["Manager"])
    return portal


@pytest.fixture
def tree(manager, build):
    return build.whole_tree(manager)


@pytest.fixture(scope="class")
def manager_class(portal_class):
    setRoles(portal_class, TEST_USER_ID, ["Manager"])
    return portal_class


@pytest.fixture(scope="class")
def tree_class(manager_class, build):
    return build.whole_tree(manager_class)


def speak_german(request):
    """Make ``request`` negotiate German, as a German browser on a German site does."""
    api.portal.set_registry_record("plone.available_languages", ["de"])
    api.portal.set_registry_record("plone.default_language", "de")
    request.environ["HTTP_ACCEPT_LANGUAGE"] = "de"
    setLanguageBinding(request)
    return request


@pytest.fixture
def german_request(portal, http_request):
    return speak_german(http_request)


@pytest.fixture(scope="class")
def request_class(integration_class, manager_class):
    """The request of the class-scoped integration layer (``http_request`` would set up a test of its own
    and roll the class's objects back)."""
    return integration_class["request"]


@pytest.fixture(scope="class")
def german_request_class(request_class):
    return speak_german(request_class)
