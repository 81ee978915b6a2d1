"""Bad input over HTTP: a table of malformed requests across our types and endpoints.

Every row is one request against the functional layer's real WSGI server, and for every row the test
checks:

* the status is the row's 4xx (never a 5xx);
* the answer is JSON with a ``type`` and a ``message`` (plone.rest's ``{"type", "message"}`` for an
  exception, or plone.restapi's ``{"error": {"type", "message"}}`` that some of its services return);
* a field error names its field: plone.restapi's list of ``{"field", "message", "error"}`` in the
  message holds an item for the row's field (invariants included), and the row's reason words occur
  in the message; a row without a field (body, transition, support) names its subject in the message;
* nothing was created or changed: the number of catalog entries, and for every object of the network
  its modification date, its ZODB serial (any write changes it) and its workflow state, are the same
  before and after; and the database has no new transaction at all.

All rows share one network (built once for the class): a bad request must leave it as it was, so one
row cannot disturb the next, and a row that did change something fails itself.

What counts as bad, per field (the decisions behind the rows):

* Texts of posts, threads and proposals are HTML that is sanitised when stored (domain.sanitiser): a
  script, an event handler or a ``javascript:`` link in an otherwise good text is removed and the
  request succeeds (:func:`test_html_is_stored_sanitised`). A text with nothing left after sanitising
  (only a script, an image with ``onerror``, an ``svg`` with ``onload``) is refused as empty, except a
  proposal's, which may be empty. A client must not claim its HTML is already safe
  (``text/x-html-safe``).
* Titles are plain text (escaped wherever they are shown): ``<b>`` in a title is text, not an error.
  Blank titles and titles over 200 characters are refused.
* Web addresses (website, OParl ids) must be ``http(s)://`` with a host: ``javascript:`` is refused.
* JSON types are strict: a list field takes a JSON array (plone.restapi would wrap a single string),
  a boolean ``true``/``false`` (zope.schema would read ``"ja"`` as ``false``), a whole number a JSON
  integer or a string of digits (as HTML forms send it), never ``true`` or ``1.5``.
* A body over 10 MiB is refused with 413 before it is parsed (services/deserializer/body.py).
"""

from dataclasses import dataclass
from dataclasses import field as dataclass_field
from plone import api
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from regionaustausch import testing
from regionaustausch.services.deserializer.body import MAX_BODY_SIZE
from regionaustausch.supports import add_support
from regionaustausch.supports import storage
import ast
import json
import pytest
import requests
import transaction


PASSWORD = "secret-bad-input-1"


@dataclass(frozen=True)
class Bad:
    """One malformed request and what its answer must say."""

    id: str
    method: str
    #: path below the portal
    path: str
    #: a dict (sent as JSON, ``"uid:<name>"`` values replaced by UIDs), or str/bytes sent as is
    body: object = None
    user: str = "admin"
    status: int = 400
    #: the field an error item must name (``None``: a request-level error)
    field: str | None = None
    #: words that the message must contain (case-insensitive)
    reason: tuple = ()
    headers: dict = dataclass_field(default_factory=dict)


def bad(id, method, path, body=None, *, field=None, reason=(), **options):
    return Bad(id, method, path, body, field=field, reason=tuple(reason), **options)


MUNICIPALITY = {"@type": "Municipality", "title": "Stadt Peine", "kind": "stadt", "ags": "03157006"}
REPRESENTATIVE = {"@type": "Representative", "first_name": "Anna", "last_name": "Beispiel"}
THREAD = {"@type": "Thread", "title": "Neues Thema", "text": "<p>Worum es geht</p>"}
POST = {"@type": "Post", "text": "<p>Eine Antwort</p>"}
PROPOSAL = {"@type": "ExchangeProposal", "title": "Ein Vorschlag"}
MEETING = {"@type": "Meeting", "title": "Ein Treffen"}
ROW = {"municipality": "uid:braunschweig", "body": "Rat der Stadt Braunschweig", "kind": "ratsbeschluss"}

R = "region"
BS = "region/braunschweig"
GF = "region/gifhorn"
REP = "region/braunschweig/rep"
FORUM = "region/forum"
THREAD_PATH = "region/forum/thread"
POST_PATH = "region/forum/thread/post"
PROPOSAL_PATH = "region/proposal"
ACCEPTED = "region/accepted"
MEETING_PATH = "region/accepted/meeting"


def municipality(**values):
    return {**MUNICIPALITY, **values}


def representative(**values):
    return {**REPRESENTATIVE, **values}


def post(**values):
    return {**POST, **values}


TOO_LONG_TITLE = "Sehr langer Titel " * 12  # 215 characters once the spaces are collapsed
HUGE = b'{"title": "' + b"x" * (MAX_BODY_SIZE + 1) + b'"}'

