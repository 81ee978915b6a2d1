"""The required resolutions over time (regionaustausch.resolutions): status changes by editors and from
OParl reach the proposal's history once each, through ResolutionStatusChanged; the catalog knows the
open ones; realise names what is missing."""

from plone import api
from regionaustausch import resolutions
from regionaustausch.events import IResolutionStatusChanged
from regionaustausch.events import ResolutionStatusChanged
from regionaustausch.timeline import timeline
from zope.annotation.interfaces import IAnnotations
from zope.component import getGlobalSiteManager
from zope.event import notify
from zope.globalrequest import getRequest
from zope.lifecycleevent import ObjectModifiedEvent
import datetime
import pytest


@pytest.fixture
def network(portal):
    with api.env.adopt_roles(["Manager"]):
        region = api.content.create(container=portal, type="Region", id="region", title="Region")
        bs = api.content.create(
            container=region,
            type="Municipality",
            id="bs",
            title="Stadt Braunschweig",
            kind="kreisfreie_stadt",
        )
        pe = api.content.create(
            container=region,
            type="Municipality",
            id="pe",
            title="Landkreis Peine",
            kind="landkreis",
            ags="03157",
        )
        proposal = api.content.create(
            container=region,
            type="ExchangeProposal",
            id="proposal",
            title="Vorschlag",
            required_resolutions=[
                row(bs, "Rat der Stadt Braunschweig"),
                row(pe, "Kreistag Peine", "eingebracht"),
            ],
        )
    return {"region": region, "bs": bs, "pe": pe, "proposal": proposal}


def row(municipality, body, status="offen", **values):
    return {
        "municipality": municipality.UID(),
        "body": body,
        "kind": "ratsbeschluss" if "Rat" in body else "kreistagsbeschluss",
        "status": status,
        "status_date": None,
        "reference": "",
        "url": "",
        **values,
    }


@pytest.fixture
def events():
    """The ResolutionStatusChanged events notified during the test."""
    seen = []

    def handler(proposal, event):
        seen.append((event.resolution["body"], event.old_status, event.new_status, event.source))

    registry = getGlobalSiteManager()
    registry.registerHandler(handler, (None, IResolutionStatusChanged))
    yield seen
    registry.unregisterHandler(handler, (None, IResolutionStatusChanged))


def edit(proposal, rows):
    proposal.required_resolutions = rows
    notify(ObjectModifiedEvent(proposal))


def test_a_new_proposal_records_nothing(network, events):
    assert resolutions.entries(network["proposal"]) == []
    assert events == []


def test_an_editor_changes_a_status(network, events):
    proposal, pe = network["proposal"], network["pe"]
    rows = [dict(item) for item in proposal.required_resolutions]
    rows[1]["status"] = "gefasst"
    edit(proposal, rows)
    assert events == [("Kreistag Peine", "eingebracht", "gefasst", "editor")]
    today = resolutions.today(proposal)
    assert proposal.required_resolutions[1]["status_date"] == today
    assert proposal.required_resolutions[0]["status_date"] is None
    [entry] = resolutions.entries(proposal)
    assert {
        key: entry[key] for key in ("municipality", "body", "old_status", "new_status", "date", "source")
    } == {
        "municipality": pe.UID(),
        "body": "Kreistag Peine",
        "old_status": "eingebracht",
        "new_status": "gefasst",
        "date": today.isoformat(),
        "source": "editor",
    }
    # saving again without a change records nothing more
    edit(proposal, [dict(item) for item in proposal.required_resolutions])
    assert len(events) == 1
    assert len(resolutions.entries(proposal)) == 1


def test_the_date_an_editor_gives_is_kept(network, events):
    proposal = network["proposal"]
    rows = [dict(item) for item in proposal.required_resolutions]
    rows[0].update(status="eingebracht", status_date=datetime.date(2026, 2, 3))
    edit(proposal, rows)
    assert proposal.required_resolutions[0]["status_date"] == datetime.date(2026, 2, 3)
    assert resolutions.entries(proposal)[0]["date"] == "2026-02-03"


