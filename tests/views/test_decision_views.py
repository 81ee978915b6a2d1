"""Decisions in the Classic UI over HTTP: the form of a decided transition (``@@decide``) with its German
errors, the decision and the path on the proposal page, the resolutions per municipality, the
municipality page's resolutions still to be taken, and the meeting page with its minutes rule."""

from datetime import datetime
from datetime import timedelta
from plone import api
from plone.app.testing import SITE_OWNER_NAME
from plone.app.textfield.value import RichTextValue
from regionaustausch.decisions import decision_records
from regionaustausch.supports import add_support
from regionaustausch.supports import withdraw_support
import pytest
import pytz
import re
import transaction


PASSWORD = "secret-views-1"
BERLIN = pytz.timezone("Europe/Berlin")


def sync(portal):
    transaction.begin()
    portal._p_jar.sync()


@pytest.fixture
def german(site):
    api.portal.set_registry_record("plone.default_language", "de")
    api.portal.set_registry_record("plone.available_languages", ["de"])
    with api.env.adopt_user(SITE_OWNER_NAME):
        api.user.create(
            email="erika@example.invalid",
            username="erika",
            password=PASSWORD,
            roles=("Member", "Editor"),
            properties={"fullname": "Erika Redaktion"},
        )
    proposal = site["proposal"]
    proposal.lead_organiser = site["braunschweig"].UID()
    for user_id in ("anna", "jonas"):
        with api.env.adopt_user(username=user_id):
            add_support(proposal)
    with api.env.adopt_roles(["Manager"]):
        site["region"].quorum_supports = 2
        site["region"].quorum_municipalities = 2
    transaction.commit()
    return site


def decide(browser, url, transition, comment=None):
    token = browser.token(f"{url}/@@decide?transition={transition}")
    data = {"transition": transition, "_authenticator": token}
    if comment is not None:
        data["comment"] = comment
    return browser.post(f"{url}/@@decide", data=data)


def test_the_form_of_a_rejection_asks_for_the_reason(german, browse):
    url = german["proposal"].absolute_url()
    page = browse("erika").get(f"{url}/@@decide?transition=reject")
    assert page.status_code == 200
    assert "Begründung der Ablehnung (Pflichtangabe)" in page.text
    assert re.search(r'<textarea[^>]*id="ra-decision-comment"[^>]*required="required"', page.text)
    assert "Wird mit dem Vorschlag allen angezeigt, die ihn lesen dürfen" in page.text


def test_a_rejection_without_reason_is_refused_at_the_field(german, browse):
    erika = browse("erika")
    url = german["proposal"].absolute_url()
    response = decide(erika, url, "reject", "  ")
    assert response.status_code == 400
    assert 'aria-invalid="true"' in response.text
    assert re.search(
        r'id="ra-decision-error"[^>]*role="alert"[^>]*>\s*Bitte geben Sie an, warum', response.text
    )
    too_long = decide(erika, url, "reject", "x" * 2001)
    assert too_long.status_code == 400
    assert "höchstens 2000 Zeichen lang sein; er hat 2001" in too_long.text
    assert "x" * 2001 in too_long.text  # nothing typed is lost
    sync(german["portal"])
    assert api.content.get_state(german["proposal"]) == "discussion"
    assert decision_records(german["proposal"]) == []


def test_a_rejection_with_reason_is_shown_on_the_page_to_everyone(german, browse):
    erika = browse("erika")
    url = german["proposal"].absolute_url()
    response = decide(erika, url, "reject", "Die Region hat dafür gerade keine Mittel.")
    assert response.status_code == 200
    assert response.url.rstrip("/") == url
    for browser in (browse(), browse("anna"), browse("jonas")):
        page = browser.get(url).text
        section = re.search(r'<section class="ra-decision".*?</section>', page, re.S).group(0)
        assert "Abgelehnt" in section
        assert "<p>Die Region hat dafür gerade keine Mittel.</p>" in section
        assert "Redaktion (Erika Redaktion)" in section
        assert "erika" not in section.replace("Erika", "")


