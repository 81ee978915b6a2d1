"""The network the security tests run against: built once per session in a layer of its own.

``NETWORK_INTEGRATION`` stacks a ZODB on top of the regionaustausch layer and builds there, the real
way and as the people who would do it, two Regions with their municipalities, users, representative
records, forums, threads, posts, proposals and meetings in every workflow state the permission matrix
asks about. Each test then runs in a transaction of its own that is rolled back afterwards (plone.app
.testing's IntegrationTesting), so a test may transition, support, post and delete as it likes.

The people of the permission matrix (role = user id; Anonymous is ``None``):

==================  ================================================================================
``anonymous``       nobody logged in
``member``          an authenticated user outside the network
``network_member``  a network member of Region 1: their active Representative record is in A
``owner``           a network member of Region 1 (record in B) who created the proposals, threads
                    and posts of the matrix
``editor_a``        municipal editor of A (in A's editors group; no global role)
``editor_b``        municipal editor of B
``editor``          global role Editor
``reviewer``        global role Reviewer
``site_admin``      global role Site Administrator
``manager``         global role Manager
``rep_owner``       created the representative records of the matrix while they were municipal
                    editor of A, and has since left A's editors group: Owner of those records only
==================  ================================================================================

Regions, municipalities and forums are created by ``site_admin``, who therefore holds ``Owner`` (a local
role, acquired like every other) on everything inside Region 1.
"""

from contextlib import contextmanager
from plone import api
from plone.app.testing import IntegrationTesting
from plone.app.testing import PloneSandboxLayer
from plone.app.testing import logout
from plone.app.textfield.value import RichTextValue
from pytest_plone import fixtures_factory
from regionaustausch import membership
from regionaustausch import supports
from regionaustausch.testing import REGIONAUSTAUSCH_FIXTURE
from regionaustausch.testing import add_member
from zope.component.hooks import setSite
import datetime
import pytest
import requests
import sys
import transaction


PASSWORD = "secret-for-tests-1"

#: The users of the site and their global roles (the table's roles plus two people of Region 2).
GLOBAL_ROLES = {
    "member": ["Member"],
    "network_member": ["Member"],
    "owner": ["Member"],
    "editor_a": ["Member"],
    "editor_b": ["Member"],
    "editor": ["Member", "Editor"],
    "reviewer": ["Member", "Reviewer"],
    "site_admin": ["Member", "Site Administrator"],
    "manager": ["Member", "Manager"],
    "rep_owner": ["Member"],
    # Region 2
    "member_r2": ["Member"],
    "editor_r2x": ["Member"],
}
COMMENT = "Begründung für das Protokoll"


def html(text):
    return RichTextValue(f"<p>{text}</p>", "text/html", "text/x-html-safe")


@contextmanager
def acting_as(user_id):
    """Run the block as ``user_id`` (a real user of the site) or, for ``None``, as Anonymous."""
    if user_id is None:
        from AccessControl.SecurityManagement import getSecurityManager
        from AccessControl.SecurityManagement import setSecurityManager

        previous = getSecurityManager()
        logout()
        try:
            yield
        finally:
            setSecurityManager(previous)
    else:
        with api.env.adopt_user(username=user_id):
            yield


def create(container, portal_type, id, **fields):
    """Create ``id`` as the current user (explicit id: no rename step)."""
    return api.content.create(container=container, type=portal_type, id=id, **fields)


def transition(obj, *transitions, comment=COMMENT):
    for name in transitions:
        api.content.transition(obj=obj, transition=name, comment=comment)


def representative(municipality, id, first, last, user_id=None, visibility="hidden", **fields):
    consent = datetime.date(2024, 1, 15) if visibility != "hidden" else None
    return create(
        municipality,
        "Representative",
        id,
        first_name=first,
        last_name=last,
        user_id=user_id,
        email=f"{id}@example.org",
        phone="+49 531 470-1",
        contact_visibility=visibility,
        consent_date=consent,
        **fields,
    )


