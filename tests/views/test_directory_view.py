"""The directory (``@@directory`` and ``@@directory.csv`` on a Region) over HTTP: the filters, pages,
German messages for refused filters at the form, the CSV download, and contact details only as each
record's visibility allows the caller (anonymous, member, network member, municipal editor)."""

from datetime import date
from plone import api
from regionaustausch import membership
import csv
import html
import io
import pytest
import re
import transaction


PASSWORD = "secret-views-1"  # as tests/views/conftest.py
CONSENT = date(2024, 1, 15)


def record(municipality, id, first, last, visibility="hidden", state="active", **fields):
    function = fields.pop("function", None)  # plone.api's create() has an argument of that name
    created = api.content.create(
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
        created.function = function
        created.reindexObject()
    if state == "active":
        api.content.transition(obj=created, transition="approve")
    return created


@pytest.fixture
def network(site):
    """The views' network (tests/views/conftest.py) with records of every visibility, a pending
    record, the municipal editor of Braunschweig, and the site in German."""
    region = site["region"]
    bs, pe = region["bs"], region["pe"]
    api.portal.set_registry_record("plone.default_language", "de")
    api.portal.set_registry_record("plone.available_languages", ["de"])
    with api.env.adopt_roles(["Manager"]):
        api.user.create(email="ed@example.invalid", username="redakteur", password=PASSWORD)
        api.group.add_user(groupname=membership.editors_group_id(bs), username="redakteur")
        record(
            bs,
            "clara",
            "Clara",
            "Zöllner",
            "public",
            party="SPD",
            function="ratsmitglied",
            topics=["fachkraefte", "mobilitaet"],
            email="clara@example.org",
            phone="+49 531 470-1",
        )
        record(
            pe,
            "bernd",
            "Bernd",
            "Müller",
            "network",
            party="CDU",
            function="ausschussvorsitz",
            topics=["fachkraefte"],
            email="bernd@example.org",
        )
        record(bs, "dieter", "Dieter", "Adam", "hidden", party="SPD", email="dieter@example.org")
        record(bs, "paula", "Paula", "Neu", "public", state="pending", party="FDP", email="paula@example.org")
    transaction.commit()
    return {**site, "url": region.absolute_url() + "/@@directory"}


def entries(page):
    """The names of the result entries, in order."""
    return re.findall(r'<h3 class="ra-entry-name"><a href="[^"]+">([^<]+)</a></h3>', page)


def read_csv(response):
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))


# -- the listing ---------------------------------------------------------------------------------------


def test_anonymous_sees_active_records_sorted_by_name(network, browse):
    response = browse().get(network["url"])
    assert response.status_code == 200
    page = response.text
    # active records only (not Paula's: pending), by last name
    assert entries(page) == ["Dieter Adam", "Anna Beispiel", "Bernd Müller", "Jonas Muster", "Clara Zöllner"]
    assert "5 Vertreter*innen gefunden." in page
    assert "<title>Verzeichnis der Vertreter*innen – Testregion" in page
    assert '<h1 class="documentFirstHeading">Verzeichnis der Vertreter*innen</h1>' in page
    clara = network["region"]["bs"]["clara"]
    assert f'<a href="{clara.absolute_url()}">Clara Zöllner</a>' in page
    assert "<dd>Ratsmitglied</dd>" in page
    assert "<dd>Fachkräfte, Pendler und Mobilität</dd>" in page
    # one page: no pagination
    assert "ra-pagination" not in page


def test_form_has_real_labels_and_options(network, browse):
    page = browse().get(network["url"]).text
    for parameter, label in (
        ("q", "Suchtext"),
        ("municipality", "Gebietskörperschaft"),
        ("topic", "Thema"),
        ("party", "Partei oder Fraktion"),
        ("function", "Funktion"),
        ("b_size", "Treffer pro Seite"),
    ):
        assert re.search(
            rf'<label class="form-label"\s+for="ra-filter-{parameter}"[^>]*>{re.escape(label)}</label>', page
        )
        assert f'id="ra-filter-{parameter}"' in page
        assert f'name="{parameter}"' in page
    assert 'method="get"' in page
    assert 'role="search"' in page
    bs = network["region"]["bs"]
    assert f'<option value="{bs.UID()}">Stadt Braunschweig</option>' in page
    assert '<option value="fachkraefte">Fachkräfte</option>' in page
    assert '<option value="ausschussvorsitz">Ausschussvorsitz</option>' in page
    # parties of active records only (Paula's FDP record is pending)
    assert '<option value="SPD">SPD</option>' in page
    assert '<option value="CDU">CDU</option>' in page
    assert "FDP" not in page


