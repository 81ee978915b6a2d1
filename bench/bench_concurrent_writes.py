"""Concurrent writes to one object over HTTP: supports of one proposal, posts in one thread, and, for
comparison, stock Plone: PATCHes of one document.

Each round sends N requests at the same moment (a barrier) through the functional layer's WSGI server,
where ZPublisher retries a request up to 3 times on a ConflictError. Printed per round: successes,
failures (by status), latency median and 95th percentile, the total time, and whether the stored result
is complete (exactly N supports, N posts).
"""

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from plone import api
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from regionaustausch.supports import storage
from regionaustausch.testing import add_member
import json
import requests
import statistics
import threading
import time
import transaction


N = 30
PASSWORD = "bench-password-1"
RESULTS = Path(__file__).parent / "results"
FAILURES = []


def concurrently(requests_to_send):
    """Send the requests (callables) at the same moment; return ``[(status, seconds)]`` and the total."""
    barrier = threading.Barrier(len(requests_to_send))

    def run(send):
        barrier.wait()
        started = time.perf_counter()
        try:
            response = send()
            status = response.status_code
            if status >= 500:
                FAILURES.append(response.text[:1500].replace("\n", " "))
        except requests.RequestException:
            status = "connection error"
        return status, time.perf_counter() - started

    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=len(requests_to_send)) as pool:
        results = list(pool.map(run, requests_to_send))
    return results, time.perf_counter() - started


def summary(name, results, total, complete):
    latencies = sorted(seconds for _status, seconds in results)
    statuses = {}
    for status, _seconds in results:
        statuses[str(status)] = statuses.get(str(status), 0) + 1
    ok = sum(count for status, count in statuses.items() if status.startswith("2"))
    row = {
        "round": name,
        "requests": len(results),
        "succeeded": ok,
        "failed": len(results) - ok,
        "statuses": statuses,
        "median_ms": round(statistics.median(latencies) * 1000, 1),
        "p95_ms": round(latencies[int(0.95 * (len(latencies) - 1))] * 1000, 1),
        "total_s": round(total, 2),
        "stored_complete": complete,
    }
    print(
        f"{name:<34} {ok:>3}/{len(results)} ok  statuses {statuses}  median {row['median_ms']} ms  "
        f"p95 {row['p95_ms']} ms  total {row['total_s']} s  stored complete: {complete}"
    )
    return row


def session(user, password=PASSWORD):
    http = requests.Session()
    http.headers.update({"Accept": "application/json", "Content-Type": "application/json"})
    http.auth = (user, password)
    return http


def test_concurrent_writes(functional_portal):
    from ZPublisher.HTTPRequest import HTTPRequest

    print(
        f"\n{N} requests at once per round; ZPublisher retries a conflict {HTTPRequest.retry_max_count} times"
    )
    portal = functional_portal
    with api.env.adopt_roles(["Manager"]):
        region = api.content.create(container=portal, type="Region", id="region", title="Benchmark")
        municipalities = [
            api.content.create(container=region, type="Municipality", id=mid, title=mid, kind=kind, ags=ags)
            for mid, kind, ags in (
                ("braunschweig", "kreisfreie_stadt", "03101000"),
                ("salzgitter", "kreisfreie_stadt", "03102000"),
                ("gifhorn", "landkreis", "03151"),
            )
        ]
        members = [f"member{index:02d}" for index in range(N)]
        for index, user_id in enumerate(members):
            add_member(municipalities[index % 3], user_id, "Mitglied", str(index), password=PASSWORD)
        proposal = api.content.create(container=region, type="ExchangeProposal", id="proposal", title="P")
        api.content.transition(obj=proposal, transition="submit")
        api.content.transition(obj=proposal, transition="open_discussion")
        forum = api.content.create(container=region, type="Forum", id="forum", title="Forum")
        thread = api.content.create(container=forum, type="Thread", id="thread", title="T", text="<p>x</p>")
        document = api.content.create(container=portal, type="Document", id="document", title="Dokument")
    transaction.commit()
    rows = []

    results, total = concurrently(
        [
            lambda user=user: session(user).post(f"{proposal.absolute_url()}/@support", timeout=120)
            for user in members
        ]
    )
    transaction.begin()
    rows.append(summary("supports of one proposal", results, total, len(storage(proposal)) == N))

    results, total = concurrently(
        [
            lambda user=user: session(user).post(
                thread.absolute_url(),
                data=json.dumps(
                    {"@type": "Post", "text": {"data": f"<p>{user}</p>", "content-type": "text/html"}}
                ),
                timeout=120,
            )
            for user in members
        ]
    )
    transaction.begin()
    rows.append(summary("posts in one thread", results, total, len(thread.objectIds()) == N))

    admin = (SITE_OWNER_NAME, SITE_OWNER_PASSWORD)
    results, total = concurrently(
        [
            lambda index=index: session(*admin).patch(
                document.absolute_url(), data=json.dumps({"description": f"Fassung {index}"}), timeout=120
            )
            for index in range(N)
        ]
    )
    transaction.begin()
    rows.append(summary("stock Plone: PATCH of one document", results, total, True))

    for failure in FAILURES:
        print("failure:", failure)
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "concurrent_writes.json").write_text(json.dumps(rows, indent=2), encoding="utf-8")
    assert rows[0]["succeeded"] == N
    assert rows[0]["stored_complete"]
