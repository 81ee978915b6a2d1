"""``@types/<Type>`` for every type of ours, over HTTP, in a site whose language is German: a JSON schema
with our fields, German titles, the vocabularies referenced as Volto loads them (``{"@id":
".../@vocabularies/<name>"}``, each of them answering), the fieldsets, and widget hints Volto needs."""

from plone import api
from plone.dexterity.interfaces import IDexterityFTI
from plone.dexterity.utils import iterSchemataForType
from regionaustausch.services.deserializer.json_types import expected_json
from zope.component import getUtility
from zope.i18n import translate
from zope.schema import getFieldsInOrder
from zope.schema.interfaces import IChoice
from zope.schema.interfaces import ICollection
import pytest
import requests
import transaction


PASSWORD = "secret-types-1"

#: Where each type is added (path below the portal), and our fields (DESIGN.md) beyond title and
#: description.
TYPES = {
    "Region": ("", ("quorum_supports", "quorum_municipalities", "partners", "oparl_url", "oparl_committees")),
    "Municipality": (
        "region",
        ("kind", "ags", "population", "council_name", "website", "logo", "oparl_url", "oparl_id"),
    ),
    "Representative": (
        "region/braunschweig",
        (
            "salutation",
            "academic_title",
            "first_name",
            "last_name",
            "party",
            "committees",
            "function",
            "topics",
            "email",
            "phone",
            "contact_visibility",
            "consent_date",
            "user_id",
            "oparl_id",
            "mandate_end",
        ),
    ),
    "Forum": ("region", ("topics", "premoderation")),
    "Thread": ("region/forum", ("text", "pinned")),
    "Post": ("region/forum/thread", ("text", "in_reply_to")),
    "ExchangeProposal": (
        "region",
        ("text", "format", "topics", "lead_organiser", "required_resolutions", "municipalities"),
    ),
    "Meeting": (
        "region/accepted",
        ("host_municipality", "agenda", "minutes", "capacity", "start", "end", "location"),
    ),
}

GERMAN_TYPE_TITLES = {
    "Region": "Wirtschaftsregion",
    "Municipality": "Gebietskörperschaft",
    "Representative": "Vertreter*in",
    "Forum": "Forum",
    "Thread": "Diskussion",
    "Post": "Beitrag",
    "ExchangeProposal": "Austauschvorschlag",
    "Meeting": "Austauschtreffen",
}

#: A few German field titles spelt out (the rest is compared with the catalogue).
GERMAN_FIELD_TITLES = {
    ("Municipality", "kind"): "Art",
    ("Municipality", "ags"): "Amtlicher Gemeindeschlüssel (AGS)",
    ("ExchangeProposal", "lead_organiser"): "Federführung",
    ("ExchangeProposal", "required_resolutions"): "Erforderliche Beschlüsse",
    ("Representative", "topics"): "Themen",
}


def session(user):
    http = requests.Session()
    http.headers.update({"Accept": "application/json", "Content-Type": "application/json"})
    http.auth = (user, PASSWORD)
    return http


def add_user(user_id, *roles):
    api.user.create(email=f"{user_id}@example.invalid", username=user_id, password=PASSWORD)
    for role in roles:
        api.portal.get().acl_users.portal_role_manager.doAssignRoleToPrincipal(user_id, role)


@pytest.fixture(scope="class")
def site(functional_portal_class):
    """A German site with a Region (two municipalities, a partner), a forum with a thread, an accepted
    proposal; a site administrator and a network member."""
    portal = functional_portal_class
    api.portal.set_registry_record("plone.default_language", "de")
    api.portal.set_registry_record("plone.available_languages", ["de"])
    with api.env.adopt_roles(["Manager"]):
        add_user("siteadmin", "Site Administrator")
        add_user("member")
        region = api.content.create(
            container=portal,
            type="Region",
            id="region",
            title="Region",
            partners=["Allianz für die Region"],
            quorum_supports=1,
            quorum_municipalities=1,
        )
        braunschweig = api.content.create(
            container=region,
            type="Municipality",
            id="braunschweig",
            title="Stadt Braunschweig",
            kind="kreisfreie_stadt",
            ags="03101000",
        )
        api.content.create(
            container=region,
            type="Municipality",
            id="gifhorn",
            title="Landkreis Gifhorn",
            kind="landkreis",
            ags="03151",
        )
        record = api.content.create(
            container=braunschweig,
            type="Representative",
            title="M",
            first_name="Mia",
            last_name="Muster",
            user_id="member",
        )
        api.content.transition(obj=record, transition="approve")
        forum = api.content.create(container=region, type="Forum", id="forum", title="Forum")
        api.content.create(container=forum, type="Thread", id="thread", title="Thema", text="<p>Hallo</p>")
        accepted = api.content.create(
            container=region,
            type="ExchangeProposal",
            id="accepted",
            title="Angenommen",
            lead_organiser=braunschweig.UID(),
        )
        api.content.transition(obj=accepted, transition="submit")
        api.content.transition(obj=accepted, transition="open_discussion")
        from regionaustausch.supports import add_support

        with api.env.adopt_user(username="member"):
            add_support(accepted)
        api.content.transition(obj=accepted, transition="accept")
    transaction.commit()
    return {"portal": portal, "url": portal.absolute_url()}


