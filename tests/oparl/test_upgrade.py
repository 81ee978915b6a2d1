"""The upgrade 1000 -> 1001 on a site as 1000 left it: no OParl indexes, no permission "regionaustausch:
Sync OParl" in the rolemap; afterwards records are found by their OParl id and Site Administrators may
sync."""

from plone import api
from plone.app.testing import TEST_USER_ID
from plone.app.testing import setRoles
from Products.CMFCore.indexing import processQueue
from regionaustausch.permissions import SYNC_OPARL
import datetime


PROFILE = "regionaustausch:default"


def as_1000_left_it(portal):
    processQueue()
    catalog = api.portal.get_tool("portal_catalog")
    for name in ("oparl_id", "mandate_end"):
        catalog.delIndex(name)
    portal.manage_permission(SYNC_OPARL, roles=[], acquire=True)
    api.portal.get_tool("portal_setup").setLastVersionForProfile(PROFILE, "1000")


def test_the_upgrade_adds_the_indexes_and_the_permission(portal):
    setRoles(portal, TEST_USER_ID, ["Manager"])
    region = api.content.create(container=portal, type="Region", id="region", title="Region")
    town = api.content.create(
        container=region,
        type="Municipality",
        id="bs",
        title="Braunschweig",
        kind="kreisfreie_stadt",
        ags="03101000",
        oparl_id="https://oparl.example.org/body/1",
    )
    anna = api.content.create(
        container=town,
        type="Representative",
        id="anna",
        first_name="Anna",
        last_name="Beispiel",
        oparl_id="https://oparl.example.org/person/1",
        mandate_end=datetime.date(2026, 10, 31),
    )
    as_1000_left_it(portal)
    catalog = api.portal.get_tool("portal_catalog")
    assert "oparl_id" not in catalog.indexes()
    assert "Site Administrator" not in [
        role["name"] for role in portal.rolesOfPermission(SYNC_OPARL) if role["selected"]
    ]

    api.portal.get_tool("portal_setup").upgradeProfile(PROFILE)
    processQueue()

    assert [b.getObject() for b in catalog(oparl_id="https://oparl.example.org/person/1")] == [anna]
    assert [b.getObject() for b in catalog(oparl_id="https://oparl.example.org/body/1")] == [town]
    found = catalog(mandate_end={"query": datetime.date(2026, 11, 1), "range": "max"})
    assert [b.getObject() for b in found] == [anna]
    assert {role["name"] for role in portal.rolesOfPermission(SYNC_OPARL) if role["selected"]} == {
        "Manager",
        "Site Administrator",
    }