@pytest.mark.parametrize(
    ("params", "names"),
    [
        ({"municipality": "pe"}, ["Bernd Müller", "Jonas Muster"]),
        ({"topic": "fachkraefte"}, ["Bernd Müller", "Clara Zöllner"]),
        ({"party": "SPD"}, ["Dieter Adam", "Clara Zöllner"]),
        ({"function": "ausschussvorsitz"}, ["Bernd Müller"]),
        ({"q": "zöll"}, ["Clara Zöllner"]),
        ({"q": "Braunschweig"}, ["Dieter Adam", "Anna Beispiel", "Clara Zöllner"]),
        ({"municipality": "bs", "topic": "fachkraefte", "party": "SPD"}, ["Clara Zöllner"]),
        ({"party": "Die PARTEI"}, []),
    ],
)
def test_filters(network, browse, params, names):
    region = network["region"]
    if "municipality" in params:
        params = {**params, "municipality": region[params["municipality"]].UID()}
    page = browse().get(network["url"], params=params).text
    assert entries(page) == names
    if not names:
        assert "Zu diesen Filtern gibt es keine Vertreter*innen." in page
        assert "ra-csv-link" not in page
    # the form shows what was chosen
    for parameter, value in params.items():
        if parameter == "q":
            assert f'value="{value}"' in page
        elif parameter != "party" or names:
            assert f'<option value="{value}" selected="selected">' in page


def test_filters_of_the_form_leave_empty_fields_out(network, browse):
    """The form sends every field; the empty ones filter nothing."""
    params = {
        "q": "",
        "municipality": "",
        "topic": "fachkraefte",
        "party": "",
        "function": "",
        "b_size": "25",
    }
    page = browse().get(network["url"], params=params).text
    assert entries(page) == ["Bernd Müller", "Clara Zöllner"]


def test_pages_keep_the_filters(network, browse):
    params = {"topic": "", "b_size": "2"}
    page = browse().get(network["url"], params=params).text
    assert entries(page) == ["Dieter Adam", "Anna Beispiel"]
    assert "5 Vertreter*innen gefunden, 1 bis 2 angezeigt (Seite 1 von 3)." in page
    assert "<title>Verzeichnis der Vertreter*innen, Seite 1 von 3 – Testregion" in page
    nav = re.search(r'<nav class="ra-pagination".*?</nav>', page, re.S).group(0)
    assert 'aria-label="Seiten der Ergebnisse"' in nav
    assert re.search(r'aria-current="page"><span class="visually-hidden">Seite</span> 1</a>', nav)
    assert "Vorherige Seite" not in nav
    next_url = html.unescape(re.search(r'href="([^"]+)"\s+rel="next"', nav).group(1))
    assert next_url == f"{network['url']}?b_size=2&b_start=2"

    filtered = browse().get(network["url"], params={"party": "SPD", "b_size": "1"}).text
    nav = re.search(r'<nav class="ra-pagination".*?</nav>', filtered, re.S).group(0)
    next_url = html.unescape(re.search(r'href="([^"]+)"\s+rel="next"', nav).group(1))
    assert next_url == f"{network['url']}?party=SPD&b_size=1&b_start=1"
    second = browse().get(next_url).text
    assert entries(second) == ["Clara Zöllner"]
    assert "Seite 2 von 2" in second
    assert re.search(r'href="[^"]+"\s+rel="prev"', second)


def test_a_page_beyond_the_results(network, browse):
    page = browse().get(network["url"], params={"b_start": "50"}).text
    assert entries(page) == []
    assert "Diese Seite ist leer: Es gibt 5 Treffer." in page
    assert "Zur ersten Seite der Ergebnisse" in page


