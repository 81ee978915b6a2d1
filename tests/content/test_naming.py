"""Ids from titles with German transliteration; the computed title of a representative; post ids."""

from plone import api
from plone.app.content.interfaces import INameFromTitle
from plone.dexterity.utils import createContent
from zope.container.interfaces import INameChooser
import pytest
import re


POST_ID = re.compile(r"^beitrag-\d{8}-\d{6}-[0-9a-f]{6}$")


class TestIdsFromTitles:
    @pytest.mark.parametrize(
        ("title", "expected"),
        [
            ("Wolfenbüttel", "wolfenbuettel"),
            ("Landkreis Göttingen", "landkreis-goettingen"),
            ("Großraum Braunschweig", "grossraum-braunschweig"),
            ("ÖPNV-Anbindung Süd", "oepnv-anbindung-sued"),
        ],
    )
    def test_municipality(self, tree_class, title, expected):
        municipality = api.content.create(
            container=tree_class.region, type="Municipality", title=title, kind="stadt", ags="03153017"
        )
        assert municipality.getId() == expected

    @pytest.mark.parametrize(
        ("portal_type", "place", "title", "expected"),
        [
            ("Forum", "region", "Gewerbeflächen und Ansiedlung", "gewerbeflaechen-und-ansiedlung"),
            ("Forum", "region", "Fachkräfte & Pendler", "fachkraefte-pendler"),
            ("Thread", "forum", "Vertreter*innen gesucht", "vertreterinnen-gesucht"),
            ("Thread", "forum", "Vertreter:innen und Bürger_innen", "vertreterinnen-und-buergerinnen"),
            ("Thread", "forum", "„Straßenbahn“ – wann?", "strassenbahn-wann"),
            (
                "ExchangeProposal",
                "region",
                "Regionale Vernetzung der kommunalpolitischen Vertreter*innen aus dem Wirtschaftsbereich",
                "regionale-vernetzung-der-kommunalpolitischen",
            ),
            ("Meeting", "proposal", "Austauschtreffen in Wolfsburg", "austauschtreffen-in-wolfsburg"),
        ],
    )
    def test_our_containers(self, tree_class, portal_type, place, title, expected):
        obj = api.content.create(container=getattr(tree_class, place), type=portal_type, title=title)
        assert obj.getId() == expected

    def test_unique_in_container(self, tree_class):
        ids = {
            api.content.create(container=tree_class.forum, type="Thread", title="Tourismus").getId()
            for _ in range(3)
        }
        assert len(ids) == 3
        assert "tourismus" in ids

    def test_same_for_every_language(self, tree_class, request_class):
        """Plone normalises with the request's language (ä -> a for English); ours is German always."""
        request_class["LANGUAGE"] = "en"
        forum = api.content.create(container=tree_class.region, type="Forum", title="Übergänge")
        assert forum.getId() == "uebergaenge"

    def test_rest_api_path(self, tree_class):
        """plone.restapi asks the container's chooser with no name, which asks INameFromTitle."""
        forum = createContent("Forum", title="Wissenschaft & Hochschulen für Südostniedersachsen")
        forum = forum.__of__(tree_class.region)
        assert INameFromTitle(forum).title == "wissenschaft-hochschulen-fuer-suedostniedersachsen"
        name = INameChooser(tree_class.region).chooseName(None, forum)
        assert name == "wissenschaft-hochschulen-fuer-suedostniedersachsen"

    def test_region_in_site_root_rest_api_path(self, tree_class):
        region = createContent("Region", title="Region Göttingen").__of__(tree_class.portal)
        assert INameChooser(tree_class.portal).chooseName(None, region) == "region-goettingen"

    def test_region_in_site_root_plone_api(self, tree_class, german_request_class):
        """plone.api passes the title as the name; outside our containers Plone's chooser normalises it
        with the request's language, which is German on a German site (an English request would make
        "region-gottingen": the site root is not ours to name)."""
        region = api.content.create(container=tree_class.portal, type="Region", title="Region Göttingen")
        assert region.getId() == "region-goettingen"


