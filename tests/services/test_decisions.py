"""Decisions over HTTP: the texts of ``@workflow/<transition>`` as the proposal's ``decision``, the
refusals that change nothing, ``realise`` refused while resolutions are missing and the override, and
``@timeline``, against the functional layer's real WSGI server."""

from plone import api
from plone.app.testing import SITE_OWNER_NAME
from regionaustausch.decisions import decision_records
from regionaustausch.supports import add_support
from regionaustausch.testing import add_member
import ast
import pytest
import transaction


PASSWORD = "secret-decisions-1"
PRIVATE = "Intern: bitte zuerst mit dem Kreis klären."


def sync(portal):
    transaction.begin()
    portal._p_jar.sync()


@pytest.fixture
def site(functional_portal, session):
    """A Region (quorum 2 from 2) with Braunschweig and Peine, the members anna (author) and jonas, the
    editor erika (global Editor, an account with a full name), the site administrator sam (no full
    name) and a proposal by anna in discussion with two supports and a lead organiser, which needs a
    resolution of each municipality (Braunschweig's adopted, Peine's submitted)."""
    portal = functional_portal
    api.portal.set_registry_record("plone.default_language", "de")
    api.portal.set_registry_record("plone.available_languages", ["de"])
    with api.env.adopt_roles(["Manager"]):
        region = api.content.create(
            container=portal,
            type="Region",
            id="region",
            title="Region",
            quorum_supports=2,
            quorum_municipalities=2,
        )
        bs = api.content.create(
            container=region,
            type="Municipality",
            id="bs",
            title="Stadt Braunschweig",
            kind="kreisfreie_stadt",
        )
        pe = api.content.create(
            container=region,
            type="Municipality",
            id="pe",
            title="Landkreis Peine",
            kind="landkreis",
            ags="03157",
        )
        add_member(bs, "anna", "Anna", "Beispiel", password=PASSWORD)
        add_member(pe, "jonas", "Jonas", "Muster", password=PASSWORD)
    with api.env.adopt_user(SITE_OWNER_NAME):
        api.user.create(
            email="erika@example.invalid",
            username="erika",
            password=PASSWORD,
            roles=("Member", "Editor"),
            properties={"fullname": "Erika Redaktion"},
        )
        api.user.create(
            email="sam@example.invalid",
            username="sam",
            password=PASSWORD,
            roles=("Member", "Site Administrator"),
        )
    rows = [
        {
            "municipality": bs.UID(),
            "body": "Rat der Stadt Braunschweig",
            "kind": "ratsbeschluss",
            "status": "gefasst",
            "status_date": None,
            "reference": "22-18940",
            "url": "",
        },
        {
            "municipality": pe.UID(),
            "body": "Kreistag Peine",
            "kind": "kreistagsbeschluss",
            "status": "eingebracht",
            "status_date": None,
            "reference": "",
            "url": "",
        },
    ]
    with api.env.adopt_user(username="anna"):
        proposal = api.content.create(
            container=region,
            type="ExchangeProposal",
            id="proposal",
            title="Vorschlag",
            lead_organiser=bs.UID(),
            required_resolutions=rows,
        )
        api.content.transition(obj=proposal, transition="submit", comment=PRIVATE)
    with api.env.adopt_user(username="erika"):
        api.content.transition(obj=proposal, transition="open_discussion", comment=PRIVATE)
    for user_id in ("anna", "jonas"):
        with api.env.adopt_user(username=user_id):
            add_support(proposal)
    transaction.commit()
    return {
        "portal": portal,
        "region": region,
        "proposal": proposal,
        "bs": bs,
        "pe": pe,
        "url": proposal.absolute_url(),
        "session": lambda user=None: session(user, password=PASSWORD) if user else session(),
    }


def transition(site, user, name, comment=None):
    body = {} if comment is None else {"comment": comment}
    return site["session"](user).post(f"{site['url']}/@workflow/{name}", json=body)


def state(site):
    sync(site["portal"])
    return api.content.get_state(site["portal"]["region"]["proposal"])


def field_errors(response):
    message = response.json()["message"]
    return ast.literal_eval(message) if message.startswith("[{") else []


def test_reject_needs_a_reason_and_changes_nothing_without_one(site):
    for comment in (None, "   ", "<script>alert(1)</script>"):
        response = transition(site, "erika", "reject", comment)
        assert response.status_code == 400, response.text
        [error] = field_errors(response)
        assert error["field"] == "comment"
        assert "warum der Vorschlag abgelehnt wird" in error["message"]
    too_long = transition(site, "erika", "reject", "x" * 2001)
    assert too_long.status_code == 400
    assert field_errors(too_long)[0]["field"] == "comment"
    assert "höchstens 2000 Zeichen" in field_errors(too_long)[0]["message"]
    assert state(site) == "discussion"
    assert decision_records(site["portal"]["region"]["proposal"]) == []


