"""Every validator of the content model with good and bad values; the bad ones speak German.

The checks run the way their callers run them:

* field constraints: the field bound to the object, ``validate(value)`` (z3c.form's field validator and
  plone.restapi's field deserializers do exactly this);
* invariants: ``IManagerValidator`` looked up for ``(context, request, view, schema, manager)`` and
  ``validate(data)`` with a dict of the schema's fields, as plone.restapi's deserializer (view ``None``,
  context the new or edited object) and z3c.form (an add form passes no context) call it;
* end to end: plone.restapi's deserializer with a German request, and Dexterity's add form.
"""

from datetime import date
from datetime import timedelta
from plone import api
from plone.app.dexterity.behaviors.metadata import IBasic
from plone.app.event.base import localized_now
from plone.app.textfield.value import RichTextValue
from plone.dexterity.browser.add import DefaultAddForm
from plone.restapi.interfaces import IDeserializeFromJson
from plone.restapi.services.content.utils import create as rest_create
from regionaustausch.content.exchange_proposal import IExchangeProposal
from regionaustausch.content.meeting import IMeeting
from regionaustausch.content.municipality import IMunicipality
from regionaustausch.content.post import IPost
from regionaustausch.content.region import IRegion
from regionaustausch.content.representative import IRepresentative
from regionaustausch.content.thread import IThread
from regionaustausch.interfaces import IRegionaustauschLayer
from z3c.form.interfaces import IManagerValidator
from zExceptions import BadRequest
from zope.component import getMultiAdapter
from zope.i18n import translate
from zope.interface import Invalid
from zope.interface import alsoProvides
from zope.schema import ValidationError
import datetime
import pytest


def de(message):
    return translate(message, target_language="de")


def message_of(error):
    """The German text of a zope.schema ValidationError or an invariant's Invalid."""
    if isinstance(error, ValidationError):
        return de(error.doc())
    assert isinstance(error, Invalid), error
    return de(error.args[0])


def field_error(schema, name, context, value):
    """Validate ``value`` for field ``name`` bound to ``context``; the German message or ``None``."""
    field = schema[name].bind(context)
    try:
        field.validate(value)
    except ValidationError as error:
        return message_of(error)
    return None


def invariant_errors(context, schema, data, request, view=None):
    """The German messages of the schema's invariants (and our title rule) for ``data``."""
    validator = getMultiAdapter((context, request, view, schema, None), IManagerValidator)
    return [message_of(error) for error in validator.validate(data)]


def new_object(container, portal_type, **fields):
    """A new object as plone.restapi validates it: created, wrapped in its container, not yet added."""
    obj = rest_create(container, portal_type, title=fields.pop("title", None)).__of__(container)
    for name, value in fields.items():
        setattr(obj, name, value)
    return obj


def rest_errors(obj, request, data, create=False):
    """Run plone.restapi's deserializer; the messages of its 400 answer (``[]`` when it passes)."""
    deserializer = getMultiAdapter((obj, request), IDeserializeFromJson)
    try:
        deserializer(validate_all=True, create=create, data=data)
    except BadRequest as error:
        return [(entry.get("field"), entry["message"]) for entry in error.args[0]]
    return []


def add_form_errors(container, portal_type, request, form):
    """Submit Dexterity's add form (without saving) and return the German messages of its errors."""
    alsoProvides(request, IRegionaustauschLayer)
    request.form.clear()
    request.form.update(form)
    add_form = DefaultAddForm(container, request)
    add_form.portal_type = portal_type
    add_form.update()
    _data, errors = add_form.extractData()
    return [de(error.message) if hasattr(error, "message") else message_of(error) for error in errors]


def rich(html):
    return RichTextValue(html, "text/html", "text/x-html-safe")


@pytest.fixture(scope="class")
def tree(tree_class):
    """One tree per test class: validating writes nothing (tests that write make objects of their own)."""
    return tree_class


@pytest.fixture(scope="class")
def region(tree_class):
    return tree_class.region


# -- AGS ------------------------------------------------------------------------------------------------


AGS_GOOD = [
    ("kreisfreie_stadt", "03101000"),  # Braunschweig
    ("kreisfreie_stadt", "03 1 01 000"),  # as printed in official lists
    ("stadt", "03153017"),
    ("gemeinde", "03151001"),
    ("samtgemeinde", "03151401"),
    ("landkreis", "03151"),  # Landkreis Gifhorn: 5 digits
    ("kreisfreie_stadt", "11000000"),  # Berlin
    ("stadt", "01001000"),  # Land 01
    ("stadt", "16051000"),  # Land 16
]

