"""Moderation rules beyond who may press which button (the matrix has that): reasons are required and
reach the author; pre-moderation holds back the posts of members, not those of moderators."""

from plone import api
from plone.app.textfield.value import RichTextValue
from Products.CMFCore.WorkflowCore import WorkflowException
from regionaustausch import moderation
import pytest


def html(text):
    return RichTextValue(f"<p>{text}</p>", "text/html", "text/x-html-safe")


def do_action(obj, transition, **kwargs):
    api.portal.get_tool("portal_workflow").doActionFor(obj, transition, **kwargs)


def visible_to(user_id, obj, act_as):
    with act_as(user_id):
        return len(api.content.find(UID=api.content.get_uuid(obj))) == 1


class TestReasons:
    def test_hiding_a_post_needs_a_reason(self, network, act_as):
        post = network["region1"]["forum-internal"]["thread"]["post"]
        with act_as("reviewer"):
            with pytest.raises(WorkflowException) as refusal:
                do_action(post, "hide")
            assert str(refusal.value)
            with pytest.raises(WorkflowException):
                do_action(post, "hide", comment="   ")
        assert api.content.get_state(post) == "published"
        assert moderation.hidden_reason(post) is None

    def test_the_author_sees_the_reason_until_the_post_is_restored(self, network, act_as):
        post = network["region1"]["forum-internal"]["thread"]["post"]
        with act_as("reviewer"):
            do_action(post, "hide", comment="Bitte sachlich bleiben")
        with act_as("owner"):
            seen = network.restrictedTraverse("region1/forum-internal/thread/post")
            reason = moderation.hidden_reason(seen)
        assert reason["reason"] == "Bitte sachlich bleiben"
        assert reason["moderator"] == "reviewer"
        assert not visible_to("network_member", post, act_as)
        assert visible_to("owner", post, act_as)
        with act_as("site_admin"):
            do_action(post, "restore")
        assert moderation.hidden_reason(post) is None
        assert visible_to("network_member", post, act_as)

    def test_rejecting_a_proposal_needs_a_reason(self, network, act_as):
        proposal = network["region1"]["proposal-submitted"]
        with act_as("reviewer"), pytest.raises(WorkflowException):
            do_action(proposal, "reject")
        assert api.content.get_state(proposal) == "submitted"
        with act_as("reviewer"):
            do_action(proposal, "reject", comment="Nicht im Zuständigkeitsbereich")
        assert api.content.get_state(proposal) == "rejected"


class TestPremoderation:
    @pytest.mark.parametrize(
        ("forum", "author", "state"),
        [
            ("forum-premod", "network_member", "pending"),
            ("forum-premod", "reviewer", "published"),
            ("forum-premod", "site_admin", "published"),
            ("forum-internal", "network_member", "published"),
            ("forum-public", "network_member", "published"),
        ],
    )
    def test_initial_state_of_a_new_post(self, network, act_as, forum, author, state):
        thread = network["region1"][forum]["thread"]
        with act_as(author):
            post = api.content.create(container=thread, type="Post", id="new", text=html("Neu"))
        assert api.content.get_state(post) == state

    def test_a_pending_post_reaches_the_others_once_published(self, network, act_as):
        post = network["region1"]["forum-premod"]["thread"]["post"]  # by owner, pending
        assert visible_to("owner", post, act_as)
        assert not visible_to("network_member", post, act_as)
        with act_as("reviewer"):
            do_action(post, "publish")
        assert visible_to("network_member", post, act_as)
        assert not visible_to("member", post, act_as)  # the forum is internal
