"""The instance files and create_site.py, end to end: real processes, a temporary database."""

from pathlib import Path
import os
import pytest
import requests
import socket
import subprocess
import sys
import time


pytestmark = pytest.mark.e2e

REPO = Path(__file__).resolve().parent.parent
INSTANCE = REPO / "instance"
BIN = Path(sys.executable).parent
PASSWORD = "e2e-secret"


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def instance_home(tmp_path_factory):
    """A temporary INSTANCE_HOME that uses the repository's site.zcml, with an empty var/."""
    home = tmp_path_factory.mktemp("instance")
    (home / "etc").symlink_to(INSTANCE / "etc")
    for folder in ("filestorage", "blobstorage", "cache"):
        (home / "var" / folder).mkdir(parents=True)
    return home


@pytest.fixture(scope="module")
def environment(instance_home):
    env = dict(os.environ)
    env.update(INSTANCE_HOME=str(instance_home), ADMIN_PASSWORD=PASSWORD, SITE_ID="Plone", DEMO="1")
    env.pop("DEMO_PASSWORD", None)
    return env


def create_site(environment):
    result = subprocess.run(
        [BIN / "zconsole", "run", INSTANCE / "zope.conf", INSTANCE / "create_site.py"],
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stdout


def database_state(instance_home):
    data_fs = instance_home / "var" / "filestorage" / "Data.fs"
    return data_fs.stat().st_size, data_fs.read_bytes()[-64:]


@pytest.fixture(scope="module")
def created(instance_home, environment):
    """Run create_site.py twice; return both outputs and the database before and after the second run."""
    first = create_site(environment)
    before = database_state(instance_home)
    second = create_site(environment)
    after = database_state(instance_home)
    return first, second, before, after


@pytest.fixture(scope="module")
def server(created, environment, instance_home):
    port = free_port()
    log = instance_home / "var" / "runwsgi.log"
    with log.open("wb") as output:
        process = subprocess.Popen(
            [BIN / "runwsgi", INSTANCE / "zope.ini", "http_host=127.0.0.1", f"http_port={port}"],
            env=environment,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    url = f"http://localhost:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            assert process.poll() is None, log.read_text()[-3000:]
            try:
                requests.get(url, timeout=2)
                break
            except requests.ConnectionError:
                assert time.monotonic() < deadline, "no answer within 120 s: " + log.read_text()[-3000:]
                time.sleep(0.3)
        yield url
    finally:
        os.killpg(process.pid, 15)
        process.wait(timeout=30)


def test_first_run_creates_site_and_admin(created):
    first = created[0]
    assert "created the Zope user 'admin'" in first
    assert "created the Plone site 'Plone' with regionaustausch" in first
    assert "/Plone" in first


def test_second_run_changes_nothing(created):
    _, second, before, after = created
    assert "exists; nothing to do" in second
    assert "created" not in second
    assert before == after


def test_front_page_served(server):
    response = requests.get(f"{server}/Plone", timeout=30)
    assert response.status_code == 200
    assert 'lang="de"' in response.text
    assert "Regionaustausch" in response.text


def test_types_as_json(server):
    response = requests.get(
        f"{server}/Plone/@types",
        headers={"Accept": "application/json"},
        auth=("admin", PASSWORD),
        timeout=30,
    )
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("application/json")
    ids = {item["id"] for item in response.json()}
    assert {"Document", "Folder"} <= ids


def test_addon_installed(server):
    response = requests.get(
        f"{server}/Plone/@addons/regionaustausch",
        headers={"Accept": "application/json"},
        auth=("admin", PASSWORD),
        timeout=30,
    )
    assert response.status_code == 200
    assert response.json()["is_installed"] is True


def test_wrong_password_refused(server):
    response = requests.get(
        f"{server}/Plone/@addons",
        headers={"Accept": "application/json"},
        auth=("admin", "admin"),
        timeout=30,
    )
    assert response.status_code == 401


def readme_session():
    """The REST session the README shows (the sh block after "A session with the REST API")."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    after = readme[readme.index("A session with the REST API") :]
    return after[after.index("```sh\n") + len("```sh\n") : after.index("\n```", after.index("```sh"))]


def test_readme_rest_session(server):
    """The curl session of the README works against a site made as `make start` makes it."""
    script = readme_session().replace("SITE=http://localhost:8080/Plone", f"SITE={server}/Plone")
    assert f"SITE={server}/Plone" in script
    result = subprocess.run(
        ["bash", "-euo", "pipefail", "-c", script], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    directory, support = result.stdout.split("\n}", 1)
    assert '"items_total"' in directory
    assert '"supported_by_me": true' in support
    assert '"municipalities": 3' in support


def test_demo_region_created(server):
    response = requests.get(
        f"{server}/Plone/grossraum-braunschweig/@network", headers={"Accept": "application/json"}
    )
    assert response.status_code == 200
    assert len(response.json()["municipalities"]) == 8