ROWS = [
    # --- bodies that are no JSON object (any endpoint) ---------------------------------------------
    bad("body-not-json-create", "post", R, "{not json", reason=["not valid JSON"]),
    bad("body-not-json-patch", "patch", BS, "title=Braunschweig", reason=["not valid JSON"]),
    bad(
        "body-not-json-workflow", "post", f"{PROPOSAL_PATH}/@workflow/reject", "comment: no", reason=["JSON"]
    ),
    bad(
        "body-not-json-support",
        "post",
        f"{PROPOSAL_PATH}/@support",
        "<support/>",
        user="member",
        reason=["JSON"],
    ),
    bad("body-truncated-json", "post", FORUM, '{"@type": "Thread", "title": "x"', reason=["not valid JSON"]),
    bad("body-invalid-utf8", "patch", BS, b'{"title": "Braun\xffschweig"}', reason=["not valid JSON"]),
    bad("body-nested-too-deeply", "patch", BS, "[" * 100_000 + "]" * 100_000, reason=["nested too deeply"]),
    bad("body-array", "post", R, "[1, 2]", reason=["JSON object", "a list"]),
    bad("body-string", "patch", BS, '"Braunschweig"', reason=["JSON object", "a string"]),
    bad("body-number", "patch", THREAD_PATH, "42", reason=["JSON object"]),
    bad(
        "body-not-json-as-text-plain",
        "patch",
        BS,
        "title: Braunschweig",
        headers={"Content-Type": "text/plain"},
        reason=["not valid JSON"],
    ),
    bad("body-too-large-patch", "patch", BS, HUGE, status=413, reason=["too large", str(MAX_BODY_SIZE)]),
    bad("body-too-large-create", "post", FORUM, HUGE, status=413, reason=["too large"]),
    # --- creating: the type ---------------------------------------------------------------------
    bad("create-without-type", "post", R, {"title": "Ohne Typ"}, reason=["@type", "required"]),
    bad(
        "create-unknown-type",
        "post",
        R,
        {"@type": "Stadtteil", "title": "X"},
        status=403,
        reason=["@type", "Stadtteil"],
    ),
    bad("create-type-not-allowed-here", "post", R, post(), status=403, reason=["Disallowed", "Post"]),
    bad("create-type-not-allowed-for-member", "post", R, {**MUNICIPALITY}, user="member", status=403),
    # --- missing required fields -------------------------------------------------------------------
    bad(
        "municipality-without-kind",
        "post",
        R,
        {"@type": "Municipality", "title": "X", "ags": "03157006"},
        field="kind",
        reason=["required"],
    ),
    bad(
        "municipality-without-ags",
        "post",
        R,
        {"@type": "Municipality", "title": "X", "kind": "stadt"},
        field="ags",
        reason=["required"],
    ),
    bad("municipality-ags-null", "patch", BS, {"ags": None}, field="ags", reason=["required", "null"]),
    bad("forum-without-title", "post", R, {"@type": "Forum"}, field="title", reason=["required"]),
    bad("region-without-title", "post", "", {"@type": "Region"}, field="title", reason=["required"]),
    bad(
        "representative-without-last-name",
        "post",
        BS,
        {"@type": "Representative", "first_name": "Anna"},
        field="last_name",
        reason=["required"],
    ),
    bad(
        "thread-without-text",
        "post",
        FORUM,
        {"@type": "Thread", "title": "Leer"},
        field="text",
        reason=["required"],
    ),
    bad(
        "post-without-text",
        "post",
        THREAD_PATH,
        {"@type": "Post"},
        user="member",
        field="text",
        reason=["required"],
    ),
    bad(
        "proposal-without-title",
        "post",
        R,
        {"@type": "ExchangeProposal"},
        user="member",
        field="title",
        reason=["required"],
    ),
    bad("meeting-without-title", "post", ACCEPTED, {"@type": "Meeting"}, field="title", reason=["required"]),
    bad(
        "region-quorum-null",
        "patch",
        R,
        {"quorum_supports": None},
        field="quorum_supports",
        reason=["required"],
    ),
    # --- wrong JSON types ----------------------------------------------------------------------------
    bad(
        "int-as-word",
        "post",
        R,
        municipality(population="viele"),
        field="population",
        reason=["whole number", "string"],
    ),
    bad(
        "int-as-fraction",
        "post",
        R,
        municipality(population=1.5),
        field="population",
        reason=["whole number"],
    ),
    bad(
        "int-as-boolean", "patch", MEETING_PATH, {"capacity": True}, field="capacity", reason=["whole number"]
    ),
    bad(
        "int-as-list",
        "patch",
        MEETING_PATH,
        {"capacity": [12]},
        field="capacity",
        reason=["whole number", "list"],
    ),
    bad("int-negative", "patch", GF, {"population": -5}, field="population", reason=["too small"]),
    bad(
        "int-quorum-as-word",
        "patch",
        R,
        {"quorum_supports": "zwei"},
        field="quorum_supports",
        reason=["whole number"],
    ),
    bad("bool-as-word", "patch", THREAD_PATH, {"pinned": "ja"}, field="pinned", reason=["true or false"]),
    bad(
        "bool-as-number",
        "patch",
        FORUM,
        {"premoderation": 1},
        field="premoderation",
        reason=["true or false"],
    ),
    bad(
        "list-as-string",
        "patch",
        R,
        {"partners": "Allianz für die Region"},
        field="partners",
        reason=["a list"],
    ),
    bad(
        "list-as-object",
        "patch",
        R,
        {"partners": {"name": "Allianz"}},
        field="partners",
        reason=["a list", "object"],
    ),
    bad("list-of-numbers", "patch", REP, {"committees": [1, 2]}, field="committees", reason=["a string"]),
    bad(
        "string-as-list",
        "patch",
        REP,
        {"first_name": ["Mia"]},
        field="first_name",
        reason=["a string", "list"],
    ),
    bad(
        "string-as-object",
        "patch",
        PROPOSAL_PATH,
        {"title": {"de": "Vorschlag"}},
        field="title",
        reason=["a string"],
    ),
    bad("string-as-number", "patch", BS, {"council_name": 42}, field="council_name", reason=["a string"]),
    bad(
        "date-as-number", "patch", REP, {"consent_date": 20260101}, field="consent_date", reason=["a string"]
    ),
    bad("date-as-word", "patch", REP, {"consent_date": "gestern"}, field="consent_date"),
    bad("datetime-as-word", "patch", MEETING_PATH, {"start": "morgen früh"}, field="start"),
    bad(
        "rich-text-as-number",
        "post",
        THREAD_PATH,
        post(text=42),
        user="member",
        field="text",
        reason=["a string or an object"],
    ),
    bad(
        "rich-text-data-as-list",
        "patch",
        PROPOSAL_PATH,
        {"text": {"data": ["<p>x</p>"]}},
        field="text",
        reason=["a string or an object"],
    ),
    bad(
        "resolutions-as-object",
        "patch",
        PROPOSAL_PATH,
        {"required_resolutions": ROW},
        field="required_resolutions",
        reason=["a list"],
    ),
    bad(
        "resolution-row-not-an-object",
        "patch",
        PROPOSAL_PATH,
        {"required_resolutions": ["Ratsbeschluss"]},
        field="required_resolutions",
        reason=["Resolution 1", "not valid"],
    ),
    bad(
        "resolution-row-unknown-key",
        "patch",
        PROPOSAL_PATH,
        {"required_resolutions": [ROW, {**ROW, "datum": "heute"}]},
        field="required_resolutions",
        reason=["Resolution 2", "unknown fields", "datum"],
    ),
    bad(
        "resolution-row-without-body",
        "patch",
        PROPOSAL_PATH,
        {"required_resolutions": [{"municipality": "uid:braunschweig", "kind": "ratsbeschluss"}]},
        field="required_resolutions",
        reason=["deciding body"],
    ),
    bad(
        "resolution-row-without-municipality",
        "patch",
        PROPOSAL_PATH,
        {"required_resolutions": [ROW, {"body": "Kreistag Gifhorn", "kind": "kreistagsbeschluss"}]},
        field="required_resolutions",
        reason=["Resolution 2", "municipality"],
    ),
    bad(
        "resolution-municipality-not-of-the-region",
        "patch",
        PROPOSAL_PATH,
        {"required_resolutions": [{**ROW, "municipality": "uid:forum"}]},
        field="required_resolutions",
        reason=["Resolution 1", "not one of the Region's municipalities"],
    ),
    bad(
        "resolution-status-date-not-a-date",
        "patch",
        PROPOSAL_PATH,
        {"required_resolutions": [{**ROW, "status_date": "14.06.2022"}]},
        field="required_resolutions",
        reason=["YYYY-MM-DD"],
    ),
    bad(
        "resolution-link-not-http",
        "patch",
        PROPOSAL_PATH,
        {"required_resolutions": [{**ROW, "url": "javascript:alert(1)"}]},
        field="required_resolutions",
        reason=["web link", "https://"],
    ),
    # --- AGS -------------------------------------------------------------------------------------
    bad("ags-seven-digits", "post", R, municipality(ags="0315700"), field="ags", reason=["8 digits"]),
    bad(
        "ags-district-with-eight-digits",
        "post",
        R,
        municipality(kind="landkreis", ags="03157000"),
        field="ags",
        reason=["5 digits"],
    ),
    bad("ags-city-with-district-key", "patch", BS, {"ags": "03101"}, field="ags", reason=["8 digits"]),
    bad("ags-letters", "post", R, municipality(ags="03I57006"), field="ags", reason=["only digits"]),
    bad("ags-unknown-land", "post", R, municipality(ags="17157006"), field="ags", reason=["Land"]),
    bad("ags-district-00", "post", R, municipality(ags="03000000"), field="ags", reason=["does not exist"]),
    bad(
        "ags-taken-in-region", "post", R, municipality(ags="03 101 000"), field="ags", reason=["already used"]
    ),
    # --- e-mail, phone and web addresses -----------------------------------------------------------------
    bad(
        "email-without-at",
        "patch",
        REP,
        {"email": "mia.muster.example.org"},
        field="email",
        reason=["email address"],
    ),
    bad(
        "email-two-ats",
        "post",
        BS,
        representative(email="anna@@example.org"),
        field="email",
        reason=["not valid"],
    ),
    bad(
        "email-with-markup",
        "patch",
        REP,
        {"email": "<script>@example.org"},
        field="email",
        reason=["not valid"],
    ),
    bad("phone-words", "patch", REP, {"phone": "ruf mich an"}, field="phone"),
    bad("url-javascript", "patch", BS, {"website": "javascript:alert(1)"}, field="website", reason=["http"]),
    bad(
        "url-without-scheme",
        "post",
        R,
        municipality(website="www.peine.de"),
        field="website",
        reason=["http"],
    ),
    bad("url-ftp", "patch", BS, {"website": "ftp://braunschweig.de"}, field="website"),
    bad(
        "url-with-space", "patch", BS, {"oparl_id": "https://oparl.braunschweig .de/body/1"}, field="oparl_id"
    ),
    bad("url-representative-oparl", "patch", REP, {"oparl_id": "person 17"}, field="oparl_id"),
    # --- titles and texts over their limits ---------------------------------------------------------------
    bad(
        "title-too-long",
        "post",
        R,
        {"@type": "Forum", "title": TOO_LONG_TITLE},
        field="title",
        reason=["200", "215"],
    ),
    bad(
        "title-too-long-patch",
        "patch",
        PROPOSAL_PATH,
        {"title": TOO_LONG_TITLE},
        field="title",
        reason=["200"],
    ),
    bad("title-blank", "patch", FORUM, {"title": "   \t "}, field="title"),
    bad("name-too-long", "patch", REP, {"last_name": "M" * 101}, field="last_name", reason=["too long"]),
    bad(
        "name-parts-too-long-together",
        "post",
        BS,
        representative(academic_title="Prof. Dr. " * 5, first_name="A" * 90, last_name="B" * 90),
        field="academic_title",
        reason=["200"],
    ),
    bad(
        "council-name-too-long",
        "patch",
        BS,
        {"council_name": "Rat " * 60},
        field="council_name",
        reason=["too long"],
    ),
    bad("partner-too-long", "patch", R, {"partners": ["P" * 201]}, field="partners"),
    bad(
        "post-text-too-long",
        "post",
        THREAD_PATH,
        post(text="<p>" + "Wort " * 4001 + "</p>"),
        user="member",
        field="text",
        reason=["20000"],
    ),
    bad(
        "thread-html-too-long",
        "patch",
        THREAD_PATH,
        {"text": "<p>" + "<b></b>" * 30_000 + "Text</p>"},
        field="text",
        reason=["too long"],
    ),
    bad(
        "resolution-body-too-long",
        "patch",
        PROPOSAL_PATH,
        {"required_resolutions": [{**ROW, "body": "Rat " * 51}]},
        field="required_resolutions",
        reason=["200"],
    ),
    bad(
        "reply-uid-too-long",
        "post",
        THREAD_PATH,
        post(in_reply_to="u" * 65),
        user="member",
        field="in_reply_to",
    ),
    # --- unknown vocabulary values -------------------------------------------------------------------
    bad(
        "unknown-municipality-kind",
        "post",
        R,
        municipality(kind="metropole"),
        field="kind",
        reason=["Unknown value", "metropole"],
    ),
    bad(
        "unknown-proposal-format",
        "patch",
        PROPOSAL_PATH,
        {"format": "picknick"},
        field="format",
        reason=["picknick"],
    ),
    bad(
        "unknown-topic",
        "patch",
        FORUM,
        {"topics": ["tourismus", "weltraum"]},
        field="topics",
        reason=["weltraum"],
    ),
    bad(
        "unknown-lead-organiser",
        "patch",
        PROPOSAL_PATH,
        {"lead_organiser": "niemand"},
        field="lead_organiser",
        reason=["niemand"],
    ),
    bad(
        "unknown-municipality-uid",
        "patch",
        PROPOSAL_PATH,
        {"municipalities": ["uid:braunschweig", "0000"]},
        field="municipalities",
        reason=["0000"],
    ),
    bad(
        "municipality-of-other-type",
        "patch",
        PROPOSAL_PATH,
        {"municipalities": ["uid:forum"]},
        field="municipalities",
    ),
    bad("unknown-function", "patch", REP, {"function": "kaiserin"}, field="function", reason=["kaiserin"]),
    bad(
        "unknown-visibility",
        "patch",
        REP,
        {"contact_visibility": "everyone"},
        field="contact_visibility",
        reason=["everyone"],
    ),
    bad("unknown-salutation", "post", BS, representative(salutation="Eure Hoheit"), field="salutation"),
    bad(
        "unknown-host-municipality",
        "patch",
        MEETING_PATH,
        {"host_municipality": "nirgendwo"},
        field="host_municipality",
    ),
    bad(
        "unknown-resolution-kind",
        "patch",
        PROPOSAL_PATH,
        {"required_resolutions": [{**ROW, "kind": "volksentscheid"}]},
        field="required_resolutions",
        reason=["kind of resolution"],
    ),
    bad(
        "unknown-resolution-status",
        "patch",
        PROPOSAL_PATH,
        {"required_resolutions": [{**ROW, "status": "vertagt"}]},
        field="required_resolutions",
        reason=["status"],
    ),
    # --- rules over several fields ---------------------------------------------------------------------
    bad(
        "quorum-more-municipalities-than-supports",
        "patch",
        R,
        {"quorum_municipalities": 4},
        field="quorum_supports",
        reason=["cannot be larger"],
    ),
    bad(
        "contact-public-without-consent",
        "patch",
        REP,
        {"contact_visibility": "public"},
        field="consent_date",
        reason=["consent"],
    ),
    bad(
        "meeting-ends-before-start",
        "patch",
        MEETING_PATH,
        {"start": "2026-12-01T10:00:00", "end": "2026-12-01T09:00:00"},
        field="end",
    ),
    # --- script and event-handler HTML -------------------------------------------------------------------
    bad(
        "post-only-script",
        "post",
        THREAD_PATH,
        post(text="<script>alert(document.cookie)</script>"),
        user="member",
        field="text",
        reason=["must not be empty"],
    ),
    bad(
        "post-only-img-onerror",
        "post",
        THREAD_PATH,
        post(text='<img src="x" onerror="alert(1)">'),
        user="member",
        field="text",
        reason=["empty"],
    ),
    bad(
        "post-only-iframe",
        "post",
        THREAD_PATH,
        post(text={"data": '<iframe src="https://evil.example"></iframe>', "content-type": "text/html"}),
        user="member",
        field="text",
        reason=["empty"],
    ),
    bad(
        "thread-only-svg-onload",
        "patch",
        THREAD_PATH,
        {"text": "<svg onload=alert(1)><circle/></svg>"},
        field="text",
        reason=["empty"],
    ),
    bad(
        "post-claims-safe-html",
        "post",
        THREAD_PATH,
        post(text={"data": "<p onclick='x()'>Hi</p>", "content-type": "text/x-html-safe"}),
        user="member",
        field="text",
        reason=["text/x-html-safe"],
    ),
    bad(
        "post-plain-text-type",
        "post",
        THREAD_PATH,
        post(text={"data": "Hallo", "content-type": "application/javascript"}),
        user="member",
        field="text",
    ),
    # a proposal's text is held to the same rules as a post's (it may only be left empty)
    bad(
        "proposal-claims-safe-html",
        "patch",
        PROPOSAL_PATH,
        {"text": {"data": "<p onclick='x()'>Hi</p>", "content-type": "text/x-html-safe"}},
        field="text",
        reason=["text/x-html-safe"],
    ),
    bad(
        "proposal-text-too-long",
        "post",
        R,
        {**PROPOSAL, "text": "<p>" + "Wort " * 4001 + "</p>"},
        field="text",
        reason=["20000"],
    ),
    # --- replies -----------------------------------------------------------------------------------------
    bad(
        "reply-to-post-of-other-thread",
        "post",
        THREAD_PATH,
        post(in_reply_to="uid:opost"),
        user="member",
        field="in_reply_to",
        reason=["same thread"],
    ),
    bad(
        "reply-to-unknown-post",
        "post",
        THREAD_PATH,
        post(in_reply_to="0123456789abcdef0123456789abcdef"),
        user="member",
        field="in_reply_to",
        reason=["same thread"],
    ),
    bad(
        "reply-to-the-thread-itself",
        "post",
        THREAD_PATH,
        post(in_reply_to="uid:thread"),
        user="member",
        field="in_reply_to",
    ),
    bad(
        "reply-to-itself",
        "patch",
        POST_PATH,
        {"in_reply_to": "uid:post"},
        field="in_reply_to",
        reason=["itself"],
    ),
    # --- workflow transitions --------------------------------------------------------------------------
    bad(
        "transition-unknown",
        "post",
        f"{PROPOSAL_PATH}/@workflow/vertagen",
        {"comment": "Später"},
        reason=["vertagen", "not possible", "accept"],
    ),
    bad(
        "transition-from-wrong-state",
        "post",
        f"{PROPOSAL_PATH}/@workflow/realise",
        {"comment": "Fertig"},
        reason=["realise", "not possible"],
    ),
    bad(
        "transition-missing",
        "post",
        f"{PROPOSAL_PATH}/@workflow",
        {"comment": "?"},
        reason=["Missing transition"],
    ),
    bad(
        "transition-accept-without-quorum",
        "post",
        f"{PROPOSAL_PATH}/@workflow/accept",
        {"comment": "Ja"},
        reason=["quorum", "lead organiser"],
    ),
    bad(
        "transition-reject-without-comment",
        "post",
        f"{PROPOSAL_PATH}/@workflow/reject",
        {},
        field="comment",
        reason=["reason"],
    ),
    bad(
        "transition-reject-comment-only-markup",
        "post",
        f"{PROPOSAL_PATH}/@workflow/reject",
        {"comment": "<p><script>alert(1)</script></p>"},
        field="comment",
        reason=["reason"],
    ),
    bad(
        "transition-reject-comment-too-long",
        "post",
        f"{PROPOSAL_PATH}/@workflow/reject",
        {"comment": "x" * 2001},
        field="comment",
        reason=["at most 2000 characters"],
    ),
    bad(
        "transition-accept-comment-not-text",
        "post",
        f"{PROPOSAL_PATH}/@workflow/accept",
        {"comment": ["Grund"]},
        field="comment",
        reason=["text"],
    ),
    bad(
        "meeting-minutes-before-its-end",
        "patch",
        MEETING_PATH,
        {"minutes": "<p>Wir haben beschlossen ...</p>", "end": "2099-12-03T12:00:00+01:00"},
        field="minutes",
        reason=["minutes", "after the meeting has ended"],
    ),
    bad(
        "transition-hide-without-comment",
        "post",
        f"{POST_PATH}/@workflow/hide",
        {"comment": "  "},
        reason=["reason"],
    ),
    bad(
        "transition-not-for-member",
        "post",
        f"{THREAD_PATH}/@workflow/lock",
        {"comment": "Zu"},
        user="member",
        reason=["lock", "not possible"],
    ),
    bad(
        "transition-comment-as-object", "post", f"{MEETING_PATH}/@workflow/hold", "[]", reason=["JSON object"]
    ),
    # --- supports --------------------------------------------------------------------------------------
    bad("support-outside-discussion", "post", f"{ACCEPTED}/@support", user="member", reason=["discussion"]),
    bad(
        "withdraw-outside-discussion", "delete", f"{ACCEPTED}/@support", user="member", reason=["discussion"]
    ),
    bad("support-twice", "post", f"{PROPOSAL_PATH}/@support", user="member", status=409, reason=["already"]),
    bad(
        "support-by-non-member",
        "post",
        f"{PROPOSAL_PATH}/@support",
        user="outsider",
        status=403,
        reason=["network"],
    ),
    bad(
        "withdraw-never-given",
        "delete",
        f"{PROPOSAL_PATH}/@support",
        user="colleague",
        status=409,
        reason=["do not support"],
    ),
    # --- deleting --------------------------------------------------------------------------------------
    bad("delete-with-body-not-json", "delete", POST_PATH, "ja, weg damit", reason=["not valid JSON"]),
    # --- searching (the catalog with our indexes) ---------------------------------------------------
    bad(
        "search-batch-size-not-a-number",
        "get",
        "@search?portal_type=Representative&b_size=viele",
        reason=["not valid", "viele"],
    ),
    bad(
        "search-date-not-a-date",
        "get",
        "@search?portal_type=Thread&last_activity.query=gestern&last_activity.range=min",
        reason=["not valid", "gestern"],
    ),
    bad("search-words-only-a-quote", "get", '@search?SearchableText="', reason=["not valid"]),
    bad("search-words-only-an-operator", "get", "@search?SearchableText=NOT", reason=["not valid"]),
    bad(
        "search-depth-not-a-number",
        "get",
        "@search?path.query=/plone/region&path.depth=tief",
        reason=["not valid", "depth"],
    ),
]


