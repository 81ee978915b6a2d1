"""Required resolutions that name an OParl Paper take their status from the paper's consultations on
each sync, and each change of status is announced (ResolutionStatusChanged, source "oparl")."""

from plone import api
from regionaustausch.events import IResolutionStatusChanged
from regionaustausch.oparl.sync import sync_region
from zope.component import getGlobalSiteManager
import datetime
import pytest
import transaction


@pytest.fixture
def announced():
    """The ResolutionStatusChanged events notified during the test."""
    events = []

    def record(event):
        events.append(event)

    manager = getGlobalSiteManager()
    manager.registerHandler(record, (IResolutionStatusChanged,))
    yield events
    manager.unregisterHandler(record, (IResolutionStatusChanged,))


def row(**values):
    return {"body": "Rat der Stadt Braunschweig", "kind": "ratsbeschluss", "status": "offen", **values}


@pytest.fixture
def proposals(region, oparl):
    """``first`` names papers by reference (one the council has, one it has not), ``second`` by the
    paper's OParl id and by its web page."""
    with api.env.adopt_roles(["Manager"]):
        first = api.content.create(container=region, type="ExchangeProposal", id="first", title="Erster")
        second = api.content.create(container=region, type="ExchangeProposal", id="second", title="Zweiter")
    first.required_resolutions = [row(reference="22-18940"), row(reference="99-00000")]
    second.required_resolutions = [
        row(url=oparl.url("/oparl/paper/5002"), status="eingebracht"),
        row(url="https://ratsinfo.example.org/vo020?VOLFDNR=5001"),
    ]
    transaction.commit()
    return first, second


def statuses(proposal):
    return [(r["status"], r.get("status_date")) for r in proposal.required_resolutions]


def test_rows_take_the_status_of_their_papers(region, proposals, oparl, client, announced):
    first, second = proposals
    report = sync_region(region, client=client, today=datetime.date(2026, 3, 1))
    transaction.begin()
    assert report["status"] == "ok", report["errors"]

    submitted = ("eingebracht", datetime.date(2022, 5, 10))  # the council has not decided yet
    assert statuses(first) == [submitted, ("offen", None)]
    # 5002 has no consultation: open again; the web page names 5001
    assert statuses(second) == [("offen", None), submitted]
    assert report["counts"]["resolutions"] == 3
    assert first.required_resolutions[0]["reference"] == "22-18940"  # the row keeps its other keys
    assert first.required_resolutions[0]["body"] == "Rat der Stadt Braunschweig"
    assert [
        (
            e.object.getId(),
            e.resolution.get("reference") or e.resolution.get("url"),
            e.old_status,
            e.new_status,
            e.source,
        )
        for e in announced
    ] == [
        ("first", "22-18940", "offen", "eingebracht", "oparl"),
        ("second", oparl.url("/oparl/paper/5002"), "eingebracht", "offen", "oparl"),
        ("second", "https://ratsinfo.example.org/vo020?VOLFDNR=5001", "offen", "eingebracht", "oparl"),
    ]


def test_the_council_decides_and_the_next_sync_says_so(region, proposals, oparl, client, announced):
    first, second = proposals
    sync_region(region, client=client)
    announced.clear()
    # the council adopted the paper with changes: its agenda item says so (no start: the meeting's date)
    oparl.routes["/oparl/agendaitem/7002"]["result"] = "Geändert beschlossen"
    report = sync_region(region, client=client)
    transaction.begin()

    adopted = ("gefasst", datetime.date(2022, 6, 21))
    assert statuses(first) == [adopted, ("offen", None)]
    assert statuses(second) == [("offen", None), adopted]
    assert report["counts"]["resolutions"] == 2
    assert sorted((e.object.getId(), e.old_status, e.new_status) for e in announced) == [
        ("first", "eingebracht", "gefasst"),
        ("second", "eingebracht", "gefasst"),
    ]
    # the paper list was asked only for what changed since the first run
    assert any(entry.startswith("/oparl/body/1/papers?modified_since=") for entry in oparl.log)


def test_a_rejection_and_an_unchanged_status(region, proposals, oparl, client, announced):
    first, _second = proposals
    oparl.routes["/oparl/agendaitem/7002"]["result"] = "mehrheitlich abgelehnt"
    sync_region(region, client=client)
    assert statuses(first)[0] == ("abgelehnt", datetime.date(2022, 6, 21))
    announced.clear()
    report = sync_region(region, client=client)
    assert report["counts"]["resolutions"] == 0
    assert announced == []