AGS_BAD = [
    ("landkreis", "03151000", "Der AGS muss für einen Landkreis 5 Ziffern haben, nicht 8."),
    ("kreisfreie_stadt", "03101", "Der AGS muss für eine Stadt oder Gemeinde 8 Ziffern haben, nicht 5."),
    ("stadt", "0315301", "Der AGS muss für eine Stadt oder Gemeinde 8 Ziffern haben, nicht 7."),
    ("gemeinde", "031510011", "Der AGS muss für eine Stadt oder Gemeinde 8 Ziffern haben, nicht 9."),
    (
        "samtgemeinde",
        "0315140A",
        "Der AGS darf nur Ziffern enthalten (Leerzeichen zwischen den Zifferngruppen sind erlaubt).",
    ),
    (
        "stadt",
        "03-153-017",
        "Der AGS darf nur Ziffern enthalten (Leerzeichen zwischen den Zifferngruppen sind erlaubt).",
    ),
    ("stadt", "17101000", "Der AGS muss mit der Nummer eines Landes von 01 bis 16 beginnen, nicht mit 17."),
    ("landkreis", "00151", "Der AGS muss mit der Nummer eines Landes von 01 bis 16 beginnen, nicht mit 00."),
    (
        "stadt",
        "03000001",
        "Den AGS 03000001 gibt es nicht: Nur Berlin (11000000) und Hamburg (02000000) haben die "
        "Kreisnummer 00.",
    ),
    ("stadt", "", "Bitte geben Sie den Amtlichen Gemeindeschlüssel (AGS) ein."),
]


AGS_DUPLICATE = (
    "Der AGS 03101000 ist in dieser Wirtschaftsregion bereits einer anderen Gebietskörperschaft zugeordnet."
)


class TestAGS:
    @pytest.fixture(scope="class")
    def empty_region(self, tree, build):
        return build.region(tree.portal, title="Region ohne Mitglieder")

    @pytest.mark.parametrize(("kind", "ags"), AGS_GOOD)
    def test_good(self, empty_region, request_class, kind, ags):
        municipality = new_object(empty_region, "Municipality", title="Neu")
        assert invariant_errors(municipality, IMunicipality, {"kind": kind, "ags": ags}, request_class) == []

    @pytest.mark.parametrize(("kind", "ags", "german"), AGS_BAD)
    def test_bad(self, region, request_class, kind, ags, german):
        municipality = new_object(region, "Municipality", title="Neu")
        assert invariant_errors(municipality, IMunicipality, {"kind": kind, "ags": ags}, request_class) == [
            german
        ]

    def test_ags_is_stored_without_spaces(self, region, build):
        municipality = build.municipality(region, title="Salzgitter", ags="03 1 02 000")
        assert municipality.ags == "03102000"
        assert api.content.find(ags="03102000")[0].getObject() == municipality
        assert municipality.land() == "Niedersachsen"

    @pytest.mark.parametrize("ags", ["03101000", "03 101 000"])
    def test_duplicate_in_region_refused(self, region, request_class, ags):
        # the tree's Braunschweig has 03101000
        municipality = new_object(region, "Municipality", title="Doppelt")
        assert invariant_errors(
            municipality, IMunicipality, {"kind": "kreisfreie_stadt", "ags": ags}, request_class
        ) == [AGS_DUPLICATE]

    def test_same_ags_in_another_region_allowed(self, tree, build, request_class):
        other = build.region(tree.portal, title="Region Hannover")
        municipality = new_object(other, "Municipality", title="Braunschweig")
        assert (
            invariant_errors(
                municipality, IMunicipality, {"kind": "kreisfreie_stadt", "ags": "03101000"}, request_class
            )
            == []
        )
        build.municipality(other, title="Braunschweig", ags="03101000")
        assert len(api.content.find(portal_type="Municipality", ags="03101000")) == 2

    def test_editing_keeps_own_ags_valid(self, tree, request_class):
        data = {"kind": "kreisfreie_stadt", "ags": "03101000", "population": 250000}
        assert invariant_errors(tree.municipality, IMunicipality, data, request_class) == []
        # a change of another field only: the invariant reads kind and AGS from the object
        assert invariant_errors(tree.municipality, IMunicipality, {"population": 1}, request_class) == []

    def test_editing_another_to_a_used_ags_refused(self, tree, build, request_class):
        wolfsburg = build.municipality(tree.region, title="Wolfsburg", ags="03103000")
        assert invariant_errors(wolfsburg, IMunicipality, {"ags": "03101000"}, request_class) == [
            AGS_DUPLICATE
        ]

    def test_kind_missing_leaves_the_message_to_the_required_field(self, region, request_class):
        municipality = new_object(region, "Municipality", title="Neu")
        assert invariant_errors(municipality, IMunicipality, {"ags": "12"}, request_class) == []

    def test_rest_api(self, region, german_request_class):
        municipality = new_object(region, "Municipality", title="Neu")
        data = {"title": "Peine", "kind": "landkreis", "ags": "03157000"}
        assert rest_errors(municipality, german_request_class, data, create=True) == [
            ("ags", "Der AGS muss für einen Landkreis 5 Ziffern haben, nicht 8.")
        ]
        data["ags"] = "03157"
        assert rest_errors(municipality, german_request_class, data, create=True) == []

    def test_rest_api_duplicate(self, region, german_request_class):
        municipality = new_object(region, "Municipality", title="Neu")
        data = {"title": "Braunschweig", "kind": "kreisfreie_stadt", "ags": "03101000"}
        assert rest_errors(municipality, german_request_class, data, create=True) == [
            (
                "ags",
                "Der AGS 03101000 ist in dieser Wirtschaftsregion bereits einer anderen Gebietskörperschaft "
                "zugeordnet.",
            )
        ]

    def test_add_form_duplicate(self, region, request_class):
        """z3c.form validates an add form without a context; the Region is found all the same."""
        form = {
            "form.widgets.IBasic.title": "Braunschweig",
            "form.widgets.kind": ["kreisfreie_stadt"],
            "form.widgets.kind-empty-marker": "1",
            "form.widgets.ags": "03101000",
        }
        assert add_form_errors(region, "Municipality", request_class, form) == [AGS_DUPLICATE]
        form["form.widgets.ags"] = "03155000"
        assert add_form_errors(region, "Municipality", request_class, form) == []


