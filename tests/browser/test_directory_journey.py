"""The Region's dashboard, its directory, a municipality and a representative's card in a real browser.

The journey: anonymous opens the Region's dashboard, follows it into the directory, filters by
municipality and topic, pages, and downloads the CSV. Then axe-core on each of these views,
anonymous and logged in (a network member, a municipal editor), at 375 and 1280 px, with
screenshots of both widths and no sideways scrolling at 375 px.

The network is built once per module in a DemoStorage of its own between the layer's and each
test's, as tests/browser/test_journeys.py does; the people log in once per module through Plone's
login form.
"""

from datetime import date
from datetime import datetime
from datetime import time
from datetime import timedelta
from pathlib import Path
from playwright.sync_api import expect
from plone import api
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import FunctionalTesting
from plone.testing.zope import WSGI_SERVER_FIXTURE
from regionaustausch import membership
from regionaustausch.discussions import add_post
from regionaustausch.supports import add_support
from regionaustausch.testing import REGIONAUSTAUSCH_FIXTURE
from urllib.parse import parse_qs
from urllib.parse import urlsplit
import csv
import io
import pytest
import pytz
import re
import transaction


PASSWORD = "Geheim-Verzeichnis-1"
#: network members (their records link them) and the municipal editor of Braunschweig
PEOPLE = ("anna", "carl", "jonas", "redakteur")
CONSENT = date(2024, 1, 15)

MODULE_LAYER = FunctionalTesting(
    bases=(REGIONAUSTAUSCH_FIXTURE, WSGI_SERVER_FIXTURE),
    name="RegionaustauschLayer:DirectoryJourney",
)

#: Braunschweig's representatives on skilled workers (the journey's filter): more than one page of 10
SKILLED_IN_BS = [
    ("Anna", "Beispiel"),
    ("Berta", "Brandt"),
    ("Carl", "Claus"),
    ("Doris", "Dietz"),
    ("Emil", "Ernst"),
    ("Frieda", "Fuchs"),
    ("Gustav", "Graf"),
    ("Hanna", "Horn"),
    ("Ida", "Imhof"),
    ("Jan", "Jäger"),
    ("Karla", "Kühn"),
    ("Ludwig", "Lange"),
]

#: Plone's toolbar below 768 px, on our content, for a network member: the workflow menu shows
#: "State: ..." without transitions and hides its label, an empty link (the harness records the same
#: for the toolbar's other links on Plone's own pages; test_journeys.py excludes it the same way).
TOOLBAR = {"link-name": ("#edit-zone #plone-contentmenu-workflow > a.nav-link",)}

#: plone.app.event's "Upcoming events" portlet (in the right column once a meeting is upcoming):
#: Barceloneta's link blue #007bb1 on the portlet's #f8f8f9 is 4.42:1.
EVENTS_PORTLET = {
    "color-contrast": (
        ".portletEvents .portletHeader > a.tile",
        ".portletEvents a.tile.previous-events",
        ".portletEvents a.tile.upcoming-events",
    )
}


def merged(*baselines):
    rules = {}
    for baseline in baselines:
        for rule, selectors in baseline.items():
            rules[rule] = (*rules.get(rule, ()), *selectors)
    return rules


def _record(municipality, id, first, last, visibility="hidden", **fields):
    function = fields.pop("function", None)  # plone.api's create() has an argument of that name
    record = api.content.create(
        container=municipality,
        type="Representative",
        id=id,
        first_name=first,
        last_name=last,
        contact_visibility=visibility,
        consent_date=CONSENT if visibility != "hidden" else None,
        **fields,
    )
    if function:
        record.function = function
        record.reindexObject()
    api.content.transition(obj=record, transition="approve")
    return record


