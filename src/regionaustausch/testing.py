"""Test layers of regionaustausch (plone.app.testing), used by the pytest-plone fixtures in tests/."""

from plone.app.contenttypes.testing import PLONE_APP_CONTENTTYPES_FIXTURE
from plone.app.testing import FunctionalTesting
from plone.app.testing import IntegrationTesting
from plone.app.testing import PloneSandboxLayer
from plone.app.testing import applyProfile
from plone.testing.zope import WSGI_SERVER_FIXTURE
from Products.CMFCore.indexing import processQueue
from regionaustausch import deferred_reindex
from regionaustausch.permissions import ADD_MEETING
from regionaustausch.permissions import AddPortalContent
import collective.easyform
import plone.restapi
import regionaustausch


class RegionaustauschLayer(PloneSandboxLayer):
    """A Plone site with plone.restapi, collective.easyform and regionaustausch installed."""

    defaultBases = (PLONE_APP_CONTENTTYPES_FIXTURE,)

    def setUpZope(self, app, configurationContext):
        self.loadZCML(package=plone.restapi)
        self.loadZCML(package=collective.easyform)
        self.loadZCML(package=regionaustausch)

    def setUpPloneSite(self, portal):
        applyProfile(portal, "regionaustausch:default")


REGIONAUSTAUSCH_FIXTURE = RegionaustauschLayer()


class RegionaustauschIntegrationTesting(IntegrationTesting):
    """Integration tests never commit, so what regionaustausch defers until after a commit (catalog
    counts of supports and of a thread's posts, see deferred_reindex) happens at once here."""

    def testSetUp(self):
        super().testSetUp()
        deferred_reindex.set_synchronous(True)

    def testTearDown(self):
        deferred_reindex.set_synchronous(False)
        super().testTearDown()


INTEGRATION_TESTING = RegionaustauschIntegrationTesting(
    bases=(REGIONAUSTAUSCH_FIXTURE,),
    name="RegionaustauschLayer:IntegrationTesting",
)

FUNCTIONAL_TESTING = FunctionalTesting(
    bases=(REGIONAUSTAUSCH_FIXTURE, WSGI_SERVER_FIXTURE),
    name="RegionaustauschLayer:FunctionalTesting",
)


class RegionaustauschDemoLayer(PloneSandboxLayer):
    """The site of ``REGIONAUSTAUSCH_FIXTURE`` with the demo region (profile ``regionaustausch:demo``),
    built once for a test class instead of once per test (tests/conftest.py: ``demo_portal``).

    plone.app.testing runs ``setUpPloneSite`` as the test user (no Manager), as a site's member who
    applies the profile would. The demo's catalog counts are indexed at once (``deferred_reindex``),
    as in the integration tests.
    """

    defaultBases = (REGIONAUSTAUSCH_FIXTURE,)

    def setUpPloneSite(self, portal):
        deferred_reindex.set_synchronous(True)
        try:
            # not applyProfile(), which runs as the Zope admin: as the test user, as the tests expect
            portal.portal_setup.runAllImportStepsFromProfile("profile-regionaustausch:demo")
            # Index now, while the site is set: plone.app.testing unsets it before the commit that
            # would process the queue, and without the site's FTIs Dexterity objects lack their
            # behaviours' interfaces (object_provides would miss IEvent for the meeting).
            processQueue()
        finally:
            deferred_reindex.set_synchronous(False)


DEMO_FIXTURE = RegionaustauschDemoLayer()

DEMO_INTEGRATION_TESTING = RegionaustauschIntegrationTesting(
    bases=(DEMO_FIXTURE,),
    name="RegionaustauschDemoLayer:IntegrationTesting",
)


def allow_meetings(proposal):
    """Let Managers add meetings to ``proposal`` whatever its state.

    The workflow grants adding meetings only once a proposal is accepted, which needs the quorum; tests
    about meetings themselves (containment, calendar, listings) open the proposal locally instead.
    """
    for permission in (ADD_MEETING, AddPortalContent):
        proposal.manage_permission(permission, ("Manager",), acquire=False)


TEST_PASSWORD = "secret-network-1"


def add_member(
    municipality, user_id, first_name, last_name, password=TEST_PASSWORD, record_id=None, **fields
):
    """A network member as the site makes one: a user account, a Representative record in
    ``municipality`` that names it, approved (which puts the user into the Region's members group).

    ``fields`` are further fields of the record (``party``, ``function``, ``topics``, contact details);
    returns the record. The caller needs the rights to do all that (e.g. ``api.env.adopt_roles``).
    """
    from plone import api

    api.user.create(email=f"{user_id}@example.invalid", username=user_id, password=password)
    function = fields.pop("function", None)  # api.content.create keeps the keyword "function" for itself
    record = api.content.create(
        container=municipality,
        type="Representative",
        id=record_id,
        title=f"{first_name} {last_name}",
        first_name=first_name,
        last_name=last_name,
        user_id=user_id,
        **fields,
    )
    if function is not None:
        record.function = function
        record.reindexObject()
    api.content.transition(obj=record, transition="approve")
    return record