# -- contact details, web addresses, numbers ------------------------------------------------------------

EMAIL_INVALID = "Die E-Mail-Adresse ist ungültig."
URL_INVALID = (
    "Die Internetadresse ist ungültig. Sie muss mit http:// oder https:// beginnen, einen Hostnamen "
    "enthalten und darf keine Leerzeichen enthalten."
)
PHONE_CHARACTERS = (
    "Die Telefonnummer darf nur Ziffern, Leerzeichen und die Zeichen / - ( ) sowie am Anfang ein + enthalten."
)
PHONE_LENGTH = "Die Telefonnummer muss 6 bis 30 Zeichen lang sein, davon mindestens 5 Ziffern."


class TestFields:
    @pytest.mark.parametrize(
        "value", ["anna.beispiel@braunschweig.de", "a+b@example.org", "info@stadt-müllheim.de"]
    )
    def test_email_good(self, tree, value):
        assert field_error(IRepresentative, "email", tree.representative, value) is None

    @pytest.mark.parametrize(
        ("value", "german"),
        [
            ("anna.beispiel", EMAIL_INVALID),
            ("anna@localhost", EMAIL_INVALID),
            ("anna beispiel@example.org", EMAIL_INVALID),
            ("anna@@example.org", EMAIL_INVALID),
            (".anna@example.org", EMAIL_INVALID),
            ("a" * 250 + "@example.org", "Die E-Mail-Adresse darf höchstens 254 Zeichen lang sein."),
        ],
    )
    def test_email_bad(self, tree, value, german):
        assert field_error(IRepresentative, "email", tree.representative, value) == german

    @pytest.mark.parametrize(
        "value", ["https://www.braunschweig.de", "http://www.peine.de/rathaus?x=1", "https://10.0.0.1:8080/"]
    )
    @pytest.mark.parametrize("name", ["website", "oparl_id"])
    def test_url_good(self, tree, name, value):
        assert field_error(IMunicipality, name, tree.municipality, value) is None

    @pytest.mark.parametrize(
        "value",
        [
            "www.braunschweig.de",
            "javascript:alert(1)",
            "ftp://example.org/",
            "https://",
            "https://exa mple.org",
            "https://user@evil.example.org",
            "https://localhost",
        ],
    )
    @pytest.mark.parametrize("name", ["website", "oparl_id"])
    def test_url_bad(self, tree, name, value):
        assert field_error(IMunicipality, name, tree.municipality, value) == URL_INVALID

    def test_representative_oparl_url(self, tree):
        assert (
            field_error(IRepresentative, "oparl_id", tree.representative, "https://oparl.example.org/p/1")
            is None
        )
        assert field_error(IRepresentative, "oparl_id", tree.representative, "oparl/p/1") == URL_INVALID

    @pytest.mark.parametrize("value", ["+49 531 470-1", "0531 / 470 1", "(0531) 4701", "05314701"])
    def test_phone_good(self, tree, value):
        assert field_error(IRepresentative, "phone", tree.representative, value) is None

    @pytest.mark.parametrize(
        ("value", "german"),
        [
            ("0531 470 1 ext. 5", PHONE_CHARACTERS),
            ("0531+4701", PHONE_CHARACTERS),
            ("1234", PHONE_LENGTH),
            ("+49 (0) 531 / 470 - 1 - 2 - 3 - 4 - 5", PHONE_LENGTH),
        ],
    )
    def test_phone_bad(self, tree, value, german):
        assert field_error(IRepresentative, "phone", tree.representative, value) == german

    @pytest.mark.parametrize("value", [0, 1, 250000])
    def test_population_good(self, tree, value):
        assert field_error(IMunicipality, "population", tree.municipality, value) is None

    def test_population_negative(self, tree):
        assert field_error(IMunicipality, "population", tree.municipality, -1) == "Wert ist zu klein."

    def test_meeting_capacity(self, tree):
        assert field_error(IMeeting, "capacity", tree.meeting, 0) is None
        assert field_error(IMeeting, "capacity", tree.meeting, -5) == "Wert ist zu klein."

    def test_rest_api_names_the_field(self, tree, german_request_class):
        assert rest_errors(tree.representative, german_request_class, {"email": "keine-adresse"}) == [
            ("email", EMAIL_INVALID)
        ]
        assert rest_errors(tree.municipality, german_request_class, {"website": "www.peine.de"}) == [
            ("website", URL_INVALID)
        ]
        assert rest_errors(tree.municipality, german_request_class, {"population": -3}) == [
            ("population", "Wert ist zu klein.")
        ]


