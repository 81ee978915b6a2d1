"""``@directory`` over HTTP against the functional layer's real WSGI server.

One network per test class (class-scoped, read-only tests): two Regions (``region`` and ``region2``,
one id a prefix of the other), records with each contact visibility, and the callers of the
visibility rule: anonymous, a member outside the network, a network member, a network member of the
other Region, the municipal editor of the records' municipality, a site administrator and the site
owner (Manager).
"""

from datetime import date
from plone import api
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from Products.ZCatalog.CatalogBrains import AbstractCatalogBrain
from regionaustausch import membership
from regionaustausch.directory import export
import csv
import io
import openpyxl
import pytest
import requests
import transaction


PASSWORD = "secret-directory-1"
CONSENT = date(2024, 1, 15)
NAMES = ["Dieter Adam", "Anna Becker", "Bernd Müller", "Gabi Quast", "Clara Zöllner"]


def http(user=None, accept="application/json"):
    """A requests session as ``user`` (None: anonymous; "admin": the site owner, a Manager)."""
    session = requests.Session()
    session.headers["Accept"] = accept
    if user == "admin":
        session.auth = (SITE_OWNER_NAME, SITE_OWNER_PASSWORD)
    elif user is not None:
        session.auth = (user, PASSWORD)
    return session


def person(municipality, id, first, last, visibility="hidden", state="active", **fields):
    fields.setdefault("email", f"{id}@example.org")
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
    if state in ("active", "former"):
        api.content.transition(obj=record, transition="approve")
    if state == "former":
        api.content.transition(obj=record, transition="retire")
    return record


def build(portal):
    for user_id in ("netmember", "outsider", "editor_a", "site_admin", "member_r2", "other_member"):
        api.user.create(email=f"{user_id}@example.invalid", username=user_id, password=PASSWORD)
    api.user.grant_roles(username="site_admin", roles=["Site Administrator"])
    with api.env.adopt_roles(["Manager"]):
        region = api.content.create(container=portal, type="Region", id="region", title="Testregion")
        a, b, c = (
            api.content.create(container=region, type="Municipality", id=id, title=title, kind=kind, ags=ags)
            for id, title, kind, ags in (
                ("a", "Stadt Braunschweig", "kreisfreie_stadt", "03101000"),
                ("b", "Stadt Salzgitter", "kreisfreie_stadt", "03102000"),
                ("c", "Landkreis Gifhorn", "landkreis", "03151"),
            )
        )
        person(
            a,
            "anna",
            "Anna",
            "Becker",
            "public",
            party="SPD",
            function="ratsmitglied",
            topics=["fachkraefte", "mobilitaet"],
            phone="+49 531 470-1",
        )
        person(
            a,
            "bernd",
            "Bernd",
            "Müller",
            "network",
            party="CDU",
            function="fraktionsvorsitz",
            topics=["mobilitaet"],
            phone="0531 4702",
            user_id="netmember",
        )
        person(
            a,
            "clara",
            "Clara",
            "Zöllner",
            "hidden",
            party="Bündnis 90/Die Grünen",
            function="buergermeisterin",
            committees=["Wirtschaftsausschuss"],
            phone="0531 4703",
        )
        person(
            b,
            "dieter",
            "Dieter",
            "Adam",
            "public",
            party="SPD",
            function="ausschussvorsitz",
            topics=["tourismus"],
        )
        person(b, "eva", "Eva", "Schmidt", "public", state="pending", party="SPD")
        person(b, "frank", "Frank", "Ude", "public", state="former", party="SPD")
        person(
            c,
            "gabi",
            "Gabi",
            "Quast",
            "network",
            party="FDP",
            function="landraetin",
            topics=["energie"],
            user_id="other_member",
        )
        region2 = api.content.create(container=portal, type="Region", id="region2", title="Zweite Region")
        peine = api.content.create(
            container=region2,
            type="Municipality",
            id="peine",
            title="Landkreis Peine",
            kind="landkreis",
            ags="03157",
        )
        person(
            peine,
            "zweit",
            "Anna",
            "Zweit",
            "public",
            party="SPD",
            function="ratsmitglied",
            topics=["fachkraefte"],
            user_id="member_r2",
        )
    api.group.add_user(groupname=membership.editors_group_id(a), username="editor_a")
    transaction.commit()
    return {
        "portal": portal,
        "region": region,
        "region2": region2,
        "url": f"{region.absolute_url()}/@directory",
        "url2": f"{region2.absolute_url()}/@directory",
        "uids": {name: obj.UID() for name, obj in (("a", a), ("b", b), ("c", c), ("peine", peine))},
        "anna_url": a["anna"].absolute_url(),
    }


@pytest.fixture(scope="class")
def site(functional_portal_class):
    return build(functional_portal_class)


