#!/usr/bin/env python3
"""Build the instance with buildout.cfg and check that it really serves Plone with the add-on.

    python3 scripts/check_buildout.py [--config buildout.cfg] [--timeout 120] [--keep]

(`make check-buildout` runs it.) Plain standard library; any python3 >= 3.10 will do. Steps, each of which
stops the check with a message and exit status 1 when it fails:

1. versions.cfg is generated from constraints.txt (scripts/buildout_versions.py);
2. the buildout tooling venv .venv-buildout is created if missing and brought in line with constraints.txt
   (pip install -c constraints.txt zc.buildout setuptools pip wheel);
3. .venv-buildout/bin/buildout -c buildout.cfg runs (allow-picked-versions = false: every egg is pinned);
   incremental, so a second run reuses eggs/ and parts/;
4. the instance's python (parts/instance/bin/interpreter) imports regionaustausch from src/ and sees its
   z3c.autoinclude entry point (which makes Plone load the add-on's ZCML);
5. a throwaway copy of the built instance home is made in a temporary directory: the same zope.conf and
   wsgi.ini, but the database, blobs and logs in the temporary directory and the server on a free port, so
   the check never touches var/ and does not collide with a running instance; bin/instance is copied
   with its two config paths pointed at that copy (it has no option to change them);
6. `instance run` executes instance/create_site.py (the script `make start` uses) against the throwaway
   database: the Plone site "Plone" with regionaustausch installed;
7. `instance fg` serves on the free port (in its own process group, it starts the server as a child);
   checked: the Zope root answers (200 or 401, X-Powered-By: Zope), /Plone answers 200, and
   /Plone/++api++/@addons/regionaustausch says the add-on is installed;
8. the server and its child are stopped (SIGTERM to the process group, SIGKILL after 30 s).

The temporary directory is removed on success and kept (its path is printed) on failure or with --keep.
"""

from pathlib import Path
import argparse
import base64
import contextlib
import hashlib
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request


ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv-buildout"
ADDON = "regionaustausch"
SITE_ID = "Plone"
ADMIN = "admin"
TOOLING = ["zc.buildout", "setuptools", "pip", "wheel"]

# Executed by `instance run`, which binds `app` without a request; create_site.py expects zconsole's
# set-up (app wrapped by makerequest), so this provides it and runs the script named in CHECK_SCRIPT.
RUN_WRAPPER = """\
import os
import re

from Testing.makerequest import makerequest
from zope.globalrequest import setRequest

app = makerequest(app)  # noqa: F821 - bound by `instance run`
app.REQUEST["PARENTS"] = [app]
setRequest(app.REQUEST)
script = os.environ["CHECK_SCRIPT"]
with open(script, encoding="utf-8") as source:
    exec(compile(source.read(), script, "exec"), {"__name__": "__main__", "app": app})
"""

IMPORT_CHECK = """\
import importlib.metadata, json, regionaustausch
plugins = [
    ep.value for ep in importlib.metadata.entry_points(group="z3c.autoinclude.plugin")
    if ep.name == "target" and ep.dist is not None and ep.dist.name == "regionaustausch"
]
print(json.dumps({"file": regionaustausch.__file__, "targets": plugins}))
"""


class CheckFailed(Exception):
    """One step of the check failed; the message says which and why."""


def say(message):
    print(f"check-buildout: {message}", flush=True)


def tail(path, lines=60):
    try:
        text = Path(path).read_text(encoding="utf-8", errors="replace")
    except OSError:
        return f"(no output in {path})"
    return "\n".join(text.splitlines()[-lines:])