# -- texts and titles -----------------------------------------------------------------------------------

TEXT_EMPTY = "Der Text darf nicht leer sein."


class TestTexts:
    @pytest.mark.parametrize("schema", [IPost, IThread], ids=["post", "thread"])
    @pytest.mark.parametrize(
        "html",
        ["<p>Ja.</p>", "Ja", "<p>" + "x" * 20000 + "</p>", "<p><strong>" + "x" * 19999 + "</strong>!</p>"],
    )
    def test_good(self, tree, schema, html):
        context = tree.post if schema is IPost else tree.thread
        assert field_error(schema, "text", context, rich(html)) is None

    @pytest.mark.parametrize("schema", [IPost, IThread], ids=["post", "thread"])
    @pytest.mark.parametrize(
        ("html", "german"),
        [
            ("", TEXT_EMPTY),
            ("   \n\t ", TEXT_EMPTY),
            ("<p> </p><p>&nbsp;</p>", TEXT_EMPTY),
            ("<script>alert(1)</script><img src=x>", TEXT_EMPTY),
            ("x" * 20001, "Der Text darf höchstens 20000 Zeichen lang sein; er hat 20001."),
            ("<p>" + "x" * 20001 + "</p>", "Der Text darf höchstens 20000 Zeichen lang sein; er hat 20001."),
            (
                "<b>x</b>" * 30000,
                "Der Text ist zu lang, um verarbeitet zu werden: Einschließlich Formatierung darf er "
                "höchstens 200000 Zeichen umfassen.",
            ),
        ],
        ids=[
            "empty",
            "whitespace",
            "empty-paragraphs",
            "nothing-visible",
            "too-long",
            "too-long-html",
            "huge",
        ],
    )
    def test_bad(self, tree, schema, html, german):
        context = tree.post if schema is IPost else tree.thread
        assert field_error(schema, "text", context, rich(html)) == german

    def test_missing_text_is_required(self, tree):
        assert field_error(IPost, "text", tree.post, None) == "Erforderliche Eingabe fehlt."

    def test_rest_api(self, tree, german_request_class):
        data = {"text": {"data": "<p>  </p>", "content-type": "text/html", "encoding": "utf-8"}}
        assert rest_errors(tree.post, german_request_class, data) == [("text", TEXT_EMPTY)]


