"""The journeys of issue 11 in a real browser: a proposal goes from draft to realised (submitted by its
author through Plone's workflow menu, opened by an editor, supported by two members, accepted with a
statement, refused as realised while a council's resolution is missing, then realised anyway with a
reason), and the author reads the reason of a rejected proposal. The decision form, the proposal page
with its decision and path, the municipality page with the resolutions still to be taken and the
meeting page are checked with axe-core at 375 and 1280 px.
"""

from datetime import datetime
from datetime import timedelta
from playwright.sync_api import expect
from plone import api
from plone.app.testing import SITE_OWNER_NAME
from plone.app.textfield.value import RichTextValue
from regionaustausch.decisions import decision_records
from tests.browser.test_journeys import PORTLETS
from tests.browser.test_journeys import TOOLBAR
from tests.browser.test_journeys import merged
import pytest
import pytz
import re
import transaction


PASSWORD = "Geheim-Vorschlag-1"
BERLIN = pytz.timezone("Europe/Berlin")


def _member(municipality, user_id, first_name, last_name):
    record = api.content.create(
        container=municipality,
        type="Representative",
        title=user_id,
        first_name=first_name,
        last_name=last_name,
        user_id=user_id,
    )
    api.content.transition(obj=record, transition="approve")


@pytest.fixture
def network(site_url, functional_portal):
    """A Region (quorum 2 from 2) with Braunschweig and Peine, members anna and jonas, the editor
    erika; anna's draft needs a resolution of each council (Braunschweig's adopted, Peine's open)."""
    portal = functional_portal
    api.portal.set_registry_record("plone.default_language", "de")
    api.portal.set_registry_record("plone.available_languages", ["de"])
    with api.env.adopt_user(SITE_OWNER_NAME):
        for user_id, roles, fullname in (
            ("anna", ("Member",), "Anna Beispiel"),
            ("jonas", ("Member",), "Jonas Muster"),
            ("erika", ("Member", "Editor"), "Erika Redaktion"),
        ):
            api.user.create(
                email=f"{user_id}@example.invalid",
                username=user_id,
                password=PASSWORD,
                roles=roles,
                properties={"fullname": fullname},
            )
    with api.env.adopt_roles(["Manager"]):
        region = api.content.create(
            container=portal,
            type="Region",
            id="region",
            title="Testregion",
            quorum_supports=2,
            quorum_municipalities=2,
        )
        bs = api.content.create(
            container=region,
            type="Municipality",
            id="bs",
            title="Stadt Braunschweig",
            kind="kreisfreie_stadt",
            ags="03101000",
        )
        pe = api.content.create(
            container=region,
            type="Municipality",
            id="pe",
            title="Landkreis Peine",
            kind="landkreis",
            ags="03157",
        )
        _member(bs, "anna", "Anna", "Beispiel")
        _member(pe, "jonas", "Jonas", "Muster")
    rows = [
        {
            "municipality": bs.UID(),
            "body": "Rat der Stadt Braunschweig",
            "kind": "ratsbeschluss",
            "status": "gefasst",
            "status_date": None,
            "reference": "22-18940",
            "url": "https://ratsinfo.braunschweig.de/vo0050.asp?__kvonr=18940",
        },
        {
            "municipality": pe.UID(),
            "body": "Kreistag Peine",
            "kind": "kreistagsbeschluss",
            "status": "offen",
            "status_date": None,
            "reference": "",
            "url": "",
        },
    ]
    with api.env.adopt_user(username="anna"):
        proposal = api.content.create(
            container=region,
            type="ExchangeProposal",
            id="vernetzung",
            title="Regionale Vernetzung",
            lead_organiser=bs.UID(),
            required_resolutions=rows,
        )
    transaction.commit()
    return {
        "portal": portal,
        "proposal": f"{site_url}/region/vernetzung",
        "bs": f"{site_url}/region/bs",
        "pe": f"{site_url}/region/pe",
        "obj": proposal,
    }


@pytest.fixture
def baselines(axe_baselines):
    return {
        "anonymous": merged(axe_baselines["anonymous"], PORTLETS),
        "authenticated": merged(axe_baselines["authenticated"], TOOLBAR, PORTLETS),
    }


