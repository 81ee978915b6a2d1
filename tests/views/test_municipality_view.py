"""A municipality and a representative's profile card over HTTP.

Municipality: its facts (kind, AGS, Land, population, council, website, logo), its active
representatives (as the directory finds them), the link to the directory filtered by it, and
"Vertreter*in hinzufügen" for its editors. Representative: name, municipality, party, function,
committees, topics, contact details only as the record's visibility allows the caller (anonymous,
member, network member, editor), and the record's state for editors only.
"""

from datetime import date
from plone import api
from plone.namedfile.file import NamedBlobImage
from regionaustausch import membership
import html
import io
import PIL.Image
import pytest
import re
import transaction


PASSWORD = "secret-views-1"  # as tests/views/conftest.py
CONSENT = date(2024, 1, 15)


def png(width=64, height=48):
    buffer = io.BytesIO()
    PIL.Image.new("RGB", (width, height), (29, 107, 58)).save(buffer, format="PNG")
    return buffer.getvalue()


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
    """The views' network in German; Braunschweig with all its facts and a logo, records of each
    visibility, a pending record, and its municipal editor."""
    api.portal.set_registry_record("plone.default_language", "de")
    api.portal.set_registry_record("plone.available_languages", ["de"])
    region = site["region"]
    bs = region["bs"]
    with api.env.adopt_roles(["Manager"]):
        bs.population = 251364
        bs.council_name = "Rat der Stadt Braunschweig"
        bs.website = "https://www.braunschweig.de"
        bs.logo = NamedBlobImage(data=png(), filename="wappen.png", contentType="image/png")
        bs.reindexObject()
        api.user.create(email="ed@example.invalid", username="redakteur", password=PASSWORD)
        api.group.add_user(groupname=membership.editors_group_id(bs), username="redakteur")
        clara = record(
            bs,
            "clara",
            "Clara",
            "Zöllner",
            "public",
            academic_title="Dr.",
            party="SPD",
            function="ratsmitglied",
            committees=["Ausschuss für Wirtschaft", "Finanzausschuss"],
            topics=["fachkraefte", "mobilitaet"],
            email="clara@example.org",
            phone="+49 531 470-1",
        )
        berta = record(
            bs, "berta", "Berta", "Brandt", "network", email="berta@example.org", phone="0531 12345"
        )
        dieter = record(bs, "dieter", "Dieter", "Adam", "hidden", party="CDU", email="dieter@example.org")
        paula = record(bs, "paula", "Paula", "Neu", "public", state="pending", email="paula@example.org")
    transaction.commit()
    return {**site, "bs": bs, "clara": clara, "berta": berta, "dieter": dieter, "paula": paula}


def names_in_table(page):
    table = re.search(r'<table class="table ra-representatives">.*?</table>', page, re.S).group(0)
    return re.findall(r'<th scope="row"><a href="[^"]+">([^<]+)</a></th>', table)


# -- municipality ----------------------------------------------------------------------------------------


def test_municipality_facts(network, browse):
    response = browse().get(network["bs"].absolute_url())
    assert response.status_code == 200
    page = response.text
    facts = re.search(r'<dl class="ra-facts">.*?</dl>', page, re.S).group(0)
    text = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", facts)).split())
    assert text == (
        "Art Kreisfreie Stadt Amtlicher Gemeindeschlüssel (AGS) 03101000 Land Niedersachsen "
        "Einwohnerzahl 251.364 Rat oder Kreistag Rat der Stadt Braunschweig "
        "Internetauftritt https://www.braunschweig.de"
    )
    assert '<a href="https://www.braunschweig.de">https://www.braunschweig.de</a>' in facts
    logo = re.search(r'<img class="ra-logo"[^>]*>', page).group(0)
    assert 'alt="Logo oder Wappen: Stadt Braunschweig"' in logo
    src = re.search(r'src="([^"]+)"', logo).group(1)
    assert browse().get(src).headers["Content-Type"].startswith("image/")


def test_municipality_without_optional_facts(network, browse):
    page = browse().get(network["region"]["pe"].absolute_url()).text
    assert "ra-logo" not in page
    assert "Einwohnerzahl" not in page
    assert "Internetauftritt" not in page
    assert "<dd>Landkreis</dd>" in page
    assert "<dd>03157</dd>" in page


def test_municipality_lists_its_active_representatives(network, browse):
    page = browse().get(network["bs"].absolute_url()).text
    # active ones, sorted by name (Paula's record is pending)
    assert names_in_table(page) == ["Dieter Adam", "Anna Beispiel", "Berta Brandt", "Dr. Clara Zöllner"]
    assert '<caption id="ra-representatives-caption">4 aktive Vertreter*innen</caption>' in page
    assert '<th scope="col">Partei oder Fraktion</th>' in page
    assert f'href="{network["clara"].absolute_url()}"' in page
    directory = f"{network['region'].absolute_url()}/@@directory?municipality={network['bs'].UID()}"
    assert f'<a href="{directory}">Vertreter*innen von Stadt Braunschweig im Verzeichnis</a>' in page
    # the list shows no contact details, whoever asks
    for user in (None, "redakteur"):
        page = browse(user).get(network["bs"].absolute_url()).text
        assert "@example.org" not in page


