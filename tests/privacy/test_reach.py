"""regionaustausch.privacy.reach: where a caller may anonymise, and what of an account lies outside."""

from plone import api
from plone.dexterity.utils import createContentInContainer
from regionaustausch.privacy.reach import Reach
from regionaustausch.privacy.reach import check_reach
from regionaustausch.privacy.refusals import ContentOutsideReach
from regionaustausch.privacy.refusals import ModerationOutsideReach
from regionaustausch.privacy.refusals import RolesOutsideReach
from regionaustausch.privacy.refusals import SupportsOutsideReach
from regionaustausch.supports import storage
import pytest


@pytest.fixture
def editor(net):
    """The editor of Braunschweig (the role her municipality's editors group gives)."""
    api.user.create(username="editor-bs", email="ebs@example.invalid", password=net.password)
    api.user.grant_roles(username="editor-bs", roles=["Editor"], obj=net.braunschweig)
    return "editor-bs"


def path(obj):
    return "/".join(obj.getPhysicalPath())


def test_reach_of_a_municipal_editor(net, editor):
    with api.env.adopt_user(username=editor):
        reach = Reach.of_caller()
    assert not reach.everywhere
    assert reach.municipalities == (path(net.braunschweig),)
    assert reach.regions == (path(net.region),)
    assert reach.covers(path(net.post))  # her content in the region's forum
    assert reach.covers_roles(path(net.record))
    assert not reach.covers_roles(path(net.salzgitter))
    assert not reach.covers_roles(path(net.forum))


def test_reach_of_a_site_administrator(net):
    api.user.create(
        username="siteadmin", email="sa@example.invalid", password=net.password, roles=["Site Administrator"]
    )
    with api.env.adopt_user(username="siteadmin"):
        reach = Reach.of_caller()
    assert reach.everywhere
    # the whole site (an empty query would find nothing in the catalog)
    assert reach.query() == {"path": "/".join(net.portal.getPhysicalPath())}
    everything = api.portal.get_tool("portal_catalog").unrestrictedSearchResults(**reach.query())
    assert "/".join(net.proposal.getPhysicalPath()) in {brain.getPath() for brain in everything}
    check_reach(net.user, reach)  # nothing lies outside everywhere


def test_what_lies_outside(net, editor):
    with api.env.adopt_user(username=editor):
        reach = Reach.of_caller()
    # She moderates the whole region: a role outside Braunschweig.
    with pytest.raises(RolesOutsideReach) as refused:
        check_reach(net.user, reach)
    assert refused.value.mapping == {"places": "„Testregion“"}
    assert refused.value.http_status == 403
    api.user.revoke_roles(username=net.user, roles=["Reviewer"], obj=net.region)
    check_reach(net.user, reach)  # her thread, posts, support and note are all in the region

    other = api.content.create(container=net.portal, type="Region", id="nachbar", title="Nachbarregion")
    forum = api.content.create(container=other, type="Forum", id="forum", title="Forum der Nachbarn")
    proposal = api.content.create(container=other, type="ExchangeProposal", id="radwege", title="Radwege")
    thread = api.content.create(container=forum, type="Thread", id="thread", title="Fremd")
    post = api.content.create(container=thread, type="Post", id="post", text=net.rich("<p>x</p>"))
    # She moderated there once.
    api.user.grant_roles(username=net.user, roles=["Reviewer"], obj=forum)
    with api.env.adopt_user(username=net.user):
        api.content.transition(obj=post, transition="hide", comment="Bitte sachlich.")
    api.user.revoke_roles(username=net.user, roles=["Reviewer"], obj=forum)
    with pytest.raises(ModerationOutsideReach) as refused:
        check_reach(net.user, reach)
    assert refused.value.mapping == {"places": "„Forum der Nachbarn“"}

    storage(proposal).add(net.user, None)
    with pytest.raises(SupportsOutsideReach) as refused:
        check_reach(net.user, reach)
    assert refused.value.mapping == {"places": "„Nachbarregion“"}

    with api.env.adopt_user(username=net.user):
        createContentInContainer(forum, "Thread", checkConstraints=False, title="Hallo")
    with pytest.raises(ContentOutsideReach) as refused:
        check_reach(net.user, reach)
    assert refused.value.mapping == {"places": "„Forum der Nachbarn“"}

    # An editor of both municipalities' regions reaches all of it but the roles.
    api.user.grant_roles(
        username=editor,
        roles=["Editor"],
        obj=api.content.create(
            container=other, type="Municipality", id="peine", title="Peine", kind="landkreis", ags="03157"
        ),
    )
    with api.env.adopt_user(username=editor):
        check_reach(net.user, Reach.of_caller())


def test_every_refusal_has_german():
    """The refusals are no ``_()`` calls, so the catalogue test does not see them: each needs German."""
    from pathlib import Path
    from regionaustausch.privacy import refusals
    from regionaustausch.privacy.refusals import AnonymisationRefused

    po = (
        Path(refusals.__file__).parents[1] / "locales" / "de" / "LC_MESSAGES" / "regionaustausch.po"
    ).read_text()
    msgids = [
        value.default_msgid
        for value in vars(refusals).values()
        if isinstance(value, type) and issubclass(value, AnonymisationRefused) and value.default_msgid
    ]
    assert len(msgids) == 9
    missing = [msgid for msgid in msgids if f'msgid "{msgid}"\nmsgstr "' not in po]
    assert missing == []