TITLE_TOO_LONG = "Der Titel darf höchstens 200 Zeichen lang sein; er hat 201."


class TestTitles:
    """plone.basic's title allows 1024 characters; ours are held to the domain's 200."""

    @pytest.mark.parametrize("place", ["region", "municipality", "forum", "thread", "proposal", "meeting"])
    def test_at_most_200(self, tree, request_class, place):
        context = getattr(tree, place)
        assert invariant_errors(context, IBasic, {"title": "x" * 200}, request_class) == []
        assert invariant_errors(context, IBasic, {"title": "x" * 201}, request_class) == [TITLE_TOO_LONG]

    def test_blank_title(self, tree, request_class):
        assert invariant_errors(tree.forum, IBasic, {"title": " \t "}, request_class) == [
            "Der Titel darf nicht leer sein."
        ]

    def test_other_types_keep_plones_limit(self, tree, request_class):
        assert invariant_errors(tree.folder, IBasic, {"title": "x" * 500}, request_class) == []

    def test_rest_api_add(self, tree, german_request_class):
        forum = new_object(tree.region, "Forum")
        assert rest_errors(forum, german_request_class, {"title": "x" * 201}, create=True) == [
            ("title", TITLE_TOO_LONG)
        ]
        assert rest_errors(forum, german_request_class, {"title": "Gewerbeflächen"}, create=True) == []

    def test_rest_api_edit(self, tree, build, german_request_class):
        thread = build.thread(tree.forum, title="Zum Bearbeiten")
        assert rest_errors(thread, german_request_class, {"title": "ü" * 201}) == [("title", TITLE_TOO_LONG)]

    def test_add_form_in_site_root(self, tree, request_class):
        """A Region is added in the site root: the add form has no context of ours, the type is."""
        form = {
            "form.widgets.IBasic.title": "x" * 201,
            "form.widgets.quorum_supports": "5",
            "form.widgets.quorum_municipalities": "3",
        }
        assert add_form_errors(tree.portal, "Region", request_class, form) == [TITLE_TOO_LONG]
        form["form.widgets.IBasic.title"] = "Region Hannover"
        assert add_form_errors(tree.portal, "Region", request_class, form) == []

    def test_add_form_of_other_types_unchanged(self, tree, request_class):
        form = {"form.widgets.IDublinCore.title": "x" * 500, "form.widgets.IBasic.title": "x" * 500}
        assert add_form_errors(tree.portal, "Document", request_class, form) == []

    def test_representative_name(self, tree, request_class):
        data = {"first_name": "A" * 100, "last_name": "B" * 99}
        assert invariant_errors(tree.representative, IRepresentative, data, request_class) == []
        data["academic_title"] = "Dr."
        assert invariant_errors(tree.representative, IRepresentative, data, request_class) == [
            "Der Titel darf höchstens 200 Zeichen lang sein; er hat 204."
        ]


# -- replies --------------------------------------------------------------------------------------------

REPLY_OTHER_THREAD = "Ein Beitrag kann nur auf einen Beitrag derselben Diskussion antworten."
REPLY_TO_ITSELF = "Ein Beitrag kann nicht auf sich selbst antworten."