def run(command, what, log, timeout, env=None):
    """Run ``command`` with its output in ``log``; raise CheckFailed with the log's end if it fails.

    The command runs in its own process group, which is killed as a whole on a timeout or an interrupt
    (``instance run`` and buildout start grandchildren that would otherwise live on).
    """
    started = time.monotonic()
    with open(log, "w", encoding="utf-8") as out:
        try:
            process = subprocess.Popen(
                [str(part) for part in command],
                cwd=ROOT,
                env=env,
                stdin=subprocess.DEVNULL,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        except OSError as error:
            raise CheckFailed(f"{what} could not be started: {error}") from error
        try:
            returncode = process.wait(timeout=timeout)
        except subprocess.TimeoutExpired as error:
            stop_group(process, grace=5)
            raise CheckFailed(f"{what} took longer than {timeout} s; end of {log}:\n{tail(log)}") from error
        except BaseException:
            stop_group(process, grace=5)
            raise
    if returncode != 0:
        raise CheckFailed(f"{what} failed (exit status {returncode}); end of {log}:\n{tail(log)}")
    return time.monotonic() - started


def stop_group(process, grace=30):
    """Stop ``process`` and everything in its process group: SIGTERM, then SIGKILL after ``grace`` s.

    ``process`` must have been started with ``start_new_session=True`` (it leads its own group).
    """
    if process is None:
        return
    group = process.pid
    with contextlib.suppress(ProcessLookupError):
        os.killpg(group, signal.SIGTERM)
    deadline = time.monotonic() + grace
    while time.monotonic() < deadline:
        process.poll()  # reap the leader, a zombie would keep the group alive
        try:
            os.killpg(group, 0)
        except ProcessLookupError:
            return
        time.sleep(0.5)
    say(f"process group {group} did not stop within {grace} s after SIGTERM; sending SIGKILL")
    with contextlib.suppress(ProcessLookupError):
        os.killpg(group, signal.SIGKILL)
    with contextlib.suppress(subprocess.TimeoutExpired):
        process.wait(timeout=10)


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# No proxies from the environment for 127.0.0.1.
OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def fetch(url, auth=None, accept=None, timeout=30):
    """Return ``(status, headers, body)``; HTTP errors are answers too, connection errors raise OSError."""
    request = urllib.request.Request(url)
    if auth:
        token = base64.b64encode(f"{auth[0]}:{auth[1]}".encode()).decode()
        request.add_header("Authorization", f"Basic {token}")
    if accept:
        request.add_header("Accept", accept)
    try:
        with OPENER.open(request, timeout=timeout) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


# --- steps -------------------------------------------------------------------------------------------


def generate_versions(work):
    run(
        [sys.executable, ROOT / "scripts" / "buildout_versions.py", "constraints.txt", "versions.cfg"],
        "generating versions.cfg from constraints.txt",
        work / "versions.log",
        timeout=60,
    )
    say(f"versions.cfg generated ({tail(work / 'versions.log', 1).strip()})")


def ensure_tooling(work):
    python = VENV / "bin" / "python"
    usable = python.exists() and subprocess.run([python, "-c", "pass"], check=False).returncode == 0
    if not usable:
        if VENV.exists():
            say(f"{VENV.name} is broken, creating it again")
            shutil.rmtree(VENV)
        run([sys.executable, "-m", "venv", VENV], f"creating {VENV.name}", work / "venv.log", timeout=300)
    seconds = run(
        [python, "-m", "pip", "install", "-q", "-c", "constraints.txt", *TOOLING],
        f"installing the buildout tooling into {VENV.name}",
        work / "tooling.log",
        timeout=600,
    )
    if not (VENV / "bin" / "buildout").exists():
        raise CheckFailed(f"{VENV.name}/bin/buildout is missing after installing zc.buildout")
    say(f"{VENV.name}: {', '.join(TOOLING)} as pinned in constraints.txt ({seconds:.0f} s)")


def run_buildout(work, config):
    say(f"running {VENV.name}/bin/buildout -c {config} (a first build takes about 3 minutes)")
    log = work / "buildout.log"
    try:
        seconds = run([VENV / "bin" / "buildout", "-c", config], f"buildout -c {config}", log, timeout=1800)
    except CheckFailed as error:
        picked = re.findall(r"Picked: (\S+) = (\S+)", log.read_text(encoding="utf-8", errors="replace"))
        if picked:
            pins = ", ".join(f"{name}=={version}" for name, version in picked)
            raise CheckFailed(f"{error}\n\nunpinned packages: add {pins} to constraints.txt") from None
        raise
    output = log.read_text(encoding="utf-8", errors="replace")
    if "Versions had to be automatically picked" in output:
        raise CheckFailed(f"buildout picked unpinned versions (pin them in constraints.txt); see {log}")
    instance = ROOT / "bin" / "instance"
    if not instance.exists():
        raise CheckFailed(f"buildout succeeded but did not generate {instance}")
    eggs = sum(1 for line in instance.read_text().splitlines() if line.strip().startswith("'/"))
    fetched = output.count("\nGot ")
    action = "installed" if "Installing instance." in output else "updated"
    say(f"buildout ok in {seconds:.0f} s: instance {action}, {fetched} eggs fetched, {eggs} sys.path entries")


def check_import():
    interpreter = ROOT / "parts" / "instance" / "bin" / "interpreter"
    result = subprocess.run(
        [interpreter, "-c", IMPORT_CHECK], cwd="/", capture_output=True, text=True, timeout=120, check=False
    )
    if result.returncode != 0:
        raise CheckFailed(f"the instance's python cannot import {ADDON}:\n{result.stderr.strip()}")
    info = json.loads(result.stdout.strip().splitlines()[-1])
    source = ROOT / "src" / ADDON
    if not Path(info["file"]).resolve().is_relative_to(source):
        raise CheckFailed(f"the instance imports {ADDON} from {info['file']}, not from src/ (develop egg)")
    if "plone" not in info["targets"]:
        raise CheckFailed(
            f"the instance does not see {ADDON}'s entry point [z3c.autoinclude.plugin] target = plone "
            f"(found {info['targets']}); Plone would not load its ZCML"
        )
    say(f"the instance imports {ADDON} from src/ and sees its z3c.autoinclude entry point")


def throwaway_instance(work, port, password):
    """Copy parts/instance into ``work`` with its data in ``work/var`` and the server on ``port``."""
    built = ROOT / "parts" / "instance"
    home = work / "instance"
    var = work / "var"
    shutil.copytree(built, home, ignore=shutil.ignore_patterns("var"))
    (home / "var").mkdir()
    for sub in ("filestorage", "blobstorage", "log", "cache", "instance"):
        (var / sub).mkdir(parents=True, exist_ok=True)
    for name in ("zope.conf", "wsgi.ini"):
        path = home / "etc" / name
        text = path.read_text(encoding="utf-8")
        text = text.replace(str(built), str(home)).replace(str(ROOT / "var"), str(var))
        if name == "wsgi.ini":
            lines = text.splitlines()
            keys = [line.split("=")[0].strip() for line in lines]
            listen = [i for i, key in enumerate(keys) if key in ("listen", "fast-listen")]
            if len(listen) != 1:
                raise CheckFailed(f"expected one listen line in {built}/etc/wsgi.ini, found {len(listen)}")
            key = lines[listen[0]].split("=")[0].strip()
            lines[listen[0]] = f"{key} = 127.0.0.1:{port}"
            text = "\n".join(lines) + "\n"
        if str(ROOT / "var") in text or str(built) in text:
            raise CheckFailed(f"{path} still refers to the real var/ or parts/instance after rewriting")
        path.write_text(text, encoding="utf-8")
    # The initial Zope user (Manager), read when the database has no user yet, as plone.recipe.zope2instance
    # writes it: name:{SHA}base64(sha1(password)).
    digest = base64.b64encode(hashlib.sha1(password.encode()).digest()).decode()
    (home / "inituser").write_text(f"{ADMIN}:{{SHA}}{digest}\n", encoding="utf-8")
    script = (ROOT / "bin" / "instance").read_text(encoding="utf-8")
    for name in ("zope.conf", "wsgi.ini"):
        old, new = str(built / "etc" / name), str(home / "etc" / name)
        if script.count(repr(old)) != 1:
            raise CheckFailed(f"bin/instance does not name {old} once; cannot point a copy elsewhere")
        script = script.replace(repr(old), repr(new))
    control = work / "instance-ctl"
    control.write_text(script, encoding="utf-8")
    control.chmod(0o755)
    return control


def create_site(work, control, port, password):
    create_site_py = ROOT / "instance" / "create_site.py"
    if not create_site_py.exists():
        raise CheckFailed(f"{create_site_py} is missing")
    wrapper = work / "run_create_site.py"
    wrapper.write_text(RUN_WRAPPER, encoding="utf-8")
    env = dict(
        os.environ,
        CHECK_SCRIPT=str(create_site_py),
        ADMIN_PASSWORD=password,
        SITE_ID=SITE_ID,
        DEMO="0",
        ZOPE_HOST="127.0.0.1",
        ZOPE_PORT=str(port),
    )
    log = work / "create_site.log"
    seconds = run(
        [control, "run", wrapper], "instance run instance/create_site.py", log, timeout=600, env=env
    )
    say(f"instance run instance/create_site.py ok in {seconds:.0f} s: site {SITE_ID!r} with {ADDON}")


def start_server(work, control):
    log = open(work / "instance-fg.log", "w", encoding="utf-8")  # noqa: SIM115 - open while the server runs
    process = subprocess.Popen(
        [str(control), "fg"],
        cwd=ROOT,
        stdin=subprocess.DEVNULL,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    log.close()
    return process


def wait_for_root(process, base, timeout, log):
    deadline = time.monotonic() + timeout
    started = time.monotonic()
    while True:
        if process.poll() is not None:
            status = process.returncode
            raise CheckFailed(f"bin/instance fg exited (status {status}); end of {log}:\n{tail(log)}")
        try:
            status, headers, _ = fetch(base + "/", timeout=10)
        except OSError:
            status = None
        if status in (200, 401):
            powered = headers.get("X-Powered-By", "")
            if "Zope" not in powered:
                raise CheckFailed(f"{base}/ answered {status} but not as Zope (X-Powered-By: {powered!r})")
            say(f"bin/instance fg serves {base}/ after {time.monotonic() - started:.0f} s (status {status})")
            return
        if status is not None:
            raise CheckFailed(f"{base}/ answered {status}, expected Zope's root (200 or 401); see {log}")
        if time.monotonic() > deadline:
            raise CheckFailed(f"{base}/ did not answer within {timeout} s; end of {log}:\n{tail(log)}")
        time.sleep(1)


def check_site(base, password, log):
    status, headers, _ = fetch(f"{base}/{SITE_ID}")
    if status != 200 or "text/html" not in headers.get("Content-Type", ""):
        raise CheckFailed(f"{base}/{SITE_ID} answered {status} {headers.get('Content-Type')}; see {log}")
    url = f"{base}/{SITE_ID}/++api++/@addons/{ADDON}"
    status, _, body = fetch(url, auth=(ADMIN, password), accept="application/json")
    try:
        addon = json.loads(body)
    except ValueError:
        addon = None
    if status != 200 or not isinstance(addon, dict) or addon.get("is_installed") is not True:
        raise CheckFailed(f"{url} answered {status}: {body[:500]!r}; the add-on is not installed; see {log}")
    say(f"{base}/{SITE_ID} answers 200; @addons: {ADDON} is installed ({addon.get('install_profile_id')})")


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-c", "--config", default="buildout.cfg", help="buildout configuration file")
    parser.add_argument("--timeout", type=int, default=120, help="seconds to wait for the server (120)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory")
    args = parser.parse_args(argv)

    # SIGTERM (CI cancelling the job) must still stop the server: turn it into an exception.
    def terminate(signum, frame):
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, terminate)

    started = time.monotonic()
    work = Path(tempfile.mkdtemp(prefix="check-buildout-"))
    process = None
    ok = False
    try:
        generate_versions(work)
        ensure_tooling(work)
        run_buildout(work, args.config)
        check_import()
        port = free_port()
        password = secrets.token_urlsafe(16)
        control = throwaway_instance(work, port, password)
        create_site(work, control, port, password)
        base = f"http://127.0.0.1:{port}"
        process = start_server(work, control)
        log = work / "instance-fg.log"
        wait_for_root(process, base, args.timeout, log)
        check_site(base, password, log)
        ok = True
    except CheckFailed as error:
        print(f"check-buildout: FAILED: {error}", file=sys.stderr, flush=True)
    except KeyboardInterrupt:
        print("check-buildout: interrupted", file=sys.stderr, flush=True)
    finally:
        stop_group(process)  # bin/instance fg and the server it started
        if process is not None:
            say("server stopped")
        if ok and not args.keep:
            shutil.rmtree(work, ignore_errors=True)
        else:
            say(f"logs and the throwaway instance are in {work}")
    if not ok:
        return 1
    seconds = time.monotonic() - started
    say(f"OK in {seconds:.0f} s: buildout.cfg builds the instance and it serves Plone with {ADDON}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
