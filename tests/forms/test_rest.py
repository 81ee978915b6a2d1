"""What the REST API offers of the forms (easyform's serializer of a form, ``@my-data``): the rows carry
the account that sent them, editors read them all, each person only their own."""

from regionaustausch.forms.actions import OWNER_KEY
from regionaustausch.forms.join import JOIN_FORM_ID
from tests.forms.conftest import browser
from tests.forms.conftest import fill
from tests.forms.conftest import form_values
from tests.forms.conftest import submit
from tests.forms.test_join import entries


def send_join(user, network, **extra):
    http = browser(user)
    url = f"{network['region'].absolute_url()}/{JOIN_FORM_ID}"
    values, _action = form_values(http.get(url).text)
    response = submit(http, url, fill(values, **entries(network, **extra)))
    assert "Vielen Dank!" in response.text, response.text[-2000:]


def json_get(user, url):
    http = browser(user)
    http.headers["Accept"] = "application/json"
    response = http.get(url)
    assert response.status_code == 200, response.text
    return response.json()


def test_editors_read_every_row_with_its_account_members_none(network):
    send_join("outsider", network, first_name="Otto", last_name="Außen")
    send_join("eva", network, first_name="Eva", last_name="Redaktion", email="eva.r@example.invalid")
    url = f"{network['region'].absolute_url()}/{JOIN_FORM_ID}"
    data = json_get("admin", url)
    rows = list(data["savedDataStorage"]["saved"].values())
    assert sorted((row[OWNER_KEY], row["last_name"]) for row in rows) == [
        ("eva", "Redaktion"),
        ("outsider", "Außen"),
    ]
    assert "savedDataStorage" not in json_get("anna", url)
    assert "savedDataStorage" not in json_get(None, url)


def test_my_data_gives_each_person_their_own_rows(network):
    send_join("outsider", network, first_name="Otto", last_name="Außen")
    send_join("eva", network, first_name="Eva", last_name="Redaktion", email="eva.r@example.invalid")
    mine = json_get("outsider", f"{network['portal'].absolute_url()}/@my-data")
    [row] = mine["form_submissions"]
    assert row["form"]["@id"].endswith(f"/region/{JOIN_FORM_ID}")
    assert row["data"]["last_name"] == "Außen"
    assert "Redaktion" not in str(mine)
