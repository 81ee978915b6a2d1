"""Forms over HTTP: a Region with municipalities and members, committed in the functional layer, a
MailHost that keeps the mails, and helpers that fill in a form as a browser does (the values the page
offers, its CSRF token, then the test's own values)."""

from lxml import html as lxml_html
from plone import api
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from plone.app.testing.utils import MockMailHost
from Products.MailHost.interfaces import IMailHost
from regionaustausch.testing import TEST_PASSWORD
from regionaustausch.testing import add_member
from zope.component import getSiteManager
import email
import email.policy
import pytest
import requests
import transaction


@pytest.fixture
def mailhost(functional_portal):
    """The site's MailHost replaced by one that keeps the mails (``.messages``), with a sender."""
    portal = functional_portal
    portal.MailHost = mock = MockMailHost("MailHost")
    manager = getSiteManager(context=portal)
    manager.unregisterUtility(provided=IMailHost)
    manager.registerUtility(mock, provided=IMailHost)
    api.portal.set_registry_record("plone.email_from_address", "netzwerk@example.invalid")
    api.portal.set_registry_record("plone.email_from_name", "Regionaustausch")
    transaction.commit()
    # The functional layer discards the test's database afterwards, this MailHost with it.
    return mock


def mails(mailhost):
    """The sent mails as ``email.message.Message`` objects."""
    transaction.begin()  # see what the server's transactions committed
    return [
        email.message_from_bytes(m if isinstance(m, bytes) else m.encode(), policy=email.policy.default)
        for m in mailhost.messages
    ]


def mail_text(message):
    """The decoded text of a plain-text mail."""
    return message.get_content()


@pytest.fixture
def network(functional_portal):
    """Region ``region`` (with its join form) with two municipalities; ``anna`` a member of
    Braunschweig, ``eva`` the editor of Braunschweig, ``outsider`` a user without a record."""
    portal = functional_portal
    api.portal.set_registry_record("plone.available_languages", ["de"])
    api.portal.set_registry_record("plone.default_language", "de")
    with api.env.adopt_roles(["Manager"]):
        region = api.content.create(container=portal, type="Region", id="region", title="Testregion")
        braunschweig = api.content.create(
            container=region,
            type="Municipality",
            id="bs",
            title="Stadt Braunschweig",
            kind="kreisfreie_stadt",
        )
        wolfsburg = api.content.create(
            container=region, type="Municipality", id="wob", title="Stadt Wolfsburg", kind="kreisfreie_stadt"
        )
        anna = add_member(braunschweig, "anna", "Anna", "Beispiel")
        api.user.create(email="eva@example.invalid", username="eva", password=TEST_PASSWORD)
        api.group.add_user(groupname=f"{region.getId()}-bs-editors", username="eva")
        api.user.create(email="outsider@example.invalid", username="outsider", password=TEST_PASSWORD)
    transaction.commit()
    return {
        "portal": portal,
        "region": region,
        "braunschweig": braunschweig,
        "wolfsburg": wolfsburg,
        "anna": anna,
    }


def browser(user=None, password=TEST_PASSWORD):
    """A requests session as a browser of ``user`` (None: anonymous; "admin": the site owner)."""
    http = requests.Session()
    http.headers["Accept-Language"] = "de"
    if user == "admin":
        http.auth = (SITE_OWNER_NAME, SITE_OWNER_PASSWORD)
    elif user is not None:
        http.auth = (user, password)
    return http


def form_values(page, form_selector="form#form"):
    """The names and values a browser would send from the page's (first matching) form, without its
    buttons: text inputs, hidden inputs (the CSRF token, the fill-time stamp), selected options and
    ticked boxes."""
    tree = lxml_html.fromstring(page)
    forms = tree.cssselect(form_selector)
    assert forms, "no form on the page"
    form = forms[0]
    values = []
    for element in form.iter("input", "select", "textarea"):
        name = element.get("name")
        if not name:
            continue
        if element.tag == "input":
            kind = (element.get("type") or "text").lower()
            if kind in ("submit", "button", "image", "reset"):
                continue
            if kind in ("checkbox", "radio") and element.get("checked") is None:
                continue
            values.append((name, element.get("value") or ""))
        elif element.tag == "select":
            for option in element.iter("option"):
                if option.get("selected") is not None:
                    values.append((name, option.get("value") or ""))
        else:
            values.append((name, element.text or ""))
    return values, form.get("action")


def fill(values, **fields):
    """``values`` with the easyform fields ``fields`` (``first_name="Ada"``; a list for several
    values, ``None`` to remove a field) set as a browser would send them."""
    names = {}
    for key, value in fields.items():
        names[key] = value
    result = [(name, value) for name, value in values if _field_of(name) not in names]
    for key, value in names.items():
        if value is None:
            continue
        name = f"form.widgets.{key}"
        if isinstance(value, (list, tuple)):
            result += [(f"{name}:list", item) for item in value]
            result.append((f"{name}-empty-marker", "1"))
        else:
            result.append((name, value))
    return result


def _field_of(name):
    if not name.startswith("form.widgets."):
        return None
    rest = name[len("form.widgets.") :]
    for suffix in (":list", "-empty-marker"):
        if rest.endswith(suffix):
            rest = rest[: -len(suffix)]
    return rest


def submit(http, url, values, button="form.buttons.submit", label="Absenden"):
    """Post ``values`` to ``url`` as the form's submit button does; returns the response."""
    return http.post(url, data=[*values, (button, label)])
