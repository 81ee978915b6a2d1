"""docs/api.md is written from real calls, as plone.restapi writes its own documentation: every example
below is sent to the functional layer's WSGI server and its real answer is recorded. The test fails
when docs/api.md differs from what the calls give now; `make docs` writes it anew.

The answers are normalised so that the file is the same on every run: the test server's address
becomes http://localhost:8080/Plone (as `make start` serves it), UIDs become <uid-1>, <uid-2>, ... in
the order they first appear, times become one fixed time, tokens become <token>.
"""

from pathlib import Path
from plone import api
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from regionaustausch.supports import storage
from regionaustausch.testing import add_member
import datetime
import difflib
import json
import os
import pytest
import re
import requests
import shlex
import transaction


DOC = Path(__file__).resolve().parents[2] / "docs" / "api.md"
WRITE = os.environ.get("REGIONAUSTAUSCH_WRITE_DOCS") == "1"
PASSWORD = "Beispiel-2026!"
PUBLIC_URL = "http://localhost:8080/Plone"
FIXED_TIME = "2026-12-01T10:00:00+00:00"

HEADER = """# REST API of regionaustausch

Every part of the network is served through [plone.restapi](https://plonerestapi.readthedocs.io):
the generic verbs (`POST` to a container with `@type`, `GET`, `PATCH`, `DELETE`, `@workflow`,
`@search`, `@types`) for every type, and endpoints of our own where the generic ones cannot serve.
Send `Accept: application/json`; log in with a JWT from `@login` (or HTTP basic auth).

The examples are real requests against a test site and its real answers, written by
`tests/docs/test_api_docs.py` (`make docs`); a test fails when this file is out of date. Addresses
are shown as `make start` serves them; UIDs, times and tokens are replaced by placeholders.

Errors follow plone.restapi: a status 4xx with `{"type": ..., "message": ...}`; a refused field names
the field.
"""


class Recorder:
    def __init__(self, site_url):
        self.site_url = site_url.rstrip("/")
        self.sections = []
        self.uids = {}

    # -- normalising -------------------------------------------------------------------------------
    def _uid(self, match):
        uid = match.group(0)
        if uid not in self.uids:
            self.uids[uid] = f"<uid-{len(self.uids) + 1}>"
        return self.uids[uid]

    def normalise(self, text):
        text = text.replace(self.site_url, PUBLIC_URL)
        text = re.sub(r"http://(localhost|127\.0\.0\.1):\d+", "http://localhost:8080", text)
        text = re.sub(r"\beyJ[\w-]+\.[\w-]+\.[\w-]+", "<token>", text)
        text = re.sub(r"(?<![0-9a-f])[0-9a-f]{32}(?![0-9a-f])", self._uid, text)
        text = re.sub(
            r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?", FIXED_TIME, text
        )
        text = re.sub(r"beitrag-\d{8}-\d{6}-[0-9a-f]{6}", "beitrag-20261201-100000-a1b2c3", text)
        return text

    # -- calling -----------------------------------------------------------------------------------
    def call(
        self,
        title,
        method,
        path,
        *,
        auth=None,
        token=None,
        body=None,
        params=None,
        accept=None,
        expect,
        note=None,
    ):
        url = path if path.startswith("http") else f"{self.site_url}{path}"
        headers = {"Accept": accept or "application/json"}
        if body is not None:
            headers["Content-Type"] = "application/json"
        if token:
            headers["Authorization"] = f"Bearer {token}"
        response = requests.request(
            method,
            url,
            headers=headers,
            params=params,
            auth=auth,
            data=json.dumps(body) if body is not None else None,
            timeout=60,
        )
        assert response.status_code == expect, f"{title}: {response.status_code} {response.text[:2000]}"
        self.sections.append(self._section(title, method, response, headers, body, auth, note))
        return response

    def _section(self, title, method, response, headers, body, auth, note):
        command = ["curl", "-s", "-i"]
        if method != "GET":
            command += ["-X", method]
        command.append(response.request.url)
        for name, value in headers.items():
            if name == "Authorization":
                command += ["-H", "Authorization: Bearer $TOKEN"]
            else:
                command += ["-H", f"{name}: {value}"]
        if auth is not None:
            command += ["-u", f"{auth[0]}:{auth[1]}"]
        if body is not None:
            command += ["--data-raw", json.dumps(body, ensure_ascii=False)]
        shell = " ".join(
            shlex.quote(part) if not part.startswith("Authorization: Bearer") else f'"{part}"'
            for part in command
        )
        content_type = response.headers.get("Content-Type", "").split(";")[0]
        if content_type == "application/json" and response.text:
            data = response.json()
            if isinstance(data, dict):
                data.pop("traceback", None)  # plone.rest adds it for Managers; it is no part of the API
            shown = json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False)
            fence = "json"
        else:
            # the CSV's CRLF line ends are shown as plain lines
            shown, fence = response.text.replace("\r\n", "\n").lstrip("\ufeff"), "text"
        status = f"{response.status_code} {response.reason}"
        lines = [f"### {title}", ""]
        if note:
            lines += [note, ""]
        lines += ["```sh", self.normalise(shell), "```", "", f"Answer `{status}`"]
        if content_type:
            lines[-1] += f" (`{content_type}`)"
        if response.headers.get("Content-Disposition"):
            lines[-1] += f", `Content-Disposition: {response.headers['Content-Disposition']}`"
        lines[-1] += ":" if shown else ", no body."
        if shown:
            lines += ["", f"```{fence}", self.normalise(shown).rstrip(), "```"]
        return "\n".join(lines)

    def chapter(self, title, text=None):
        self.sections.append(f"## {title}" + (f"\n\n{text}" if text else ""))

    def render(self):
        return HEADER + "\n" + "\n\n".join(self.sections) + "\n"