def test_the_quorum_refusal_is_shown_above_the_form(german, browse):
    sync(german["portal"])
    with api.env.adopt_user(username="jonas"):
        withdraw_support(german["proposal"])
    transaction.commit()
    response = decide(browse("erika"), german["proposal"].absolute_url(), "accept", "Gern.")
    assert response.status_code == 400
    assert re.search(r'id="ra-decision-refused"[^>]*>[^<]*Unterstützung', response.text)
    sync(german["portal"])
    assert api.content.get_state(german["proposal"]) == "discussion"


def test_who_may_not_decide_is_sent_back(german, browse):
    url = german["proposal"].absolute_url()
    response = browse("anna").get(f"{url}/@@decide?transition=reject")
    assert response.url.rstrip("/") == url
    assert "Dieser Schritt ist hier gerade nicht möglich." in response.text
    assert browse("anna").get(f"{url}/@@decide?transition=delete_everything").status_code == 400


def test_the_page_offers_the_decisions_to_who_may_take_them(german, browse):
    url = german["proposal"].absolute_url()
    editor = browse("erika").get(url).text
    assert f'href="{url}/@@decide?transition=accept"' in editor
    assert f'href="{url}/@@decide?transition=reject"' in editor
    # neither members (the proposal is not theirs) nor anonymous
    assert "@@decide" not in browse("anna").get(url).text
    assert "@@decide" not in browse().get(url).text
    # the workflow menu's actions lead to the same form
    workflow = api.portal.get_tool("portal_workflow")["regionaustausch_proposal_workflow"]
    for transition in ("accept", "reject", "withdraw", "realise", "realise_anyway"):
        assert (
            workflow.transitions[transition].actbox_url == f"%(content_url)s/@@decide?transition={transition}"
        )


def test_realise_refused_names_the_municipalities_and_offers_the_override(german, browse):
    erika = browse("erika")
    url = german["proposal"].absolute_url()
    assert decide(erika, url, "accept", "").status_code == 200
    form = erika.get(f"{url}/@@decide?transition=realise")
    assert re.search(r'id="ra-decision-blocked".*Stadt Braunschweig', form.text, re.S)
    assert f'href="{url}/@@decide?transition=realise_anyway"' in form.text
    refused = decide(erika, url, "realise")
    assert refused.status_code == 400
    assert "Stadt Braunschweig" in re.search(r'id="ra-decision-refused"[^>]*>([^<]*)', refused.text).group(1)
    without = decide(erika, url, "realise_anyway", "")
    assert without.status_code == 400
    assert "als umgesetzt markiert wird, obwohl erforderliche Beschlüsse fehlen" in without.text
    done = decide(erika, url, "realise_anyway", "Der Rat berät erst im Herbst; der Austausch läuft.")
    assert done.status_code == 200
    sync(german["portal"])
    assert api.content.get_state(german["proposal"]) == "realised"
    page = browse().get(url).text
    assert "Der Rat berät erst im Herbst; der Austausch läuft." in page


def test_the_path_of_the_proposal(german, browse):
    url = german["proposal"].absolute_url()
    decide(browse("erika"), url, "accept", "Gern angenommen.")
    page = browse().get(url).text
    path = re.search(r'<ol class="ra-timeline".*?</ol>', page, re.S).group(0)
    for words in (
        "Entwurf",
        "Eingereicht",
        "In Diskussion",
        "Erste Unterstützung",
        "Quorum erreicht",
        "Angenommen",
    ):
        assert words in path, words
    assert "<p>Gern angenommen.</p>" in path
    assert re.findall(r'<time datetime="\d{4}-\d\d-\d\dT[^"]+">', path)


def test_the_resolutions_name_their_municipality_and_link(german, browse):
    page = browse().get(german["proposal"].absolute_url()).text
    table = re.search(r'<section class="ra-resolutions".*?</section>', page, re.S).group(0)
    assert f'href="{german["braunschweig"].absolute_url()}"' in table
    assert 'href="https://ratsinfo.braunschweig.de/vo0050.asp?__kvonr=18940"' in table
    assert "22-18940" in table
    assert "Eingebracht" in table