def build_region_1(portal):
    """Region 1, the matrix's region: municipalities A, B, C; quorum 2 supports from 2 municipalities."""
    with acting_as("site_admin"):
        region = create(
            portal, "Region", "region1", title="Region Eins", quorum_supports=2, quorum_municipalities=2
        )
        a = create(region, "Municipality", "a", title="Stadt A", kind="kreisfreie_stadt", ags="03101000")
        b = create(region, "Municipality", "b", title="Stadt B", kind="kreisfreie_stadt", ags="03102000")
        create(region, "Municipality", "c", title="Stadt C", kind="kreisfreie_stadt", ags="03103000")
    api.group.add_user(groupname=membership.editors_group_id(a), username="editor_a")
    api.group.add_user(groupname=membership.editors_group_id(a), username="rep_owner")
    api.group.add_user(groupname=membership.editors_group_id(b), username="editor_b")

    # The network members, made the real way: a record names them, a reviewer approves it.
    with acting_as("editor_a"):
        nm_record = representative(a, "nm-record", "Nora", "Netz", user_id="network_member")
    with acting_as("editor_b"):
        owner_record = representative(b, "owner-record", "Otto", "Eigner", user_id="owner")
    with acting_as("reviewer"):
        transition(nm_record, "approve")
        transition(owner_record, "approve")

    # The records of the matrix, created by rep_owner while editor of A.
    with acting_as("rep_owner"):
        pending = representative(a, "rep-pending", "Paula", "Pending", visibility="public")
        active = representative(a, "rep-active", "Anton", "Aktiv", visibility="public")
        former = representative(a, "rep-former", "Frieda", "Frueher", visibility="public")
        for visibility in ("public", "network", "hidden"):
            representative(a, f"rep-{visibility}", "Kim", visibility.title(), visibility=visibility)
    with acting_as("reviewer"):
        transition(active, "approve")
        transition(former, "approve", "retire")
        for visibility in ("public", "network", "hidden"):
            transition(a[f"rep-{visibility}"], "approve")
    api.group.remove_user(groupname=membership.editors_group_id(a), username="rep_owner")
    assert api.content.get_state(pending) == "pending"

    # Forums, threads and posts
    with acting_as("site_admin"):
        internal = create(region, "Forum", "forum-internal", title="Intern")
        public = create(region, "Forum", "forum-public", title="Öffentlich")
        closed = create(region, "Forum", "forum-closed", title="Archiv")
        premod = create(region, "Forum", "forum-premod", title="Moderiert", premoderation=True)
    for forum in (internal, public, closed, premod):
        with acting_as("owner"):
            thread = create(
                forum, "Thread", "thread", title=f"Thema in {forum.title}", text=html("Worum es geht")
            )
        if forum is premod:
            with acting_as("reviewer"):
                transition(thread, "publish")  # a new thread waits for approval there
        with acting_as("owner"):
            create(thread, "Post", "post", text=html("Ein Beitrag"))
            if forum is not premod:
                create(thread, "Post", "post-hidden", text=html("Ein verborgener Beitrag"))
                locked = create(forum, "Thread", "thread-locked", title="Gesperrt", text=html("Zu"))
        if forum in (internal, premod):
            # another member answers in the owner's thread: the owner must not get their rights
            with acting_as("network_member"):
                create(thread, "Post", "post-other", text=html("Eine Antwort"))
                if forum is internal:
                    create(thread, "Post", "post-other-hidden", text=html("Eine verborgene Antwort"))
        if forum is not premod:
            with acting_as("reviewer"):
                transition(thread["post-hidden"], "hide", comment="Beleidigend")
                transition(locked, "lock")
                if forum is internal:
                    transition(thread["post-other-hidden"], "hide", comment="Beleidigend")
    with acting_as("owner"):
        create(premod, "Thread", "thread-pending", title="Wartet", text=html("Noch nicht frei"))
        create(internal, "Thread", "thread-hidden", title="Verborgen", text=html("Unpassend"))
    with acting_as("reviewer"):
        transition(internal["thread-hidden"], "hide", comment="Beleidigend")
    with acting_as("site_admin"):
        transition(public, "publish")
        transition(closed, "close")

    # Proposals, created by owner (B); supported by network_member (A) and owner (B)
    lead = api.content.get_uuid(a)
    proposals = {}
    with acting_as("owner"):
        for state in (
            "draft",
            "submitted",
            "discussion",
            "ready",
            "accepted",
            "accepted-open",
            "realised",
            "rejected",
            "withdrawn",
        ):
            proposals[state] = create(
                region,
                "ExchangeProposal",
                f"proposal-{state}",
                title=f"Vorschlag {state}",
                text=html("Austausch"),
            )
            if state != "draft":
                transition(proposals[state], "submit")
        transition(proposals["withdrawn"], "withdraw")
    with acting_as("reviewer"):
        for state in ("discussion", "ready", "accepted", "accepted-open", "realised"):
            transition(proposals[state], "open_discussion")
        transition(proposals["rejected"], "reject")
    # accepted-open: accepted, but A's council has still to take the resolution it needs
    proposals["accepted-open"].required_resolutions = [
        {
            "municipality": lead,
            "body": "Rat der Stadt A",
            "kind": "ratsbeschluss",
            "status": "eingebracht",
            "status_date": None,
            "reference": "",
            "url": "",
        }
    ]
    for state in ("ready", "accepted", "accepted-open", "realised"):
        proposals[state].lead_organiser = lead
        for user_id in ("network_member", "owner"):
            with acting_as(user_id):
                supports.add_support(proposals[state])
    with acting_as("reviewer"):
        transition(proposals["accepted"], "accept")
        transition(proposals["accepted-open"], "accept")
        transition(proposals["realised"], "accept", "realise")
    with acting_as("editor"):
        accepted = proposals["accepted"]
        for state in ("planned", "held", "cancelled"):
            meeting = create(
                accepted,
                "Meeting",
                f"meeting-{state}",
                title=f"Treffen {state}",
                start=datetime.datetime(2030, 5, 1, 10, 0),
                end=datetime.datetime(2030, 5, 1, 12, 0),
            )
            if state == "held":
                transition(meeting, "hold")
            elif state == "cancelled":
                transition(meeting, "cancel")
    return region