def member(municipality, user_id, first_name, last_name, **fields):
    return add_member(municipality, user_id, first_name, last_name, password=PASSWORD, **fields)


@pytest.fixture
def network(functional_portal):
    """A small, fixed region: the same on every run, so the recorded answers are too."""
    portal = functional_portal
    api.portal.set_registry_record("plone.default_language", "de")
    api.portal.set_registry_record("plone.available_languages", ["de"])
    with api.env.adopt_roles(["Manager"]):
        region = api.content.create(
            container=portal,
            type="Region",
            id="grossraum-braunschweig",
            title="Wirtschaftsregion Großraum Braunschweig",
            partners=["Regionalverband Großraum Braunschweig"],
        )
        braunschweig = api.content.create(
            container=region,
            type="Municipality",
            id="braunschweig",
            title="Stadt Braunschweig",
            kind="kreisfreie_stadt",
            ags="03101000",
            council_name="Rat der Stadt Braunschweig",
        )
        peine = api.content.create(
            container=region,
            type="Municipality",
            id="landkreis-peine",
            title="Landkreis Peine",
            kind="landkreis",
            ags="03157",
            council_name="Kreistag Peine",
        )
        member(
            braunschweig,
            "anna.beispiel",
            "Anna",
            "Beispiel",
            party="SPD",
            function="ratsmitglied",
            topics=["gewerbeflaechen"],
            email="anna.beispiel@example.invalid",
            contact_visibility="public",
            consent_date=datetime.date(2026, 5, 1),
            committees=["Ausschuss für Wirtschaft"],
        )
        member(peine, "jonas.muster", "Jonas", "Muster", party="CDU", function="kreistagsmitglied")
        proposal = api.content.create(
            container=region,
            type="ExchangeProposal",
            id="regionale-vernetzung",
            title="Regionale Vernetzung der kommunalpolitischen Vertreter*innen",
            description="Ein regelmäßiger Austausch der Wirtschaftspolitiker*innen der Region.",
            format="austauschtreffen",
            topics=["gewerbeflaechen"],
        )
        api.content.transition(obj=proposal, transition="submit")
        api.content.transition(obj=proposal, transition="open_discussion")
        forum = api.content.create(
            container=region, type="Forum", id="gewerbeflaechen", title="Gewerbeflächen"
        )
        api.content.transition(obj=forum, transition="publish")
        thread = api.content.create(
            container=forum,
            type="Thread",
            id="flaechen-an-der-a2",
            title="Flächen an der A2",
            text="<p>Wer hat noch Flächen?</p>",
        )
    transaction.commit()
    return {"portal": portal, "region": region, "proposal": proposal, "thread": thread}


