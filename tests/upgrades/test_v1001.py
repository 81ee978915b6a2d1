"""The upgrade from profile version 1000 to 1001 on a site that was installed with 1000.

``profile_1000/`` holds the workflows and the rolemap exactly as version 1000 shipped them (copied from
git). The test turns the test site back into a 1000 site (those workflows, that rolemap, the version
1000), creates content under them, runs the upgrade through portal_setup's upgrade machinery and looks at
the permissions of the objects that existed before.
"""

from AccessControl.Permission import Permission
from pathlib import Path
from plone import api
from plone.app.textfield.value import RichTextValue
from Products.CMFCore.exportimport.workflow import importWorkflowTool
from Products.GenericSetup.context import DirectoryImportContext
from Products.GenericSetup.rolemap import importRolemap
from regionaustausch import membership
from regionaustausch.testing import add_member
import pytest


PROFILE = "regionaustausch:default"
PROFILE_1000 = Path(__file__).parent / "profile_1000"
DELEGATE_ROLES = "Sharing page: Delegate roles"
SHARING = (
    DELEGATE_ROLES,
    "Sharing page: Delegate Reader role",
    "Sharing page: Delegate Editor role",
    "Sharing page: Delegate Contributor role",
    "Sharing page: Delegate Reviewer role",
)


def html(text):
    return RichTextValue(f"<p>{text}</p>", "text/html", "text/x-html-safe")


def roles_of(obj, permission):
    """The roles ``obj`` itself gives ``permission``."""
    return set(Permission(permission, (), obj).getRoles(default=[]))


def acquires(obj, permission):
    """Whether ``obj`` also acquires the roles of ``permission`` (Zope keeps those as a list, the
    settings that do not acquire as a tuple)."""
    return isinstance(Permission(permission, (), obj).getRoles(default=[]), list)


def install_1000(portal):
    """Make the site what installing profile version 1000 made it, as far as 1001 changes it."""
    setup = api.portal.get_tool("portal_setup")
    workflow_tool = api.portal.get_tool("portal_workflow")
    ours = [wf_id for wf_id in workflow_tool.objectIds() if wf_id.startswith("regionaustausch_")]
    workflow_tool.manage_delObjects(ours)
    context = DirectoryImportContext(setup, str(PROFILE_1000))
    importWorkflowTool(context)
    # 1000's rolemap never named the Sharing permissions: the site acquired Plone's defaults
    for permission in SHARING:
        portal.manage_permission(permission, roles=[], acquire=True)
    importRolemap(context)
    setup.setLastVersionForProfile(PROFILE, "1000")


@pytest.fixture
def old_site(portal):
    """A 1000 site with a Region, two members, a proposal in discussion by ``anna`` and a thread by
    ``tom`` with a post, in a forum with pre-moderation."""
    install_1000(portal)
    with api.env.adopt_roles(["Manager"]):
        region = api.content.create(container=portal, type="Region", id="region", title="Region")
        municipality = api.content.create(
            container=region, type="Municipality", id="bs", title="Braunschweig", kind="kreisfreie_stadt"
        )
        for user_id in ("anna", "tom"):
            add_member(municipality, user_id, user_id.title(), "Mitglied")
        forum = api.content.create(
            container=region, type="Forum", id="forum", title="Forum", premoderation=True
        )
    with api.env.adopt_user(username="anna"):
        proposal = api.content.create(container=region, type="ExchangeProposal", id="proposal", title="V")
        api.content.transition(obj=proposal, transition="submit")
    with api.env.adopt_roles(["Manager"]):
        api.content.transition(obj=proposal, transition="open_discussion")
    with api.env.adopt_user(username="tom"):
        thread = api.content.create(container=forum, type="Thread", id="thread", title="T", text=html("Text"))
    with api.env.adopt_user(username="tom"):
        post = api.content.create(container=thread, type="Post", id="post", text=html("Beitrag"))
    return {"portal": portal, "region": region, "proposal": proposal, "thread": thread, "post": post}


def test_the_site_starts_as_1000_left_it(old_site):
    """The starting point is real: on 1000 an author may delegate roles, as the issue reports."""
    setup = api.portal.get_tool("portal_setup")
    assert setup.getLastVersionForProfile(PROFILE) == ("1000",)
    assert api.user.has_permission(DELEGATE_ROLES, username="anna", obj=old_site["proposal"])
    assert api.user.has_permission(DELEGATE_ROLES, username="tom", obj=old_site["thread"])
    for permission in SHARING:
        assert acquires(old_site["portal"], permission)
    # the writer of a post reads its workflow history (who moderated, and why)
    assert api.user.has_permission("Request review", username="tom", obj=old_site["post"])
    assert api.content.get_state(old_site["thread"]) == "open"


def test_the_upgrade_takes_sharing_from_owners_on_existing_content(old_site):
    setup = api.portal.get_tool("portal_setup")
    setup.upgradeProfile(PROFILE)
    assert setup.getLastVersionForProfile(PROFILE) == ("1001",)

    # the host site's own content keeps the site's Sharing policy: only our types' workflows change
    for permission in SHARING:
        assert acquires(old_site["portal"], permission)
    for name in ("region", "proposal", "thread", "post"):
        obj = old_site[name]
        for permission in (*SHARING, "Change local roles"):
            assert roles_of(obj, permission) == {"Manager", "Site Administrator"}, (name, permission)
            assert not acquires(obj, permission), (name, permission)
    assert not api.user.has_permission(DELEGATE_ROLES, username="anna", obj=old_site["proposal"])
    assert not api.user.has_permission(DELEGATE_ROLES, username="tom", obj=old_site["thread"])
    # existing content keeps its state; the members keep what they had
    assert api.content.get_state(old_site["proposal"]) == "discussion"
    assert api.content.get_state(old_site["thread"]) == "open"
    assert api.user.has_permission("View", username="tom", obj=old_site["post"])
    members = membership.members_group_id(old_site["region"])
    assert "tom" in {user.getId() for user in api.user.get_users(groupname=members)}
    # the histories are for the moderators now
    for permission in ("Request review", "Review portal content", "CMFEditions: Access previous versions"):
        assert not api.user.has_permission(permission, username="tom", obj=old_site["post"])
    # and a new thread in a pre-moderated forum waits for a moderator
    with api.env.adopt_user(username="anna"):
        thread = api.content.create(
            container=old_site["thread"].aq_parent, type="Thread", id="new", title="N", text=html("Neu")
        )
    assert api.content.get_state(thread) == "pending"


def test_the_upgrade_is_registered_from_1000_to_1001(portal):
    setup = api.portal.get_tool("portal_setup")
    setup.setLastVersionForProfile(PROFILE, "1000")
    steps = setup.listUpgrades(PROFILE, simple=True)
    assert {(step.source, step.dest) for step in steps} == {(("1000",), ("1001",))}
    # each change of 1001 is a step of its own, in this order
    assert [step.handler.__name__ for step in steps] == [
        "apply_workflows",
        "sanitise_proposal_texts",
        "directory_catalog",
        "oparl_catalog",
        "oparl_permission",
        "forms_settings",
        "join_forms",
        "meeting_registration_forms",
        "migrate_required_resolutions",
        "proposal_catalog",
        "record_past_decisions",
    ]
    assert setup.getVersionForProfile(PROFILE) == "1001"