def build_region_2(portal):
    """Region 2, the other network in the same site: municipalities X, Y; default quorum (5 from 3)."""
    with acting_as("site_admin"):
        region = create(portal, "Region", "region2", title="Region Zwei")
        x = create(region, "Municipality", "x", title="Stadt X", kind="kreisfreie_stadt", ags="03101000")
        create(region, "Municipality", "y", title="Stadt Y", kind="kreisfreie_stadt", ags="03102000")
        create(region, "Forum", "forum-internal", title="Intern 2")
    api.group.add_user(groupname=membership.editors_group_id(x), username="editor_r2x")
    with acting_as("editor_r2x"):
        record = representative(
            x, "member-r2-record", "Zora", "Zwei", user_id="member_r2", visibility="network"
        )
    with acting_as("reviewer"):
        transition(record, "approve")
    with acting_as("member_r2"):
        proposal = create(region, "ExchangeProposal", "proposal", title="Vorschlag in Region 2")
        transition(proposal, "submit")
    with acting_as("reviewer"):
        transition(proposal, "open_discussion")
    return region


class NetworkLayer(PloneSandboxLayer):
    """The regionaustausch site with the two Regions of the security tests."""

    defaultBases = (REGIONAUSTAUSCH_FIXTURE,)

    def setUpPloneSite(self, portal):
        setSite(portal)
        for user_id, roles in GLOBAL_ROLES.items():
            api.user.create(email=f"{user_id}@example.org", username=user_id, password=PASSWORD)
            api.user.grant_roles(username=user_id, roles=roles)
        build_region_1(portal)
        build_region_2(portal)


NETWORK_FIXTURE = NetworkLayer()
NETWORK_INTEGRATION = IntegrationTesting(bases=(NETWORK_FIXTURE,), name="RegionaustauschNetwork:Integration")

# zope.pytestlayer names a layer's fixtures after the module that defines the layer, which it imports by
# its dotted name; under pytest's importlib import mode this conftest is not yet an attribute of its
# package while it runs, so make it one.
_package, _, _module = __name__.rpartition(".")
if _package in sys.modules:
    setattr(sys.modules[_package], _module, sys.modules[__name__])

