"""The OParl import at scale: 5,000 persons from a local OParl server (generated fixtures, stdlib
``http.server`` on 127.0.0.1), synced into a Region in batches, then an incremental re-sync with no
changes (``modified_since``: the server answers with empty pages). Prints both times and the counts,
writes bench/results/oparl.json; asserts the counts, never a time."""

from http.server import BaseHTTPRequestHandler
from http.server import ThreadingHTTPServer
from pathlib import Path
from plone import api
from regionaustausch.oparl.client import Client
from regionaustausch.oparl.sync import sync_region
from urllib.parse import parse_qs
from urllib.parse import urlsplit
import json
import threading
import time
import transaction


PERSONS = 5000
PER_PAGE = 100
RESULTS = Path(__file__).parent / "results"
MODIFIED = "2024-01-01T00:00:00+00:00"


def generated(base):
    """``{path: object}``: a System, one Body (Braunschweig), two committees and PERSONS persons in
    pages of PER_PAGE (every second one in the committee followed)."""
    routes = {
        "/system": {
            "id": f"{base}/system",
            "type": "https://schema.oparl.org/1.1/System",
            "body": f"{base}/bodies",
        },
        "/bodies": {
            "data": [
                {
                    "id": f"{base}/body/1",
                    "type": "https://schema.oparl.org/1.1/Body",
                    "name": "Stadt Braunschweig",
                    "ags": "03101000",
                    "organization": f"{base}/organizations",
                    "person": f"{base}/persons/1",
                }
            ],
            "links": {},
        },
        "/organizations": {
            "data": [
                {"id": f"{base}/org/1", "name": "Ausschuss für Wirtschaft", "organizationType": "Gremium"},
                {"id": f"{base}/org/2", "name": "Finanzausschuss", "organizationType": "Gremium"},
                {"id": f"{base}/org/3", "name": "SPD", "shortName": "SPD", "organizationType": "Fraktion"},
            ],
            "links": {},
        },
    }
    pages = PERSONS // PER_PAGE
    for page in range(1, pages + 1):
        data = []
        for number in range((page - 1) * PER_PAGE, page * PER_PAGE):
            committee = 1 if number % 2 == 0 else 2
            data.append(
                {
                    "id": f"{base}/person/{number}",
                    "type": "https://schema.oparl.org/1.1/Person",
                    "givenName": f"Vorname{number}",
                    "familyName": f"Nachname{number}",
                    "email": [f"person{number}@example.org"],
                    "membership": [
                        {
                            "organization": f"{base}/org/{committee}",
                            "onBehalfOf": f"{base}/org/3",
                            "startDate": "2021-11-01",
                        }
                    ],
                    "modified": MODIFIED,
                }
            )
        links = {"next": f"{base}/persons/{page + 1}"} if page < pages else {}
        routes[f"/persons/{page}"] = {"data": data, "links": links}
    return routes


def serve():
    state = {}

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            parts = urlsplit(self.path)
            found = state["routes"].get(parts.path)
            since = parse_qs(parts.query).get("modified_since")
            if found is not None and since and "data" in found:
                found = {
                    "data": [item for item in found["data"] if item.get("modified", "9") > since[0]],
                    "links": {},
                }
            body = json.dumps(found).encode() if found is not None else b'{"type": "Error"}'
            self.send_response(200 if found is not None else 404)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    base = f"http://127.0.0.1:{httpd.server_address[1]}"
    state["routes"] = generated(base)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd, base


def test_sync_5000_persons_and_an_incremental_resync(functional_portal):
    httpd, base = serve()
    try:
        with api.env.adopt_roles(["Manager"]):
            region = api.content.create(
                container=functional_portal, type="Region", id="region", title="Region"
            )
            api.content.create(
                container=region,
                type="Municipality",
                id="bs",
                title="Braunschweig",
                kind="kreisfreie_stadt",
                ags="03101000",
            )
        transaction.commit()

        started = time.perf_counter()
        first = sync_region(region, url=f"{base}/system", client=Client(backoff=0))
        first_seconds = time.perf_counter() - started
        started = time.perf_counter()
        second = sync_region(region, url=f"{base}/system", client=Client(backoff=0))
        second_seconds = time.perf_counter() - started
    finally:
        httpd.shutdown()

    row = {
        "persons": PERSONS,
        "full_sync_s": round(first_seconds, 1),
        "full_sync_counts": first["counts"],
        "incremental_resync_s": round(second_seconds, 2),
        "incremental_resync_counts": second["counts"],
    }
    print(f"\nOParl full sync of {PERSONS} persons: {row['full_sync_s']} s, counts {first['counts']}")
    print(
        f"OParl incremental re-sync, no changes: {row['incremental_resync_s']} s, counts {second['counts']}"
    )
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "oparl.json").write_text(json.dumps(row, indent=2) + "\n", encoding="utf-8")

    assert first["status"] == "ok"
    assert first["counts"]["created"] == PERSONS // 2
    assert first["counts"]["skipped"] == PERSONS // 2
    assert second["status"] == "ok"
    assert second["incremental"] is True
    assert second["counts"]["created"] + second["counts"]["updated"] == 0
