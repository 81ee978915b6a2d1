"""The sync against the local OParl server: the first run, a second run with changes, a run that fails
half way, retiring, and what a bad address leaves (nothing)."""

from plone import api
from regionaustausch import membership
from regionaustausch.oparl import state
from regionaustausch.oparl.client import OParlError
from regionaustausch.oparl.sync import sync_region
import datetime
import pytest
import transaction


TODAY = datetime.date(2026, 3, 1)


def records(region):
    """``{last name: (municipality id, state)}`` of every Representative in the Region."""
    found = {}
    for brain in api.content.find(context=region, portal_type="Representative", unrestricted=True):
        record = brain._unrestrictedGetObject()
        found[record.last_name] = (record.aq_parent.getId(), api.content.get_state(record))
    return found


def record(region, last_name):
    for brain in api.content.find(context=region, portal_type="Representative", unrestricted=True):
        obj = brain._unrestrictedGetObject()
        if obj.last_name == last_name:
            return obj
    raise LookupError(last_name)


def members(region):
    return {user.getId() for user in api.user.get_users(groupname=membership.members_group_id(region))}


def run(region, client, **options):
    options.setdefault("today", TODAY)
    return sync_region(region, client=client, **options)


def test_the_first_run_imports_the_members_of_the_committees_followed(region, oparl, client):
    assert members(region) == {"dieter"}
    report = run(region, client)
    transaction.begin()

    assert report["status"] == "ok"
    assert report["incremental"] is False
    assert report["errors"] == []
    assert report["counts"] == {
        # bodies; organizations of two bodies; three pages of Braunschweig's persons, two of Gifhorn's
        # (its second page repeats the first: the list ends there)
        "pages": 8,
        # 3 bodies, 6 + 1 organizations, 7 + 1 persons
        "objects": 18,
        "created": 5,  # Beispiel, Muster, Neumann, Lang (Braunschweig) and Kreis (Gifhorn)
        "updated": 0,
        "unchanged": 0,
        "retired": 1,  # Alt: his membership ended
        "skipped": 2,  # Finanz (in no committee followed), the deleted person 105 (no record)
        "resolutions": 0,
    }
    assert records(region) == {
        "Beispiel": ("braunschweig", "active"),
        "Muster": ("braunschweig", "active"),
        "Neumann": ("braunschweig", "active"),
        "Lang": ("braunschweig", "active"),
        "Alt": ("braunschweig", "former"),
        "Kreis": ("gifhorn", "active"),
    }
    # the retired record's account left the network
    assert members(region) == set()
    # the bodies: Braunschweig by its 7-digit AGS, Gifhorn by the RGS (its ags is "N/A"), the third none
    assert [(body["name"], body["municipality"], body["matched_by"]) for body in report["bodies"]] == [
        ("Stadt Braunschweig", "Braunschweig", "ags"),
        ("Landkreis Gifhorn", "Landkreis Gifhorn", "ags"),
        ("Gemeinde Nirgendwo", None, None),
    ]
    assert region["braunschweig"].oparl_id == oparl.url("/oparl/body/1")
    assert region["gifhorn"].oparl_id == oparl.url("/oparl/body/2")
    assert region["salzgitter"].oparl_id is None


def test_the_fields_of_an_imported_record(region, oparl, client):
    run(region, client)
    anna = record(region, "Beispiel")
    assert anna.oparl_id == oparl.url("/oparl/person/101")
    assert (anna.salutation, anna.academic_title, anna.first_name) == ("frau", "Dr.", "Anna")
    assert anna.Title() == "Dr. Anna Beispiel"
    assert anna.party == "SPD"  # onBehalfOf of her memberships
    assert anna.committees == ["Ausschuss für Wirtschaft und Digitalisierung", "Rat der Stadt Braunschweig"]
    assert anna.function == "ausschussvorsitz"  # "Vorsitzende" of a committee
    assert (anna.email, anna.phone) == ("anna.beispiel@example.org", "0531 470-1")
    # imported contact details start hidden: only editors see them
    assert anna.contact_visibility == "hidden"
    assert not api.user.has_permission("regionaustausch: View contact details", username="dieter", obj=anna)
    assert anna.mandate_end is None
    bernd = record(region, "Muster")
    # party from the Fraktion membership; "" and "N/A" are no contact details
    assert (bernd.party, bernd.email, bernd.phone, bernd.salutation) == ("CDU", None, None, "herr")
    assert bernd.function == "ratsmitglied"
    frank = record(region, "Neumann")  # familyName "N/A", givenName "": split from the name
    assert (frank.first_name, frank.party) == ("Frank", "Grüne")
    gisela = record(region, "Lang")  # a deputy chair is no chair; her mandate ends
    assert (gisela.function, gisela.mandate_end) == ("ratsmitglied", datetime.date(2099, 10, 31))
    # the catalog finds them by OParl id and lists them in the directory
    found = api.content.find(oparl_id=oparl.url("/oparl/person/107"), unrestricted=True)
    assert [brain.getObject() for brain in found] == [gisela]