def test_the_author_reads_the_reason_of_a_rejection(site):
    response = transition(
        site, "erika", "reject", 'Es fehlt die <b>Federführung</b>.<img src=x onerror="x()">'
    )
    assert response.status_code == 200, response.text
    assert state(site) == "rejected"
    decision = site["session"]("anna").get(site["url"]).json()["decision"]
    assert decision == {
        "transition": "reject",
        "state": "rejected",
        "date": decision["date"],
        "text": "<p>Es fehlt die <strong>Federführung</strong>.</p>",
        "role": "Editor",
        "role_title": "Redaktion",
        "name": "Erika Redaktion",
    }
    assert decision["date"].endswith("+00:00")
    # never the editor's id or address
    text = site["session"]("anna").get(site["url"]).text
    assert "erika@example.invalid" not in text
    assert '"erika"' not in text
    # the workflow history (which nobody may read in this state) keeps the text sanitised too
    sync(site["portal"])
    history = site["portal"]["region"]["proposal"].workflow_history["regionaustausch_proposal_workflow"]
    assert history[-1]["comments"] == "<p>Es fehlt die <strong>Federführung</strong>.</p>"
    # a rejected proposal stays public: its supporters and everyone else read the reason too
    for user in ("jonas", None):
        assert site["session"](user).get(site["url"]).json()["decision"]["text"] == decision["text"]


def test_accept_takes_an_optional_statement_that_everyone_reads(site):
    response = transition(site, "sam", "accept", "Wir freuen uns auf den Austausch.")
    assert response.status_code == 200, response.text
    for user in (None, "jonas", "anna"):
        decision = site["session"](user).get(site["url"]).json()["decision"]
        assert decision["text"] == "<p>Wir freuen uns auf den Austausch.</p>"
        assert (decision["role"], decision["role_title"], decision["state"]) == (
            "Site Administrator",
            "Website-Administration",
            "accepted",
        )
        assert decision["name"] is None  # an account without a full name: its role only, never its id


def test_accept_without_a_statement(site):
    assert transition(site, "erika", "accept").status_code == 200
    decision = site["session"]().get(site["url"]).json()["decision"]
    assert (decision["transition"], decision["text"], decision["name"]) == ("accept", "", "Erika Redaktion")


def test_withdraw_takes_an_optional_reason_in_the_authors_role(site):
    response = transition(site, "anna", "withdraw", "Wir versuchen es im nächsten Jahr noch einmal.")
    assert response.status_code == 200, response.text
    decision = site["session"]("anna").get(site["url"]).json()["decision"]
    assert decision["role"] == "Author"
    assert decision["role_title"] == "Verfasser*in"
    assert decision["name"] == "Anna Beispiel"  # her record in the Region's directory
    assert decision["text"] == "<p>Wir versuchen es im nächsten Jahr noch einmal.</p>"


def test_no_decision_before_one_is_taken(site):
    assert site["session"]().get(site["url"]).json()["decision"] is None


def test_realise_is_refused_while_resolutions_are_missing(site):
    assert transition(site, "erika", "accept").status_code == 200
    refused = transition(site, "erika", "realise", "Fertig.")
    assert refused.status_code == 400
    message = refused.json()["error"]["message"]
    assert "Landkreis Peine" in message
    assert "Stadt Braunschweig" not in message  # adopted
    assert state(site) == "accepted"
    # the override needs a reason
    without = transition(site, "erika", "realise_anyway", "")
    assert without.status_code == 400
    assert field_errors(without)[0]["field"] == "comment"
    assert state(site) == "accepted"
    # with it, the proposal is realised and the reason is its decision
    done = transition(site, "erika", "realise_anyway", "Das Treffen fand statt; Peine beschließt im März.")
    assert done.status_code == 200, done.text
    assert state(site) == "realised"
    decision = site["session"]().get(site["url"]).json()["decision"]
    assert (decision["transition"], decision["state"]) == ("realise_anyway", "realised")
    assert decision["text"] == "<p>Das Treffen fand statt; Peine beschließt im März.</p>"


