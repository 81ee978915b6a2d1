"""The journeys of issue 6 in a real browser: an editor adds a municipality and a representative
through Plone's add forms, a member replies and quotes, a member supports a proposal with and without
JavaScript, a moderator hides a post with a reason, anonymous reads the public forum only.

Then axe-core on each of our views (anonymous, member, editor, moderator) and on the add forms of our
types, at 375 and 1280 px, with no sideways scrolling at 375 px.

The network (a Region with the quorum 2/2, two municipalities, members, a public, an internal and a
pre-moderated forum, a thread with a published and a hidden post, a proposal in discussion, an
accepted one with a meeting) is built once per module, in a DemoStorage of its own between the
layer's and each test's (see ``network``); every test still starts from that state, because the
functional layer stacks its per-test DemoStorage on top and drops it afterwards. The people log in
once per module, through Plone's login form; every test reuses their cookies (``as_user``).
"""

from datetime import date
from datetime import datetime
from datetime import time
from datetime import timedelta
from playwright.sync_api import expect
from plone import api
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import FunctionalTesting
from plone.testing.zope import WSGI_SERVER_FIXTURE
from regionaustausch.discussions import add_post
from regionaustausch.supports import add_support
from regionaustausch.supports import storage
from regionaustausch.testing import REGIONAUSTAUSCH_FIXTURE
import pytest
import pytz
import re
import transaction


PASSWORD = "Geheim-Journeys-1"

# A second FunctionalTesting instance: its testSetUp pushes a DemoStorage of its own onto the
# stack of `zodbDB`, below the one that the `functional` fixture pushes for every test.
MODULE_LAYER = FunctionalTesting(
    bases=(REGIONAUSTAUSCH_FIXTURE, WSGI_SERVER_FIXTURE),
    name="RegionaustauschLayer:BrowserJourneys",
)

#: user id -> (global roles, municipality id or None, first name, last name)
PEOPLE = {
    "anna": ((), "bs", "Anna", "Beispiel"),
    "jonas": ((), "pe", "Jonas", "Muster"),
    "moderatorin": (("Reviewer",), None, None, None),
    "redakteurin": (("Site Administrator",), None, None, None),
    "aussen": ((), None, None, None),
}

# -- what axe excuses beyond the harness's recorded baseline (conftest.py) ----------------------------
#
# Each entry is Plone's markup, not ours, found on our pages; each is a CSS selector that matches only
# the element of Plone (or of a widget it ships) that axe reported, so an element of ours never
# matches by accident. `test_every_exclusion_still_occurs` fails when one is no longer needed.

#: Plone's toolbar (plone.app.contentmenu): on our content a network member sees the workflow menu
#: as "State: Public" without transitions; below 768 px the toolbar hides its labels, so the link
#: is empty (the harness records the same for the toolbar's other links, on Plone's own pages).
TOOLBAR = {"link-name": ("#edit-zone #plone-contentmenu-workflow > a.nav-link",)}

#: plone.app.event's "Upcoming events" portlet (Plone's default portlet in the right column), shown on
#: every page as soon as an upcoming event exists, here a Meeting: its header and footer links are
#: Barceloneta's link blue (#007bb1) on the card's grey (#f8f8f9), 4.42:1
PORTLETS = {
    "color-contrast": (
        ".portletEvents > .portletHeader > a.tile",
        ".portletEvents > .portletFooter > a.tile",
    )
}