class TestReplies:
    def test_reply_to_a_post_of_the_same_thread(self, tree, request_class):
        reply = new_object(tree.thread, "Post")
        data = {"in_reply_to": tree.post.UID()}
        assert invariant_errors(reply, IPost, data, request_class) == []

    def test_no_reply(self, tree, request_class):
        reply = new_object(tree.thread, "Post")
        assert invariant_errors(reply, IPost, {"in_reply_to": None}, request_class) == []

    def test_post_of_another_thread_refused(self, tree, build, request_class):
        other_thread = build.thread(tree.forum, title="Andere Diskussion")
        other_post = build.post(other_thread)
        reply = new_object(tree.thread, "Post")
        assert invariant_errors(reply, IPost, {"in_reply_to": other_post.UID()}, request_class) == [
            REPLY_OTHER_THREAD
        ]

    def test_own_uid_refused(self, tree, request_class):
        assert invariant_errors(tree.post, IPost, {"in_reply_to": tree.post.UID()}, request_class) == [
            REPLY_TO_ITSELF
        ]

    @pytest.mark.parametrize("uid", ["0" * 32, "nonsense"])
    def test_missing_uid_refused(self, tree, request_class, uid):
        reply = new_object(tree.thread, "Post")
        assert invariant_errors(reply, IPost, {"in_reply_to": uid}, request_class) == [REPLY_OTHER_THREAD]

    @pytest.mark.parametrize("place", ["thread", "forum", "representative"])
    def test_other_content_refused(self, tree, request_class, place):
        reply = new_object(tree.thread, "Post")
        uid = getattr(tree, place).UID()
        assert invariant_errors(reply, IPost, {"in_reply_to": uid}, request_class) == [REPLY_OTHER_THREAD]

    def test_rest_api(self, tree, german_request_class):
        reply = new_object(tree.thread, "Post")
        text = {"data": "<p>Genau.</p>", "content-type": "text/html", "encoding": "utf-8"}
        assert (
            rest_errors(
                reply, german_request_class, {"text": text, "in_reply_to": tree.post.UID()}, create=True
            )
            == []
        )
        assert rest_errors(
            reply, german_request_class, {"text": text, "in_reply_to": tree.thread.UID()}, create=True
        ) == [("in_reply_to", REPLY_OTHER_THREAD)]

    def test_add_form(self, tree, request_class):
        """The add form validates without a context: the thread is its container."""
        form = {
            "form.widgets.text": "<p>Genau.</p>",
            "form.widgets.text.mimeType": "text/html",
            "form.widgets.in_reply_to": tree.post.UID(),
        }
        assert add_form_errors(tree.thread, "Post", request_class, form) == []
        form["form.widgets.in_reply_to"] = tree.forum.UID()
        assert add_form_errors(tree.thread, "Post", request_class, form) == [REPLY_OTHER_THREAD]


# -- Region, proposals, representatives -----------------------------------------------------------------


class TestQuorum:
    @pytest.mark.parametrize(("supports", "municipalities"), [(5, 3), (3, 3), (1, 1), (1000, 1)])
    def test_good(self, tree, request_class, supports, municipalities):
        data = {"quorum_supports": supports, "quorum_municipalities": municipalities}
        assert invariant_errors(tree.region, IRegion, data, request_class) == []

    def test_more_municipalities_than_supports(self, tree, request_class):
        data = {"quorum_supports": 2, "quorum_municipalities": 3}
        assert invariant_errors(tree.region, IRegion, data, request_class) == [
            "Die Zahl der erforderlichen Gebietskörperschaften (3) darf nicht größer sein als die Zahl der "
            "erforderlichen Unterstützungen (2)."
        ]

    def test_against_the_stored_value(self, tree, request_class):
        # the Region has 5 / 3; lowering the supports below the municipalities alone is refused too
        assert invariant_errors(tree.region, IRegion, {"quorum_supports": 2}, request_class) != []

    @pytest.mark.parametrize("name", ["quorum_supports", "quorum_municipalities"])
    def test_at_least_one(self, tree, name):
        assert field_error(IRegion, name, tree.region, 0) == "Wert ist zu klein."
        assert field_error(IRegion, name, tree.region, 1) is None

    def test_defaults_from_the_control_panel(self, tree, build):
        from regionaustausch.controlpanel import get_settings

        settings = get_settings()
        settings.default_quorum_supports = 7
        settings.default_quorum_municipalities = 4
        region = build.region(tree.portal, title="Neue Region")
        assert (region.quorum_supports, region.quorum_municipalities) == (7, 4)


#: "uid:bs" stands for the UID of the tree's municipality (Braunschweig), "uid:other" for one of
#: another Region (:func:`with_uids`)
RESOLUTION = {
    "municipality": "uid:bs",
    "body": "Rat der Stadt Braunschweig",
    "kind": "ratsbeschluss",
    "status": "gefasst",
    "status_date": datetime.date(2022, 6, 14),
    "reference": "22-18940",
    "url": "https://ratsinfo.braunschweig.de/vo0050.asp?__kvonr=18940",
}


def row(**values):
    """A row as a form sends it: every cell."""
    return {**RESOLUTION, "status": "offen", "status_date": None, "reference": "", "url": "", **values}


def with_uids(rows, tree, other=None):
    def uid(value):
        if value == "uid:bs":
            return tree.municipality.UID()
        if value == "uid:other":
            return other.UID()
        return value

    return [{key: uid(value) for key, value in item.items()} for item in rows]


