"""Uninstalling removes the types from the add menu (and the site), and the catalog's indexes and columns;
installing again brings them back."""

from pathlib import Path
from plone import api
from plone.app.testing import TEST_USER_ID
from plone.app.testing import setRoles
from plone.dexterity.interfaces import IDexterityFTI
from zope.component import queryUtility
import pytest
import regionaustausch.profiles
import xml.etree.ElementTree as ET


PROFILES = Path(regionaustausch.profiles.__file__).parent


def _default_types():
    tree = ET.parse(PROFILES / "default" / "types.xml")
    return [node.get("name") for node in tree.getroot().iter("object") if node.get("name") != "portal_types"]


def _default_catalog():
    root = ET.parse(PROFILES / "default" / "catalog.xml").getroot()
    return [node.get("name") for node in root.iter("index")], [
        node.get("value") for node in root.iter("column")
    ]


OUR_TYPES = _default_types()
INDEXES, COLUMNS = _default_catalog()


def test_uninstall_profile_names_everything_the_default_profile_adds():
    """A type, index or column added to the default profile must be removed by the uninstall profile."""
    types = ET.parse(PROFILES / "uninstall" / "types.xml").getroot()
    assert {node.get("name") for node in types.iter("object") if node.get("remove") == "True"} == set(
        OUR_TYPES
    )
    catalog = ET.parse(PROFILES / "uninstall" / "catalog.xml").getroot()
    assert {node.get("name") for node in catalog.iter("index") if node.get("remove") == "True"} == set(
        INDEXES
    )
    assert {node.get("value") for node in catalog.iter("column") if node.get("remove") == "True"} == set(
        COLUMNS
    )


def addable_here(container):
    return {fti.getId() for fti in container.allowedContentTypes()}


class TestUninstall:
    @pytest.fixture(autouse=True)
    def _uninstalled(self, portal, installer, package_name):
        setRoles(portal, TEST_USER_ID, ["Manager"])
        self.folder = api.content.create(container=portal, type="Folder", title="Ordner")
        assert "Region" in addable_here(portal)
        installer.uninstall_product(package_name)

    def test_types_gone_from_the_add_menu(self, portal):
        assert not addable_here(portal) & set(OUR_TYPES)
        assert not addable_here(self.folder) & set(OUR_TYPES)
        assert "Document" in addable_here(portal)

    @pytest.mark.parametrize("portal_type", OUR_TYPES)
    def test_fti_removed(self, portal, portal_type):
        assert portal_type not in api.portal.get_tool("portal_types").objectIds()
        assert queryUtility(IDexterityFTI, name=portal_type) is None

    def test_catalog_indexes_and_columns_removed(self, portal):
        catalog = api.portal.get_tool("portal_catalog")
        assert not set(INDEXES) & set(catalog.indexes())
        assert not set(COLUMNS) & set(catalog.schema())
        assert "SearchableText" in catalog.indexes()

    def test_reinstall(self, portal, installer, package_name):
        installer.install_product(package_name)
        assert "Region" in addable_here(portal)
        region = api.content.create(container=portal, type="Region", title="Wieder da")
        assert {"Municipality", "Forum", "ExchangeProposal"} <= addable_here(region)
        catalog = api.portal.get_tool("portal_catalog")
        assert set(INDEXES) <= set(catalog.indexes())