def test_the_table_is_big_enough():
    assert len(ROWS) >= 60
    assert len({row.id for row in ROWS}) == len(ROWS)


# -- the network --------------------------------------------------------------------------------------


def add_member(municipality, record_id, user_id, first_name, last_name):
    return testing.add_member(
        municipality, user_id, first_name, last_name, password=PASSWORD, record_id=record_id
    )


def build_network(portal):
    """A Region with two municipalities, two members and an outsider, a forum with two threads and a
    post in each, a proposal in discussion (supported by ``member``), an accepted one with a meeting."""
    with api.env.adopt_roles(["Manager"]):
        region = api.content.create(
            container=portal,
            type="Region",
            id="region",
            title="Testregion",
            quorum_supports=2,
            quorum_municipalities=1,
        )
        braunschweig = api.content.create(
            container=region,
            type="Municipality",
            id="braunschweig",
            title="Stadt Braunschweig",
            kind="kreisfreie_stadt",
            ags="03101000",
        )
        gifhorn = api.content.create(
            container=region,
            type="Municipality",
            id="gifhorn",
            title="Landkreis Gifhorn",
            kind="landkreis",
            ags="03151",
        )
        add_member(braunschweig, "rep", "member", "Mia", "Muster")
        add_member(gifhorn, "rep2", "colleague", "Kai", "Kollege")
        api.user.create(email="outsider@example.invalid", username="outsider", password=PASSWORD)
        forum = api.content.create(container=region, type="Forum", id="forum", title="Forum")
        thread = api.content.create(
            container=forum, type="Thread", id="thread", title="Thema", text="<p>Hallo</p>"
        )
        other = api.content.create(
            container=forum, type="Thread", id="other", title="Anderes", text="<p>Hallo</p>"
        )
        api.content.create(container=thread, type="Post", id="post", title="Beitrag", text="<p>Eins</p>")
        api.content.create(container=other, type="Post", id="opost", title="Beitrag", text="<p>Zwei</p>")
        proposal = api.content.create(
            container=region, type="ExchangeProposal", id="proposal", title="Vorschlag"
        )
        accepted = api.content.create(
            container=region,
            type="ExchangeProposal",
            id="accepted",
            title="Angenommen",
            lead_organiser=braunschweig.UID(),
        )
        for item in (proposal, accepted):
            api.content.transition(obj=item, transition="submit")
            api.content.transition(obj=item, transition="open_discussion")
        for user_id in ("member", "colleague"):
            with api.env.adopt_user(username=user_id):
                add_support(accepted)
        with api.env.adopt_user(username="member"):
            add_support(proposal)
        api.content.transition(obj=accepted, transition="accept")
        api.content.create(container=accepted, type="Meeting", id="meeting", title="Treffen")
    transaction.commit()
    return region