def check(page, assert_no_new_violations, baseline):
    """axe-core at 375 and 1280 px; nothing wider than a phone at 375 px."""
    for width in (375, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        if width == 375:
            scroll_width = page.evaluate("() => document.documentElement.scrollWidth")
            assert scroll_width <= 375, f"{page.url} overflows at 375 px: {scroll_width} px wide"
        assert_no_new_violations(page, baseline=baseline)


def workflow_menu(page, transition):
    """Take a transition through Plone's workflow menu in the toolbar."""
    page.locator("#plone-contentmenu-workflow > a").click()
    with page.expect_navigation():
        page.locator(f"#workflow-transition-{transition}").click()


def state_badge(page):
    return page.locator(".ra-proposal > .ra-meta .ra-badge")


def test_a_proposal_from_draft_to_realised(
    network, new_page, screenshot, assert_no_new_violations, baselines, functional_portal
):
    url = network["proposal"]

    # the author submits her draft through the workflow menu
    anna = new_page("anna", PASSWORD)
    anna.goto(url)
    expect(state_badge(anna)).to_have_text("Entwurf")
    workflow_menu(anna, "submit")
    expect(state_badge(anna)).to_have_text("Eingereicht")

    # the editor opens the discussion
    erika = new_page("erika", PASSWORD)
    erika.goto(url)
    workflow_menu(erika, "open_discussion")
    expect(state_badge(erika)).to_have_text("In Diskussion")

    # two members from two municipalities support it
    for page in (anna, new_page("jonas", PASSWORD)):
        page.goto(url)
        page.locator("#ra-support-button").click()
        expect(page.locator("#ra-support-notice")).not_to_be_empty()
    erika.goto(url)
    expect(erika.locator("#ra-quorum-status")).to_contain_text("Das Quorum ist erreicht")

    # the editor accepts it with a statement, through the page's decision link
    with erika.expect_navigation():
        erika.locator("#ra-decide-accept").click()
    expect(erika.get_by_role("heading", level=1)).to_contain_text("Annehmen")
    check(erika, assert_no_new_violations, baselines["authenticated"])
    screenshot(erika, "journey-11-accept-form")
    erika.locator("#ra-decision-comment").fill("Wir freuen uns auf den Austausch der Region.")
    with erika.expect_navigation():
        erika.locator("#ra-decision-submit").click()
    expect(state_badge(erika)).to_have_text("Angenommen")
    decision = erika.locator("#ra-decision")
    expect(decision).to_contain_text("Wir freuen uns auf den Austausch der Region.")
    expect(decision).to_contain_text("Redaktion (Erika Redaktion)")

    # realising is refused while Peine's council has not decided; the form says so and offers the
    # override
    with erika.expect_navigation():
        erika.locator("#ra-decide-realise").click()
    expect(erika.locator("#ra-decision-blocked")).to_contain_text("Landkreis Peine")
    with erika.expect_navigation():
        erika.locator("#ra-decision-submit").click()
    expect(erika.locator("#ra-decision-refused")).to_contain_text("Landkreis Peine")
    check(erika, assert_no_new_violations, baselines["authenticated"])
    screenshot(erika, "journey-11-realise-refused")
    with erika.expect_navigation():
        erika.locator("#ra-decision-anyway a").click()
    # the override's reason is required: the browser asks first, the server refuses blanks
    erika.locator("#ra-decision-comment").fill("   ")
    with erika.expect_navigation():
        erika.locator("#ra-decision-submit").click()
    comment = erika.locator("#ra-decision-comment")
    expect(comment).to_have_attribute("aria-invalid", "true")
    expect(comment).to_have_attribute("aria-describedby", re.compile(r"\bra-decision-error\b"))
    expect(erika.locator("#ra-decision-error")).to_contain_text("Bitte geben Sie an, warum")
    check(erika, assert_no_new_violations, baselines["authenticated"])
    comment.fill("Das Treffen fand statt; der Kreistag Peine berät im März.")
    with erika.expect_navigation():
        erika.locator("#ra-decision-submit").click()
    expect(state_badge(erika)).to_have_text("Umgesetzt")

    # everyone reads the path: every state, the supports, the decisions with their texts
    visitor = new_page()
    visitor.goto(url)
    expect(visitor.locator("#ra-decision")).to_contain_text("der Kreistag Peine berät im März")
    path = visitor.locator("#ra-timeline")
    for words in (
        "Entwurf",
        "Eingereicht",
        "In Diskussion",
        "Erste Unterstützung",
        "Quorum erreicht",
        "Angenommen",
        "Wir freuen uns auf den Austausch der Region.",
        "Umgesetzt",
    ):
        expect(path).to_contain_text(words)
    check(visitor, assert_no_new_violations, baselines["anonymous"])
    screenshot(visitor, "journey-11-realised-path")
    transaction.begin()
    proposal = functional_portal.unrestrictedTraverse("region/vernetzung")
    assert api.content.get_state(proposal) == "realised"
    assert [record["transition"] for record in decision_records(proposal)] == ["accept", "realise_anyway"]


def test_the_author_reads_the_reason_of_a_rejected_proposal(
    network, new_page, screenshot, assert_no_new_violations, baselines
):
    url = network["proposal"]
    with api.env.adopt_user(username="anna"):
        api.content.transition(obj=network["obj"], transition="submit")
    transaction.commit()

    erika = new_page("erika", PASSWORD)
    erika.goto(url)
    with erika.expect_navigation():
        erika.locator("#ra-decide-reject").click()
    # a reason is required: the server refuses one without visible text, at the field
    erika.locator("#ra-decision-comment").fill("<p><script>alert(1)</script></p>")
    with erika.expect_navigation():
        erika.locator("#ra-decision-submit").click()
    expect(erika.locator("#ra-decision-error")).to_contain_text("warum der Vorschlag abgelehnt wird")
    erika.locator("#ra-decision-comment").fill("Für dieses Jahr fehlen der Region die Mittel.")
    with erika.expect_navigation():
        erika.locator("#ra-decision-submit").click()
    expect(state_badge(erika)).to_have_text("Abgelehnt")

    anna = new_page("anna", PASSWORD)
    anna.goto(url)
    decision = anna.locator("#ra-decision")
    expect(decision).to_contain_text("Abgelehnt")
    expect(decision).to_contain_text("Für dieses Jahr fehlen der Region die Mittel.")
    expect(decision).to_contain_text("Redaktion (Erika Redaktion)")
    expect(decision).not_to_contain_text("erika@")
    check(anna, assert_no_new_violations, baselines["authenticated"])
    screenshot(anna, "journey-11-author-reads-the-reason")


def test_municipality_and_meeting_pages(network, new_page, screenshot, assert_no_new_violations, baselines):
    proposal = network["obj"]
    with api.env.adopt_roles(["Manager"]):
        for name in ("submit", "open_discussion"):
            api.content.transition(obj=proposal, transition=name)
        # meetings come after the acceptance; here the proposal stays in discussion (its resolutions
        # are what the municipality page lists), so the Manager is let add one
        for permission in ("regionaustausch: Add Meeting", "Add portal content"):
            proposal.manage_permission(permission, ["Manager"], acquire=False)
        now = datetime.now(BERLIN).replace(microsecond=0)
        api.content.create(
            container=proposal,
            type="Meeting",
            id="treffen",
            title="Erstes Austauschtreffen",
            start=now - timedelta(days=1, hours=2),
            end=now - timedelta(days=1),
            location="Kreishaus Peine",
            host_municipality=proposal.required_resolutions[1]["municipality"],
            agenda=RichTextValue(
                "<ol><li>Begrüßung</li><li>Pendlerströme</li></ol>", "text/html", "text/x-html-safe"
            ),
            minutes=RichTextValue("<p>Vierteljährlich weiter.</p>", "text/html", "text/x-html-safe"),
        )
    transaction.commit()

    visitor = new_page()
    visitor.goto(network["pe"])
    table = visitor.locator(".ra-open-resolutions")
    expect(table).to_contain_text("Regionale Vernetzung")
    expect(table).to_contain_text("Kreistag Peine")
    check(visitor, assert_no_new_violations, baselines["anonymous"])
    screenshot(visitor, "view-municipality-open-resolutions")

    visitor.goto(f"{network['proposal']}/treffen")
    expect(visitor.get_by_role("heading", level=1)).to_have_text("Erstes Austauschtreffen")
    expect(visitor.locator(".ra-meeting")).to_contain_text("Kreishaus Peine")
    expect(visitor.locator(".ra-meeting")).to_contain_text("Landkreis Peine")
    expect(visitor.locator("#ra-meeting-proposal")).to_have_text("Regionale Vernetzung")
    expect(visitor.locator("#ra-meeting-ical")).to_have_attribute("href", re.compile(r"/treffen/ics_view$"))
    expect(visitor.locator(".ra-minutes")).to_contain_text("Vierteljährlich weiter.")
    check(visitor, assert_no_new_violations, baselines["anonymous"])
    screenshot(visitor, "view-meeting")
