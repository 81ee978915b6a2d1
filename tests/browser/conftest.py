"""Browser tests: Playwright driving Debian's Chromium against the functional layer's WSGI server.

What the journeys get (all fixtures, function-scoped unless said otherwise):

- ``page``: pytest-playwright's page, anonymous, in a fresh context per test (one browser per
  session), German locale, 1280 x 900, default timeout ``TIMEOUT_MS``.
- ``site_url``: ``http://localhost:<port>/plone``. It applies ``@pytest.mark.portal(...)`` (profiles,
  content, roles of the test user, see pytest-plone) and commits, so the server sees it.
- ``login(page, user, password, came_from=None)``: logs in through Plone's real login form.
- ``new_page(user=None, password=None, **context_args)``: a page in a context of its own, logged in
  when a user is given; for journeys with two people (a moderator and an author).
- ``add_user(username, roles=("Member",), password=None) -> (username, password)``: a portal user,
  committed.
- ``screenshot(page, name) -> [Path, Path]``: full-page PNGs at 375 and 1280 px wide under
  ``test-output/screenshots/``.
- ``assert_no_new_violations(page, baseline=None, context=None) -> dict``: runs axe-core and fails on
  every serious or critical violation node that is not part of Plone's own recorded baseline.

- ``axe_baselines`` (session): Plone's recorded baseline, {"anonymous": {...}, "authenticated": {...}}.

Also: every test in this folder gets the ``browser`` marker (``pytest -m "not browser"`` leaves them
out); a missing Chromium is an error, never a skip; the browser resolves only localhost and
127.0.0.1, so nothing can load from a CDN; a failing test leaves a screenshot and a Playwright
trace in ``test-output/playwright/<test>/`` (open it with ``.venv/bin/playwright show-trace``).

The ZODB: the test thread and the server's threads have their own connections. Whatever a test
creates in Python must be committed (``transaction.commit()``) before the browser can see it, and
a test reads what the browser changed only after ``transaction.begin()``.
"""

from pathlib import Path
from plone import api
from plone.app.testing import SITE_OWNER_NAME
from urllib.parse import urlencode
from urllib.parse import urlsplit
from urllib.parse import urlunsplit
import axe_playwright_python
import os
import pytest
import re
import transaction


HERE = Path(__file__).resolve().parent
OUTPUT = HERE.parent.parent / "test-output"
SCREENSHOTS = OUTPUT / "screenshots"
WIDTHS = (375, 1280)
HEIGHT = 900
TIMEOUT_MS = 15_000

