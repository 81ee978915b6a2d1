"""The join form ("Mitmachen") over HTTP: made with the Region, sent as a browser sends it (with the
CSRF token), the record it makes, the duplicate, German field errors, the spam checks."""

from collective.easyform.api import get_actions
from collective.easyform.interfaces import ISaveData
from plone import api
from regionaustausch.forms.actions import OWNER_KEY
from regionaustausch.forms.actions import rows_submitted_by
from regionaustausch.forms.join import JOIN_FORM_ID
from regionaustausch.forms.join import join_form
from regionaustausch.forms.spam import MIN_FILL_SECONDS
from tests.forms.conftest import browser
from tests.forms.conftest import fill
from tests.forms.conftest import form_values
from tests.forms.conftest import mail_text
from tests.forms.conftest import mails
from tests.forms.conftest import submit
from zope.schema import getFieldsInOrder
import time
import transaction


def records(municipality):
    transaction.begin()
    return [obj for obj in municipality.objectValues() if obj.portal_type == "Representative"]


def rows(form):
    """The rows the form's save-data action stored."""
    transaction.begin()
    [action] = [
        action for _name, action in getFieldsInOrder(get_actions(form)) if ISaveData.providedBy(action)
    ]
    return action.getSavedFormInput()


def open_form(http, network):
    url = f"{network['region'].absolute_url()}/{JOIN_FORM_ID}"
    page = http.get(url)
    assert page.status_code == 200
    values, _action = form_values(page.text)
    return url, values


def entries(network, **extra):
    fields = {
        "first_name": "Berta",
        "last_name": "Neumann",
        "municipality": [network["wolfsburg"].UID()],
        "party": "SPD",
        "committees": "Wirtschaftsausschuss\nFinanzausschuss",
        "email": "berta.neumann@example.invalid",
        "phone": "+49 5361 28-0",
        "contact_visibility": ["network"],
        "consent": ["selected"],
    }
    fields.update(extra)
    return fields


def test_each_region_gets_its_join_form(network):
    form = join_form(network["region"])
    assert form is not None
    assert form.getId() == JOIN_FORM_ID
    assert form.portal_type == "EasyForm"
    # no workflow: as visible as the Region, which anonymous visitors see
    assert api.portal.get_tool("portal_workflow").getChainFor(form) == ()
    page = browser().get(form.absolute_url())
    assert page.status_code == 200, page.text[-3000:]
    assert "Stadt Wolfsburg" in page.text
    assert "Einwilligung in die Datenschutzhinweise" in page.text
    # the notice is the registry's text
    notice = api.portal.get_registry_record("regionaustausch.privacy_notice")
    assert notice.split(";")[0] in page.text


def test_an_anonymous_request_makes_a_pending_record_and_tells_the_editors(network, mailhost):
    http = browser()
    url, values = open_form(http, network)
    time.sleep(MIN_FILL_SECONDS)
    response = submit(http, url, fill(values, **entries(network)))
    assert response.status_code == 200
    assert "Vielen Dank!" in response.text

    [record] = records(network["wolfsburg"])
    assert (record.first_name, record.last_name, record.party) == ("Berta", "Neumann", "SPD")
    assert record.committees == ["Wirtschaftsausschuss", "Finanzausschuss"]
    assert record.contact_visibility == "network"
    assert record.consent_date is not None
    assert record.user_id is None
    assert api.content.get_state(record) == "pending"
    # the form's row: stored, belonging to nobody
    [row] = rows(join_form(network["region"]))
    assert row["last_name"] == "Neumann"
    assert row[OWNER_KEY] is None
    # the editors of Wolfsburg have nobody; Braunschweig's editor is not told
    assert mails(mailhost) == []