def schema_fields(portal_type):
    """``{name: field}`` of every schema of the type (its own and its behaviours')."""
    fields = {}
    for schema in iterSchemataForType(portal_type):
        fields.update(getFieldsInOrder(schema))
    return fields


def vocabulary_of(field):
    """The name of the vocabulary of a Choice, or of the Choices of a list."""
    if ICollection.providedBy(field):
        field = field.value_type
    return getattr(field, "vocabularyName", None) if IChoice.providedBy(field) else None


class TestTypes:
    @pytest.mark.parametrize("portal_type", TYPES)
    def test_schema(self, site, portal_type):
        container, ours = TYPES[portal_type]
        container_url = f"{site['url']}/{container}".rstrip("/")
        response = session("siteadmin").get(f"{container_url}/@types/{portal_type}")
        assert response.status_code == 200, response.text[:2000]
        schema = response.json()

        # a JSON schema of an object, titled in German
        assert schema["type"] == "object"
        assert schema["title"] == GERMAN_TYPE_TITLES[portal_type]
        properties = schema["properties"]
        assert set(ours) <= set(properties), set(ours) - set(properties)

        fields = schema_fields(portal_type)
        for name in ours:
            field = fields[name]
            german = translate(field.title, target_language="de")
            assert properties[name]["title"] == german, name
            if field.description:
                assert properties[name]["description"] == translate(field.description, target_language="de")
        for (type_name, name), title in GERMAN_FIELD_TITLES.items():
            if type_name == portal_type:
                assert properties[name]["title"] == title

        # required: exactly the required fields that are shown
        required = {name for name, field in fields.items() if field.required and not field.readonly}
        assert set(schema["required"]) == required & set(properties)

        # every field in exactly one fieldset, "default" first, all titled
        fieldsets = schema["fieldsets"]
        assert fieldsets[0]["id"] == "default"
        placed = [name for fieldset in fieldsets for name in fieldset["fields"]]
        assert sorted(placed) == sorted(set(placed))
        assert set(placed) == set(properties)
        assert all(fieldset["title"] for fieldset in fieldsets)

        # vocabularies by reference, in the container's context (Volto loads them from there)
        for name in ours:
            vocabulary = vocabulary_of(fields[name])
            if vocabulary is None:
                continue
            described = (
                properties[name].get("items", properties[name])
                if ICollection.providedBy(fields[name])
                else properties[name]
            )
            assert described["vocabulary"] == {"@id": f"{container_url}/@vocabularies/{vocabulary}"}, name

        # JSON types that match what the API accepts
        for name in ours:
            expected = expected_json(fields[name])
            json_type = properties[name]["type"]
            if expected is not None and str(expected) == "a list":
                assert json_type == "array", name
            elif str(expected) == "true or false":
                assert json_type == "boolean", name
            elif str(expected) == "a whole number":
                assert json_type == "integer", name

    def test_fieldsets_of_a_representative(self, site):
        schema = session("siteadmin").get(f"{site['url']}/region/braunschweig/@types/Representative").json()
        fieldsets = {fieldset["id"]: fieldset for fieldset in schema["fieldsets"]}
        assert fieldsets["contact"]["title"] == "Kontaktdaten"
        assert fieldsets["contact"]["fields"] == ["email", "phone", "contact_visibility", "consent_date"]
        assert fieldsets["connections"]["fields"] == ["user_id", "oparl_id", "mandate_end"]
        assert "email" not in fieldsets["default"]["fields"]

    def test_widgets(self, site):
        schema = session("siteadmin").get(f"{site['url']}/region/@types/ExchangeProposal").json()
        properties = schema["properties"]
        assert properties["text"]["widget"] == "richtext"
        resolutions = properties["required_resolutions"]
        assert resolutions["type"] == "array"
        assert resolutions["widget"] == "object_list"
        rows = resolutions["schema"]
        assert rows["title"] == "Beschluss"
        assert rows["fieldsets"] == [
            {
                "id": "default",
                "title": "Default",
                "fields": ["municipality", "body", "kind", "status", "status_date", "reference", "url"],
            }
        ]
        assert rows["required"] == ["municipality", "body", "kind", "status"]
        assert rows["properties"]["municipality"]["vocabulary"] == {
            "@id": f"{site['url']}/region/@vocabularies/regionaustausch.municipalities"
        }
        assert rows["properties"]["body"]["title"] == "Beschließendes Gremium"
        assert rows["properties"]["kind"]["vocabulary"] == {
            "@id": f"{site['url']}/region/@vocabularies/regionaustausch.resolution_kinds"
        }
        # lists of plain values keep plone.restapi's schema
        assert "widget" not in properties["topics"]
        assert properties["topics"]["items"]["vocabulary"]["@id"].endswith(
            "/@vocabularies/regionaustausch.topics"
        )

    def test_the_schema_is_there_for_who_adds(self, site):
        """A network member, who adds threads, posts and proposals, reads their schemas and vocabularies."""
        member = session("member")
        for container, portal_type in (
            ("region", "ExchangeProposal"),
            ("region/forum", "Thread"),
            ("region/forum/thread", "Post"),
        ):
            response = member.get(f"{site['url']}/{container}/@types/{portal_type}")
            assert response.status_code == 200, (portal_type, response.text[:500])
        schema = member.get(f"{site['url']}/region/@types/ExchangeProposal").json()
        organisers = member.get(schema["properties"]["lead_organiser"]["vocabulary"]["@id"])
        assert organisers.status_code == 200
        assert {item["title"] for item in organisers.json()["items"]} == {
            "Stadt Braunschweig",
            "Landkreis Gifhorn",
            "Allianz für die Region",
        }
        anonymous = requests.get(
            f"{site['url']}/region/@types/ExchangeProposal", headers={"Accept": "application/json"}
        )
        assert anonymous.status_code == 401

    def test_every_vocabulary_answers(self, site):
        """Each vocabulary a schema names answers in its context, with German titles where it has any."""
        seen = {}
        for portal_type, (container, _ours) in TYPES.items():
            container_url = f"{site['url']}/{container}".rstrip("/")
            schema = session("siteadmin").get(f"{container_url}/@types/{portal_type}").json()
            for name, prop in schema["properties"].items():
                for described in (
                    prop,
                    prop.get("items", {}),
                    *prop.get("schema", {}).get("properties", {}).values(),
                ):
                    if isinstance(described, dict) and "vocabulary" in described:
                        seen[described["vocabulary"]["@id"]] = (portal_type, name)
        assert len(seen) >= 10
        for url, where in seen.items():
            response = session("member").get(url, params={"b_size": 100})
            assert response.status_code == 200, (where, response.text[:500])
            if "regionaustausch." in url:
                assert response.json()["items"], where
        kinds = (
            session("member")
            .get(f"{site['url']}/region/@vocabularies/regionaustausch.municipality_kinds")
            .json()
        )
        assert {"token": "landkreis", "title": "Landkreis"} in kinds["items"]

    def test_fti_titles_are_ours(self, site):
        for portal_type in TYPES:
            assert getUtility(IDexterityFTI, name=portal_type).klass.startswith("regionaustausch.")