CHROMIUM = Path(os.environ.get("REGIONAUSTAUSCH_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
    # hermetic: only the test server resolves, so no page (and no axe-core) can lean on a CDN
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1",
]

# axe-core as bundled by axe-playwright-python (read from disk: no CDN, no npm, works offline).
AXE_SOURCE = (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text()
FAILING_IMPACTS = ("serious", "critical")

# Plone's own serious violations (Plone 6.2.2, Barceloneta, axe-core 4.12.1), measured on the front
# page and on a published Document's view, at 375 and 1280 px, anonymous and logged in as Member,
# Editor, Site Administrator, Manager and the Zope root admin. Every entry is a rule id and CSS
# selectors that match exactly the elements axe reported, written against Plone's own viewlets so
# that an element of ours never matches by accident (axe's own targets, like `a:nth-child(4)`,
# change from page to page and would). A violation node is excused only when its element matches a
# selector listed under its rule. test_harness.py checks that every entry still occurs, so the
# baseline shrinks when Plone fixes something.
#
# Measured (serious nodes per page): anonymous: color-contrast 9 at 1280 px, 8 at 375 px (the
# search button sits in the closed off-canvas menu). Logged in: additionally aria-prohibited-attr 1
# at 1280 px (the toolbar's collapse link, aria-label on an <a> without role) and, at 375 px, where
# the toolbar hides its labels, link-name on the toolbar's links (6 for Editor and up, 1 for a
# Member: only the personal tools link).
ANONYMOUS_BASELINE = {
    "color-contrast": (
        "#portal-searchbox .searchButton",
        # the viewlet is Plone's; its links multiply with depth, so every breadcrumb link
        "#portal-breadcrumbs .breadcrumb-item > a",
        '#portal-footer .copyright a[href="http://plone.org"]',
        '#portal-footer .copyright a[href="http://plone.org/foundation"]',
        '#portal-footer .copyright a[href="https://www.gnu.org/licenses/old-licenses/gpl-2.0.html"]',
        '#portal-footer .colophon a[href="http://plone.org"]',
        "#portal-footer .action-item-sitemap > a > span",
        "#portal-footer .action-item-accessibility > a > span",
        "#portal-footer .action-item-contact > a > span",
    ),
}
AUTHENTICATED_BASELINE = {
    **ANONYMOUS_BASELINE,
    "aria-prohibited-attr": ("#edit-zone a.toolbar-collapse",),
    "link-name": (
        '#edit-zone [id^="contentview-"] > a.nav-link',
        "#edit-zone a#personaltools-menulink",
    ),
}
BASELINES = {"anonymous": ANONYMOUS_BASELINE, "authenticated": AUTHENTICATED_BASELINE}

_RUN_AXE = """async ([context, baseline]) => {
    const results = await axe.run(context || document, {elementRef: true, resultTypes: ["violations"]});
    for (const violation of results.violations) {
        const selectors = baseline[violation.id] || [];
        for (const node of violation.nodes) {
            const element = node.element;
            node.baseline = (element && selectors.find((s) => element.matches(s))) || null;
            delete node.element;
        }
    }
    return results;
}"""


def pytest_configure(config):
    """Failing browser tests leave a screenshot and a trace in the git-ignored test-output/."""
    if config.getoption("--output", None) == "test-results":
        config.option.output = str(OUTPUT / "playwright")
    if config.getoption("--screenshot", None) == "off":
        config.option.screenshot = "only-on-failure"
    if config.getoption("--tracing", None) == "off":
        config.option.tracing = "retain-on-failure"


def pytest_collection_modifyitems(items):
    for item in items:
        if HERE in item.path.parents:
            item.add_marker(pytest.mark.browser)


def chromium_executable(path=CHROMIUM):
    """The browser, or a loud failure: a browser suite that skips would hide breakage on CI."""
    if not (path.is_file() and os.access(path, os.X_OK)):
        pytest.fail(
            f"Chromium is missing at {path}. The browser tests drive Debian's chromium, they never "
            "download a browser: install it with `apt-get install -y --no-install-recommends chromium` "
            "(`make install` does this as root), or point REGIONAUSTAUSCH_CHROMIUM at another Chromium.",
            pytrace=False,
        )
    return str(path)


# -- pytest-playwright's fixtures, adjusted --------------------------------------------------------


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, "executable_path": chromium_executable(), "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {
        **browser_context_args,
        "locale": "de-DE",
        "timezone_id": "Europe/Berlin",
        "viewport": {"width": 1280, "height": HEIGHT},
    }


@pytest.fixture
def new_context(new_context):
    """pytest-playwright's factory (contexts closed after the test), with a shorter timeout."""

    def factory(**kwargs):
        context = new_context(**kwargs)
        context.set_default_timeout(TIMEOUT_MS)
        return context

    return factory


# -- the site ----------------------------------------------------------------------------------------


@pytest.fixture
def site_url(functional, functional_portal):
    """The portal's URL with the host `localhost`: Plone serves 127.0.0.1 without its theme.

    Commits what `@pytest.mark.portal` created, so the server's threads see it.
    """
    transaction.commit()
    url = urlsplit(functional_portal.absolute_url())
    return urlunsplit(url._replace(netloc=f"localhost:{functional['port']}"))


@pytest.fixture
def add_user(functional_portal):
    """Create a portal user with global roles and commit; returns (username, password)."""

    def add_user(username, roles=("Member",), password=None):
        password = password or f"{username}-Geheim-1"
        with api.env.adopt_user(SITE_OWNER_NAME):
            api.user.create(
                email=f"{username}@example.org", username=username, password=password, roles=roles
            )
        transaction.commit()
        return username, password

    return add_user


@pytest.fixture
def login(site_url):
    """Log in through Plone's login form (`/login`), as a person would.

    Fails with the page's status message when Plone refuses the login. `came_from` is a path
    below the site or a full URL; without it Plone lands on the site's front page.
    """

    def login(page, user, password, came_from=None):
        url = f"{site_url}/login"
        if came_from:
            target = came_from if "://" in came_from else site_url + came_from
            url += "?" + urlencode({"came_from": target})
        page.goto(url)
        page.locator("#__ac_name").fill(user)
        page.locator("#__ac_password").fill(password)
        with page.expect_navigation():
            page.locator("#buttons-login").click()
        if not any(cookie["name"] == "__ac" for cookie in page.context.cookies()):
            messages = page.locator(".portalMessage, .invalid-feedback").all_inner_texts()
            raise AssertionError(
                f"login as {user!r} failed at {page.url}: {' | '.join(messages) or 'no message'}"
            )
        return page

    return login


@pytest.fixture
def new_page(new_context, login):
    """A page in a context of its own (own cookies), logged in when `user` is given."""

    def new_page(user=None, password=None, **context_args):
        page = new_context(**context_args).new_page()
        if user is not None:
            login(page, user, password)
        return page

    return new_page


# -- screenshots -------------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def _screenshot_names():
    return set()


@pytest.fixture
def screenshot(_screenshot_names):
    """Full-page screenshots at 375 and 1280 px: test-output/screenshots/<name>-<width>.png.

    The viewport is restored afterwards. Names are unique per session (no silent overwriting).
    """

    def screenshot(page, name):
        if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._-]*", name):
            raise ValueError(f"screenshot name {name!r}: use letters, digits, '.', '_' and '-'")
        if name in _screenshot_names:
            raise ValueError(f"screenshot name {name!r} is already used in this test session")
        _screenshot_names.add(name)
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        viewport = page.viewport_size
        paths = []
        try:
            for width in WIDTHS:
                page.set_viewport_size({"width": width, "height": HEIGHT})
                # let responsive scripts (the toolbar, the navigation) react to the new width; a plain
                # wait, as a page without JavaScript can evaluate nothing
                page.wait_for_timeout(100)
                path = SCREENSHOTS / f"{name}-{width}.png"
                page.screenshot(path=path, full_page=True, animations="disabled")
                paths.append(path)
        finally:
            if viewport:
                page.set_viewport_size(viewport)
        return paths

    return screenshot