def test_get_form_does_not_carry_the_csrf_token(network, browse):
    """plone.protect adds its token to a logged-in user's forms; this GET form must not send it."""
    page = browse("anna").get(network["url"]).text
    form = re.search(r'<form class="ra-filter-form".*?</form>', page, re.S).group(0)
    tokens = re.findall(r"<input[^>]*_authenticator[^>]*>", form)
    assert tokens
    assert all('disabled="disabled"' in token for token in tokens)


# -- refused filters -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("params", "field", "message"),
    [
        ({"topic": "kochen"}, "topic", "„kochen“ ist kein bekanntes Thema."),
        ({"function": "koenig"}, "function", "„koenig“ ist keine bekannte Funktion."),
        (
            {"municipality": "no-such-uid"},
            "municipality",
            "„no-such-uid“ ist keine Gebietskörperschaft dieser Region.",
        ),
        ({"q": "x" * 201}, "q", "Der Suchtext darf höchstens 200 Zeichen haben."),
        ({"b_size": "500"}, "b_size", "Die Zahl der Treffer pro Seite muss zwischen 1 und 100 liegen."),
        ({"b_size": "viele"}, "b_size", "„viele“ ist keine ganze Zahl."),
        ({"b_start": "-1"}, None, "Der Anfang der Seite muss 0 oder größer sein."),
    ],
)
def test_refused_filters_are_named_at_the_form(network, browse, params, field, message):
    response = browse().get(network["url"], params=params)
    assert response.status_code == 200  # a page with the form, not an error page
    page = response.text
    summary = re.search(r'<div class="ra-error-summary".*?</div>', page, re.S).group(0)
    assert "Die Filter konnten nicht angewendet werden:" in summary
    assert message in summary
    assert "<title>Fehler: Verzeichnis der Vertreter*innen" in page
    assert 'class="ra-directory-results"' not in page  # no results for filters that were refused
    if field:
        assert f'<a href="#ra-filter-{field}">' in summary
        control = re.search(rf'<(?:select|input)[^>]*id="ra-filter-{field}"[^>]*>', page).group(0)
        assert 'aria-invalid="true"' in control
        assert f"ra-filter-{field}-error" in control  # aria-describedby
        assert f'<p class="ra-field-error" id="ra-filter-{field}-error">' in page
    else:
        assert 'aria-invalid="true"' not in page


def test_refused_municipality_of_another_region(network, browse):
    with api.env.adopt_roles(["Manager"]):
        other = api.content.create(container=network["portal"], type="Region", id="other", title="Andere")
        foreign = api.content.create(
            container=other,
            type="Municipality",
            id="x",
            title="Stadt X",
            kind="kreisfreie_stadt",
            ags="03102000",
        )
    transaction.commit()
    page = browse().get(network["url"], params={"municipality": foreign.UID()}).text
    assert "ist keine Gebietskörperschaft dieser Region." in page
    assert entries(page) == []


# -- contact details as visibility allows ----------------------------------------------------------------


CONTACTS = {
    "clara@example.org": "public (Braunschweig)",
    "bernd@example.org": "network (Peine)",
    "dieter@example.org": "hidden (Braunschweig)",
}


@pytest.mark.parametrize(
    ("user", "visible"),
    [
        (None, {"clara@example.org"}),
        ("outsider", {"clara@example.org"}),
        ("anna", {"clara@example.org", "bernd@example.org"}),
        # the municipal editor of Braunschweig: Braunschweig's hidden details, not the network's of Peine
        ("redakteur", {"clara@example.org", "dieter@example.org"}),
    ],
)
def test_contact_details_as_visibility_allows(network, browse, user, visible):
    page = browse(user).get(network["url"]).text
    shown = {email for email in CONTACTS if email in page}
    assert shown == visible
    if "clara@example.org" in visible:
        assert '<a href="mailto:clara@example.org">clara@example.org</a>' in page
        assert '<a href="tel:+495314701">+49 531 470-1</a>' in page
    assert "paula@example.org" not in page  # pending: not in the directory at all


# -- CSV -----------------------------------------------------------------------------------------------