def get(site, user=None, url=None, **params):
    response = http(user).get(url or site["url"], params=params)
    assert response.status_code == 200, response.text
    return response.json()


def names(data):
    return [item["name"] for item in data["items"]]


ANNA = {"email": "anna@example.org", "phone": "+49 531 470-1"}
BERND = {"email": "bernd@example.org", "phone": "0531 4702"}
CLARA = {"email": "clara@example.org", "phone": "0531 4703"}
DIETER = {"email": "dieter@example.org"}
GABI = {"email": "gabi@example.org"}
PUBLIC_ONLY = {
    "Anna Becker": ANNA,
    "Dieter Adam": DIETER,
    "Bernd Müller": {},
    "Gabi Quast": {},
    "Clara Zöllner": {},
}
EVERYTHING = {**PUBLIC_ONLY, "Bernd Müller": BERND, "Gabi Quast": GABI, "Clara Zöllner": CLARA}


class TestDirectory:
    def test_active_records_of_the_region_sorted_by_name(self, site):
        data = get(site)
        assert names(data) == NAMES
        assert data["items_total"] == 5
        assert data["@id"] == site["url"]
        assert "batching" not in data  # one page: plone.restapi leaves the links out

    def test_entry(self, site):
        [entry] = get(site, q="Becker")["items"]
        assert entry == {
            "@id": site["anna_url"],
            "@type": "Representative",
            "UID": entry["UID"],
            "title": "Anna Becker",
            "name": "Anna Becker",
            "municipality": {
                "@id": site["anna_url"].rsplit("/", 1)[0],
                "UID": site["uids"]["a"],
                "title": "Stadt Braunschweig",
            },
            "party": "SPD",
            "function": {"token": "ratsmitglied", "title": "Council member"},
            "topics": [
                {"token": "fachkraefte", "title": "Skilled workers"},
                {"token": "mobilitaet", "title": "Commuters and mobility"},
            ],
            "contact": ANNA,
        }

    @pytest.mark.parametrize(
        ("params", "expected"),
        [
            ({"municipality": "a"}, ["Anna Becker", "Bernd Müller", "Clara Zöllner"]),
            ({"municipality": ["a", "c"]}, ["Anna Becker", "Bernd Müller", "Gabi Quast", "Clara Zöllner"]),
            ({"topic": "mobilitaet"}, ["Anna Becker", "Bernd Müller"]),
            ({"party": "SPD"}, ["Dieter Adam", "Anna Becker"]),
            ({"party": "Bündnis 90/Die Grünen"}, ["Clara Zöllner"]),
            ({"party": "Piraten"}, []),
            ({"function": "landraetin"}, ["Gabi Quast"]),
            ({"q": "müll"}, ["Bernd Müller"]),
            ({"q": "Wirtschaftsausschuss"}, ["Clara Zöllner"]),
            ({"q": "Gifhorn"}, ["Gabi Quast"]),
            ({"q": ""}, NAMES),
            ({"party": "SPD", "municipality": "a"}, ["Anna Becker"]),
            ({"party": "SPD", "topic": "tourismus", "q": "Adam"}, ["Dieter Adam"]),
        ],
    )
    def test_filters(self, site, params, expected):
        uids = site["uids"]
        if "municipality" in params:
            value = params["municipality"]
            params["municipality"] = [uids[v] for v in value] if isinstance(value, list) else uids[value]
        data = get(site, **params)
        assert names(data) == expected
        assert data["items_total"] == len(expected)

    def test_batching(self, site):
        first = get(site, b_size=2)
        assert names(first) == NAMES[:2]
        assert first["items_total"] == 5
        batching = first["batching"]
        assert batching["@id"] == f"{site['url']}?b_size=2"
        assert batching["first"] == f"{site['url']}?b_start=0&b_size=2"
        assert batching["next"] == f"{site['url']}?b_start=2&b_size=2"
        assert batching["last"] == f"{site['url']}?b_start=4&b_size=2"
        assert "prev" not in batching
        assert first["@id"] == site["url"]

        middle = http().get(batching["next"]).json()
        assert names(middle) == NAMES[2:4]
        assert middle["batching"]["prev"] == f"{site['url']}?b_start=0&b_size=2"
        last = http().get(middle["batching"]["next"]).json()
        assert names(last) == NAMES[4:]
        assert "next" not in last["batching"]
        assert names(get(site, b_start=10)) == []

    def test_batching_keeps_the_filters(self, site):
        data = get(site, party="SPD", b_size=1)
        assert names(data) == ["Dieter Adam"]
        assert data["items_total"] == 2
        assert data["@id"] == f"{site['url']}?party=SPD"
        assert names(http().get(data["batching"]["next"]).json()) == ["Anna Becker"]

    @pytest.mark.parametrize(
        ("params", "parameter"),
        [
            ({"municipality": "0123456789abcdef"}, "municipality"),
            ({"municipality": "peine"}, "municipality"),  # a municipality of the other Region
            ({"topic": "kochen"}, "topic"),
            ({"function": "koenig"}, "function"),
            ({"q": "x" * 201}, "q"),
            ({"q": ["a", "b"]}, "q"),
            ({"b_size": "0"}, "b_size"),
            ({"b_size": "101"}, "b_size"),
            ({"b_size": "zehn"}, "b_size"),
            ({"b_size": ""}, "b_size"),
            ({"b_start": "-1"}, "b_start"),
            ({"b_start": "1e3"}, "b_start"),
        ],
    )
    def test_bad_input_is_400_naming_the_parameter(self, site, params, parameter):
        if params.get("municipality") == "peine":
            params["municipality"] = site["uids"]["peine"]
        response = http().get(site["url"], params=params)
        assert response.status_code == 400, response.text
        error = response.json()
        assert error["type"] == "BadRequest"
        assert f'"{parameter}"' in error["message"]

    @pytest.mark.parametrize(
        ("user", "expected"),
        [
            (None, PUBLIC_ONLY),
            ("outsider", PUBLIC_ONLY),
            ("member_r2", PUBLIC_ONLY),  # a network member, but of the other Region
            ("netmember", {**PUBLIC_ONLY, "Bernd Müller": BERND, "Gabi Quast": GABI}),
            ("editor_a", {**PUBLIC_ONLY, "Bernd Müller": BERND, "Clara Zöllner": CLARA}),  # editor of A only
            ("site_admin", EVERYTHING),
            ("admin", EVERYTHING),
        ],
    )
    def test_contact_details_as_each_record_allows_the_caller(self, site, user, expected):
        data = get(site, user)
        assert {item["name"]: item["contact"] for item in data["items"]} == expected

    def test_regions_do_not_mix(self, site):
        data = get(site, url=site["url2"])
        assert names(data) == ["Anna Zweit"]
        assert data["items"][0]["contact"] == {"email": "zweit@example.org"}
        assert names(get(site, q="Zweit")) == []
        # the other Region's network member sees only public details here (above), and the
        # network member of this Region nothing more there
        assert get(site, "netmember", url=site["url2"])["items"][0]["contact"] == {
            "email": "zweit@example.org"
        }

    def test_not_on_other_content(self, site):
        response = http().get(f"{site['portal'].absolute_url()}/@directory")
        assert response.status_code == 404