def _build(portal):
    api.portal.set_registry_record("plone.default_language", "de")
    api.portal.set_registry_record("plone.available_languages", ["de"])
    api.portal.set_registry_record("plone.portal_timezone", "Europe/Berlin")  # as create_site.py sets
    with api.env.adopt_user(SITE_OWNER_NAME):
        for user_id in PEOPLE:
            api.user.create(email=f"{user_id}@example.invalid", username=user_id, password=PASSWORD)
    with api.env.adopt_roles(["Manager"]):
        region = api.content.create(
            container=portal,
            type="Region",
            id="region",
            title="Wirtschaftsregion Braunschweig",
            description="Das Netzwerk der Räte und Verwaltungen der Region.",
            quorum_supports=3,
            quorum_municipalities=2,
        )
        bs = api.content.create(
            container=region,
            type="Municipality",
            id="bs",
            title="Stadt Braunschweig",
            kind="kreisfreie_stadt",
            ags="03101000",
            population=251364,
            council_name="Rat der Stadt Braunschweig",
            website="https://www.braunschweig.de/politik/rat/ausschuesse/wirtschaft-und-digitalisierung.php",
        )
        pe = api.content.create(
            container=region,
            type="Municipality",
            id="pe",
            title="Landkreis Peine",
            kind="landkreis",
            ags="03157",
        )
        api.group.add_user(groupname=membership.editors_group_id(bs), username="redakteur")
        for number, (first, last) in enumerate(SKILLED_IN_BS):
            fields = {"party": ("SPD", "CDU", "Bündnis 90/Die Grünen")[number % 3], "topics": ["fachkraefte"]}
            if first == "Anna":
                fields.update(
                    user_id="anna",
                    function="ratsmitglied",
                    committees=["Ausschuss für Wirtschaft und Digitalisierung", "Finanzausschuss"],
                    topics=["fachkraefte", "digitalisierung"],
                    email="anna.beispiel@braunschweig.example",
                    phone="+49 531 470-1234",
                )
                _record(bs, "anna", first, last, "public", **fields)
            elif first == "Carl":
                _record(bs, "claus", first, last, user_id="carl", **fields)
            elif first == "Berta":
                _record(bs, "berta", first, last, "network", email="berta@example.org", **fields)
            else:
                _record(bs, last.lower().replace("ä", "ae").replace("ü", "ue"), first, last, **fields)
        _record(bs, "otto", "Otto", "Ohnethema", party="FDP", topics=["tourismus"])
        _record(pe, "jonas", "Jonas", "Muster", user_id="jonas", party="SPD", topics=["fachkraefte"])
        pending = api.content.create(
            container=bs, type="Representative", id="neu", first_name="Nora", last_name="Neu", party="SPD"
        )
        forum = api.content.create(container=region, type="Forum", id="forum", title="Fachkräfte")
        api.content.transition(obj=forum, transition="publish")
        thread = api.content.create(
            container=forum,
            type="Thread",
            id="azubis",
            title="Gemeinsame Ausbildungsmesse",
            text="<p>Wer macht mit?</p>",
        )
        proposal = api.content.create(
            container=region,
            type="ExchangeProposal",
            id="messe",
            title="Regionale Ausbildungsmesse",
            description="Eine gemeinsame Messe für Auszubildende der ganzen Region.",
            lead_organiser=bs.UID(),
        )
        api.content.transition(obj=proposal, transition="submit")
        api.content.transition(obj=proposal, transition="open_discussion")
        submitted = api.content.create(
            container=region, type="ExchangeProposal", id="pendler", title="Pendlerportal"
        )
        api.content.transition(obj=submitted, transition="submit")
        accepted = api.content.create(
            container=region,
            type="ExchangeProposal",
            id="hospitation",
            title="Hospitation in der Wirtschaftsförderung",
            lead_organiser=bs.UID(),
        )
        api.content.transition(obj=accepted, transition="submit")
        api.content.transition(obj=accepted, transition="open_discussion")
    with api.env.adopt_user(username="anna"):
        add_support(proposal)
        add_post(thread, "<p>Braunschweig ist dabei.</p>")
    for user_id in ("anna", "carl", "jonas"):
        with api.env.adopt_user(username=user_id):
            add_support(accepted)
    with api.env.adopt_roles(["Manager"]):
        api.content.transition(obj=accepted, transition="accept")
        berlin = pytz.timezone("Europe/Berlin")  # as plone.app.event stores dates
        start = berlin.localize(datetime.combine(date.today() + timedelta(days=21), time(17)))
        api.content.create(
            container=accepted,
            type="Meeting",
            id="vorbereitung",
            title="Erste Hospitation",
            start=start,
            end=start + timedelta(hours=2),
            location="Rathaus Braunschweig, Platz der Deutschen Einheit 1",
        )

    def path(obj):
        return "/" + "/".join(obj.getPhysicalPath()[len(portal.getPhysicalPath()) :])

    return {
        "region": path(region),
        "directory": path(region) + "/@@directory",
        "bs": path(bs),
        "pe": path(pe),
        "anna": path(bs["anna"]),
        "berta": path(bs["berta"]),
        "pending": path(pending),
        "bs_uid": bs.UID(),
    }