def test_realise_once_every_resolution_is_adopted(site):
    assert transition(site, "erika", "accept").status_code == 200
    # the override is offered only while a resolution is missing
    rows = site["session"]("erika").get(site["url"]).json()["required_resolutions"]
    rows[1]["status"] = "gefasst"
    patched = site["session"]("erika").patch(site["url"], json={"required_resolutions": rows})
    assert patched.status_code == 204, patched.text
    anyway = transition(site, "erika", "realise_anyway", "Trotzdem.")
    assert anyway.status_code == 400
    assert anyway.json()["error"]["message"] == (
        "Der Übergang realise_anyway ist hier nicht möglich. Jetzt möglich: realise."
    )
    done = transition(site, "erika", "realise", PRIVATE)
    assert done.status_code == 200, done.text
    assert state(site) == "realised"
    # realising is no decision: its comment stays the editors' own
    assert site["session"]().get(site["url"]).json()["decision"]["transition"] == "accept"
    assert PRIVATE not in site["session"]().get(f"{site['url']}/@timeline").text


def test_only_editors_may_override(site):
    assert transition(site, "erika", "accept").status_code == 200
    refused = transition(site, "anna", "realise_anyway", "Ich will das.")
    assert refused.status_code == 400
    assert "realise_anyway ist hier nicht möglich" in refused.json()["error"]["message"]
    assert state(site) == "accepted"


def test_timeline_shows_the_path_without_private_comments(site):
    assert transition(site, "erika", "accept", "Angenommen, mit Freude.").status_code == 200
    response = site["session"]().get(f"{site['url']}/@timeline")
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "private, no-store"
    data = response.json()
    assert data["@id"] == f"{site['url']}/@timeline"
    assert data["state"] == {"id": "accepted", "title": "Angenommen"}
    assert data["decision"]["text"] == "<p>Angenommen, mit Freude.</p>"
    states = [item for item in data["items"] if item["type"] == "state"]
    assert [item["state"] for item in states] == ["draft", "submitted", "discussion", "accepted"]
    assert [item["decision"] is not None for item in states] == [False, False, False, True]
    assert states[-1]["decision"]["role_title"] == "Redaktion"
    assert {item["type"] for item in data["items"]} == {"state", "first_support", "quorum_reached"}
    [quorum] = [item for item in data["items"] if item["type"] == "quorum_reached"]
    assert (quorum["supports"], quorum["municipalities"]) == (2, 2)
    # nobody's comments but the decision's, nobody's ids
    assert PRIVATE not in response.text
    for user_id in ("erika", "anna", "jonas"):
        assert f'"{user_id}"' not in response.text
    assert "actor" not in response.text


def test_timeline_of_a_withdrawn_proposal_is_for_who_may_see_it(site):
    assert transition(site, "anna", "withdraw", "Zu früh.").status_code == 200
    data = site["session"]("anna").get(f"{site['url']}/@timeline").json()
    withdrawn = [item for item in data["items"] if item.get("state") == "withdrawn"]
    assert withdrawn[0]["decision"]["text"] == "<p>Zu früh.</p>"
    assert site["session"]("erika").get(f"{site['url']}/@timeline").status_code == 200
    # who may not see the proposal, may not see its path
    assert site["session"]().get(f"{site['url']}/@timeline").status_code == 401
    assert site["session"]("jonas").get(f"{site['url']}/@timeline").status_code == 401


def test_status_changes_of_resolutions_reach_the_timeline(site):
    erika = site["session"]("erika")
    rows = erika.get(site["url"]).json()["required_resolutions"]
    assert [row["status_date"] for row in rows] == [None, None]
    rows[1]["status"] = "gefasst"
    rows[1]["status_date"] = "2026-03-12"
    rows[1]["url"] = "https://kreistag.peine.de/vorlage/7"
    assert erika.patch(site["url"], json={"required_resolutions": rows}).status_code == 204
    stored = erika.get(site["url"]).json()["required_resolutions"]
    assert stored[1]["status_date"] == "2026-03-12"
    assert stored[0]["status_date"] is None  # unchanged rows keep theirs
    [change] = [
        item for item in erika.get(f"{site['url']}/@timeline").json()["items"] if item["type"] == "resolution"
    ]
    assert change == {
        "type": "resolution",
        "date": "2026-03-12",
        "municipality": {
            "@id": site["pe"].absolute_url(),
            "UID": site["pe"].UID(),
            "title": "Landkreis Peine",
        },
        "body": "Kreistag Peine",
        "kind": "kreistagsbeschluss",
        "kind_title": "Kreistagsbeschluss",
        "old_status": "eingebracht",
        "new_status": "gefasst",
        "status_title": "Gefasst",
        "source": "editor",
    }