class TestResolutions:
    @pytest.mark.parametrize(
        "rows",
        [
            [],
            [RESOLUTION],
            [
                RESOLUTION,
                row(
                    body="Wirtschaftsausschuss",
                    kind="ausschussbeschluss",
                    status="eingebracht",
                    reference=None,
                ),
                row(body="Verwaltung", kind="verwaltungsentscheidung", status="abgelehnt", url=None),
            ],
        ],
    )
    def test_good(self, tree, rows):
        rows = with_uids(rows, tree)
        assert field_error(IExchangeProposal, "required_resolutions", tree.proposal, rows) is None

    @pytest.mark.parametrize(
        ("rows", "german"),
        [
            ([{**RESOLUTION, "kind": "beschluss"}], "Beschluss 1: Bitte wählen Sie die Art des Beschlusses."),
            (
                [RESOLUTION, {**RESOLUTION, "status": "erledigt"}],
                "Beschluss 2: Bitte wählen Sie einen gültigen Stand.",
            ),
            ([{**RESOLUTION, "body": "  "}], "Beschluss 1: Das beschließende Gremium muss angegeben werden."),
            (
                [{**RESOLUTION, "municipality": None}],
                "Beschluss 1: Bitte wählen Sie die Gebietskörperschaft, deren Gremium beschließt.",
            ),
            ([{**RESOLUTION, "gremium": "Rat"}], "Beschluss 1: Unbekannte Felder: gremium."),
            (
                [{**RESOLUTION, "reference": "1" * 51}],
                "Beschluss 1: Die Vorlagennummer darf höchstens 50 Zeichen lang sein.",
            ),
            (
                [{**RESOLUTION, "url": "ratsinfo.braunschweig.de"}],
                "Beschluss 1: Der Link ist ungültig. Er muss mit http:// oder https:// beginnen und einen "
                "Host nennen.",
            ),
        ],
        ids=[
            "unknown-kind",
            "unknown-status",
            "no-body",
            "no-municipality",
            "unknown-key",
            "long-reference",
            "url",
        ],
    )
    def test_bad(self, tree, rows, german):
        rows = with_uids(rows, tree)
        assert field_error(IExchangeProposal, "required_resolutions", tree.proposal, rows) == german

    def test_rows_have_all_seven_keys(self, tree):
        """Forms send every cell; the schema wants them all (plone.restapi's rows are completed, below)."""
        rows = with_uids(
            [{"municipality": "uid:bs", "body": "Kreistag Peine", "kind": "kreistagsbeschluss"}], tree
        )
        assert field_error(IExchangeProposal, "required_resolutions", tree.proposal, rows) == (
            "Falscher Typ für Behälterinhalt"
        )

    def test_a_municipality_of_another_region_is_refused(self, tree, build):
        other_region = build.region(tree.portal, title="Andere Region")
        other = build.municipality(other_region, title="Stadt X")
        rows = with_uids([{**RESOLUTION, "municipality": "uid:other"}], tree, other)
        # the form's row: the choice of the Region's municipalities refuses it
        assert field_error(IExchangeProposal, "required_resolutions", tree.proposal, rows) is not None

    @pytest.mark.parametrize(
        ("given", "german"),
        [
            ({**RESOLUTION, "kind": "beschluss"}, "Beschluss 2: Bitte wählen Sie die Art des Beschlusses."),
            ({**RESOLUTION, "status": "erledigt"}, "Beschluss 2: Bitte wählen Sie einen gültigen Stand."),
            ({**RESOLUTION, "gremium": "Rat"}, "Beschluss 2: Unbekannte Felder: gremium."),
            (
                {"municipality": "uid:bs", "kind": "ratsbeschluss"},
                "Beschluss 2: Das beschließende Gremium muss angegeben werden.",
            ),
            (
                {"body": "Rat", "kind": "ratsbeschluss"},
                "Beschluss 2: Bitte wählen Sie die Gebietskörperschaft, deren Gremium beschließt.",
            ),
            (
                {**RESOLUTION, "municipality": "uid:other"},
                "Beschluss 2: Die Gebietskörperschaft gehört nicht zu den Gebietskörperschaften der Region.",
            ),
            (
                {**RESOLUTION, "status_date": "14.06.2022"},
                "Beschluss 2: Das Datum des Stands muss ein Datum sein (JJJJ-MM-TT).",
            ),
        ],
        ids=[
            "unknown-kind",
            "unknown-status",
            "unknown-key",
            "no-body",
            "no-municipality",
            "other-region",
            "date",
        ],
    )
    def test_rest_api_bad(self, tree, build, german_request_class, given, german):
        other = build.municipality(build.region(tree.portal, title="Andere Region"), title="Stadt X")
        proposal = build.proposal(tree.region, title="Mit Beschlüssen")
        data = {
            "required_resolutions": with_uids(
                [{**RESOLUTION, "status_date": "2022-06-14"}, given], tree, other
            )
        }
        assert rest_errors(proposal, german_request_class, data) == [("required_resolutions", german)]
        assert proposal.required_resolutions == []

    def test_rest_api_good(self, tree, build, german_request_class):
        proposal = build.proposal(tree.region, title="Mit Beschlüssen")
        rows = with_uids(
            [
                {**RESOLUTION, "status_date": "2022-06-14"},
                {"municipality": "uid:bs", "body": " Kreistag   Peine ", "kind": "kreistagsbeschluss"},
            ],
            tree,
        )
        assert rest_errors(proposal, german_request_class, {"required_resolutions": rows}) == []
        # a new row's status dates from today, unless one is given (regionaustausch.resolutions)
        today = localized_now(proposal).date()
        assert proposal.required_resolutions == with_uids(
            [RESOLUTION, row(body="Kreistag Peine", kind="kreistagsbeschluss", status_date=today)], tree
        )