def read_csv(response):
    assert response.content.startswith(b"\xef\xbb\xbf")  # UTF-8 with a byte order mark for spreadsheets
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))


class TestCSV:
    def test_all_matching_rows_as_csv(self, site):
        response = http(accept="text/csv").get(site["url"], params={"b_size": 2, "b_start": 2})
        assert response.status_code == 200, response.text
        assert response.headers["Content-Type"] == "text/csv; charset=utf-8"
        assert response.headers["Content-Disposition"] == 'attachment; filename="verzeichnis.csv"'
        rows = read_csv(response)
        assert rows[0] == [
            "Name",
            "Municipality",
            "Party or council group",
            "Function",
            "Topics",
            "E-mail address",
            "Phone",
            "Link to the record",
        ]
        assert [row[0] for row in rows[1:]] == NAMES  # every row, the batching parameters are ignored
        anna = rows[2]
        assert anna == [
            "Anna Becker",
            "Stadt Braunschweig",
            "SPD",
            "Council member",
            "Skilled workers, Commuters and mobility",
            "anna@example.org",
            "+49 531 470-1",
            site["anna_url"],
        ]
        assert rows[3][5:7] == ["", ""]  # Bernd: network only
        assert "clara@example.org" not in response.text

    def test_same_visibility_as_json(self, site):
        for user, expected in (
            ("netmember", {**PUBLIC_ONLY, "Bernd Müller": BERND, "Gabi Quast": GABI}),
            ("site_admin", EVERYTHING),
        ):
            rows = read_csv(http(user, accept="text/csv").get(site["url"]))
            shown = {
                row[0]: {key: value for key, value in zip(("email", "phone"), row[5:7], strict=True) if value}
                for row in rows[1:]
            }
            assert shown == expected

    def test_filters(self, site):
        response = http(accept="text/csv").get(site["url"], params={"party": "SPD", "q": "anna"})
        assert [row[0] for row in read_csv(response)[1:]] == ["Anna Becker"]

    def test_bad_input_is_400_json(self, site):
        response = http(accept="text/csv").get(site["url"], params={"topic": "kochen"})
        assert response.status_code == 400
        assert response.json()["type"] == "BadRequest"
        assert '"topic"' in response.json()["message"]

    def test_anonymous_download_wakes_only_records_that_show_everybody_something(self, site, monkeypatch):
        """The CSV is every row, for anybody: an anonymous download must not load every record from
        the database, only those whose contact details everybody may see (the column
        ``public_contact``); a network member's download looks at every row of it."""
        woken = wake_log(monkeypatch)
        rows = read_csv(http(accept="text/csv").get(site["url"]))
        assert [row[0] for row in rows[1:]] == NAMES
        assert sorted(woken) == ["Anna Becker", "Dieter Adam"]

        woken.clear()
        read_csv(http("netmember", accept="text/csv").get(site["url"]))
        assert sorted(woken) == sorted(NAMES)


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def read_xlsx(response):
    assert response.headers["Content-Type"] == XLSX
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    return [["" if cell is None else str(cell) for cell in row] for row in sheet.iter_rows(values_only=True)]