@pytest.fixture(scope="module")
def network(functional_session):
    MODULE_LAYER.testSetUp()
    try:
        paths = _build(MODULE_LAYER["portal"])
        transaction.commit()
        yield paths
    finally:
        MODULE_LAYER.testTearDown()


@pytest.fixture(scope="module")
def storage_states(network, functional_session, browser, browser_context_args):
    """The cookies of each person, who logged in through Plone's login form once per module.

    They log in here, before any test: Plone keeps a keyring per user for its session cookies and
    makes it at the first login, so a login inside a test would write it into that test's
    DemoStorage and the cookie would be worthless in the next test.
    """
    site = f"http://localhost:{functional_session['port']}/plone"
    states = {}
    for user_id in PEOPLE:
        context = browser.new_context(**browser_context_args)
        try:
            page = context.new_page()
            page.goto(f"{site}/login")
            page.locator("#__ac_name").fill(user_id)
            page.locator("#__ac_password").fill(PASSWORD)
            with page.expect_navigation():
                page.locator("#buttons-login").click()
            state = context.storage_state()
        finally:
            context.close()
        assert any(c["name"] == "__ac" for c in state["cookies"]), f"{user_id} could not log in"
        states[user_id] = state
    return states.__getitem__


@pytest.fixture
def as_user(network, site_url, new_context, storage_states):
    def as_user(user_id=None, **context_args):
        if user_id is not None:
            context_args["storage_state"] = storage_states(user_id)
        return new_context(**context_args).new_page()

    return as_user


@pytest.fixture(scope="module")
def baselines(axe_baselines):
    """What our pages are judged against: the harness's recorded baseline and Plone's markup above."""
    return {
        "anonymous": merged(axe_baselines["anonymous"], EVENTS_PORTLET),
        "authenticated": merged(axe_baselines["authenticated"], TOOLBAR, EVENTS_PORTLET),
    }


@pytest.fixture
def url(network, site_url):
    def url(name, suffix=""):
        return site_url + network.get(name, name) + suffix

    return url


def assert_fits_a_phone(page):
    """At 375 px nothing scrolls sideways (the viewport is restored afterwards)."""
    viewport = page.viewport_size
    page.set_viewport_size({"width": 375, "height": 900})
    try:
        width = page.evaluate("() => document.documentElement.scrollWidth")
        assert width <= 375, f"{page.url} overflows at 375 px: {width} px wide"
    finally:
        page.set_viewport_size(viewport)


def query_of(page):
    return parse_qs(urlsplit(page.url).query)


# -- the journey ---------------------------------------------------------------------------------------


