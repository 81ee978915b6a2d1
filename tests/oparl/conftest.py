"""The OParl tests: a real OParl server on 127.0.0.1 (stdlib ``http.server`` in a thread) serving the
JSON fixtures of ``fixtures/`` (written after the examples of the OParl specification) with the quirks
of real servers, and a Region whose municipalities the fixtures' Bodies name, committed in the
functional layer (the sync commits its batches).

The fixtures name their objects ``https://oparl.example.org/...`` as the specification's examples do;
the server answers with its own address in their place. A test changes what is served through
``routes`` (path -> parsed JSON), ``failures`` (path -> how many 500s come first), ``repeat`` (paths
that answer every ``?page=n`` with the same page), ``raw`` (path -> bytes sent as they are) and
``down`` (paths that answer 503). Lists honour ``modified_since``.
"""

from http.server import BaseHTTPRequestHandler
from http.server import ThreadingHTTPServer
from pathlib import Path
from plone import api
from regionaustausch.oparl.client import Client
from regionaustausch.testing import add_member
from urllib.parse import parse_qs
from urllib.parse import urlsplit
import copy
import datetime
import json
import pytest
import threading
import transaction


FIXTURES = Path(__file__).parent / "fixtures"
EXAMPLE = "https://oparl.example.org"


def load_fixtures():
    """``{path: object}`` from ``fixtures/routes.json`` (path -> file name) and the files it names."""
    routes = json.loads((FIXTURES / "routes.json").read_text(encoding="utf-8"))
    return {path: json.loads((FIXTURES / name).read_text(encoding="utf-8")) for path, name in routes.items()}


class OParlServer:
    def __init__(self):
        self.routes = {}
        self.failures = {}
        self.repeat = set()
        self.raw = {}
        self.log = []
        self.down = set()
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def url(self, path):
        return self.base + path

    def reset(self):
        self.routes = copy.deepcopy(FIXTURE_ROUTES)
        self.failures, self.repeat, self.raw, self.down = {}, set(), {}, set()
        self.log = []

    def start(self):
        self.thread.start()
        return self

    def stop(self):
        self.httpd.shutdown()
        self.httpd.server_close()

    def _answer(self, path, query):
        self.log.append(path + (f"?{query}" if query else ""))
        if path in self.down:
            return 503, b'{"type": "https://schema.oparl.org/1.1/Error"}'
        if self.failures.get(path, 0) > 0:
            self.failures[path] -= 1
            return 500, b"Internal Server Error"
        if path in self.raw:
            return 200, self.raw[path].replace(EXAMPLE.encode(), self.base.encode())
        found = self.routes.get(path) or self._in_a_list(EXAMPLE + path)
        if found is None:
            error = {"type": "https://schema.oparl.org/1.1/Error", "message": "Not found"}
            return 404, json.dumps(error).encode()
        since = parse_qs(query).get("modified_since")
        if since and isinstance(found, dict) and isinstance(found.get("data"), list):
            found = dict(found, data=[item for item in found["data"] if _modified(item) >= _when(since[0])])
            next_url = (found.get("links") or {}).get("next")
            if next_url:  # servers keep their filters in their links
                separator = "&" if "?" in next_url else "?"
                found["links"] = dict(found["links"], next=f"{next_url}{separator}modified_since={since[0]}")
        if path in self.repeat:
            page = int(parse_qs(query).get("page", ["1"])[0])
            found = dict(found, links={"next": f"{EXAMPLE}{path}?page={page + 1}"})
        body = json.dumps(found, ensure_ascii=False).replace(EXAMPLE, self.base)
        return 200, body.encode("utf-8")

    def _in_a_list(self, object_id):
        """An object served in a list is served at its own id too (as it is in the list now)."""
        for value in self.routes.values():
            for item in value.get("data", []) if isinstance(value, dict) else []:
                if isinstance(item, dict) and item.get("id") == object_id:
                    return item
        return None

    def _handler(self):
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                parts = urlsplit(self.path)
                status, body = server._answer(parts.path, parts.query)
                self.send_response(status)
                self.send_header("Content-Type", "application/json; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        return Handler


def _when(value):
    return datetime.datetime.fromisoformat(value.replace("Z", "+00:00"))


def _modified(item):
    """An object's ``modified`` (objects without one count as changed, as servers send them)."""
    value = item.get("modified") if isinstance(item, dict) else None
    return _when(value) if value else datetime.datetime.max.replace(tzinfo=datetime.timezone.utc)


FIXTURE_ROUTES = load_fixtures()


@pytest.fixture(scope="session")
def oparl_server():
    server = OParlServer().start()
    yield server
    server.stop()


@pytest.fixture
def oparl(oparl_server):
    """The server with the fixtures as they are; Gifhorn's person list repeats its page for every
    ``?page=n``, as some servers do."""
    oparl_server.reset()
    oparl_server.repeat.add("/oparl/body/2/persons")
    return oparl_server


@pytest.fixture
def client():
    """A client that retries at once (no back-off) and gives up quickly."""
    client = Client(timeout=(2, 5), retries=2, backoff=0)
    yield client
    client.close()


MUNICIPALITIES = (
    ("braunschweig", "Braunschweig", "kreisfreie_stadt", "03101000"),
    ("gifhorn", "Landkreis Gifhorn", "landkreis", "03151"),
    ("salzgitter", "Salzgitter", "kreisfreie_stadt", "03102000"),
)


@pytest.fixture
def region(functional_portal, oparl):
    """Region ``region`` (following "Wirtschaft", the system of ``oparl`` configured) with three
    municipalities; Braunschweig has the record of Dieter Alt (OParl person 104, whose membership
    ended), approved and linked to the account ``dieter``, who is therefore a network member."""
    with api.env.adopt_roles(["Manager"]):
        region = api.content.create(
            container=functional_portal,
            type="Region",
            id="region",
            title="Testregion",
            oparl_url=oparl.url("/oparl/system"),
        )
        for mid, title, kind, ags in MUNICIPALITIES:
            api.content.create(container=region, type="Municipality", id=mid, title=title, kind=kind, ags=ags)
        add_member(
            region["braunschweig"],
            "dieter",
            "Dieter",
            "Alt",
            record_id="dieter-alt",
            oparl_id=oparl.url("/oparl/person/104"),
        )
    transaction.commit()
    return region