@pytest.mark.parametrize(
    ("user", "may_add"), [(None, False), ("outsider", False), ("anna", False), ("redakteur", True)]
)
def test_editors_may_add_a_representative(network, browse, user, may_add):
    page = browse(user).get(network["bs"].absolute_url()).text
    add = f'href="{network["bs"].absolute_url()}/++add++Representative"'
    assert (add in page) is may_add
    if may_add:
        assert "Vertreter*in hinzufügen" in page


def test_municipality_without_representatives(network, browse):
    page = browse().get(network["region"]["pe"].absolute_url()).text
    assert names_in_table(page) == ["Jonas Muster"]
    with api.env.adopt_roles(["Manager"]):
        empty = api.content.create(
            container=network["region"],
            type="Municipality",
            id="wob",
            title="Stadt Wolfsburg",
            kind="kreisfreie_stadt",
            ags="03103000",
        )
    transaction.commit()
    page = browse().get(empty.absolute_url()).text
    assert "Noch keine aktiven Vertreter*innen." in page
    assert "<table" not in page


# -- representative ----------------------------------------------------------------------------------------


def test_profile_card(network, browse):
    page = browse().get(network["clara"].absolute_url()).text
    assert "<h1>Dr. Clara Zöllner</h1>" in page
    card = re.search(r'<div class="ra-card ra-profile">.*?</section>\s*</div>', page, re.S).group(0)
    text = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", card)).split())
    assert text.startswith(
        "Profil Gebietskörperschaft Stadt Braunschweig Partei oder Fraktion SPD Funktion Ratsmitglied "
        "Ausschüsse Ausschuss für Wirtschaft Finanzausschuss Themen Fachkräfte Pendler und Mobilität Kontakt"
    )
    assert f'<a href="{network["bs"].absolute_url()}">Stadt Braunschweig</a>' in card
    assert '<a href="mailto:clara@example.org">clara@example.org</a>' in card
    assert '<a href="tel:+495314701">+49 531 470-1</a>' in card
    assert "Weitere Vertreter*innen von Stadt Braunschweig im Verzeichnis" in page
    assert "ra-record-state" not in page  # the state is for editors


@pytest.mark.parametrize(
    ("user", "visible"),
    [
        (None, {"clara"}),
        ("outsider", {"clara"}),
        ("anna", {"clara", "berta"}),
        ("redakteur", {"clara", "berta", "dieter"}),
    ],
)
def test_contact_details_on_the_card_as_visibility_allows(network, browse, user, visible):
    session = browse(user)
    for name in ("clara", "berta", "dieter"):
        page = session.get(network[name].absolute_url()).text
        contact = re.search(r'<section class="ra-contact".*?</section>', page, re.S).group(0)
        assert (f"{name}@example.org" in contact) is (name in visible), (user, name)
        if name not in visible:
            assert "Für Sie sind keine Kontaktdaten freigegeben." in contact
            assert "tel:" not in contact
            assert "mailto:" not in contact


def test_editors_see_state_and_visibility(network, browse):
    editor = browse("redakteur")
    page = editor.get(network["dieter"].absolute_url()).text
    assert '<span class="ra-badge ra-state-active" id="ra-record-state">Aktiv</span>' in page
    visibility = re.search(r'<p class="ra-help">(.*?)</p>', page, re.S).group(1)
    assert (
        re.sub(r"<[^>]+>", "", visibility)
        == "Sichtbarkeit der Kontaktdaten: Verborgen (nur für die Redaktion)"
    )
    pending = editor.get(network["paula"].absolute_url()).text
    assert (
        '<span class="ra-badge ra-state-pending" id="ra-record-state">Wartet auf Freigabe</span>' in pending
    )
    for user in (None, "anna"):
        page = browse(user).get(network["dieter"].absolute_url()).text
        assert "ra-record-state" not in page
        assert "Sichtbarkeit der Kontaktdaten" not in page


def test_editor_sees_that_no_details_are_recorded(network, browse):
    page = browse("redakteur").get(network["region"]["bs"]["anna-beispiel"].absolute_url()).text
    assert "Es sind keine Kontaktdaten hinterlegt." in page
    page = browse().get(network["region"]["bs"]["anna-beispiel"].absolute_url()).text
    assert "Für Sie sind keine Kontaktdaten freigegeben." in page


def test_pending_record_is_not_public(network, browse):
    response = browse().get(network["paula"].absolute_url(), allow_redirects=False)
    assert response.status_code in (302, 401)
    page = browse("anna").get(network["paula"].absolute_url()).text
    assert "paula@example.org" not in page