def test_a_second_run_with_changes_updates_exactly_those(region, oparl, client):
    oparl.repeat.clear()
    first = run(region, client)
    assert first["status"] == "ok"
    started = first["started"]
    assert state.last_success(region, oparl.url("/oparl/system")) == started
    later = "2030-01-01T10:00:00+01:00"
    page1 = oparl.routes["/oparl/body/1/persons"]["data"]
    # a new member of the committee
    newcomer = {
        "id": "https://oparl.example.org/oparl/person/108",
        "type": "https://schema.oparl.org/1.1/Person",
        "familyName": "Neu",
        "givenName": "Nora",
        "membership": [
            {
                "id": "https://oparl.example.org/oparl/membership/1061",
                "organization": "https://oparl.example.org/oparl/organization/10",
                "onBehalfOf": "https://oparl.example.org/oparl/organization/21",
                "startDate": "2025-01-01",
            }
        ],
        "modified": later,
    }
    oparl.routes["/oparl/body/1/persons/page/3"]["data"].append(newcomer)
    # one leaving: Bernd's memberships ended
    for item in page1[1]["membership"]:
        item["endDate"] = "2026-01-31"
    page1[1]["modified"] = later
    # a changed party: Anna changes to the Grüne
    for item in page1[0]["membership"]:
        item["onBehalfOf"] = "https://oparl.example.org/oparl/organization/22"
    page1[0]["modified"] = later
    oparl.log.clear()

    second = run(region, client)
    transaction.begin()

    assert second["status"] == "ok"
    assert second["incremental"] is True
    assert f"/oparl/body/1/persons?modified_since={started}" in oparl.log
    assert (second["counts"]["created"], second["counts"]["updated"], second["counts"]["retired"]) == (
        1,
        1,
        1,
    )
    assert second["counts"]["unchanged"] == 0
    assert record(region, "Beispiel").party == "Grüne"
    assert records(region)["Muster"] == ("braunschweig", "former")
    assert records(region)["Neu"] == ("braunschweig", "active")
    assert record(region, "Neu").party == "CDU"
    # untouched records were not even looked at again
    assert records(region)["Lang"] == ("braunschweig", "active")
    assert len(state.reports(region)) == 2
    assert state.reports(region)[0]["started"] == second["started"]


def test_a_full_run_retires_who_is_no_longer_listed(region, oparl, client):
    run(region, client)
    oparl.routes["/oparl/body/1/persons/page/3"]["data"] = []  # Gisela Lang is gone
    report = run(region, client, full=True)
    transaction.begin()
    assert report["incremental"] is False
    assert report["counts"]["retired"] == 1
    assert records(region)["Lang"] == ("braunschweig", "former")
    assert records(region)["Beispiel"] == ("braunschweig", "active")


def test_a_run_that_fails_half_way_keeps_whole_batches_and_not_the_state(region, oparl, client):
    oparl.down.add("/oparl/body/1/persons/page/3")
    report = run(region, client, batch_size=2)
    transaction.begin()

    assert report["status"] == "failed"
    assert "does not answer" in report["errors"][0]
    assert "HTTP 503" in report["errors"][0]
    # persons 101-106 were handled in batches of two: 101+102, 103+104, 105+106 committed; page 3 failed
    assert records(region) == {
        "Beispiel": ("braunschweig", "active"),
        "Muster": ("braunschweig", "active"),
        "Neumann": ("braunschweig", "active"),
        "Alt": ("braunschweig", "former"),
    }
    assert members(region) == set()
    assert state.last_success(region, oparl.url("/oparl/system")) is None
    assert state.reports(region)[0]["status"] == "failed"

    # the next run repeats the rest (a full run: there was no success to count from)
    oparl.down.clear()
    again = run(region, client, batch_size=2)
    transaction.begin()
    assert again["status"] == "ok"
    assert again["incremental"] is False
    assert records(region)["Lang"] == ("braunschweig", "active")
    assert records(region)["Kreis"] == ("gifhorn", "active")
    assert (again["counts"]["created"], again["counts"]["unchanged"]) == (2, 3)


def test_a_failed_batch_leaves_nothing_of_itself(region, oparl, client):
    """The batch in progress when the run fails is undone, not half kept."""
    oparl.down.add("/oparl/body/1/persons/page/2")
    run(region, client, batch_size=100)
    transaction.begin()
    assert set(records(region)) == {"Alt"}
    assert records(region)["Alt"] == ("braunschweig", "active")
    assert members(region) == {"dieter"}


def test_records_whose_mandate_ended_are_retired(region, oparl, client):
    run(region, client)
    assert records(region)["Lang"] == ("braunschweig", "active")
    report = run(region, client, today=datetime.date(2099, 11, 1))
    transaction.begin()
    assert records(region)["Lang"] == ("braunschweig", "former")
    assert report["counts"]["retired"] >= 1


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("ftp://example.org/oparl", "must begin with http:// or https://"),
        ("http://127.0.0.1:9/oparl/system", "does not answer"),
        ("/oparl/body/1/persons", "does not lead to an OParl system"),
    ],
)
def test_an_unusable_address_changes_nothing(region, oparl, client, url, reason):
    url = oparl.url(url) if url.startswith("/") else url
    with pytest.raises(OParlError) as raised:
        run(region, client, url=url)
    transaction.abort()
    assert reason in str(raised.value)
    assert raised.value.field == "url"
    assert records(region) == {"Alt": ("braunschweig", "active")}
    assert state.reports(region) == []
    assert region["braunschweig"].oparl_id is None


def test_a_region_without_a_system_needs_an_address(region, client):
    region.oparl_url = None
    with pytest.raises(OParlError) as raised:
        run(region, client)
    assert "Please give the address of an OParl system" in str(raised.value)