def test_a_new_row_is_a_change_from_nothing(network, events):
    proposal = network["proposal"]
    added = row(network["bs"], "Wirtschaftsausschuss Braunschweig", kind="ausschussbeschluss")
    edit(proposal, [*proposal.required_resolutions, added])
    assert events == [("Wirtschaftsausschuss Braunschweig", None, "offen", "editor")]


def test_a_proposal_never_tracked_starts_its_history_at_its_next_edit(network, events):
    proposal = network["proposal"]
    del IAnnotations(proposal)[resolutions.ANNOTATION_KEY]
    rows = [dict(item) for item in proposal.required_resolutions]
    rows[0]["status"] = "eingebracht"
    edit(proposal, rows)
    assert events == []  # what it was before is not known
    rows = [dict(item) for item in proposal.required_resolutions]
    rows[0]["status"] = "gefasst"
    edit(proposal, rows)
    assert events == [("Rat der Stadt Braunschweig", "eingebracht", "gefasst", "editor")]


def test_oparl_notifies_first_and_is_recorded_once(network, events):
    """The OParl sync changes the row, notifies the event (source "oparl") and then that the proposal
    was modified: the change is recorded once, as OParl's."""
    proposal = network["proposal"]
    rows = [dict(item) for item in proposal.required_resolutions]
    rows[0].update(status="gefasst", status_date=datetime.date(2026, 3, 1))
    proposal.required_resolutions = rows
    notify(ResolutionStatusChanged(proposal, rows[0], "offen", "gefasst", "oparl"))
    notify(ObjectModifiedEvent(proposal))
    assert events == [("Rat der Stadt Braunschweig", "offen", "gefasst", "oparl")]
    [entry] = resolutions.entries(proposal)
    assert (entry["source"], entry["date"]) == ("oparl", "2026-03-01")


def test_the_timeline_shows_the_changes(network):
    proposal = network["proposal"]
    rows = [dict(item) for item in proposal.required_resolutions]
    rows[1].update(status="abgelehnt", status_date=datetime.date(2026, 4, 1))
    edit(proposal, rows)
    [entry] = [item for item in timeline(proposal, getRequest())["items"] if item["type"] == "resolution"]
    assert entry["municipality"]["title"] == "Landkreis Peine"
    assert (entry["old_status"], entry["new_status"], entry["date"]) == (
        "eingebracht",
        "abgelehnt",
        "2026-04-01",
    )


def test_the_catalog_knows_the_open_resolutions(network):
    proposal, bs, pe = network["proposal"], network["bs"], network["pe"]

    def found(uid):
        return [
            brain.getId for brain in api.content.find(open_resolution_municipalities=uid, unrestricted=True)
        ]

    assert found(bs.UID()) == ["proposal"]
    assert found(pe.UID()) == ["proposal"]
    [brain] = api.content.find(UID=proposal.UID(), unrestricted=True)
    assert [item["body"] for item in brain.open_resolutions] == [
        "Rat der Stadt Braunschweig",
        "Kreistag Peine",
    ]
    rows = [dict(item) for item in proposal.required_resolutions]
    rows[1]["status"] = "gefasst"
    edit(proposal, rows)
    proposal.reindexObject()
    assert found(pe.UID()) == []
    assert found(bs.UID()) == ["proposal"]
    [brain] = api.content.find(UID=proposal.UID(), unrestricted=True)
    assert [item["body"] for item in brain.open_resolutions] == ["Rat der Stadt Braunschweig"]


def test_realise_names_the_municipalities_missing(network):
    proposal = network["proposal"]
    assert resolutions.missing_names(proposal) == ["Stadt Braunschweig", "Landkreis Peine"]
    rows = [dict(item) for item in proposal.required_resolutions]
    rows[0]["status"] = "gefasst"
    rows[1]["municipality"] = None  # a row the upgrade could not match: its body is named
    proposal.required_resolutions = rows
    assert resolutions.missing_names(proposal) == ["Kreistag Peine"]
    problem = resolutions.realisation_problem(proposal)
    assert problem.mapping == {"municipalities": "Kreistag Peine"}
    rows[1]["status"] = "gefasst"
    proposal.required_resolutions = rows
    assert resolutions.realisation_problem(proposal) is None
