"""The survey template over HTTP: editors copy it into a Region, members answer once each (rows with
their account), outsiders cannot, the results count every answer for the members."""

from lxml import html as lxml_html
from plone import api
from regionaustausch.forms.actions import OWNER_KEY
from regionaustausch.forms.survey import SURVEY_ID
from regionaustausch.forms.survey import answers
from regionaustausch.testing import add_member
from tests.forms.conftest import browser
from tests.forms.conftest import fill
from tests.forms.conftest import form_values
from tests.forms.conftest import submit
import pytest
import transaction


@pytest.fixture
def survey(network):
    with api.env.adopt_roles(["Manager"]):
        add_member(network["wolfsburg"], "bernd", "Bernd", "Zwei")
    transaction.commit()
    admin = browser("admin")
    page = admin.get(f"{network['region'].absolute_url()}/@@add-survey")
    assert "Chancen für einen regionalen Austausch" in page.text
    values, action = form_values(page.text, "form[action$='@@add-survey']")
    response = admin.post(action, data=[*values, ("add", "1")])
    assert response.status_code == 200
    assert response.url.endswith(f"/{SURVEY_ID}")
    transaction.begin()
    return network["region"][SURVEY_ID]


def token(value):
    """The value as the radio buttons send it (zope.schema's token of a text that is not ASCII)."""
    return value.encode("ascii", "backslashreplace").decode("ascii")


def answer(user, survey, **fields):
    http = browser(user)
    page = http.get(survey.absolute_url())
    values, _action = form_values(page.text)
    return submit(http, survey.absolute_url(), fill(values, **fields))


def test_members_answer_once_and_the_results_count(survey):
    first = answer(
        "anna",
        survey,
        need=token("groß"),
        chances=token("gut"),
        participation=token("sicher"),
        format=token("abwechselnd"),
    )
    assert "Vielen Dank" in first.text
    second = answer(
        "bernd",
        survey,
        need=token("groß"),
        chances=token("sehr gut"),
        participation=token("vielleicht"),
        format=token("Online-Treffen"),
    )
    assert "Vielen Dank" in second.text
    again = answer(
        "anna",
        survey,
        need=token("gering"),
        chances=token("keine"),
        participation=token("nein"),
        format=token("abwechselnd"),
    )
    assert "bereits beantwortet" in again.text
    outsider = answer(
        "outsider",
        survey,
        need=token("gering"),
        chances=token("keine"),
        participation=token("nein"),
        format=token("abwechselnd"),
    )
    assert "Nur Mitglieder des Netzwerks" in outsider.text
    transaction.begin()
    assert sorted((row[OWNER_KEY], row["need"]) for row in answers(survey)) == [
        ("anna", "groß"),
        ("bernd", "groß"),
    ]

    page = browser("anna").get(f"{survey.absolute_url()}/@@survey-results")
    assert page.status_code == 200
    tree = lxml_html.fromstring(page.text)
    need = {
        row.cssselect("th")[0].text_content().strip(): [
            cell.text_content().strip() for cell in row.cssselect("td")[:2]
        ]
        for row in tree.cssselect("#ra-results-need tbody tr")
    }
    assert need["groß"] == ["2", "100 %"]
    assert need["sehr groß"] == ["0", "0 %"]
    chances = {
        row.cssselect("th")[0].text_content().strip(): row.cssselect("td")[0].text_content().strip()
        for row in tree.cssselect("#ra-results-chances tbody tr")
    }
    assert (chances["gut"], chances["sehr gut"], chances["keine"]) == ("1", "1", "0")
    assert "ra-bar" in page.text
    assert "<script" not in page.text.split('id="content"')[1].split("</article>")[0]
    # not for outsiders
    refused = browser("outsider").get(f"{survey.absolute_url()}/@@survey-results")
    assert "ra-results-need" not in refused.text


def test_only_editors_add_a_survey(network):
    page = browser("anna").get(f"{network['region'].absolute_url()}/@@add-survey")
    assert "insufficient-privileges" in page.url or page.status_code in (401, 403)
