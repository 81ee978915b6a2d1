"""Benchmarks run on the same layers as the tests (a real Plone site, a real WSGI server):
`make bench`. They print their figures and write them to bench/results/; they assert only that the
work was done correctly, never a time."""

from pytest_plone import fixtures_factory
from regionaustausch.testing import FUNCTIONAL_TESTING
from regionaustausch.testing import INTEGRATION_TESTING


pytest_plugins = ["pytest_plone"]

globals().update(
    fixtures_factory(
        (
            (FUNCTIONAL_TESTING, "functional"),
            (INTEGRATION_TESTING, "integration"),
        )
    )
)