# -- accessibility -----------------------------------------------------------------------------------


def run_axe(page, baseline, context=None):
    """axe-core's results for the page; each violation node says which baseline selector excused it."""
    page.wait_for_load_state("load")
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(AXE_SOURCE)
        if not page.evaluate("() => typeof window.axe === 'object'"):
            raise RuntimeError(f"axe-core did not load into {page.url}")
    return page.evaluate(_RUN_AXE, [context, {rule: list(sel) for rule, sel in baseline.items()}])


def _baseline_for(page, baseline):
    """(name, {rule id: selectors}) for a baseline given by name, as a dict, or None: by the page."""
    if isinstance(baseline, dict):
        return "given", baseline
    if baseline is None:
        classes = (page.locator("body").get_attribute("class") or "").split()
        baseline = "authenticated" if "userrole-authenticated" in classes else "anonymous"
    return baseline, BASELINES[baseline]


def new_violations(results):
    """The serious/critical violation nodes that no baseline selector excused."""
    return [
        (violation, node)
        for violation in results["violations"]
        for node in violation["nodes"]
        if (node.get("impact") or violation.get("impact")) in FAILING_IMPACTS and not node["baseline"]
    ]


def format_violations(found, url, baseline_name):
    lines = [
        f"axe-core: {len(found)} serious/critical violation node(s) beyond Plone's recorded "
        f"baseline ({baseline_name}) on {url}:"
    ]
    for violation, node in found:
        summary = " ".join((node.get("failureSummary") or "").split())
        lines += [
            f"- {violation['id']} ({node.get('impact') or violation.get('impact')}): {violation['help']}",
            f"    target: {' >>> '.join(str(t) for t in node['target'])}",
            f"    html:   {' '.join(node['html'].split())[:300]}",
            f"    help:   {violation['helpUrl']}",
        ]
        if summary:
            lines.append(f"    why:    {summary[:500]}")
    return "\n".join(lines)


def assert_no_new_violations(page, baseline=None, context=None):
    """Run axe-core on the page; fail on every serious or critical node outside Plone's baseline.

    `baseline`: "anonymous", "authenticated", a dict {rule id: (CSS selectors, ...)}, or None to
    choose by the page's body class (userrole-authenticated). `context`: axe's context (a CSS
    selector such as "#content", or {"include": [...], "exclude": [...]}); the whole document by
    default. Returns axe's results (violations only; each node has "baseline": the selector that
    excused it, or None).
    """
    name, rules = _baseline_for(page, baseline)
    results = run_axe(page, rules, context)
    found = new_violations(results)
    if found:
        raise AssertionError(format_violations(found, page.url, name))
    return results


@pytest.fixture(name="assert_no_new_violations")
def assert_no_new_violations_fixture():
    return assert_no_new_violations


@pytest.fixture(scope="session")
def axe_baselines():
    """Plone's recorded baseline: {"anonymous": {rule id: selectors}, "authenticated": {...}}."""
    return BASELINES


@pytest.fixture(name="chromium_executable", scope="session")
def chromium_executable_fixture():
    return chromium_executable