# Not kept for the whole session (keep_session=False): plone.testing stacks a layer's ZODB on the stack
# its base layers share, so while this layer is set up every sibling layer (the integration and functional
# layers of tests/conftest.py) would see this site too. zope.pytestlayer sets it up for a test class and
# tears it down after the class; so every test of this folder that uses ``network`` lives in a class.
globals().update(fixtures_factory(((NETWORK_INTEGRATION, "network_integration"),), keep_session=False))


@pytest.fixture
def network(request, network_integration):
    """The portal with the two Regions; rolled back after each test. Use it in test classes only."""
    assert request.cls is not None, "use the network fixture in a test class (see conftest.py)"
    return network_integration["portal"]


@pytest.fixture
def act_as():
    """``with act_as(user_id): ...`` runs the block as that user (``None``: Anonymous)."""
    return acting_as


# --- over HTTP: a small network committed in the functional layer ------------------------------------

HTTP_PASSWORD = "secret-http-1"


@pytest.fixture
def http_site(functional_portal):
    """A Region committed in the functional layer, for tests over HTTP (as the issue reports them).

    ``anna`` (Braunschweig) wrote the proposal ``region/proposal``, which is in discussion; ``tom``
    (Braunschweig) opened ``region/internal/thread`` in the internal forum and wrote its post ``post``;
    ``jonas`` (Peine) is another network member; ``moderator`` is a Reviewer, ``siteadmin`` a Site
    Administrator, ``bs-editor`` a municipal editor of Braunschweig, ``outsider`` a user outside the
    network. ``region/premod`` is an internal forum with pre-moderation. Returns a dict of the objects.
    """
    portal = functional_portal
    with api.env.adopt_roles(["Manager"]):
        region = create(portal, "Region", "region", title="Testregion")
        braunschweig = create(
            region, "Municipality", "bs", title="Stadt Braunschweig", kind="kreisfreie_stadt", ags="03101000"
        )
        peine = create(region, "Municipality", "pe", title="Landkreis Peine", kind="landkreis", ags="03157")
        records = {
            "anna": add_member(braunschweig, "anna", "Anna", "Beispiel", password=HTTP_PASSWORD),
            "tom": add_member(braunschweig, "tom", "Tom", "Faden", password=HTTP_PASSWORD),
            "jonas": add_member(peine, "jonas", "Jonas", "Muster", password=HTTP_PASSWORD),
        }
        for user_id, roles in (
            ("moderator", ["Reviewer"]),
            ("siteadmin", ["Site Administrator"]),
            ("bs-editor", []),
            ("outsider", []),
        ):
            api.user.create(email=f"{user_id}@example.invalid", username=user_id, password=HTTP_PASSWORD)
            if roles:
                api.user.grant_roles(username=user_id, roles=roles)
        api.group.add_user(groupname=membership.editors_group_id(braunschweig), username="bs-editor")
        internal = create(region, "Forum", "internal", title="Intern")
        premod = create(region, "Forum", "premod", title="Moderiert", premoderation=True)
    with acting_as("anna"):
        proposal = create(region, "ExchangeProposal", "proposal", title="Vorschlag", text=html("Austausch"))
        transition(proposal, "submit")
    with acting_as("moderator"):
        transition(proposal, "open_discussion")
    with acting_as("tom"):
        thread = create(internal, "Thread", "thread", title="Flächen", text=html("Wer hat Flächen?"))
        post = create(thread, "Post", "post", text=html("Ich habe welche."))
    transaction.commit()
    return {
        "portal": portal,
        "region": region,
        "records": records,
        "internal": internal,
        "premod": premod,
        "proposal": proposal,
        "thread": thread,
        "post": post,
    }


@pytest.fixture
def http():
    """``http(user)``: a requests session speaking JSON as that user of ``http_site`` (None: anonymous)."""

    def session(user=None):
        http_session = requests.Session()
        http_session.headers.update({"Accept": "application/json", "Content-Type": "application/json"})
        if user is not None:
            http_session.auth = (user, HTTP_PASSWORD)
        return http_session

    return session


@pytest.fixture
def refresh(http_site):
    """``refresh()``: see in the test what the server's requests committed."""

    def sync():
        transaction.begin()
        http_site["portal"]._p_jar.sync()

    return sync
