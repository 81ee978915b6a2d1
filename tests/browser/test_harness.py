"""The browser harness, proven on Plone's own pages before our views exist."""

from pathlib import Path
from playwright.sync_api import expect
from plone import api
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from plone.app.testing import TEST_USER_ID
from plone.app.testing import TEST_USER_NAME
from plone.app.testing import TEST_USER_PASSWORD
from urllib.parse import urlsplit
import contextlib
import ipaddress
import pytest
import requests
import socket
import struct
import time
import transaction


DOCUMENT = {
    "type": "Document",
    "id": "dokument",
    "title": "Ein Dokument",
    "description": "Zum Messen.",
    "_review_state": "published",
}


def png_size(path):
    data = Path(path).read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG"
    return struct.unpack(">II", data[16:24])


def test_missing_chromium_fails_loudly(tmp_path, chromium_executable):
    with pytest.raises(pytest.fail.Exception, match=r"Chromium is missing at .*apt-get install"):
        chromium_executable(tmp_path / "chromium")


def test_front_page_is_themed_at_localhost(page, site_url):
    assert urlsplit(site_url).hostname == "localhost"
    response = page.goto(site_url)
    assert response.status == 200
    barceloneta = page.locator('link[rel="stylesheet"][href*="++theme++barceloneta"]')
    expect(barceloneta).to_have_count(1)
    css = page.request.get(barceloneta.get_attribute("href"))
    assert css.ok
    assert len(css.body()) > 100_000
    # the stylesheet is applied, not only linked: Barceloneta colours the navigation bar
    background = page.locator("#portal-globalnav-wrapper").evaluate(
        "e => getComputedStyle(e).backgroundColor"
    )
    assert background not in ("rgba(0, 0, 0, 0)", "transparent")
    # and the reason for `localhost`: at 127.0.0.1 Plone leaves the theme out
    page.goto(site_url.replace("//localhost:", "//127.0.0.1:"))
    expect(page.locator('link[href*="++theme++barceloneta"]')).to_have_count(0)


def test_server_serves_while_playwright_waits(page, site_url):
    """The sync API blocks the main thread in its event loop; the server's threads keep serving."""
    page.goto(site_url)
    started = time.monotonic()
    statuses = page.evaluate(
        """async (url) => Promise.all(
            Array.from({length: 12}, (_, i) => fetch(`${url}/@@ok?i=${i}`).then((r) => r.status))
        )""",
        site_url,
    )
    assert statuses == [200] * 12
    assert time.monotonic() - started < 10


def test_the_browser_reaches_only_the_test_server(page, site_url):
    page.goto(site_url)
    urls = ["https://cdn.jsdelivr.net/npm/axe-core/axe.min.js"]
    # The machine's own name leads to the test server outside the browser (where it resolves to
    # loopback): if the browser cannot reach it, the resolver rule blocks, not a missing network.
    own_name = socket.gethostname()
    with contextlib.suppress(OSError):
        if ipaddress.ip_address(socket.gethostbyname(own_name)).is_loopback:
            url = site_url.replace("//localhost:", f"//{own_name}:")
            assert requests.get(url, timeout=30).ok
            urls.append(url)
    outcomes = page.evaluate(
        """(urls) => Promise.all(urls.map((url) => fetch(url, {mode: "no-cors"})
            .then(() => "reached " + url, () => "blocked")))""",
        urls,
    )
    assert outcomes == ["blocked"] * len(urls)


@pytest.mark.portal(content=[DOCUMENT])
def test_changes_flow_both_ways(functional_portal, page, site_url, login):
    """Content committed by the test reaches the browser; the browser's edits reach the test."""
    page.goto(f"{site_url}/dokument")
    expect(page.get_by_role("heading", level=1)).to_have_text("Ein Dokument")
    login(page, SITE_OWNER_NAME, SITE_OWNER_PASSWORD, came_from="/dokument/edit")
    page.locator("#form-widgets-IDublinCore-title").fill("Ein geändertes Dokument")
    with page.expect_navigation():
        page.locator("#form-buttons-save").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ein geändertes Dokument")
    transaction.begin()  # see what the server's thread committed
    assert functional_portal["dokument"].title == "Ein geändertes Dokument"


@pytest.mark.portal(roles=["Member"])
def test_login_shows_the_user_in_the_personal_tools(page, site_url, login):
    login(page, TEST_USER_NAME, TEST_USER_PASSWORD)
    expect(page.locator("#personaltools-menulink")).to_contain_text(TEST_USER_ID)
    assert "userrole-authenticated" in page.locator("body").get_attribute("class").split()


def test_login_as_the_zope_root_admin(page, login):
    login(page, SITE_OWNER_NAME, SITE_OWNER_PASSWORD)
    expect(page.locator("#personaltools-menulink")).to_contain_text(SITE_OWNER_NAME)
    expect(page.locator("#personaltools-plone_setup")).to_be_attached()


def test_login_with_a_wrong_password_fails_clearly(page, login):
    with pytest.raises(AssertionError, match="login as 'test-user' failed") as failure:
        login(page, TEST_USER_NAME, "falsch")
    print(failure.value)


def test_two_people_have_their_own_sessions(new_page, add_user):
    editor = new_page(*add_user("redakteurin", roles=("Member", "Editor")))
    anonymous = new_page()
    editor.reload()
    anonymous.goto(editor.url)
    expect(editor.locator("#personaltools-menulink")).to_contain_text("redakteurin")
    expect(anonymous.locator("#personaltools-menulink")).to_have_count(0)


