"""Upgrade to 1001 (issue 11) on proposals as profile 1000 left them: rows of required resolutions
without a municipality get the one their body names (the others are reported), the catalog learns the
open resolutions, and the reasons of decisions taken before become readable."""

from Acquisition import aq_base
from plone import api
from plone.app.testing import SITE_OWNER_NAME
from regionaustausch.decisions import ANNOTATION_KEY as DECISIONS_KEY
from regionaustausch.decisions import decision_records
from regionaustausch.resolutions import ANNOTATION_KEY as HISTORY_KEY
from regionaustausch.upgrades import v1001
from regionaustausch.upgrades.v1001 import migrate_required_resolutions
from tests.upgrades.test_v1001 import install_1000
from zope.annotation.interfaces import IAnnotations
import logging
import pytest


PROFILE = "regionaustausch:default"
#: Rows as profile 1000 stored them: body, kind, status, reference.
ROWS_1000 = [
    {
        "body": "Rat der Stadt Braunschweig",
        "kind": "ratsbeschluss",
        "status": "gefasst",
        "reference": "22-18940",
    },
    {"body": "Kreistag Peine", "kind": "kreistagsbeschluss", "status": "eingebracht", "reference": ""},
    {"body": "Regionalverband", "kind": "verwaltungsentscheidung", "status": "offen", "reference": ""},
    {"body": "Landtag Niedersachsen", "kind": "ratsbeschluss", "status": "offen", "reference": ""},
]


def as_1000_left_it(proposal, rows=None):
    """No decision records, no resolution history, rows of four keys."""
    annotations = IAnnotations(proposal)
    annotations.pop(DECISIONS_KEY, None)
    annotations.pop(HISTORY_KEY, None)
    if rows is not None:
        aq_base(proposal).required_resolutions = [dict(row) for row in rows]


@pytest.fixture
def old_site(portal):
    install_1000(portal)
    with api.env.adopt_roles(["Manager"]):
        region = api.content.create(container=portal, type="Region", id="region", title="Region")
        bs = api.content.create(
            container=region,
            type="Municipality",
            id="bs",
            title="Stadt Braunschweig",
            kind="kreisfreie_stadt",
            council_name="Rat der Stadt Braunschweig",
        )
        pe = api.content.create(
            container=region,
            type="Municipality",
            id="pe",
            title="Landkreis Peine",
            kind="landkreis",
            ags="03157",
        )
        with_rows = api.content.create(
            container=region, type="ExchangeProposal", id="rows", title="Mit Beschlüssen"
        )
        rejected = api.content.create(
            container=region, type="ExchangeProposal", id="rejected", title="Abgelehnt"
        )
        api.content.transition(obj=rejected, transition="submit", comment="Bitte prüfen.")
        api.content.transition(obj=with_rows, transition="submit")
    with api.env.adopt_user(SITE_OWNER_NAME):
        api.user.create(
            email="erika@example.invalid", username="erika", password="secret-erika-1", roles=["Editor"]
        )
    with api.env.adopt_user(username="erika"):
        api.content.transition(obj=rejected, transition="reject", comment="Kein Bedarf <script>x()</script>")
    as_1000_left_it(with_rows, ROWS_1000)
    as_1000_left_it(rejected)
    catalog = api.portal.get_tool("portal_catalog")
    catalog.delIndex("open_resolution_municipalities")
    catalog.delColumn("open_resolutions")
    return {"portal": portal, "bs": bs, "pe": pe, "rows": with_rows, "rejected": rejected}


def test_the_site_starts_as_1000_left_it(old_site):
    catalog = api.portal.get_tool("portal_catalog")
    assert "open_resolution_municipalities" not in catalog.indexes()
    assert "open_resolutions" not in catalog.schema()
    assert decision_records(old_site["rejected"]) == []
    assert "municipality" not in old_site["rows"].required_resolutions[0]
    workflow = api.portal.get_tool("portal_workflow")["regionaustausch_proposal_workflow"]
    assert "realise_anyway" not in workflow.transitions.objectIds()


def test_the_upgrade(old_site, caplog):
    setup = api.portal.get_tool("portal_setup")
    with caplog.at_level(logging.WARNING, logger=v1001.logger.name):
        setup.upgradeProfile(PROFILE)
    assert setup.getLastVersionForProfile(PROFILE) == ("1001",)

    # rows: the municipality their body names, or none (logged)
    rows = old_site["rows"].required_resolutions
    assert [row["municipality"] for row in rows] == [old_site["bs"].UID(), old_site["pe"].UID(), None, None]
    assert rows[0] == {
        "municipality": old_site["bs"].UID(),
        "body": "Rat der Stadt Braunschweig",
        "kind": "ratsbeschluss",
        "status": "gefasst",
        "status_date": None,
        "reference": "22-18940",
        "url": "",
    }
    unmatched = [message for message in caplog.messages if "no municipality named by" in message]
    assert unmatched == [
        "/plone/region/rows, resolution 3: no municipality named by 'Regionalverband'",
        "/plone/region/rows, resolution 4: no municipality named by 'Landtag Niedersachsen'",
    ]
    # the statuses as they are are where each proposal's history starts: no change recorded yet
    assert IAnnotations(old_site["rows"])[HISTORY_KEY].entries == []

    # the catalog: the open resolutions of each municipality
    found = api.content.find(open_resolution_municipalities=old_site["pe"].UID(), unrestricted=True)
    assert [brain.getId for brain in found] == ["rows"]
    assert [row["body"] for row in found[0].open_resolutions] == [
        "Kreistag Peine",
        "Regionalverband",
        "Landtag Niedersachsen",
    ]

    # the reason of the rejection, as everyone reads it now
    [decision] = decision_records(old_site["rejected"])
    assert (decision["transition"], decision["state"], decision["text"]) == (
        "reject",
        "rejected",
        "<p>Kein Bedarf</p>",
    )
    assert (decision["actor"], decision["role"]) == ("erika", "Editor")

    # the workflow of 1001: realise_anyway
    workflow = api.portal.get_tool("portal_workflow")["regionaustausch_proposal_workflow"]
    assert "realise_anyway" in workflow.transitions.objectIds()


def test_the_step_reports_the_rows_it_could_not_match(old_site):
    report = migrate_required_resolutions(api.portal.get_tool("portal_setup"))
    assert report == [
        {"proposal": "/plone/region/rows", "row": 3, "body": "Regionalverband"},
        {"proposal": "/plone/region/rows", "row": 4, "body": "Landtag Niedersachsen"},
    ]
    # run again: nothing left to migrate, nothing reported
    assert migrate_required_resolutions(api.portal.get_tool("portal_setup")) == []