#: The add and edit forms of our types are Plone's (plone.dexterity, z3c.form, plone.app.z3cform);
#: the widgets and their markup are Plone's and its add-ons':
ADD_FORMS = {
    "label": (
        # plone.formwidget.namedfile: the field's <label for="form-widgets-logo"> points at the
        # widget's wrapper <div>, not at its <input type=file id="form-widgets-logo-input">
        ".named-image-widget > input[type=file]",
        # collective.z3cform.datagridfield: the column headers are <th><label> without `for`; the
        # inputs of its rows have no label of their own
        ".pat-datagridfield .datagridwidget-cell > input",
    ),
    "select-name": (
        ".pat-datagridfield .datagridwidget-cell > select",  # the same, for the rows' selects
        # z3c.form's ordered-select widget (from/to lists) names neither of its <select>s
        ".ordered-selection-field select",
        # plone.app.textfield: the text format selector next to a rich text field has no label
        "select.pat-textareamimetypeselector",
    ),
    # TinyMCE (mockup's pat-tinymce): the editor's iframe has no title, its resize handle is a
    # role=separator without aria-valuenow
    "frame-title": (".tox-tinymce iframe.tox-edit-area__iframe",),
    "aria-required-attr": (".tox-tinymce .tox-statusbar__resize-handle",),
    # plone.app.z3cform's error summary of a refused form (errors not bound to one field, such as
    # an invariant's): Barceloneta's red (#dc3545) on the alert's pink (#f8d7da), 3.39:1
    "color-contrast": (".portalMessage.statusmessage-error .field.error li > .invalid-feedback",),
}

OUR_EXCLUSIONS = {
    (rule, selector)
    for extra in (TOOLBAR, PORTLETS, ADD_FORMS)
    for rule, selectors in extra.items()
    for selector in selectors
}


def merged(*baselines):
    rules = {}
    for baseline in baselines:
        for rule, selectors in baseline.items():
            rules[rule] = (*rules.get(rule, ()), *selectors)
    return rules


@pytest.fixture(scope="module")
def baselines(axe_baselines):
    """The baselines our pages are judged against: the harness's, plus the exclusions above."""
    return {
        "anonymous": merged(axe_baselines["anonymous"], PORTLETS),
        "authenticated": merged(axe_baselines["authenticated"], TOOLBAR, PORTLETS),
        "add_form": merged(axe_baselines["authenticated"], TOOLBAR, PORTLETS, ADD_FORMS),
    }


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
    return record


