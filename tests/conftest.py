"""pytest-plone fixtures for the regionaustausch layers; the tests mirror the package's folders."""

from pytest_plone import fixtures_factory
from pytest_plone.fixtures.markers import apply_portal_marker
from regionaustausch.testing import DEMO_INTEGRATION_TESTING
from regionaustausch.testing import FUNCTIONAL_TESTING
from regionaustausch.testing import INTEGRATION_TESTING
import os
import pytest


# zope.i18n compiles a .po that is newer than its .mo when the layers load the ZCML, so the tests see
# an edited catalogue without a reinstall (the install compiles them too; instance/zope.conf sets the
# same for the running site).
os.environ.setdefault("zope_i18n_compile_mo_files", "true")

pytest_plugins = ["pytest_plone"]

globals().update(
    fixtures_factory(
        (
            (FUNCTIONAL_TESTING, "functional"),
            (INTEGRATION_TESTING, "integration"),
        )
    )
)
# The demo layer is set up for each test class that uses it and torn down after it (not kept for the
# session as the two above): plone.testing stacks a sandbox layer's database onto its bases', so while it
# is set up the integration layer's tests would see the demo too.
globals().update(fixtures_factory(((DEMO_INTEGRATION_TESTING, "demo_integration"),), keep_session=False))


@pytest.fixture
def demo_portal(demo_integration, request):
    """The site with the demo region, built once per test class (DEMO_INTEGRATION_TESTING); what a
    test changes is rolled back after it. Honours ``@pytest.mark.portal`` like pytest-plone's ``portal``.
    Use it in test classes only, and not together with ``portal`` (a second site)."""
    portal = demo_integration["portal"]
    apply_portal_marker(portal, request)
    return portal


@pytest.fixture(scope="session")
def package_name() -> str:
    return "regionaustausch"