def test_a_member_request_is_linked_and_the_editor_gets_a_mail(network, mailhost):
    http = browser("outsider")
    url, values = open_form(http, network)
    response = submit(
        http,
        url,
        fill(
            values,
            **entries(
                network, first_name="Otto", last_name="Außen", municipality=[network["braunschweig"].UID()]
            ),
        ),
    )
    assert response.status_code == 200, response.text
    assert "Vielen Dank!" in response.text
    [_anna, record] = sorted(records(network["braunschweig"]), key=lambda obj: obj.last_name != "Beispiel")
    assert record.user_id == "outsider"
    # the record is the municipality's: the submitter holds no role on it
    assert "outsider" not in {principal for principal, _roles in record.get_local_roles()}
    assert not api.user.has_permission("Modify portal content", username="outsider", obj=record)
    [(_action, _key, row)] = list(rows_submitted_by(join_form(network["region"]), "outsider"))
    assert row["first_name"] == "Otto"
    [message] = mails(mailhost)
    assert message["To"] == "eva@example.invalid"
    assert "Otto Außen" in message["Subject"]
    assert record.absolute_url() in mail_text(message)


def test_a_second_request_for_the_same_person_makes_no_duplicate(network, mailhost):
    http = browser("anna")
    url, values = open_form(http, network)
    response = submit(
        http,
        url,
        fill(
            values,
            **entries(
                network, first_name="Anna", last_name="Beispiel", municipality=[network["braunschweig"].UID()]
            ),
        ),
    )
    assert response.status_code == 200
    assert "bereits einen Eintrag" in response.text
    assert len(records(network["braunschweig"])) == 1
    assert list(rows_submitted_by(join_form(network["region"]), "anna")) == []
    # by name as well, whoever asks (case and umlauts do not count)
    http = browser()
    url, values = open_form(http, network)
    time.sleep(MIN_FILL_SECONDS)
    response = submit(
        http,
        url,
        fill(
            values,
            **entries(
                network,
                first_name="ANNA",
                last_name="beispiel",
                email="andere@example.invalid",
                municipality=[network["braunschweig"].UID()],
            ),
        ),
    )
    assert "bereits einen Eintrag" in response.text
    assert len(records(network["braunschweig"])) == 1
    assert mails(mailhost) == []


def test_invalid_entries_get_german_field_errors_and_store_nothing(network):
    http = browser("outsider")
    url, values = open_form(http, network)
    response = submit(
        http,
        url,
        fill(values, **entries(network, email="keine-adresse", phone="0531 abc", last_name="", consent=[])),
    )
    assert response.status_code == 200
    page = response.text
    assert "Vielen Dank!" not in page
    assert "Bitte stimmen Sie den Datenschutzhinweisen zu" in page
    assert "Telefonnummer" in page
    assert "E-Mail-Adresse" in page
    assert "Erforderliche Eingabe fehlt" in page or "erforderlich" in page.lower()
    assert records(network["wolfsburg"]) == []
    assert rows(join_form(network["region"])) == []


def test_a_filled_honeypot_is_refused(network):
    http = browser()
    url, values = open_form(http, network)
    time.sleep(MIN_FILL_SECONDS)
    response = submit(http, url, fill(values, **entries(network), website="http://spam.example"))
    assert "Dieses Feld muss leer bleiben." in response.text
    assert records(network["wolfsburg"]) == []
    assert rows(join_form(network["region"])) == []


def test_a_form_sent_too_fast_or_without_its_stamp_is_refused(network):
    http = browser()
    url, values = open_form(http, network)
    response = submit(http, url, fill(values, **entries(network)))
    assert "schneller abgeschickt, als ein Mensch es ausfüllen kann" in response.text
    assert records(network["wolfsburg"]) == []
    # a forged stamp
    response = submit(http, url, fill(values, **entries(network), form_started="1700000000.0"))
    assert "Das Formular ist abgelaufen" in response.text
    assert records(network["wolfsburg"]) == []
    assert rows(join_form(network["region"])) == []


def test_the_consent_asks_for_the_notice_of_the_settings(network):
    api.portal.set_registry_record("regionaustausch.privacy_notice", "Unser eigener Hinweis: nur für Tests.")
    transaction.commit()
    page = browser().get(join_form(network["region"]).absolute_url())
    assert "Unser eigener Hinweis: nur für Tests." in page.text
    assert "Ich willige ein" not in page.text
