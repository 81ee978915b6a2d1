"""pytest-plone fixtures for the regionaustausch layers; the tests mirror the package's folders."""

from pytest_plone import fixtures_factory
from regionaustausch.testing import FUNCTIONAL_TESTING
from regionaustausch.testing import INTEGRATION_TESTING

import pytest


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