def sync(portal):
    transaction.begin()
    portal._p_jar.sync()


def snapshot(portal):
    """What a bad request must not change: the catalog's size, every object of the network (its
    modification date, ZODB serial and workflow state, a proposal's supports) and the database's last
    transaction."""
    sync(portal)
    brains = portal.portal_catalog.unrestrictedSearchResults(path="/".join(portal.getPhysicalPath()))
    objects = {}
    for brain in brains:
        obj = brain._unrestrictedGetObject()
        supports = storage(obj, create=False).counts() if obj.portal_type == "ExchangeProposal" else None
        objects[brain.getPath()] = (
            obj.modified(),
            obj._p_serial,
            api.content.get_state(obj, default=None),
            supports,
        )
    return {
        "catalog": (len(brains), len(portal.portal_catalog)),
        "objects": objects,
        "last transaction": portal._p_jar.db().lastTransaction(),
    }


def committed_since(portal, before):
    """What the transactions after the snapshot ``before`` wrote (for the failure message)."""
    connection = portal._p_jar
    written = []
    for txn in connection.db().storage.iterator(before["last transaction"]):
        if txn.tid != before["last transaction"]:
            written.append((txn.description, [repr(connection.get(record.oid))[:80] for record in txn][:5]))
    return written


def session(user):
    http = requests.Session()
    http.headers.update({"Accept": "application/json", "Content-Type": "application/json"})
    if user == "admin":
        http.auth = (SITE_OWNER_NAME, SITE_OWNER_PASSWORD)
    elif user is not None:
        http.auth = (user, PASSWORD)
    return http