class TestRepresentativeTitle:
    @pytest.mark.parametrize(
        ("parts", "title", "id_"),
        [
            ({"first_name": "Lena", "last_name": "Beispiel"}, "Lena Beispiel", "lena-beispiel"),
            (
                {
                    "salutation": "frau",
                    "academic_title": "Dr.",
                    "first_name": "Anna",
                    "last_name": "Beispiel",
                },
                "Dr. Anna Beispiel",
                "dr-anna-beispiel",
            ),
            (
                {
                    "salutation": "herr",
                    "academic_title": "Prof. Dr.",
                    "first_name": "Jörg",
                    "last_name": "Müller",
                },
                "Prof. Dr. Jörg Müller",
                "prof-dr-joerg-mueller",
            ),
            ({"salutation": "herr", "first_name": "", "last_name": "Müller"}, "Herr Müller", "herr-mueller"),
            (
                {
                    "salutation": "frau",
                    "academic_title": "Dr.",
                    "first_name": " ",
                    "last_name": "von der Heide",
                },
                "Frau Dr. von der Heide",
                "frau-dr-von-der-heide",
            ),
            ({"first_name": "  Ute ", "last_name": " Groß  "}, "Ute Groß", "ute-gross"),
        ],
    )
    def test_title_and_id(self, tree_class, build, parts, title, id_):
        parts = {"first_name": None, "last_name": None, **parts}
        representative = build.representative(tree_class.municipality, **parts)
        assert representative.Title() == title
        assert representative.title == title
        assert representative.getId() == id_

    def test_title_follows_the_name(self, tree_class, build):
        representative = build.representative(tree_class.municipality, first_name="Eva", last_name="Alt")
        representative.last_name = "Neu"
        representative.academic_title = "Dr."
        assert representative.Title() == "Dr. Eva Neu"
        representative.reindexObject()
        assert api.content.find(UID=representative.UID())[0].Title == "Dr. Eva Neu"

    def test_title_cannot_be_set(self, tree_class, build):
        representative = build.representative(tree_class.municipality, first_name="Eva", last_name="Fest")
        representative.setTitle("Etwas anderes")
        representative.title = "Noch etwas"
        assert representative.Title() == "Eva Fest"
        assert "title" not in representative.__dict__

    def test_same_name_twice(self, tree_class, build):
        first = build.representative(tree_class.municipality, first_name="Max", last_name="Muster")
        second = build.representative(tree_class.municipality, first_name="Max", last_name="Muster")
        assert first.getId() == "max-muster"
        assert second.getId() != first.getId()
        assert second.getId().startswith("max-muster")

    def test_sort_name(self, tree_class, build):
        representative = build.representative(
            tree_class.municipality, first_name="Ursula", last_name="von der Öhe"
        )
        assert representative.sort_name() == "ohe ursula von der"


class TestPostIds:
    def test_not_from_the_title(self, tree_class, build):
        post = build.post(tree_class.thread, title="Mein toller Titel")
        assert POST_ID.match(post.getId()), post.getId()
        assert "titel" not in post.getId()
        assert post.Title() == f"Re: {tree_class.thread.Title()}"

    def test_unique(self, tree_class, build):
        ids = [build.post(tree_class.thread).getId() for _ in range(15)]
        assert len(set(ids)) == 15
        assert all(POST_ID.match(post_id) for post_id in ids)

    def test_rest_api_path(self, tree_class):
        post = createContent("Post").__of__(tree_class.thread)
        name = INameChooser(tree_class.thread).chooseName(None, post)
        assert POST_ID.match(name), name

    def test_explicit_id_is_kept(self, tree_class, build):
        """A script that names its post (plone.api's ``id``) gets that id."""
        post = build.post(tree_class.thread, id="import-4711")
        assert post.getId() == "import-4711"