def _build(portal):
    """The network; returns the paths (below the site) the tests use."""
    with api.env.adopt_user(SITE_OWNER_NAME):
        for user_id, (roles, *_rest) in PEOPLE.items():
            api.user.create(
                email=f"{user_id}@example.invalid",
                username=user_id,
                password=PASSWORD,
                roles=("Member", *roles),
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
        municipalities = {
            "bs": api.content.create(
                container=region,
                type="Municipality",
                id="bs",
                title="Stadt Braunschweig",
                kind="kreisfreie_stadt",
                ags="03101000",
            ),
            "pe": api.content.create(
                container=region,
                type="Municipality",
                id="pe",
                title="Landkreis Peine",
                kind="landkreis",
                ags="03157",
            ),
        }
        for user_id, (_roles, municipality, first_name, last_name) in PEOPLE.items():
            if municipality:
                _member(municipalities[municipality], user_id, first_name, last_name)
        forum = api.content.create(container=region, type="Forum", id="forum", title="Gewerbeflächen")
        api.content.transition(obj=forum, transition="publish")
        internal = api.content.create(container=region, type="Forum", id="internal", title="Intern")
        moderated = api.content.create(
            container=region, type="Forum", id="moderated", title="Moderiert", premoderation=True
        )
        thread = api.content.create(
            container=forum,
            type="Thread",
            id="thread",
            title="Flächen an der A2",
            text="<p>Wer hat Flächen an der A2?</p>",
        )
        api.content.create(
            container=internal,
            type="Thread",
            id="vertraulich",
            title="Haushalt 2027",
            text="<p>Nur für das Netzwerk.</p>",
        )
        moderated_thread = api.content.create(
            container=moderated,
            type="Thread",
            id="thread",
            title="Erst prüfen",
            text="<p>Beiträge werden vorab geprüft.</p>",
        )
        proposal = api.content.create(
            container=region,
            type="ExchangeProposal",
            id="proposal",
            title="Regionale Vernetzung",
            required_resolutions=[
                {
                    "body": "Rat der Stadt Braunschweig",
                    "kind": "ratsbeschluss",
                    "status": "eingebracht",
                    "reference": "22-18940",
                }
            ],
        )
        api.content.transition(obj=proposal, transition="submit")
        api.content.transition(obj=proposal, transition="open_discussion")
        accepted = api.content.create(
            container=region,
            type="ExchangeProposal",
            id="accepted",
            title="Gemeinsame Gewerbeflächenbörse",
            lead_organiser=municipalities["bs"].UID(),
            municipalities=[municipalities["bs"].UID(), municipalities["pe"].UID()],
        )
        api.content.transition(obj=accepted, transition="submit")
        api.content.transition(obj=accepted, transition="open_discussion")
    for user_id in ("anna", "jonas"):
        with api.env.adopt_user(username=user_id):
            add_support(accepted)
    with api.env.adopt_roles(["Manager"]):
        api.content.transition(obj=accepted, transition="accept")
        # plone.app.event's dates are pytz's (ZODB cannot pickle a zoneinfo timezone)
        berlin = pytz.timezone("Europe/Berlin")
        start = berlin.localize(datetime.combine(date.today() + timedelta(days=30), time(18)))
        api.content.create(
            container=accepted,
            type="Meeting",
            id="treffen",
            title="Erstes Austauschtreffen",
            start=start,
            end=start + timedelta(hours=2),
            location="Rathaus Peine",
        )
    with api.env.adopt_user(username="jonas"):
        post = add_post(thread, "<p>Peine hat 12 ha am Autobahnkreuz.</p>")
        pending = add_post(moderated_thread, "<p>Ein Beitrag, der auf Freigabe wartet.</p>")
    with api.env.adopt_user(username="anna"):
        hidden = add_post(thread, "<p>Ein Beitrag, der schon ausgeblendet ist.</p>")
    with api.env.adopt_roles(["Manager"]):
        api.content.transition(obj=hidden, transition="hide", comment="Doppelt gepostet.")
    assert api.content.get_state(pending) == "pending"

    def path(obj):
        return "/" + "/".join(obj.getPhysicalPath()[len(portal.getPhysicalPath()) :])

    return {
        "region": path(region),
        "forum": path(forum),
        "internal": path(internal),
        "thread": path(thread),
        "post": path(post),
        "post_uid": post.UID(),
        "hidden": path(hidden),
        "pending": path(pending),
        "moderated_thread": path(moderated_thread),
        "proposal": path(proposal),
        "accepted": path(accepted),
        "bs": path(municipalities["bs"]),
        "pe": path(municipalities["pe"]),
    }


@pytest.fixture(scope="module")
def network(functional_session):
    """Build the network once for the module, in a DemoStorage of its own; the paths below the site."""
    MODULE_LAYER.testSetUp()
    try:
        paths = _build(MODULE_LAYER["portal"])
        transaction.commit()
        yield paths
    finally:
        MODULE_LAYER.testTearDown()


@pytest.fixture(scope="module")
def storage_states(network, functional_session, browser, browser_context_args):
    """Every person logs in once per module through Plone's login form: their cookies, by user id.

    Before any test, in the module's storage: a login made inside a test's storage does not outlive
    the test (the next test's server refuses the cookie and shows the page to anonymous)."""
    site = f"http://localhost:{functional_session['port']}/plone"
    states = {}
    context = browser.new_context(**browser_context_args)
    try:
        page = context.new_page()
        for user_id in PEOPLE:
            context.clear_cookies()
            page.goto(f"{site}/login")
            page.locator("#__ac_name").fill(user_id)
            page.locator("#__ac_password").fill(PASSWORD)
            with page.expect_navigation():
                page.locator("#buttons-login").click()
            states[user_id] = context.storage_state()
            assert any(c["name"] == "__ac" for c in states[user_id]["cookies"]), f"{user_id} could not log in"
    finally:
        context.close()
    return states


@pytest.fixture
def as_user(network, site_url, new_context, storage_states):
    """A page of a person of the network (None: anonymous) in a context of its own."""

    def as_user(user_id=None, **context_args):
        if user_id is not None:
            context_args["storage_state"] = storage_states[user_id]
        return new_context(**context_args).new_page()

    return as_user


@pytest.fixture
def url(network, site_url):
    """``url("thread")``: the full URL of a place of the network (or of a path below the site)."""

    def url(name, suffix=""):
        return site_url + network.get(name, name) + suffix

    return url


def count_navigations(page):
    """A list that grows with every navigation of the page's main frame."""
    navigations = []
    page.on("framenavigated", lambda frame: frame == page.main_frame and navigations.append(frame.url))
    return navigations


# -- 1. an editor creates a municipality and a representative -----------------------------------------


def test_editor_creates_municipality_and_representative(
    as_user, url, functional_portal, screenshot, assert_no_new_violations, baselines
):
    page = as_user("redakteurin")
    page.goto(url("region", "/++add++Municipality"))
    page.locator("#form-widgets-IBasic-title").fill("Stadt Wolfsburg")
    page.locator("#form-widgets-kind").select_option("kreisfreie_stadt")
    page.locator("#form-widgets-ags").fill("0310300")  # seven digits: refused
    page.locator("#form-widgets-population").fill("125000")
    # a web address without scheme: the field's type (zope.schema.URI, <input type="url">) refuses it in
    # the browser already ...
    website = page.locator("#form-widgets-website")
    website.fill("wolfsburg.de")
    assert website.evaluate("(field) => field.validity.typeMismatch") is True
    # ... one the browser takes but our rule does not (a host without a domain) the server refuses
    website.fill("https://wolfsburg")
    with page.expect_navigation():
        page.locator("#form-buttons-save").click()
    # the AGS rule needs the kind (an invariant): z3c.form lists it in the form's error summary ...
    summary = page.locator("#content .portalMessage.statusmessage-error")
    expect(summary).to_contain_text("8 digits, not 7")
    # ... a rule of one field is shown at that field
    expect(page.locator("#formfield-form-widgets-website.error .invalid-feedback")).to_contain_text(
        "https://"
    )
    expect(page.locator("#form-widgets-ags")).to_have_value("0310300")  # nothing typed is lost
    screenshot(page, "journey-1-municipality-add-form-refused")
    assert_no_new_violations(page, baseline=baselines["add_form"])
    transaction.begin()
    region = functional_portal.unrestrictedTraverse(url("region").split("/plone/", 1)[1])
    assert "Stadt Wolfsburg" not in [m.title for m in region.objectValues()]

    page.locator("#form-widgets-ags").fill("03103000")
    page.locator("#form-widgets-website").fill("https://www.wolfsburg.de")
    with page.expect_navigation():
        page.locator("#form-buttons-save").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Stadt Wolfsburg")
    municipality_url = re.sub(r"/(view)?$", "", page.url)  # Plone lands on .../view
    screenshot(page, "journey-1-municipality")

    page.goto(f"{municipality_url}/++add++Representative")
    page.locator("#form-widgets-first_name").fill("Kim")
    page.locator("#form-widgets-last_name").fill("Neumann")
    page.locator("#form-widgets-party").fill("Unabhängige")
    with page.expect_navigation():
        page.locator("#form-buttons-save").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Kim Neumann")
    screenshot(page, "journey-1-representative")

    transaction.begin()
    [municipality] = [m for m in region.objectValues() if m.title == "Stadt Wolfsburg"]
    assert (municipality.kind, municipality.ags, municipality.population) == (
        "kreisfreie_stadt",
        "03103000",
        125000,
    )
    [representative] = municipality.objectValues()
    assert (representative.first_name, representative.last_name, representative.party) == (
        "Kim",
        "Neumann",
        "Unabhängige",
    )
    assert api.content.get_state(representative) == "pending"


# -- 2. a member replies and quotes ------------------------------------------------------------------


def test_member_replies_and_quotes(page, login, url, screenshot):
    login(page, "anna", PASSWORD, came_from=url("thread"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Flächen an der A2")
    page.locator("#ra-reply-text").fill("<p>Braunschweig hat 20 ha im Norden.</p>")
    with page.expect_navigation():
        page.locator("#ra-reply button[type=submit]").click()
    expect(page.locator(".portalMessage")).to_be_visible()
    first = page.locator(".ra-post").filter(has_text="Braunschweig hat 20 ha im Norden.")
    expect(first).to_have_count(1)
    first_id = first.get_attribute("id")
    expect(first.locator(".ra-post-header")).to_contain_text("Anna Beispiel")
    expect(first.locator(".ra-post-header")).to_contain_text("Stadt Braunschweig")

    with page.expect_navigation():
        first.locator("a[href*='quote=1']").click()
    textarea = page.locator("#ra-reply-text")
    expect(textarea).to_be_in_viewport()  # the link leads to the form
    expect(textarea).to_have_value(re.compile(r"<blockquote>.*Braunschweig hat 20 ha im Norden\.", re.S))
    expect(page.locator("#ra-reply input[name=in_reply_to]")).to_have_count(1)
    textarea.fill(textarea.input_value() + "<p>Und Peine sucht Partner.</p>")
    with page.expect_navigation():
        page.locator("#ra-reply button[type=submit]").click()

    posts = page.locator(f"#{first_id}, .ra-post:has-text('Und Peine sucht Partner.')")
    expect(posts).to_have_count(2)
    second = page.locator(".ra-post").filter(has_text="Und Peine sucht Partner.")
    expect(second.locator("blockquote")).to_contain_text("Braunschweig hat 20 ha im Norden.")
    for post in (page.locator(f"#{first_id}"), second):
        expect(post.locator(".ra-post-header")).to_contain_text("Anna Beispiel")
        expect(post.locator(".ra-post-header")).to_contain_text("Stadt Braunschweig")
        expect(post.locator(".ra-post-header time")).to_have_attribute("datetime", re.compile(r"^\d{4}-"))
    # "in reply to an earlier post" leads to the post it answers
    target = second.locator(".ra-reply-to").get_attribute("href")
    assert page.locator(target).evaluate("e => e.closest('.ra-post').id") == first_id
    screenshot(page, "journey-2-thread-reply-and-quote")


# -- 3. a member supports a proposal, with and without JavaScript -------------------------------------


def test_member_supports_without_reload(
    as_user, url, functional_portal, screenshot, assert_no_new_violations, baselines
):
    page = as_user("anna")
    page.goto(url("proposal"))
    supports = page.locator("#ra-progress-supports")
    municipalities = page.locator("#ra-progress-municipalities")
    button = page.locator("#ra-support-button")
    action = page.locator(".ra-support-form input[name=action]")
    expect(supports).to_have_attribute("value", "0")
    expect(supports).to_have_attribute("max", "2")
    expect(action).to_have_value("support")
    page.evaluate("() => { window.raNoReload = 'still the same page'; }")
    navigations = count_navigations(page)

    button.focus()
    page.keyboard.press("Enter")  # as a keyboard user would
    expect(supports).to_have_attribute("value", "1")
    expect(municipalities).to_have_attribute("value", "1")
    expect(page.locator("label[for=ra-progress-supports] .ra-progress-count")).to_contain_text("1")
    expect(action).to_have_value("withdraw")
    expect(button).to_have_text(button.get_attribute("data-label-withdraw"))
    expect(page.locator("#ra-support-notice")).not_to_be_empty()
    expect(button).to_be_enabled()
    expect(button).to_be_focused()  # the keyboard user stays where they were
    expect(page.locator("#ra-supporters-region .ra-supporters")).to_contain_text("Anna")
    assert page.evaluate("() => window.raNoReload") == "still the same page"
    assert navigations == []
    transaction.begin()
    proposal = functional_portal.unrestrictedTraverse(url("proposal").split("/plone/", 1)[1])
    assert "anna" in storage(proposal)
    screenshot(page, "journey-3-supported-with-javascript")
    assert_no_new_violations(page, baseline=baselines["authenticated"])

    button.click()
    expect(supports).to_have_attribute("value", "0")
    expect(municipalities).to_have_attribute("value", "0")
    expect(action).to_have_value("support")
    expect(button).to_have_text(button.get_attribute("data-label-support"))
    expect(page.locator("#ra-supporters-region .ra-supporters")).to_have_count(0)
    assert page.evaluate("() => window.raNoReload") == "still the same page"
    assert navigations == []
    transaction.begin()
    assert "anna" not in storage(proposal)


def test_member_supports_without_javascript(as_user, url, screenshot):
    page = as_user("anna", java_script_enabled=False)
    page.goto(url("proposal"))
    assert no_script_state(page) == ("0", "0", "support")
    with page.expect_navigation():
        page.locator("#ra-support-button").click()
    assert page.url.rstrip("/") == url("proposal")  # back on the proposal, with the new state
    assert page.locator(".portalMessage").count() == 1
    assert no_script_state(page) == ("1", "1", "withdraw")
    assert "Anna Beispiel" in page.locator(".ra-supporters").inner_text()
    screenshot(page, "journey-3-supported-without-javascript")

    with page.expect_navigation():
        page.locator("#ra-support-button").click()
    assert no_script_state(page) == ("0", "0", "support")
    assert page.locator(".ra-supporters").count() == 0


def no_script_state(page):
    """The progress bars' values and the form's action, read once: in a page without JavaScript,
    Playwright's retrying `expect` never finishes waiting, so the no-script journey reads directly."""
    return (
        page.locator("#ra-progress-supports").get_attribute("value"),
        page.locator("#ra-progress-municipalities").get_attribute("value"),
        page.locator(".ra-support-form input[name=action]").get_attribute("value"),
    )


# -- 4. a moderator hides a post; its author sees why, the others do not see it -----------------------


def test_moderator_hides_post_with_reason(as_user, url, screenshot):
    reason = "Persönliche Angaben Dritter."
    post_id = url("post").rsplit("/", 1)[1]
    moderator = as_user("moderatorin")
    moderator.goto(url("thread"))
    post = moderator.locator(f"#{post_id}")
    post.locator(f"#{post_id}-reason").fill(reason)
    with moderator.expect_navigation():
        post.locator("form.ra-moderate button[type=submit]").first.click()
    expect(moderator.locator(".portalMessage")).to_be_visible()
    expect(post).to_have_class(re.compile(r"\bra-post-hidden\b"))
    expect(post.locator(".ra-hidden-reason")).to_contain_text(reason)
    expect(post.locator("input[name=transition][value=restore]")).to_have_count(1)
    screenshot(moderator, "journey-4-moderator-hid-post")
    moderator.goto(url("region", "/@@moderation"))
    expect(moderator.locator("#ra-hidden-heading + ul, #ra-hidden-heading ~ ul")).to_contain_text(
        "Jonas Muster"
    )

    author = as_user("jonas")
    author.goto(url("thread"))
    own = author.locator(f"#{post_id}")
    expect(own).to_have_class(re.compile(r"\bra-post-hidden\b"))
    expect(own.locator(".ra-badge")).to_be_visible()
    expect(own.locator(".ra-hidden-reason")).to_contain_text(reason)
    expect(own).to_contain_text("Peine hat 12 ha am Autobahnkreuz.")
    screenshot(author, "journey-4-author-sees-reason")

    for other in (as_user("anna"), as_user()):
        other.goto(url("thread"))
        expect(other.locator(".ra-post-list, .ra-posts").first).to_be_visible()
        expect(other.locator(f"#{post_id}")).to_have_count(0)
        expect(other.get_by_text("Peine hat 12 ha am Autobahnkreuz.")).to_have_count(0)


# -- 5. anonymous reads the public forum, not the internal one ----------------------------------------


def test_anonymous_reads_public_forum_only(page, url, screenshot):
    response = page.goto(url("forum"))
    assert response.status == 200
    expect(page.get_by_role("heading", level=1)).to_have_text("Gewerbeflächen")
    expect(page.locator(".ra-threads").get_by_role("link", name="Flächen an der A2")).to_be_visible()
    screenshot(page, "journey-5-anonymous-public-forum")

    page.goto(url("internal"))
    assert re.search(r"/(login|require_login|insufficient-privileges)\b", page.url), page.url
    expect(page.locator("#__ac_name")).to_be_visible()  # Plone asks to log in
    expect(page.get_by_text("Haushalt 2027")).to_have_count(0)
    screenshot(page, "journey-5-anonymous-internal-forum")
    page.goto(url("internal", "/vertraulich"))
    expect(page.get_by_text("Nur für das Netzwerk.")).to_have_count(0)


def test_member_starts_a_discussion(as_user, url, screenshot):
    """The forum's "Start a discussion" leads a member to the Thread add form (Dexterity's add view
    needs "Add portal content" on the Forum, which its workflow grants to NetworkMember)."""
    page = as_user("anna")
    page.goto(url("forum"))
    with page.expect_navigation():
        page.locator(".ra-forum a[href$='++add++Thread']").click()
    assert "insufficient-privileges" not in page.url
    page.locator("#form-widgets-IBasic-title").fill("Breitband im Landkreis")
    # the opening text in TinyMCE's editable frame (it copies it into the form when it is sent)
    page.frame_locator("#form-widgets-text_ifr").locator("body").fill("Wer baut gerade aus?")
    with page.expect_navigation():
        page.locator("#form-buttons-save").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Breitband im Landkreis")
    expect(page.locator("#ra-opening")).to_contain_text("Wer baut gerade aus?")
    page.goto(url("forum"))
    expect(page.locator(".ra-threads").get_by_role("link", name="Breitband im Landkreis")).to_be_visible()
    screenshot(page, "journey-2b-member-started-discussion")


# -- 6. and 7. axe-core on every view, anonymous and logged in; nothing overflows at 375 px -------------


def refuse_municipality(page):
    """Submit the Municipality add form with a wrong AGS and website: the refused form's markup."""
    page.locator("#form-widgets-IBasic-title").fill("Stadt Salzgitter")
    page.locator("#form-widgets-kind").select_option("kreisfreie_stadt")
    page.locator("#form-widgets-ags").fill("123")
    page.locator("#form-widgets-website").fill("https://salzgitter")  # no domain: the server refuses it
    with page.expect_navigation():
        page.locator("#form-buttons-save").click()
    expect(page.locator(".portalMessage.statusmessage-error")).to_be_visible()


def refuse_reply(page):
    """Send an empty reply (blanks pass the browser's `required`; the server refuses them)."""
    page.locator("#ra-reply-text").fill("   ")
    with page.expect_navigation():
        page.locator("#ra-reply button[type=submit]").click()
    textarea = page.locator("#ra-reply-text")
    expect(textarea).to_have_attribute("aria-invalid", "true")
    # the error is announced and tied to the field
    expect(textarea).to_have_attribute("aria-describedby", re.compile(r"\bra-reply-error\b"))
    expect(page.locator("#ra-reply-error")).to_be_visible()


def reply_with_quote(network):
    return f"?reply_to={network['post_uid']}&quote=1"


#: (id, user, place, path suffix (or a function of the network), baseline, what to do before checking)
VIEWS = [
    ("forum-anonymous", None, "forum", "", "anonymous", None),
    ("thread-anonymous", None, "thread", "", "anonymous", None),
    ("proposal-anonymous", None, "proposal", "", "anonymous", None),
    ("proposal-accepted-anonymous", None, "accepted", "", "anonymous", None),
    ("forum-member", "anna", "forum", "", "authenticated", None),
    ("forum-internal-member", "anna", "internal", "", "authenticated", None),
    ("thread-member", "anna", "thread", "", "authenticated", None),
    ("thread-member-quote", "anna", "thread", reply_with_quote, "authenticated", None),
    ("thread-member-refused-reply", "anna", "thread", "", "authenticated", refuse_reply),
    ("proposal-member", "anna", "proposal", "", "authenticated", None),
    ("proposal-accepted-member", "anna", "accepted", "", "authenticated", None),
    ("proposal-editor", "redakteurin", "proposal", "", "authenticated", None),
    ("thread-outsider", "aussen", "thread", "", "authenticated", None),
    ("thread-moderator", "moderatorin", "thread", "", "authenticated", None),
    ("thread-pending-moderator", "moderatorin", "moderated_thread", "", "authenticated", None),
    ("moderation-queue", "moderatorin", "region", "/@@moderation", "authenticated", None),
]
ADD_FORM_VIEWS = [
    ("add-region", "redakteurin", "/", "++add++Region", "add_form", None),
    ("add-municipality", "redakteurin", "region", "/++add++Municipality", "add_form", None),
    (
        "add-municipality-refused",
        "redakteurin",
        "region",
        "/++add++Municipality",
        "add_form",
        refuse_municipality,
    ),
    ("add-representative", "redakteurin", "bs", "/++add++Representative", "add_form", None),
    ("add-forum", "redakteurin", "region", "/++add++Forum", "add_form", None),
    ("add-thread", "redakteurin", "forum", "/++add++Thread", "add_form", None),
    ("add-proposal", "redakteurin", "region", "/++add++ExchangeProposal", "add_form", None),
    ("add-meeting", "redakteurin", "accepted", "/++add++Meeting", "add_form", None),
]
#: true once every TinyMCE status bar of the page shows its word count
WORD_COUNTS_FILLED = (
    "() => [...document.querySelectorAll('.tox-statusbar__wordcount')].every((b) => b.innerText.trim())"
)
#: view id -> the exclusions of this module that axe used on that view (each view checked once a run)
USED_EXCLUSIONS = {}


def check_view(page, url, network, baselines, assert_no_new_violations, place, suffix, baseline, prepare):
    """Open the view in ``page``, check it at 375 and 1280 px; return the exclusions of ours that axe used."""
    page.set_viewport_size({"width": 375, "height": 900})
    response = page.goto(url(place, suffix(network) if callable(suffix) else suffix))
    assert response.ok, f"{response.status} at {page.url}"
    assert not re.search(r"/(login|require_login|insufficient-privileges)\b", page.url), page.url
    if prepare:
        prepare(page)
    rules = baselines[baseline]
    used = set()
    for width in (375, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        # TinyMCE fills its status bar (the word count) a moment after it shows, and again after a
        # resize: judge the finished editor
        page.wait_for_function(WORD_COUNTS_FILLED)
        if width == 375:
            scroll_width = page.evaluate("() => document.documentElement.scrollWidth")
            assert scroll_width <= 375, f"{page.url} overflows at 375 px: {scroll_width} px wide"
        results = assert_no_new_violations(page, baseline=rules)
        used.update(
            (violation["id"], node["baseline"])
            for violation in results["violations"]
            for node in violation["nodes"]
            if (violation["id"], node["baseline"]) in OUR_EXCLUSIONS
        )
    return used


@pytest.mark.parametrize(
    ("view_id", "user", "place", "suffix", "baseline", "prepare"),
    [pytest.param(*case, id=case[0]) for case in VIEWS + ADD_FORM_VIEWS],
)
def test_view_is_accessible_and_fits_a_phone(
    as_user,
    url,
    network,
    baselines,
    assert_no_new_violations,
    screenshot,
    view_id,
    user,
    place,
    suffix,
    baseline,
    prepare,
):
    page = as_user(user)
    USED_EXCLUSIONS[view_id] = check_view(
        page, url, network, baselines, assert_no_new_violations, place, suffix, baseline, prepare
    )
    if baseline != "add_form":
        screenshot(page, "view-" + view_id)


def test_every_exclusion_still_occurs(as_user, url, network, baselines, assert_no_new_violations):
    """An exclusion that Plone made unnecessary goes.

    Whatever ran before: the views that the test above checked in this run count as checked, the others
    this test checks itself (add forms first, they need the most exclusions), until every exclusion
    has occurred or every view is checked.
    """
    used = set()
    for view_id, user, *case in ADD_FORM_VIEWS + VIEWS:
        if used >= OUR_EXCLUSIONS:
            break
        if view_id not in USED_EXCLUSIONS:
            USED_EXCLUSIONS[view_id] = check_view(
                as_user(user), url, network, baselines, assert_no_new_violations, *case
            )
        used |= USED_EXCLUSIONS[view_id]
    assert set() == OUR_EXCLUSIONS - used