def fill(value, uids):
    """``"uid:<name>"`` in a body becomes the UID of that object of the network."""
    if isinstance(value, str):
        return uids[value[4:]] if value.startswith("uid:") else value
    if isinstance(value, list):
        return [fill(item, uids) for item in value]
    if isinstance(value, dict):
        return {key: fill(item, uids) for key, item in value.items()}
    return value


def error_of(response):
    """``(type, message, items)`` of a JSON error answer; ``items``: plone.restapi's field errors."""
    assert response.headers.get("Content-Type", "").startswith("application/json"), response.text[:300]
    data = response.json()
    error = data["error"] if isinstance(data.get("error"), dict) else data
    assert error.get("type"), data
    assert isinstance(error.get("message"), str), data
    assert error["message"].strip(), data
    message = error["message"]
    items = []
    if message.startswith("[{"):
        items = ast.literal_eval(message)  # plone.restapi's list of field errors (a Python repr)
    return error["type"], message, items


class TestBadInput:
    @pytest.fixture(scope="class")
    def network(self, functional_portal_class):
        portal = functional_portal_class
        region = build_network(portal)
        uids = {
            "braunschweig": region["braunschweig"].UID(),
            "forum": region["forum"].UID(),
            "thread": region["forum"]["thread"].UID(),
            "post": region["forum"]["thread"]["post"].UID(),
            "opost": region["forum"]["other"]["opost"].UID(),
        }
        return {"portal": portal, "uids": uids}

    @pytest.mark.parametrize("row", ROWS, ids=[row.id for row in ROWS])
    def test_refused_and_nothing_changed(self, network, row):
        portal = network["portal"]
        url = f"{portal.absolute_url()}/{row.path}".rstrip("/")
        data = json.dumps(fill(row.body, network["uids"])) if isinstance(row.body, dict) else row.body
        http = session(row.user)
        http.headers.update(row.headers)

        before = snapshot(portal)
        response = getattr(http, row.method)(url, data=data, timeout=60)
        after = snapshot(portal)

        assert response.status_code < 500, response.text[:20000]
        assert response.status_code == row.status, response.text[:2000]
        _type, message, items = error_of(response)
        if row.field is not None:
            named = [item for item in items if item.get("field") == row.field]
            assert named, f"no error names {row.field!r}: {message}"
        text = message.casefold()
        for word in row.reason:
            assert word.casefold() in text, f"{word!r} not in {message!r}"
        assert after["catalog"] == before["catalog"]
        assert after["objects"] == before["objects"]
        assert after["last transaction"] == before["last transaction"], committed_since(portal, before)


