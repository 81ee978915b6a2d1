"""pytest-plone fixtures for the regionaustausch layers; the tests mirror the package's folders."""

from pytest_plone import fixtures_factory
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


@pytest.fixture(scope="session")
def package_name() -> str:
    return "regionaustausch"