def test_volto_row_ids_are_dropped(functional_portal):
    """Volto's object_list widget sends every row with an ``@id`` of its own; it is not stored, and a
    misspelt key of a row is still refused."""
    with api.env.adopt_roles(["Manager"]):
        add_user("siteadmin", "Site Administrator")
        region = api.content.create(container=functional_portal, type="Region", id="region", title="Region")
        peine = api.content.create(
            container=region,
            type="Municipality",
            id="pe",
            title="Landkreis Peine",
            kind="landkreis",
            ags="03157",
        )
    transaction.commit()
    url = f"{functional_portal.absolute_url()}/region"
    row = {
        "@id": "7d5c3a2e-1b4f",
        "municipality": peine.UID(),
        "body": "Kreistag Peine",
        "kind": "kreistagsbeschluss",
    }
    created = session("siteadmin").post(
        url, json={"@type": "ExchangeProposal", "title": "Mit Volto", "required_resolutions": [row]}
    )
    assert created.status_code == 201, created.text[:2000]
    assert created.json()["required_resolutions"] == [
        {
            "municipality": peine.UID(),
            "body": "Kreistag Peine",
            "kind": "kreistagsbeschluss",
            "status": "offen",
            "status_date": None,
            "reference": "",
            "url": "",
        }
    ]
    refused = session("siteadmin").patch(
        created.headers["Location"], json={"required_resolutions": [{**row, "gremium": "Rat"}]}
    )
    assert refused.status_code == 400
    assert "gremium" in refused.json()["message"]