def test_html_is_stored_sanitised(functional_portal):
    """Script and event-handler HTML in an otherwise good text is no error: the text is stored without it
    (domain.sanitiser), also when a client sends it as a dict, for posts and proposals alike; a title
    with markup is plain text."""
    portal = functional_portal
    with api.env.adopt_roles(["Manager"]):
        region = api.content.create(container=portal, type="Region", id="region", title="Region")
        braunschweig = api.content.create(
            container=region,
            type="Municipality",
            id="bs",
            title="Stadt Braunschweig",
            kind="kreisfreie_stadt",
            ags="03101000",
        )
        add_member(braunschweig, "rep", "member", "Mia", "Muster")
        forum = api.content.create(container=region, type="Forum", id="forum", title="Forum")
        api.content.create(container=forum, type="Thread", id="thread", title="Thema", text="<p>Hallo</p>")
    transaction.commit()
    member = session("member")
    thread_url = f"{portal.absolute_url()}/region/forum/thread"

    text = (
        '<p onclick="steal()">Guten <b onmouseover="x()">Tag</b><script>alert(1)</script> '
        '<a href="javascript:alert(2)">hier</a> <a href="https://example.org" target="_blank">dort</a></p>'
        '<img src="x" onerror="alert(3)"><iframe src="https://evil.example"></iframe>'
    )
    for body in (
        {"@type": "Post", "text": text},
        {"@type": "Post", "text": {"data": text, "content-type": "text/html"}},
    ):
        created = member.post(thread_url, json=body)
        assert created.status_code == 201, created.text[:2000]
        stored = created.json()["text"]["data"]
        assert stored == (
            '<p>Guten <strong>Tag</strong> hier <a href="https://example.org" '
            'rel="nofollow noopener noreferrer">dort</a></p>'
        )

    created = member.post(
        f"{portal.absolute_url()}/region/forum",
        json={"@type": "Thread", "title": "<b>Fett</b> & <i>kursiv</i>", "text": "Text"},
    )
    assert created.status_code == 201, created.text[:2000]
    assert created.json()["title"] == "<b>Fett</b> & <i>kursiv</i>"
    assert created.json()["text"]["data"] == "<p>Text</p>"

    admin = session("admin")
    created = admin.post(
        f"{portal.absolute_url()}/region",
        json={"@type": "ExchangeProposal", "title": "Vorschlag", "text": text},
    )
    assert created.status_code == 201, created.text[:2000]
    assert created.json()["text"]["data"] == stored
    proposal_url = created.json()["@id"]
    changed = admin.patch(
        proposal_url, json={"text": {"data": '<p onmouseover="x()">Neu<iframe src="x"></iframe></p>'}}
    )
    assert changed.status_code == 204, changed.text[:2000]
    assert admin.get(proposal_url).json()["text"]["data"] == "<p>Neu</p>"
    assert admin.patch(proposal_url, json={"text": "<p> </p>"}).status_code == 204  # it may be empty
    assert admin.get(proposal_url).json()["text"]["data"] == ""