class TestXLSX:
    """The same rows as the CSV, with the same visibility, as an XLSX workbook (REST and Classic UI)."""

    @pytest.mark.parametrize("user", [None, "netmember", "site_admin"])
    def test_the_rows_of_the_csv(self, site, user):
        csv_rows = read_csv(http(user, accept="text/csv").get(site["url"]))
        response = http(user, accept=XLSX).get(site["url"])
        assert response.status_code == 200, response.text
        assert response.headers["Content-Disposition"] == 'attachment; filename="verzeichnis.xlsx"'
        assert read_xlsx(response) == csv_rows
        page = http(user, accept=XLSX).get(f"{site['region'].absolute_url()}/@@directory.xlsx")
        assert read_xlsx(page) == csv_rows

    def test_filters_and_bad_input(self, site):
        response = http(accept=XLSX).get(site["url"], params={"party": "SPD", "q": "anna"})
        assert [row[0] for row in read_xlsx(response)[1:]] == ["Anna Becker"]
        response = http(accept=XLSX).get(site["url"], params={"topic": "kochen"})
        assert response.status_code == 400
        assert '"topic"' in response.json()["message"]

    def test_text_that_looks_like_a_formula_stays_text(self, site):
        entry = {
            "name": "=HYPERLINK(1)",
            "municipality": {"title": "@x"},
            "party": "+1",
            "function": None,
            "topics": [],
            "contact": {"phone": "+49 531 1"},
            "@id": "http://x",
        }
        sheet = openpyxl.load_workbook(io.BytesIO(export.directory_xlsx([entry]))).active
        [cells] = sheet.iter_rows(min_row=2, values_only=True)
        assert cells[0] == "=HYPERLINK(1)"
        assert [cell.data_type for cell in sheet[2]][:3] == ["s", "s", "s"]


def wake_log(monkeypatch):
    """The titles of the records whose objects the catalog's brains fetch (in the server's thread too:
    every catalog's brain class inherits getObject from AbstractCatalogBrain)."""
    woken = []
    original = AbstractCatalogBrain.getObject

    def get_object(self, *args, **kwargs):
        if self.portal_type == "Representative":
            woken.append(self.Title)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(AbstractCatalogBrain, "getObject", get_object)
    return woken


class TestCaching:
    """The directory shows contact details as each caller may see them: no cache may keep an answer
    and serve it to someone else (the same header for the REST API and the Classic UI)."""

    @pytest.mark.parametrize("user", [None, "netmember"])
    @pytest.mark.parametrize(
        ("path", "accept"),
        [
            ("@directory", "application/json"),
            ("@directory", "text/csv"),
            ("@@directory", "text/html"),
            ("@@directory.csv", "text/csv"),
            ("@directory", XLSX),
            ("@@directory.xlsx", XLSX),
        ],
    )
    def test_private_no_store(self, site, user, path, accept):
        response = http(user, accept=accept).get(f"{site['region'].absolute_url()}/{path}")
        assert response.status_code == 200, response.text
        assert response.headers["Cache-Control"] == "private, no-store"


@pytest.fixture(scope="class")
def german_site(site):
    api.portal.set_registry_record("plone.default_language", "de")
    api.portal.set_registry_record("plone.available_languages", ["de"])
    transaction.commit()
    return site


class TestGerman:
    """The site speaks German (create_site.py sets it): the titles of the vocabularies are translated."""

    def test_titles_in_german(self, german_site):
        site = german_site
        [entry] = get(site, q="Becker")["items"]
        assert entry["function"]["title"] == "Ratsmitglied"
        assert entry["topics"][0]["title"] == "Fachkräfte"

    def test_errors_in_german(self, german_site):
        site = german_site
        response = http().get(site["url"], params={"b_size": "500"})
        assert response.status_code == 400
        assert (
            response.json()["message"]
            == 'Parameter "b_size": Die Seitengröße muss zwischen 1 und 100 liegen.'
        )

    def test_csv_header_in_german(self, german_site):
        site = german_site
        rows = read_csv(http(accept="text/csv").get(site["url"]))
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