def test_anonymous_finds_representatives_and_downloads_them(
    as_user, url, network, baselines, screenshot, assert_no_new_violations
):
    page = as_user()

    # the dashboard
    page.goto(url("region"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Wirtschaftsregion Braunschweig")
    for heading in (
        "Offene Vorschläge",
        "Mitgliedskommunen",
        "Zuletzt aktive Diskussionen",
        "Nächste Austauschtreffen",
    ):
        expect(page.get_by_role("heading", level=2, name=heading)).to_be_visible()
    supports = page.get_by_role(
        "progressbar", name=re.compile(r"Regionale Ausbildungsmesse, Unterstützungen")
    )
    expect(supports).to_have_attribute("value", "1")
    expect(supports).to_have_attribute("max", "3")
    expect(page.locator("#ra-open-proposals")).to_contain_text(
        "Für das Quorum fehlen noch 2 Unterstützungen."
    )
    expect(page.locator("#ra-open-proposals")).not_to_contain_text("Pendlerportal")  # submitted: editors only
    expect(page.locator("#ra-recent-threads")).to_contain_text("Gemeinsame Ausbildungsmesse")
    expect(page.locator("#ra-recent-threads")).to_contain_text("1 Beitrag")
    meetings = page.locator("#ra-upcoming-meetings")
    expect(meetings).to_contain_text("Rathaus Braunschweig")
    expect(meetings.locator("time")).to_have_text(re.compile(r"^\d\d\.\d\d\.\d{4} 17:00$"))  # Berlin
    expect(page.locator("#ra-moderation-link")).to_have_count(0)
    braunschweig = page.get_by_role("link", name="13 Vertreter*innen von Stadt Braunschweig im Verzeichnis")
    expect(braunschweig).to_be_visible()
    assert_fits_a_phone(page)
    assert_no_new_violations(page, baseline=baselines["anonymous"])
    screenshot(page, "directory-journey-1-dashboard")

    # into the directory
    with page.expect_navigation():
        page.locator("#ra-directory-link").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Verzeichnis der Vertreter*innen")
    assert page.title().startswith("Verzeichnis der Vertreter*innen – Wirtschaftsregion Braunschweig")
    expect(page.locator("#ra-results-summary")).to_have_text("14 Vertreter*innen gefunden.")

    # filter by municipality and topic, ten to a page
    page.get_by_label("Gebietskörperschaft").select_option(label="Stadt Braunschweig")
    page.get_by_label("Thema").select_option(label="Fachkräfte")
    page.get_by_label("Treffer pro Seite").select_option("10")
    with page.expect_navigation():
        page.get_by_role("button", name="Filter anwenden").click()
    query = query_of(page)
    assert query["municipality"] == [network["bs_uid"]]
    assert query["topic"] == ["fachkraefte"]
    assert "_authenticator" not in query
    summary = page.locator("#ra-results-summary")
    expect(summary).to_have_text("12 Vertreter*innen gefunden, 1 bis 10 angezeigt (Seite 1 von 2).")
    entries = page.locator(".ra-entry")
    expect(entries).to_have_count(10)
    expect(entries.first.get_by_role("heading", level=3)).to_have_text("Anna Beispiel")
    expect(entries.first).to_contain_text("anna.beispiel@braunschweig.example")  # public
    expect(page.locator(".ra-entries")).not_to_contain_text("berta@example.org")  # network only
    expect(page.locator(".ra-entries")).not_to_contain_text("Otto Ohnethema")
    expect(page.get_by_label("Gebietskörperschaft")).to_have_value(network["bs_uid"])
    expect(page.get_by_label("Thema")).to_have_value("fachkraefte")
    assert_fits_a_phone(page)
    assert_no_new_violations(page, baseline=baselines["anonymous"])
    screenshot(page, "directory-journey-2-filtered")

    # the next page keeps the filters
    pagination = page.get_by_role("navigation", name="Seiten der Ergebnisse")
    expect(pagination.locator("[aria-current=page]")).to_have_text("Seite 1")
    with page.expect_navigation():
        pagination.get_by_role("link", name="Nächste Seite").click()
    query = query_of(page)
    assert (query["b_start"], query["b_size"], query["topic"]) == (["10"], ["10"], ["fachkraefte"])
    expect(summary).to_have_text("12 Vertreter*innen gefunden, 11 bis 12 angezeigt (Seite 2 von 2).")
    expect(entries).to_have_count(2)
    expect(entries.get_by_role("heading", level=3)).to_have_text(["Karla Kühn", "Ludwig Lange"])
    expect(pagination.locator("[aria-current=page]")).to_have_text("Seite 2")
    assert "Seite 2 von 2" in page.title()
    screenshot(page, "directory-journey-3-page-2")

    # the CSV: every row of these filters, not only this page's
    with page.expect_download() as download_info:
        page.locator("#ra-csv-link").click()
    download = download_info.value
    assert download.suggested_filename == "verzeichnis.csv"
    text = Path(download.path()).read_text(encoding="utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert rows[0][:3] == ["Name", "Gebietskörperschaft", "Partei oder Fraktion"]
    assert [row[0] for row in rows[1:]] == [f"{first} {last}" for first, last in SKILLED_IN_BS]
    anna = rows[1]
    assert "anna.beispiel@braunschweig.example" in anna
    assert "berta@example.org" not in text  # network only: not for anonymous

    # a refused filter is named at its field, in German, and the page stays a page
    response = page.goto(url("directory", "?topic=kochen&municipality=" + network["bs_uid"]))
    assert response.status == 200
    topic = page.get_by_label("Thema")
    expect(topic).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#ra-filter-topic-error")).to_have_text("„kochen“ ist kein bekanntes Thema.")
    expect(topic).to_have_accessible_description("„kochen“ ist kein bekanntes Thema.")
    expect(page.locator("#ra-filter-error-summary a")).to_have_attribute("href", "#ra-filter-topic")
    assert page.title().startswith("Fehler: ")
    assert_fits_a_phone(page)
    assert_no_new_violations(page, baseline=baselines["anonymous"])
    screenshot(page, "directory-journey-4-refused-filter")

    # from the dashboard to a municipality, and on to a representative's card
    page.goto(url("region"))
    with page.expect_navigation():
        page.locator("#ra-municipalities").get_by_role("link", name="Stadt Braunschweig", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Stadt Braunschweig")
    expect(page.locator(".ra-facts")).to_contain_text("251.364")
    expect(page.locator(".ra-facts")).to_contain_text("Niedersachsen")
    table = page.get_by_role("table", name="13 aktive Vertreter*innen")
    expect(table).to_be_visible()
    expect(page.locator("#ra-add-representative")).to_have_count(0)
    expect(page.get_by_text("Nora Neu")).to_have_count(0)  # pending: not in the list
    with page.expect_navigation():
        table.get_by_role("link", name="Anna Beispiel").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Anna Beispiel")
    expect(page.locator("#ra-contact")).to_contain_text("anna.beispiel@braunschweig.example")
    expect(page.locator("#ra-record-state")).to_have_count(0)


# -- axe-core on each view, anonymous and logged in, at both widths --------------------------------------

#: (id, user, place, suffix)
VIEWS = [
    ("dashboard-anonymous", None, "region", ""),
    ("directory-anonymous", None, "directory", ""),
    ("municipality-anonymous", None, "bs", ""),
    ("representative-anonymous", None, "anna", ""),
    ("dashboard-member", "anna", "region", ""),
    ("directory-member", "anna", "directory", "?topic=fachkraefte&b_size=10&b_start=10"),
    ("directory-member-refused", "anna", "directory", "?q=" + "x" * 201),
    ("municipality-member", "anna", "bs", ""),
    ("representative-member", "anna", "berta", ""),
    ("dashboard-editor", "redakteur", "region", ""),
    ("municipality-editor", "redakteur", "bs", ""),
    ("representative-editor-pending", "redakteur", "pending", ""),
]


@pytest.mark.parametrize(("user", "place", "suffix"), [pytest.param(*case[1:], id=case[0]) for case in VIEWS])
def test_view_is_accessible_and_fits_a_phone(
    request, as_user, url, baselines, assert_no_new_violations, screenshot, user, place, suffix
):
    page = as_user(user)
    response = page.goto(url(place, suffix))
    assert response.ok, f"{response.status} at {page.url}"
    assert not re.search(r"/(login|require_login|insufficient-privileges)\b", page.url), page.url
    baseline = baselines["anonymous" if user is None else "authenticated"]
    for width in (375, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        if width == 375:
            scroll_width = page.evaluate("() => document.documentElement.scrollWidth")
            assert scroll_width <= 375, f"{page.url} overflows at 375 px: {scroll_width} px wide"
        assert_no_new_violations(page, baseline=baseline)
    screenshot(page, f"directory-view-{request.node.callspec.id}")


def test_what_the_logged_in_see(as_user, url, network):
    """A network member sees contact details for the network; the municipal editor adds records and
    sees a pending record's state; the submitted proposal is for the editors."""
    member = as_user("anna")
    member.goto(url("berta"))
    expect(member.locator("#ra-contact")).to_contain_text("berta@example.org")
    member.goto(url("directory", "?q=Brandt"))
    expect(member.locator(".ra-entry")).to_contain_text("berta@example.org")

    editor = as_user("redakteur")
    editor.goto(url("bs"))
    add = editor.get_by_role("link", name="Vertreter*in hinzufügen")
    expect(add).to_have_attribute("href", re.compile(r"/bs/\+\+add\+\+Representative$"))
    editor.goto(url("pending"))
    expect(editor.locator("#ra-record-state")).to_have_text("Wartet auf Freigabe")