def decisions_chapter(rec, network, token, admin):
    """Decisions, required resolutions per municipality, realise and its override, @timeline, meetings."""
    transaction.begin()
    network["portal"]._p_jar.sync()  # what the server's requests committed
    region_obj = network["portal"]["grossraum-braunschweig"]
    with api.env.adopt_user(SITE_OWNER_NAME):
        api.user.create(
            email="erika.redaktion@example.invalid",
            username="erika.redaktion",
            password=PASSWORD,
            roles=("Member", "Editor"),
            properties={"fullname": "Erika Redaktion"},
        )
    with api.env.adopt_roles(["Manager"]):
        member(region_obj["landkreis-peine"], "lena.vorlage", "Lena", "Vorlage", party="Grüne")
    transaction.commit()
    editor = ("erika.redaktion", PASSWORD)
    braunschweig = region_obj["braunschweig"].UID()
    peine = region_obj["landkreis-peine"].UID()
    region = "/grossraum-braunschweig"
    boerse = f"{region}/gewerbeflaechenboerse"

    rec.chapter(
        "Decisions and the path of a proposal",
        "Accepting, rejecting, withdrawing and realising despite missing resolutions are decisions: the "
        "`comment` of `@workflow/<transition>` is their text, shown to everyone who may see the proposal. "
        "`reject` and `realise_anyway` need one, `accept` (a statement) and `withdraw` (a reason) take one "
        "if given. The text is HTML sanitised as posts are (paragraphs, bold, italics, lists, links), at "
        "most 2000 visible characters; a missing or too long text is a 400 naming the field `comment`, "
        "and nothing changes. The comments of the other transitions (`submit`, `open_discussion`, "
        "`realise`) stay the editors' own.\n\n"
        "A proposal's JSON has `decision`, the latest one (null before the first): `transition`, `state`, "
        "`date`, `text`, `role` of who decided (`Site Administrator`, `Manager`, `Editor`, `Reviewer`, or "
        "`Author` for withdrawing) with its `role_title`, and their `name` (their record in the directory, "
        "else the account's full name, else null; never the user id or e-mail address).\n\n"
        "`required_resolutions` are rows of `municipality` (UID of one of the Region's municipalities), "
        "`body` (the deciding body's name), `kind` (`ratsbeschluss`, `kreistagsbeschluss`, "
        "`ausschussbeschluss`, `verwaltungsentscheidung`), `status` (`offen`, `eingebracht`, `gefasst`, "
        "`abgelehnt`), `status_date` (`YYYY-MM-DD`; when a status changes without one, the day of the "
        "change), `reference` and `url` (the council information system's number and link). `realise` is "
        "refused while a row is not `gefasst`, naming the municipalities; an editor may take "
        "`realise_anyway` instead (offered only then), with the reason as its required `comment`.\n\n"
        "`GET <proposal>/@timeline` (for whoever may view the proposal) gives its path: `items` sorted by "
        "`date`, each with a `type`: `state` (each state it went through, the `transition` that led there "
        "and, for decisions, `decision`), `first_support` and `quorum_reached` (from the supports' dates "
        "and the Region's quorum; nobody named), `meeting` (the meetings it led to) and `resolution` "
        "(status changes of required resolutions, by an editor or from OParl: `source`). Meetings carry "
        "`proposal`, `host` and `ical`; their `minutes` are refused before the meeting's end.",
    )
    rec.call(
        "A proposal that needs two councils' resolutions",
        "POST",
        region,
        token=token,
        expect=201,
        body={
            "@type": "ExchangeProposal",
            "title": "Gewerbeflächenbörse",
            "lead_organiser": braunschweig,
            "required_resolutions": [
                {
                    "municipality": braunschweig,
                    "body": "Rat der Stadt Braunschweig",
                    "kind": "ratsbeschluss",
                    "status": "gefasst",
                    "status_date": "2026-06-14",
                    "reference": "22-18940",
                    "url": "https://ratsinfo.braunschweig.de/vo0050.asp?__kvonr=18940",
                },
                {"municipality": peine, "body": "Kreistag Peine", "kind": "kreistagsbeschluss"},
            ],
        },
    )
    rec.call("Submitted by its author", "POST", f"{boerse}/@workflow/submit", token=token, expect=200)
    rec.call(
        "Opened by an editor, with a comment for the editors only",
        "POST",
        f"{boerse}/@workflow/open_discussion",
        auth=editor,
        body={"comment": "Intern: Kreis Peine vorab informiert."},
        expect=200,
    )
    rec.call(
        "The Region asks for 2 supports from 2 municipalities",
        "PATCH",
        region,
        auth=admin,
        body={"quorum_supports": 2, "quorum_municipalities": 2},
        expect=204,
    )
    rec.call("A member supports it", "POST", f"{boerse}/@support", token=token, expect=201)
    rec.call(
        "A member of Peine too",
        "POST",
        f"{boerse}/@support",
        auth=("lena.vorlage", PASSWORD),
        expect=201,
    )
    rec.call(
        "A rejection without a reason",
        "POST",
        f"{boerse}/@workflow/reject",
        auth=editor,
        body={"comment": " "},
        expect=400,
    )
    rec.call(
        "Accepted with a statement",
        "POST",
        f"{boerse}/@workflow/accept",
        auth=editor,
        body={"comment": "Die Börse startet im Herbst; Braunschweig führt."},
        expect=200,
    )
    rec.call(
        "Realising while a resolution is missing",
        "POST",
        f"{boerse}/@workflow/realise",
        auth=editor,
        expect=400,
    )
    rec.call(
        "Realising anyway needs a reason",
        "POST",
        f"{boerse}/@workflow/realise_anyway",
        auth=editor,
        expect=400,
    )
    rec.call(
        "The district council adopted it",
        "PATCH",
        boerse,
        auth=editor,
        expect=204,
        note="The status change is recorded for the timeline (`type` `resolution`).",
        body={
            "required_resolutions": [
                {
                    "municipality": braunschweig,
                    "body": "Rat der Stadt Braunschweig",
                    "kind": "ratsbeschluss",
                    "status": "gefasst",
                    "status_date": "2026-06-14",
                    "reference": "22-18940",
                    "url": "https://ratsinfo.braunschweig.de/vo0050.asp?__kvonr=18940",
                },
                {
                    "municipality": peine,
                    "body": "Kreistag Peine",
                    "kind": "kreistagsbeschluss",
                    "status": "gefasst",
                    "status_date": "2026-09-03",
                    "reference": "KT-2026-117",
                },
            ]
        },
    )
    rec.call("Realised", "POST", f"{boerse}/@workflow/realise", auth=editor, expect=200)
    rec.call(
        "A meeting's minutes before it has ended",
        "POST",
        boerse,
        auth=editor,
        expect=400,
        body={
            "@type": "Meeting",
            "title": "Zweites Treffen",
            "start": "2099-10-01T16:00:00+02:00",
            "end": "2099-10-01T18:00:00+02:00",
            "minutes": {"data": "<p>Schon vorher geschrieben.</p>", "content-type": "text/html"},
        },
    )
    rec.call(
        "A meeting that took place, with its minutes",
        "POST",
        boerse,
        auth=editor,
        expect=201,
        body={
            "@type": "Meeting",
            "id": "auftakt",
            "title": "Auftakt der Börse",
            "start": "2026-10-01T16:00:00+02:00",
            "end": "2026-10-01T18:00:00+02:00",
            "location": "Rathaus Braunschweig",
            "host_municipality": braunschweig,
            "minutes": {"data": "<p>Die Börse geht online.</p>", "content-type": "text/html"},
        },
    )
    rec.call("The proposal's decision, for everyone", "GET", boerse, expect=200)
    rec.call("Its path", "GET", f"{boerse}/@timeline", expect=200)


