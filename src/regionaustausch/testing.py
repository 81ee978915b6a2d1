"""Test layers of regionaustausch (plone.app.testing), used by the pytest-plone fixtures in tests/."""

from plone.app.contenttypes.testing import PLONE_APP_CONTENTTYPES_FIXTURE
from plone.app.testing import FunctionalTesting
from plone.app.testing import IntegrationTesting
from plone.app.testing import PloneSandboxLayer
from plone.app.testing import applyProfile
from plone.testing.zope import WSGI_SERVER_FIXTURE
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

INTEGRATION_TESTING = IntegrationTesting(
    bases=(REGIONAUSTAUSCH_FIXTURE,),
    name="RegionaustauschLayer:IntegrationTesting",
)

FUNCTIONAL_TESTING = FunctionalTesting(
    bases=(REGIONAUSTAUSCH_FIXTURE, WSGI_SERVER_FIXTURE),
    name="RegionaustauschLayer:FunctionalTesting",
)


def allow_meetings(proposal):
    """Let Managers add meetings to ``proposal`` whatever its state.

    The workflow grants adding meetings only once a proposal is accepted, which needs the quorum; tests
    about meetings themselves (containment, calendar, listings) open the proposal locally instead.
    """
    for permission in ("regionaustausch: Add Meeting", "Add portal content"):
        proposal.manage_permission(permission, ("Manager",), acquire=False)
