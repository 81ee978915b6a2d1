"""One authority per rule (issue 10): the permission decides, the domain explains.

- Supporting: "regionaustausch: Support proposal" decides (supports.add_support); domain.supports only
  says why it was refused, or refuses generically when it knows no reason. Withdrawing needs no
  permission: a member who left may take back a support given while a member.
- Writing: "regionaustausch: Add Post" / "regionaustausch: Add Thread" decide (discussions
  .writing_refusal, for the Classic UI and for the REST API's add alike); domain.forums explains.

The integration tests change a permission on one object the way a workflow state would, so that the
permission and the domain's facts disagree: the permission wins. The HTTP tests use ``http_site``.
"""

from plone import api
from regionaustausch import discussions
from regionaustausch import supports
from regionaustausch.domain.forums import PostingRefused
from regionaustausch.domain.supports import SupportNotAllowed
from regionaustausch.permissions import ADD_POST
from regionaustausch.permissions import SUPPORT_PROPOSAL
import pytest
import transaction


class TestThePermissionDecides:
    def test_a_member_without_the_permission_cannot_support(self, network, act_as):
        proposal = network["region1"]["proposal-discussion"]
        proposal.manage_permission(SUPPORT_PROPOSAL, roles=[], acquire=False)
        with act_as("network_member"), pytest.raises(SupportNotAllowed) as refusal:
            supports.add_support(proposal)
        assert refusal.value.http_status == 403
        assert supports.support_counts(proposal) == (0, 0)
        with act_as("network_member"):
            assert supports.support_summary(proposal)["can_support"] is False

    def test_whoever_holds_the_permission_supports(self, network, act_as):
        """A role given the permission on the proposal supports, network member or not."""
        proposal = network["region1"]["proposal-discussion"]
        proposal.manage_permission(SUPPORT_PROPOSAL, roles=["NetworkMember", "Reviewer"], acquire=False)
        with act_as("reviewer"):
            assert supports.support_summary(proposal)["can_support"] is True
            record = supports.add_support(proposal)
        assert record["user_id"] == "reviewer"
        assert supports.support_counts(proposal) == (1, 0)

    def test_a_member_who_left_withdraws_without_the_permission(self, network, act_as):
        region1 = network["region1"]
        proposal = region1["proposal-ready"]
        with act_as("editor_a"):
            api.content.transition(obj=region1["a"]["nm-record"], transition="retire", comment="weg")
        assert not api.user.has_permission(SUPPORT_PROPOSAL, username="network_member", obj=proposal)
        with act_as("network_member"):
            record = supports.withdraw_support(proposal)
        assert record["user_id"] == "network_member"
        assert supports.support_counts(proposal) == (1, 1)

    def test_a_member_without_add_post_cannot_write(self, network, act_as):
        thread = network["region1"]["forum-internal"]["thread"]
        thread.manage_permission(ADD_POST, roles=["Manager"], acquire=False)
        before = set(thread.objectIds())
        with act_as("network_member"):
            refusal = discussions.writing_refusal(thread)
            assert type(refusal) is PostingRefused  # the domain knows no reason: the generic refusal
            with pytest.raises(discussions.PostRefused):
                discussions.add_post(thread, "<p>Hallo</p>")
        assert set(thread.objectIds()) == before

    def test_the_domain_explains_the_permissions_refusal(self, network, act_as):
        region1 = network["region1"]
        with act_as("network_member"):
            assert "locked" in str(discussions.writing_refusal(region1["forum-internal"]["thread-locked"]))
            assert "closed" in str(discussions.writing_refusal(region1["forum-closed"]["thread"]))
            assert "approval" in str(discussions.writing_refusal(region1["forum-premod"]["thread-pending"]))
            assert discussions.writing_refusal(region1["forum-internal"]["thread"]) is None
            assert discussions.writing_refusal(region1["forum-internal"]) is None
        with act_as("member"):
            assert "network members" in str(discussions.writing_refusal(region1["forum-public"]))
        with act_as(None):
            refusal = discussions.writing_refusal(region1["forum-public"]["thread"])
            assert refusal.http_status == 401


def html(text):
    return {"data": f"<p>{text}</p>", "content-type": "text/html"}


def test_the_rest_api_explains_who_may_not_write(http_site, http):
    thread = http_site["thread"].absolute_url()
    outsider = http("outsider").post(thread, json={"@type": "Post", "text": html("Hallo")})
    assert outsider.status_code in (401, 403)  # the internal thread is not even visible to them
    with api.env.adopt_roles(["Manager"]):
        api.content.transition(obj=http_site["internal"], transition="publish")
    transaction.commit()
    outsider = http("outsider").post(thread, json={"@type": "Post", "text": html("Hallo")})
    assert outsider.status_code == 403, outsider.text
    assert outsider.json()["message"] == "Only network members of this region can write in this forum."
    anonymous = http().post(thread, json={"@type": "Post", "text": html("Hallo")})
    assert anonymous.status_code == 401, anonymous.text
    new_thread = http("outsider").post(
        http_site["internal"].absolute_url(), json={"@type": "Thread", "title": "X", "text": html("Y")}
    )
    assert new_thread.status_code == 403, new_thread.text
    assert "network members" in new_thread.json()["message"]


def test_the_rest_api_says_a_thread_is_locked(http_site, http):
    with api.env.adopt_roles(["Manager"]):
        api.content.transition(obj=http_site["thread"], transition="lock")
    transaction.commit()
    response = http("jonas").post(
        http_site["thread"].absolute_url(), json={"@type": "Post", "text": html("Hallo")}
    )
    assert response.status_code == 403, response.text
    assert response.json()["message"] == "This discussion is locked; no new posts can be written."


def test_other_types_in_a_thread_still_need_add_portal_content(http_site, http):
    response = http("tom").post(
        http_site["thread"].absolute_url(), json={"@type": "Document", "title": "Fremd"}
    )
    assert response.status_code in (400, 401, 403), response.text
    assert "fremd" not in http_site["thread"].objectIds()