# -- accessibility: Plone's baseline holds, and the helper does not excuse what is ours ---------------


def measure(page, site_url, assert_no_new_violations):
    """Run the check on the front page and the Document at both widths; the selectors used."""
    used = set()
    for width in (1280, 375):
        page.set_viewport_size({"width": width, "height": 900})
        for path in ("", "/dokument"):
            page.goto(site_url + path)
            results = assert_no_new_violations(page)
            used |= {
                (violation["id"], node["baseline"])
                for violation in results["violations"]
                for node in violation["nodes"]
                if node["baseline"]
            }
    return used


def recorded(baseline):
    return {(rule, selector) for rule, selectors in baseline.items() for selector in selectors}


@pytest.mark.portal(content=[DOCUMENT])
def test_axe_anonymous_baseline_holds(page, site_url, assert_no_new_violations, axe_baselines):
    used = measure(page, site_url, assert_no_new_violations)
    assert used == recorded(axe_baselines["anonymous"]), "Plone changed: update ANONYMOUS_BASELINE"


@pytest.mark.portal(content=[DOCUMENT])
def test_axe_editor_baseline_holds(page, site_url, login, add_user, assert_no_new_violations, axe_baselines):
    login(page, *add_user("redakteur", roles=("Member", "Editor")))
    used = measure(page, site_url, assert_no_new_violations)
    assert used == recorded(axe_baselines["authenticated"]), "Plone changed: update AUTHENTICATED_BASELINE"


@pytest.mark.portal(content=[DOCUMENT], roles=["Member"])
def test_axe_member_baseline_holds(page, site_url, login, assert_no_new_violations):
    login(page, TEST_USER_NAME, TEST_USER_PASSWORD)
    measure(page, site_url, assert_no_new_violations)


def test_axe_fails_on_an_image_without_alt(page, site_url, assert_no_new_violations):
    page.goto(site_url)
    page.evaluate(
        """() => {
            const img = document.createElement("img");
            img.id = "ohne-alt";
            img.src = "data:image/gif;base64,R0lGODlhAQABAAAAACw=";
            document.querySelector("#content").append(img);
        }"""
    )
    with pytest.raises(AssertionError) as failure:
        assert_no_new_violations(page)
    message = str(failure.value)
    assert "1 serious/critical violation node(s) beyond Plone's recorded baseline (anonymous)" in message
    assert "- image-alt (critical): Images must have alternative text" in message
    assert "target: #ohne-alt" in message
    assert 'html:   <img id="ohne-alt"' in message
    assert "help:   https://dequeuniversity.com/rules/axe/" in message
    assert "color-contrast" not in message  # the baseline still excuses Plone's own nodes


def test_axe_does_not_excuse_a_baseline_rule_on_our_elements(page, site_url, assert_no_new_violations):
    """color-contrast is in the baseline, but only for Plone's elements: ours are judged."""
    page.goto(site_url)
    page.evaluate(
        """() => {
            const p = document.createElement("p");
            p.id = "blass";
            p.style = "color: #ccc; background: #fff";
            p.textContent = "Kaum lesbar";
            document.querySelector("#content").append(p);
            // a link of ours in Plone's footer, styled like Plone's own low-contrast links there
            const a = document.createElement("a");
            a.id = "impressum";
            a.href = "/impressum";
            a.textContent = "Impressum";
            document.querySelector("#portal-footer .copyright .col-12").append(a);
        }"""
    )
    with pytest.raises(AssertionError) as failure:
        assert_no_new_violations(page)
    message = str(failure.value)
    assert "2 serious/critical violation node(s)" in message
    assert "target: #blass" in message
    assert "target: #impressum" in message


def test_axe_can_be_limited_to_our_content(page, site_url, assert_no_new_violations):
    page.goto(site_url)
    results = assert_no_new_violations(page, baseline={}, context="#content")
    assert all(node["baseline"] is None for v in results["violations"] for node in v["nodes"])
    with pytest.raises(AssertionError, match="color-contrast"):
        assert_no_new_violations(page, baseline={})


# -- screenshots --------------------------------------------------------------------------------------


def test_screenshots_at_both_widths(page, site_url, screenshot):
    page.goto(site_url)
    narrow, wide = screenshot(page, "harness-front-page")
    assert narrow.name == "harness-front-page-375.png"
    assert wide.name == "harness-front-page-1280.png"
    assert png_size(narrow)[0] == 375
    assert png_size(wide)[0] == 1280
    assert page.viewport_size == {"width": 1280, "height": 900}
    with pytest.raises(ValueError, match="already used"):
        screenshot(page, "harness-front-page")


@pytest.fixture
def redakteurin_page(new_page, add_user):
    return new_page(*add_user("fotografin", roles=("Member", "Editor")))


def test_screenshots_logged_in(redakteurin_page, site_url, screenshot):
    redakteurin_page.goto(site_url)
    for path in screenshot(redakteurin_page, "harness-front-page-editor"):
        assert path.stat().st_size > 10_000


def test_api_user_helper_commits(functional_portal, add_user):
    username, _ = add_user("nutzerin")
    transaction.begin()
    user = api.user.get(username=username)
    assert user is not None
    assert (user.getUserName(), "Member" in user.getRoles()) == ("nutzerin", True)