def test_api_docs(network):
    portal = network["portal"]
    rec = Recorder(portal.absolute_url())
    region = "/grossraum-braunschweig"
    proposal = f"{region}/regionale-vernetzung"

    rec.chapter("Log in")
    login = rec.call(
        "A JWT from `@login`",
        "POST",
        "/@login",
        body={"login": "anna.beispiel", "password": PASSWORD},
        expect=200,
    )
    token = login.json()["token"]

    rec.chapter(
        "Directory",
        "`GET <region>/@directory`: the active representatives of a region, sorted by "
        "name, filtered by `municipality` (UID), `topic`, `party`, `function` and `q` (free text), "
        "batched with `b_start` and `b_size`. Contact details appear only as each record's "
        "visibility allows the caller.",
    )
    rec.call("The directory, anonymous", "GET", f"{region}/@directory", expect=200)
    rec.call(
        "Filtered by party, as a network member",
        "GET",
        f"{region}/@directory",
        token=token,
        params={"party": "SPD"},
        expect=200,
    )
    rec.call("As CSV", "GET", f"{region}/@directory", accept="text/csv", expect=200)
    rec.call("A bad filter", "GET", f"{region}/@directory", params={"b_size": "1000"}, expect=400)

    rec.chapter("Network overview", "`GET <region>/@network`: one call that feeds a dashboard.")
    rec.call("The overview", "GET", f"{region}/@network", expect=200)

    rec.chapter(
        "Supports",
        "`@support` on a proposal: `GET` the counts and the quorum, `POST` to support "
        "(network members, in state `discussion`), `DELETE` to withdraw.",
    )
    rec.call("Supports, anonymous", "GET", f"{proposal}/@support", expect=200)
    rec.call("Support a proposal", "POST", f"{proposal}/@support", token=token, expect=201)
    rec.call("Support it twice", "POST", f"{proposal}/@support", token=token, expect=409)
    rec.call("Support it without logging in", "POST", f"{proposal}/@support", expect=401)
    rec.call("Withdraw the support", "DELETE", f"{proposal}/@support", token=token, expect=204)
    rec.call("A proposal's JSON carries its supports and quorum", "GET", proposal, expect=200)

    rec.chapter("Content", "The generic verbs of plone.restapi, for every type of the add-on.")
    admin = (SITE_OWNER_NAME, SITE_OWNER_PASSWORD)
    rec.call(
        "Create a proposal",
        "POST",
        region,
        token=token,
        expect=201,
        body={
            "@type": "ExchangeProposal",
            "title": "Gemeinsames Gewerbeflächenmonitoring",
            "format": "arbeitskreis",
            "topics": ["gewerbeflaechen"],
        },
    )
    rec.call(
        "Change it",
        "PATCH",
        f"{region}/gemeinsames-gewerbeflaechenmonitoring",
        token=token,
        expect=204,
        body={"description": "Ein gemeinsamer Überblick über freie Gewerbeflächen."},
    )
    rec.call(
        "Submit it, with a comment",
        "POST",
        f"{region}/gemeinsames-gewerbeflaechenmonitoring/@workflow/submit",
        token=token,
        body={"comment": "Bitte in die Diskussion geben."},
        expect=200,
    )
    rec.call(
        "A post in a thread",
        "POST",
        f"{region}/gewerbeflaechen/flaechen-an-der-a2",
        token=token,
        expect=201,
        body={
            "@type": "Post",
            "text": {"data": "<p>In Peine gibt es 20 ha.</p>", "content-type": "text/html"},
        },
    )
    rec.call(
        "A thread's JSON carries its post count and last activity",
        "GET",
        f"{region}/gewerbeflaechen/flaechen-an-der-a2",
        expect=200,
    )
    rec.call(
        "A municipality with a wrong official key",
        "POST",
        region,
        auth=admin,
        expect=400,
        body={
            "@type": "Municipality",
            "title": "Stadt Wolfsburg",
            "kind": "kreisfreie_stadt",
            "ags": "03103",
        },
    )
    rec.call(
        "Accepting before the quorum is met",
        "POST",
        f"{proposal}/@workflow/accept",
        auth=admin,
        body={"comment": "Angenommen."},
        expect=400,
    )
    rec.call(
        "Search representatives by party",
        "GET",
        "/@search",
        expect=200,
        params={
            "portal_type": "Representative",
            "party": "SPD",
            "metadata_fields": ["municipality_title", "party", "topics"],
        },
    )
    rec.call(
        "Proposals by supports",
        "GET",
        "/@search",
        expect=200,
        params={
            "portal_type": "ExchangeProposal",
            "sort_on": "support_count",
            "sort_order": "descending",
            "metadata_fields": ["support_count", "supporting_municipalities", "review_state"],
        },
    )

    rec.chapter(
        "Sharing",
        "`@sharing` (plone.restapi) delegates roles on an object and blocks the inheritance of local "
        'roles (`"inherit": false`). On every type of the add-on, in every workflow state, only Site '
        'Administrators and Managers may call it: they alone hold the permissions "Sharing page: '
        'Delegate roles" and "Sharing page: Delegate Reader/Editor/Contributor/Reviewer role" (set '
        'by the workflows and the site\'s rolemap) and "Change local roles". Authors, thread owners, '
        "municipal editors, moderators and network members get 403. The roles of the network come from "
        "elsewhere: network members from approved records, municipal editors from the municipality's "
        "editors group; a Site Administrator names a moderator by giving the Reviewer role here.",
    )
    rec.call(
        "An author delegates roles on her own proposal",
        "POST",
        f"{region}/gemeinsames-gewerbeflaechenmonitoring/@sharing",
        token=token,
        body={
            "entries": [{"id": "anna.beispiel", "type": "user", "roles": {"Editor": True, "Reviewer": True}}]
        },
        expect=403,
    )
    rec.call(
        "A site administrator names a moderator of a forum",
        "POST",
        f"{region}/gewerbeflaechen/@sharing",
        auth=admin,
        body={"entries": [{"id": "jonas.muster", "type": "user", "roles": {"Reviewer": True}}]},
        expect=204,
    )
    rec.call(
        "And takes the role back",
        "POST",
        f"{region}/gewerbeflaechen/@sharing",
        auth=admin,
        body={"entries": [{"id": "jonas.muster", "type": "user", "roles": {"Reviewer": False}}]},
        expect=204,
    )

    rec.chapter(
        "Privacy (DSGVO)",
        "`GET @my-data` on the site gives the caller everything stored about them, as the download "
        "`meine-daten.json` (`Cache-Control: private, no-store`; 401 without a login): `account` (the "
        "member data), `memberships` (groups; `kind` is `network`, `editors` or `other`), `local_roles` "
        "(roles given to them on the site, a Region, Municipality or Forum, or on whatever the catalog "
        "names them in), `representatives` (their records with every field and the workflow history; "
        "`by_me` instead of who else acted), `threads`, `posts` (with the reason if hidden, not the "
        "moderator), `content` (everything else they created), `supports`, `moderation` (posts they hid "
        "as a moderator) and `form_submissions` (the rows a form's action \"Save data with the "
        "submitter's account\" stored with their account; a row that merely contains their address is "
        "not theirs).\n\n"
        "`POST @anonymise` on a former representative's record erases the person from it, from their "
        "posts, threads, supports and moderation notes, from the workflow history of what they did to "
        "others' objects, and purges the versions of their content. Editors of the municipality may do "
        "that within their municipality's region: an account that also has content, roles, supports or "
        "moderation notes elsewhere is refused with 403 saying what and where, for a site administrator "
        "to anonymise. The answer counts what was done (`history`: others' objects whose workflow "
        "history named them as the actor; `versions_purged`) and lists in `not_changed` what may "
        "still name them but is not theirs to change (`text`: others' texts that mention them; "
        "`versions`: versions of others' content they acted on or quoted them in).",
    )
    rec.call("Everything stored about me", "GET", "/@my-data", token=token, expect=200)
    jonas = f"{region}/landkreis-peine/jonas-muster"
    rec.call(
        "Anonymising a record that is still active", "POST", f"{jonas}/@anonymise", auth=admin, expect=400
    )
    rec.call(
        "Mark the record as former",
        "POST",
        f"{jonas}/@workflow/retire",
        auth=admin,
        body={"comment": "Aus dem Kreistag ausgeschieden."},
        expect=200,
    )
    rec.call("Anonymise it", "POST", f"{jonas}/@anonymise", auth=admin, expect=200)

    decisions_chapter(rec, network, token, admin)

    text = rec.render()
    if WRITE:
        DOC.write_text(text, encoding="utf-8")
    current = DOC.read_text(encoding="utf-8") if DOC.exists() else ""
    if current != text:
        diff = "".join(
            difflib.unified_diff(current.splitlines(True), text.splitlines(True), "docs/api.md", "calls", n=1)
        )
        pytest.fail(f"docs/api.md is out of date; run `make docs` to write it anew.\n{diff[:6000]}")
    transaction.begin()
    assert storage(portal["grossraum-braunschweig"]["regionale-vernetzung"]) is not None