def test_errors_in_german(functional_portal):
    """The site speaks German: so do the answers to bad input, field errors and request errors alike."""
    portal = functional_portal
    api.portal.set_registry_record("plone.default_language", "de")
    api.portal.set_registry_record("plone.available_languages", ["de"])
    with api.env.adopt_roles(["Manager"]):
        region = api.content.create(container=portal, type="Region", id="region", title="Region")
        api.content.create(container=region, type="ExchangeProposal", id="proposal", title="Vorschlag")
    transaction.commit()
    admin = session("admin")
    url = f"{portal.absolute_url()}/region"

    wrong_types = {"quorum_supports": "zwei", "partners": "Allianz"}
    _type, message, items = error_of(admin.patch(url, json=wrong_types))
    assert {item["field"]: item["message"] for item in items} == {
        "quorum_supports": "Falscher Typ: eine ganze Zahl erwartet, nicht eine Zeichenkette.",
        "partners": "Falscher Typ: eine Liste erwartet, nicht eine Zeichenkette.",
    }
    _type, message, items = error_of(admin.patch(f"{url}/proposal", json={"format": "picknick"}))
    assert items[0]["message"] == "Unbekannter Wert: picknick. Bitte einen der zulässigen Werte wählen."
    _type, message, items = error_of(admin.post(url, data="{kaputt"))
    assert message.startswith("Der Inhalt der Anfrage ist kein gültiges JSON")
    _type, message, items = error_of(admin.post(f"{url}/proposal/@workflow/vertagen", json={}))
    assert message == "Der Übergang vertagen ist hier nicht möglich. Jetzt möglich: submit."
    quorum = {"quorum_supports": 2, "quorum_municipalities": 3}
    _type, message, items = error_of(admin.patch(url, json=quorum))
    assert items[0]["field"] == "quorum_supports"
    assert "Gebietskörperschaften" in items[0]["message"] or "Unterstützungen" in items[0]["message"]