def test_csv_link_carries_the_filters(network, browse):
    page = browse().get(network["url"], params={"topic": "fachkraefte", "b_size": "1", "b_start": "1"}).text
    link = html.unescape(re.search(r'id="ra-csv-link"\s+href="([^"]+)"', page).group(1))
    # the filters, not the page: a download is every row of these filters
    assert link == network["region"].absolute_url() + "/@@directory.csv?topic=fachkraefte"
    assert "CSV herunterladen" in page


def test_csv_download(network, browse):
    url = network["region"].absolute_url() + "/@@directory.csv"
    response = browse().get(url, params={"topic": "fachkraefte"})
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/csv; charset=utf-8"
    assert response.headers["Content-Disposition"] == 'attachment; filename="verzeichnis.csv"'
    assert "private" in response.headers["Cache-Control"]
    rows = read_csv(response)
    assert rows[0] == [
        "Name",
        "Gebietskörperschaft",
        "Partei oder Fraktion",
        "Funktion",
        "Themen",
        "E-Mail-Adresse",
        "Telefon",
        "Link zum Eintrag",
    ]
    bs, pe = network["region"]["bs"], network["region"]["pe"]
    assert rows[1:] == [
        [
            "Bernd Müller",
            "Landkreis Peine",
            "CDU",
            "Ausschussvorsitz",
            "Fachkräfte",
            "",
            "",
            pe["bernd"].absolute_url(),
        ],
        [
            "Clara Zöllner",
            "Stadt Braunschweig",
            "SPD",
            "Ratsmitglied",
            "Fachkräfte, Pendler und Mobilität",
            "clara@example.org",
            "+49 531 470-1",
            bs["clara"].absolute_url(),
        ],
    ]


def test_csv_has_every_row_and_contacts_as_visibility_allows(network, browse):
    url = network["region"].absolute_url() + "/@@directory.csv"
    anonymous = read_csv(browse().get(url, params={"b_size": "1"}))
    assert [row[0] for row in anonymous[1:]] == [
        "Dieter Adam",
        "Anna Beispiel",
        "Bernd Müller",
        "Jonas Muster",
        "Clara Zöllner",
    ]
    assert {row[5] for row in anonymous[1:]} == {"", "clara@example.org"}
    member = read_csv(browse("anna").get(url))
    assert {row[5] for row in member[1:]} == {"", "clara@example.org", "bernd@example.org"}
    editor = read_csv(browse("redakteur").get(url))
    assert {row[5] for row in editor[1:]} == {"", "clara@example.org", "dieter@example.org"}


def test_csv_with_a_refused_filter_goes_back_to_the_form(network, browse):
    url = network["region"].absolute_url() + "/@@directory.csv"
    response = browse().get(url, params={"topic": "kochen"}, allow_redirects=False)
    assert response.status_code == 303
    assert response.headers["Location"] == network["url"] + "?topic=kochen"
    page = browse().get(url, params={"topic": "kochen"}).text
    assert "„kochen“ ist kein bekanntes Thema." in page


@pytest.mark.parametrize(
    "query", ["q:int=5", "topic:int=5", "topic:list=kochen&topic:list=fachkraefte", "b_start=1&b_start=2"]
)
def test_odd_query_strings_are_refused_at_the_form(network, browse, query):
    """Zope's form converters (``:int``, ``:list``) hand the view other things than text."""
    response = browse().get(f"{network['url']}?{query}")
    assert response.status_code == 200
    assert "Die Filter konnten nicht angewendet werden:" in response.text


def test_repeated_filters_match_any_of_them(network, browse):
    page = browse().get(network["url"], params={"function": ["ausschussvorsitz", "ratsmitglied"]}).text
    assert entries(page) == ["Bernd Müller", "Clara Zöllner"]
    link = html.unescape(re.search(r'id="ra-csv-link"\s+href="([^"]+)"', page).group(1))
    assert link.endswith("/@@directory.csv?function=ausschussvorsitz&function=ratsmitglied")
    assert '<option value="ausschussvorsitz" selected="selected">' in page
    assert '<option value="ratsmitglied" selected="selected">' in page
