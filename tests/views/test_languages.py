"""A second language proves the i18n: on a site that offers German and English and follows the
browser's language, the Region's dashboard and the REST API's errors speak English to a browser that
asks for it (locales/en), and German to every other one."""

from plone import api
import pytest
import re
import requests
import transaction


#: the dashboard's headings, links and counts: (English, German)
DASHBOARD = (
    ("Directory of representatives", "Verzeichnis der Vertreter*innen"),
    ("Open proposals", "Offene Vorschläge"),
    ("Member municipalities", "Mitgliedskommunen"),
    ("Recently active discussions", "Zuletzt aktive Diskussionen"),
    (
        "1 representative of Landkreis Peine in the directory",
        "1 Vertreter*in von Landkreis Peine im Verzeichnis",
    ),
    ("2 active representatives in the directory", "2 aktive Vertreter*innen im Verzeichnis"),
)


@pytest.fixture
def bilingual(site):
    """The views' network on a German site that negotiates the language with the browser."""
    api.portal.set_registry_record("plone.default_language", "de")
    api.portal.set_registry_record("plone.available_languages", ["de", "en"])
    api.portal.set_registry_record("plone.use_request_negotiation", True)
    transaction.commit()
    return site


def text_of(page):
    return " ".join(re.sub(r"<[^>]+>", " ", page).split())


@pytest.mark.parametrize(
    ("accept_language", "language"),
    [("en", "en"), ("en-GB,en;q=0.8,de;q=0.5", "en"), ("de-DE,de;q=0.9", "de"), (None, "de"), ("fr", "de")],
)
def test_dashboard_in_the_browsers_language(bilingual, accept_language, language):
    headers = {"Accept-Language": accept_language} if accept_language else {}
    response = requests.get(bilingual["region"].absolute_url(), headers=headers, timeout=30)
    assert response.status_code == 200
    assert re.search(rf'<html [^>]*\blang="{language}"', response.text)
    text = text_of(response.text)
    for english, german in DASHBOARD:
        shown, other = (english, german) if language == "en" else (german, english)
        assert shown in text
        assert other not in text


def test_a_german_only_site_ignores_the_browser(site):
    """Without English among the site's languages the dashboard stays German."""
    api.portal.set_registry_record("plone.default_language", "de")
    api.portal.set_registry_record("plone.available_languages", ["de"])
    api.portal.set_registry_record("plone.use_request_negotiation", True)
    transaction.commit()
    response = requests.get(site["region"].absolute_url(), headers={"Accept-Language": "en"}, timeout=30)
    assert "Offene Vorschläge" in text_of(response.text)
    assert "Open proposals" not in text_of(response.text)


@pytest.mark.parametrize(
    ("accept_language", "message"),
    [
        ("en", 'Parameter "b_size": "viele" is not a whole number.'),
        ("de", 'Parameter "b_size": "viele" ist keine ganze Zahl.'),
    ],
)
def test_rest_api_error_in_the_browsers_language(bilingual, accept_language, message):
    response = requests.get(
        f"{bilingual['region'].absolute_url()}/@directory?b_size=viele",
        headers={"Accept": "application/json", "Accept-Language": accept_language},
        timeout=30,
    )
    assert response.status_code == 400
    assert response.json()["message"] == message


@pytest.mark.parametrize(
    ("accept_language", "fact"), [("en", "State Niedersachsen"), ("de", "Land Niedersachsen")]
)
def test_municipality_facts_from_the_english_catalogue(bilingual, accept_language, fact):
    """In English "Land" (the German federal state) reads "State": a text that only locales/en gives."""
    response = requests.get(
        bilingual["region"]["bs"].absolute_url(), headers={"Accept-Language": accept_language}, timeout=30
    )
    facts = re.search(r'<dl class="ra-facts">.*?</dl>', response.text, re.S).group(0)
    assert fact in text_of(facts)
