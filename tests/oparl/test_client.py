"""The HTTP client against a real OParl server on 127.0.0.1 (conftest.py): paging, retries, loop
detection, tolerant parsing, and what makes an address unusable."""

from regionaustausch.oparl.client import Client
from regionaustausch.oparl.client import OParlError
from regionaustausch.oparl.client import with_since
import pytest
import socket


def ids(objects):
    return [obj["id"].rsplit("/", 1)[-1] for obj in objects]


def persons_url(oparl):
    return oparl.url("/oparl/body/1/persons")


def test_a_list_is_followed_through_its_pages(oparl, client):
    persons = list(client.items(persons_url(oparl)))
    assert ids(persons) == ["101", "102", "103", "104", "105", "106", "107"]
    assert client.pages == 3
    assert client.objects == 7


def test_a_500_is_retried_and_then_succeeds(oparl, client):
    oparl.failures["/oparl/body/1/persons/page/2"] = 2
    persons = list(client.items(persons_url(oparl)))
    assert len(persons) == 7
    assert oparl.log.count("/oparl/body/1/persons/page/2") == 3


def test_a_server_that_keeps_failing_is_given_up_after_the_retries(oparl, client):
    oparl.failures["/oparl/body/1/persons/page/2"] = 10
    with pytest.raises(OParlError) as raised:
        list(client.items(persons_url(oparl)))
    assert raised.value.field == "url"
    assert "HTTP 500" in str(raised.value)
    assert oparl.log.count("/oparl/body/1/persons/page/2") == 3  # the request and two retries


def test_a_page_repeated_for_every_page_number_ends_the_list(oparl, client):
    assert "/oparl/body/2/persons" in oparl.repeat
    persons = list(client.items(oparl.url("/oparl/body/2/persons")))
    assert ids(persons) == ["201"]
    assert oparl.log == ["/oparl/body/2/persons", "/oparl/body/2/persons?page=2"]


def test_a_next_link_already_visited_ends_the_list(oparl, client):
    oparl.repeat.clear()  # the page names itself as next (?page=2 is the same path)
    oparl.routes["/oparl/body/2/persons"]["links"]["next"] = "https://oparl.example.org/oparl/body/2/persons"
    persons = list(client.items(oparl.url("/oparl/body/2/persons")))
    assert ids(persons) == ["201"]
    assert len(oparl.log) == 1


def test_a_404_error_object_instead_of_a_list_is_an_empty_list(oparl, client):
    assert list(client.items(oparl.url("/oparl/body/2/papers"))) == []
    assert oparl.log == ["/oparl/body/2/papers"]


def test_a_plain_json_list_and_an_empty_one_are_lists(oparl, client):
    oparl.routes["/plain"] = [
        {"id": "https://oparl.example.org/x/1"},
        {"id": "https://oparl.example.org/x/2"},
    ]
    oparl.routes["/empty"] = []
    assert ids(client.items(oparl.url("/plain"))) == ["1", "2"]
    assert list(client.items(oparl.url("/empty"))) == []


def test_a_single_object_where_a_list_is_due_and_entries_given_by_url(oparl, client):
    person = oparl.routes["/oparl/body/1/persons"]["data"][0]
    oparl.routes["/single"] = {"data": person, "links": {}}
    oparl.routes["/oparl/person/101"] = person
    oparl.routes["/by-url"] = {"data": ["https://oparl.example.org/oparl/person/101"], "links": {}}
    assert ids(client.items(oparl.url("/single"))) == ["101"]
    assert ids(client.items(oparl.url("/by-url"))) == ["101"]
    assert ids(client.items(person["membership"][:1])) == ["1001"]


def test_control_characters_inside_strings_are_read(oparl, client):
    oparl.raw["/raw"] = b'{"id": "https://oparl.example.org/raw", "name": "Anna\tBei\x01spiel\nRat"}'
    found = client.object(oparl.url("/raw"))
    assert found["name"] == "Anna\tBei\x01spiel\nRat"


def test_modified_since_is_sent_with_its_colons_unencoded(oparl, client):
    assert with_since("https://x.example/p?a=1", "2024-05-01T10:00:00Z") == (
        "https://x.example/p?a=1&modified_since=2024-05-01T10:00:00Z"
    )
    oparl.routes["/oparl/body/1/persons/page/2"]["data"][2]["modified"] = "2025-03-01T12:00:00+01:00"
    persons = list(client.items(persons_url(oparl), since="2025-01-01T00:00:00Z"))
    assert ids(persons) == ["106"]
    assert oparl.log == [
        "/oparl/body/1/persons?modified_since=2025-01-01T00:00:00Z",
        "/oparl/body/1/persons/page/2?modified_since=2025-01-01T00:00:00Z",
        "/oparl/body/1/persons/page/3?modified_since=2025-01-01T00:00:00Z",
    ]


def test_a_system_is_recognised_in_1_0_and_1_1(oparl, client):
    assert client.system(oparl.url("/oparl/system"))["name"] == "Ratsinformationssystem Beispielregion"
    oparl.routes["/v10"] = {
        "id": "https://oparl.example.org/v10",
        "type": "http://oparl.org/schema/1.0/System",
        "oparlVersion": "http://oparl.org/specs/1.0/",
        "body": "https://oparl.example.org/oparl/bodies",
    }
    assert client.system(oparl.url("/v10"))["body"].endswith("/oparl/bodies")


@pytest.mark.parametrize(
    ("address", "reason"),
    [
        ("ftp://oparl.example.org/system", "must begin with http:// or https://"),
        ("oparl.example.org/system", "must begin with http:// or https://"),
        ("", "must begin with http:// or https://"),
    ],
)
def test_an_address_that_is_not_http_is_refused(client, address, reason):
    with pytest.raises(OParlError) as raised:
        client.system(address)
    assert reason in str(raised.value)
    assert raised.value.field == "url"


def test_an_address_that_does_not_answer_is_refused():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]  # closed again: nobody listens there
    client = Client(timeout=(1, 1), retries=1, backoff=0)
    with pytest.raises(OParlError) as raised:
        client.system(f"http://127.0.0.1:{port}/oparl/system")
    assert "does not answer" in str(raised.value)
    assert "connection failed" in str(raised.value)


@pytest.mark.parametrize(
    ("path", "route", "reason"),
    [
        ("/oparl/body/1/persons", None, "Person"),  # a list page: no System
        ("/nothing", None, "HTTP 404"),
        ("/person", {"id": "x", "type": "https://schema.oparl.org/1.1/Person"}, "Person"),
        ("/text", "just text", "no object"),
    ],
)
def test_an_answer_that_is_not_an_oparl_system_is_refused(oparl, client, path, route, reason):
    if route is not None:
        oparl.routes[path] = route
    with pytest.raises(OParlError) as raised:
        client.system(oparl.url(path))
    assert "does not lead to an OParl system" in str(raised.value)
    assert reason in str(raised.value) or path == "/oparl/body/1/persons"


def test_an_answer_that_is_not_json_is_refused(oparl, client):
    oparl.raw["/html"] = b"<html><body>Wartungsarbeiten</body></html>"
    with pytest.raises(OParlError) as raised:
        client.system(oparl.url("/html"))
    assert "sent no JSON" in str(raised.value)


def test_a_server_that_pages_on_without_entries_is_left(oparl, client):
    oparl.routes["/endless"] = {"data": [], "links": {"next": "https://oparl.example.org/endless"}}
    oparl.repeat.add("/endless")
    assert list(client.items(oparl.url("/endless"))) == []
    assert len(oparl.log) == 6  # the first page and five more empty ones