def test_the_municipality_lists_the_resolutions_its_council_still_has_to_take(german, browse):
    braunschweig = browse().get(german["braunschweig"].absolute_url()).text
    section = re.search(
        r'<section class="ra-municipality-resolutions".*?</section>', braunschweig, re.S
    ).group(0)
    assert "Regionale Vernetzung" in section
    assert "Rat der Stadt Braunschweig" in section
    assert "Eingebracht" in section
    peine = browse().get(german["peine"].absolute_url()).text
    assert "Kein Vorschlag wartet auf einen Beschluss dieses Gremiums." in peine
    # adopted: no longer to be taken
    sync(german["portal"])  # the supports' catalog update committed after the fixture
    with api.env.adopt_roles(["Manager"]):
        rows = [dict(row, status="gefasst") for row in german["proposal"].required_resolutions]
        german["proposal"].required_resolutions = rows
        german["proposal"].reindexObject()
    transaction.commit()
    braunschweig = browse().get(german["braunschweig"].absolute_url()).text
    assert "Kein Vorschlag wartet auf einen Beschluss dieses Gremiums." in braunschweig


@pytest.fixture
def meetings(german):
    sync(german["portal"])  # the supports' catalog update committed after the fixture
    proposal = german["proposal"]
    with api.env.adopt_roles(["Manager"]):
        api.content.transition(obj=proposal, transition="accept")
        now = datetime.now(BERLIN).replace(microsecond=0)
        past = api.content.create(
            container=proposal,
            type="Meeting",
            id="past",
            title="Erstes Treffen",
            start=now - timedelta(days=1, hours=3),
            end=now - timedelta(days=1),
            location="Rathaus Peine",
            host_municipality=german["peine"].UID(),
            agenda=RichTextValue("<ol><li>Begrüßung</li></ol>", "text/html", "text/x-html-safe"),
        )
        upcoming = api.content.create(
            container=proposal,
            type="Meeting",
            id="upcoming",
            title="Zweites Treffen",
            start=now + timedelta(days=7),
            end=now + timedelta(days=7, hours=2),
        )
    transaction.commit()
    return {**german, "past": past, "upcoming": upcoming}


def test_the_meeting_page(meetings, browse):
    page = browse().get(meetings["past"].absolute_url()).text
    assert "Rathaus Peine" in page
    assert f'href="{meetings["peine"].absolute_url()}"' in page
    assert re.search(r'id="ra-meeting-proposal"[^>]*>Regionale Vernetzung', page) or (
        f'href="{meetings["proposal"].absolute_url()}" id="ra-meeting-proposal"' in page
    )
    assert f'href="{meetings["past"].absolute_url()}/ics_view"' in page
    assert "<li>Begrüßung</li>" in page
    assert "Noch ist kein Protokoll veröffentlicht." in page
    upcoming = browse().get(meetings["upcoming"].absolute_url()).text
    assert "Das Protokoll wird nach dem Treffen veröffentlicht." in upcoming
    assert "Noch ist keine Tagesordnung veröffentlicht." in upcoming
    # the proposal's path leads to its meetings
    path = re.search(
        r'<ol class="ra-timeline".*?</ol>', browse().get(meetings["proposal"].absolute_url()).text, re.S
    )
    assert f'href="{meetings["past"].absolute_url()}"' in path.group(0)


def edit_minutes(browser, meeting, text):
    url = f"{meeting.absolute_url()}/@@edit"
    form = browser.get(url).text
    fields = dict(re.findall(r'<input[^>]*name="([^"]+)"[^>]*value="([^"]*)"', form))
    data = {name: value for name, value in fields.items() if not name.startswith("form.buttons")}
    data["form.widgets.minutes"] = text
    data["form.widgets.minutes.mimeType"] = "text/html"
    data["form.buttons.save"] = "Speichern"
    return browser.post(url, data=data)


def test_the_edit_form_refuses_minutes_before_the_end(meetings, browse):
    erika = browse("erika")
    response = edit_minutes(erika, meetings["upcoming"], "<p>Vorab geschrieben.</p>")
    assert "Das Protokoll kann erst nach dem Ende des Treffens" in response.text
    sync(meetings["portal"])
    assert meetings["proposal"]["upcoming"].minutes is None
    done = edit_minutes(erika, meetings["past"], "<p>Wir treffen uns vierteljährlich.</p>")
    assert "Das Protokoll kann erst" not in done.text
    sync(meetings["portal"])
    assert "vierteljährlich" in meetings["proposal"]["past"].minutes.raw
    assert "Wir treffen uns vierteljährlich." in browse().get(meetings["past"].absolute_url()).text