class TestProposalFormat:
    def test_unset_format_is_none(self, tree):
        """Not Dublin Core's "text/html", which is no term of the vocabulary."""
        assert tree.proposal.format is None

    def test_rest_api_create_without_format(self, tree, german_request_class):
        proposal = new_object(tree.region, "ExchangeProposal")
        assert rest_errors(proposal, german_request_class, {"title": "Ohne Format"}, create=True) == []

    def test_format_from_vocabulary(self, tree, build, german_request_class):
        proposal = build.proposal(tree.region, title="Mit Format")
        assert rest_errors(proposal, german_request_class, {"format": "arbeitskreis"}) == []
        assert proposal.format == "arbeitskreis"
        assert rest_errors(proposal, german_request_class, {"format": "text/html"}) == [
            ("format", "Unbekannter Wert: text/html. Bitte einen der zulässigen Werte wählen.")
        ]


CONSENT_MISSING = (
    "Kontaktdaten dürfen anderen nur mit Einwilligung der Person angezeigt werden: Bitte geben Sie das "
    "Datum der Einwilligung an."
)


class TestConsent:
    @pytest.mark.parametrize(
        ("visibility", "consent_date"),
        [
            ("hidden", None),
            ("hidden", date(2024, 5, 1)),
            ("network", date(2024, 5, 1)),
            ("public", date.today()),
        ],
    )
    def test_good(self, tree, request_class, visibility, consent_date):
        data = {"contact_visibility": visibility, "consent_date": consent_date}
        assert invariant_errors(tree.representative, IRepresentative, data, request_class) == []

    @pytest.mark.parametrize("visibility", ["public", "network"])
    def test_without_consent_refused(self, tree, request_class, visibility):
        data = {"contact_visibility": visibility, "consent_date": None}
        assert invariant_errors(tree.representative, IRepresentative, data, request_class) == [
            CONSENT_MISSING
        ]

    def test_consent_in_the_future_refused(self, tree, request_class):
        data = {"contact_visibility": "public", "consent_date": date.today() + timedelta(days=1)}
        assert invariant_errors(tree.representative, IRepresentative, data, request_class) == [
            "Das Datum der Einwilligung darf nicht in der Zukunft liegen."
        ]

    def test_rest_api(self, tree, build, german_request_class):
        representative = build.representative(tree.municipality, first_name="Bea", last_name="Muster")
        assert rest_errors(representative, german_request_class, {"contact_visibility": "public"}) == [
            ("consent_date", CONSENT_MISSING)
        ]
        data = {"contact_visibility": "public", "consent_date": "2024-05-01"}
        assert rest_errors(representative, german_request_class, data) == []

    @pytest.mark.parametrize(
        ("value", "german"),
        [("everybody", "Einschränkung ist nicht erfüllt"), (None, "Erforderliche Eingabe fehlt.")],
    )
    def test_unknown_visibility(self, tree, value, german):
        assert field_error(IRepresentative, "contact_visibility", tree.representative, value) == german
