"""Two Regions in one site: groups, membership, quorum and directories stay apart; membership follows the
active Representative records; the quorum guards ``accept`` through the workflow.

The site is the one of conftest.py: Region 1 (``region1``, quorum 2 from 2, municipalities a, b, c;
``network_member`` has an active record in a, ``owner`` in b) and Region 2 (``region2``, default quorum
5 from 3, municipalities x, y; ``member_r2`` has an active record in x). Every test is rolled back.
"""

from AccessControl import Unauthorized
from plone import api
from plone.api.exc import InvalidParameterError
from Products.CMFCore.WorkflowCore import WorkflowException
from regionaustausch import _
from regionaustausch import membership
from regionaustausch import supports
from regionaustausch.content.representative import IRepresentative
from regionaustausch.domain import quorum
from regionaustausch.domain.supports import NotANetworkMember
from zope.event import notify
from zope.globalrequest import getRequest
from zope.i18n import translate
from zope.lifecycleevent import Attributes
from zope.lifecycleevent import ObjectModifiedEvent
import pytest


COMMENT = "Begründung"


def group_ids(user_id):
    return {group.getId() for group in api.group.get_groups(username=user_id)}


def local_roles(obj, principal):
    return set(dict(obj.get_local_roles()).get(principal, ()))


def roles_at(user_id, obj):
    return set(api.user.get_roles(username=user_id, obj=obj))


def transition(obj, name, comment=COMMENT):
    api.content.transition(obj=obj, transition=name, comment=comment)


def add_record(act_as, municipality, id, user_id, by="site_admin", approve=True):
    """A representative's record naming ``user_id``, approved by a reviewer (the real way)."""
    with act_as(by):
        record = api.content.create(
            container=municipality,
            type="Representative",
            id=id,
            first_name="Vera",
            last_name=id,
            user_id=user_id,
        )
    if approve:
        with act_as("reviewer"):
            transition(record, "approve")
    return record


def add_user(user_id):
    api.user.create(email=f"{user_id}@example.org", username=user_id, password="secret-for-tests-1")
    return user_id


def can_traverse(portal, path):
    try:
        portal.restrictedTraverse(path)
    except Unauthorized:
        return False
    return True


def accept_refusal(proposal, act_as, user_id="reviewer"):
    """The message of the WorkflowException that refuses ``accept`` (``None`` if it was accepted)."""
    with act_as(user_id):
        try:
            api.portal.get_tool("portal_workflow").doActionFor(proposal, "accept")
        except WorkflowException as refusal:
            return str(refusal)
    return None


def text(msgid, **mapping):
    """A domain message as the guard shows it (translated the same way, whatever the site language)."""
    return translate(_(msgid, mapping=mapping), context=getRequest())


# --- groups ------------------------------------------------------------------------------------------


class TestGroups:
    def test_each_region_has_its_members_group_with_network_member_there_only(self, network):
        region1, region2 = network["region1"], network["region2"]
        assert membership.members_group_id(region1) == "region1-members"
        assert membership.members_group_id(region2) == "region2-members"
        for region in (region1, region2):
            group_id = f"{region.getId()}-members"
            assert api.group.get(groupname=group_id) is not None
            assert local_roles(region, group_id) == {"NetworkMember"}
        assert local_roles(region1, "region2-members") == set()
        assert local_roles(region2, "region1-members") == set()
        assert local_roles(network, "region1-members") == set()

    def test_each_municipality_has_its_editors_group_with_editor_there_only(self, network):
        a, b, x = network["region1"]["a"], network["region1"]["b"], network["region2"]["x"]
        for municipality, group_id in (
            (a, "region1-a-editors"),
            (b, "region1-b-editors"),
            (x, "region2-x-editors"),
        ):
            assert membership.editors_group_id(municipality) == group_id
            assert api.group.get(groupname=group_id) is not None
            assert local_roles(municipality, group_id) == {"Editor"}
        assert local_roles(a, "region1-b-editors") == set()
        assert local_roles(network["region1"], "region1-a-editors") == set()

    def test_same_municipality_id_in_two_regions_gives_two_groups(self, network, act_as):
        with act_as("site_admin"):
            twin = api.content.create(
                container=network["region2"],
                type="Municipality",
                id="a",
                title="A in Region 2",
                kind="gemeinde",
                ags="03154001",
            )
        assert membership.editors_group_id(twin) == "region2-a-editors"
        assert local_roles(twin, "region2-a-editors") == {"Editor"}
        assert local_roles(twin, "region1-a-editors") == set()
        assert "Editor" not in roles_at("editor_a", twin)
        with act_as("editor_a"), pytest.raises(Unauthorized):
            api.content.create(container=twin, type="Representative", id="r", first_name="X", last_name="Y")

    def test_removing_a_region_removes_its_groups(self, network, act_as):
        with act_as("site_admin"):
            api.content.delete(obj=network["region2"], check_linkintegrity=False)
        assert api.group.get(groupname="region2-members") is None
        assert api.group.get(groupname="region2-x-editors") is None
        assert api.group.get(groupname="region1-members") is not None


# --- membership does not cross ------------------------------------------------------------------------


class TestRegionsApart:
    def test_member_of_region_1_is_no_network_member_in_region_2(self, network):
        region1, region2 = network["region1"], network["region2"]
        assert "region1-members" in group_ids("network_member")
        assert "region2-members" not in group_ids("network_member")
        assert "NetworkMember" in roles_at("network_member", region1)
        assert "NetworkMember" not in roles_at("network_member", region2)
        assert "NetworkMember" in roles_at("member_r2", region2)
        assert "NetworkMember" not in roles_at("member_r2", region1)
        assert membership.is_network_member(region2, api.user.get(username="network_member")) is False

    def test_member_of_region_1_cannot_support_in_region_2(self, network, act_as):
        proposal = network["region2"]["proposal"]
        with act_as("network_member"), pytest.raises(NotANetworkMember):
            supports.add_support(proposal)
        with act_as("member_r2"):
            supports.add_support(proposal)
        assert supports.support_counts(proposal) == (1, 1)

    def test_member_of_region_2_cannot_support_in_region_1(self, network, act_as):
        with act_as("member_r2"), pytest.raises(NotANetworkMember):
            supports.add_support(network["region1"]["proposal-discussion"])

    def test_internal_forums_are_read_only_by_their_own_region(self, network, act_as):
        forum1, forum2 = "region1/forum-internal", "region2/forum-internal"
        uid1 = api.content.get_uuid(network.unrestrictedTraverse(forum1))
        uid2 = api.content.get_uuid(network.unrestrictedTraverse(forum2))
        with act_as("network_member"):
            assert can_traverse(network, forum1)
            assert not can_traverse(network, forum2)
            assert len(api.content.find(UID=uid2)) == 0
            with pytest.raises(Unauthorized):
                api.content.create(
                    container=network.unrestrictedTraverse(forum2),
                    type="Thread",
                    id="t",
                    title="T",
                    text="<p>x</p>",
                )
        with act_as("member_r2"):
            assert can_traverse(network, forum2)
            assert not can_traverse(network, forum1)
            assert len(api.content.find(UID=uid1)) == 0

    def test_quorum_is_set_per_region(self, network):
        region1, region2 = network["region1"], network["region2"]
        assert region1.quorum_rule() == quorum.QuorumRule(supports=2, municipalities=2)
        assert region2.quorum_rule() == quorum.QuorumRule(supports=5, municipalities=3)
        assert supports.quorum_state(region1["proposal-discussion"]).missing == (
            {"kind": "supports", "needed": 2},
            {"kind": "municipalities", "needed": 2},
        )
        assert supports.quorum_state(region2["proposal"]).missing == (
            {"kind": "supports", "needed": 5},
            {"kind": "municipalities", "needed": 3},
        )
        region2.quorum_supports, region2.quorum_municipalities = 1, 1
        assert supports.quorum_state(region2["proposal"]).missing == (
            {"kind": "supports", "needed": 1},
            {"kind": "municipalities", "needed": 1},
        )
        assert region1.quorum_rule() == quorum.QuorumRule(supports=2, municipalities=2)

    def test_directories_do_not_cross(self, network, act_as):
        region1, region2 = network["region1"], network["region2"]
        in_region2 = {
            brain.getId for brain in api.content.find(context=region2, portal_type="Representative")
        }
        assert in_region2 == {"member-r2-record"}
        assert not membership.active_records(region2, "network_member")
        assert not membership.active_records(region1, "member_r2")
        # contact details for network members: only those of the own region
        record2 = region2["x"]["member-r2-record"]
        record1 = region1["a"]["rep-network"]
        assert api.user.has_permission(
            "regionaustausch: View contact details", username="member_r2", obj=record2
        )
        assert not api.user.has_permission(
            "regionaustausch: View contact details", username="member_r2", obj=record1
        )
        assert api.user.has_permission(
            "regionaustausch: View contact details", username="network_member", obj=record1
        )
        assert not api.user.has_permission(
            "regionaustausch: View contact details", username="network_member", obj=record2
        )

    def test_municipal_editor_of_region_1_has_no_rights_in_region_2(self, network, act_as):
        x = network["region2"]["x"]
        record = x["member-r2-record"]
        assert "Editor" not in roles_at("editor_a", x)
        for permission in (
            "Modify portal content",
            "regionaustausch: Add Representative",
            "Review portal content",
        ):
            assert not api.user.has_permission(
                permission, username="editor_a", obj=record if "Add" not in permission else x
            )
        assert api.user.has_permission("Modify portal content", username="editor_r2x", obj=record)


# --- membership follows the records ---------------------------------------------------------------------


class TestMembershipFollowsRecords:
    def test_approving_puts_the_user_into_the_members_group(self, network, act_as):
        region1 = network["region1"]
        user_id = add_user("newcomer")
        record = add_record(act_as, region1["c"], "newcomer-record", user_id, by="site_admin", approve=False)
        assert "region1-members" not in group_ids(user_id)  # pending: not yet
        with act_as("reviewer"):
            transition(record, "approve")
        assert "region1-members" in group_ids(user_id)
        assert "NetworkMember" in roles_at(user_id, region1)
        with act_as(user_id):
            supports.add_support(region1["proposal-discussion"])
        record_of_support = supports.storage(region1["proposal-discussion"]).get(user_id)
        assert record_of_support["municipality"] == api.content.get_uuid(region1["c"])

    def test_former_removes_the_user_from_the_group(self, network, act_as):
        record = network["region1"]["a"]["nm-record"]
        with act_as("editor_a"):
            transition(record, "retire")
        assert "region1-members" not in group_ids("network_member")
        assert "NetworkMember" not in roles_at("network_member", network["region1"])
        with act_as("network_member"), pytest.raises(NotANetworkMember):
            supports.add_support(network["region1"]["proposal-discussion"])
        with act_as("reviewer"):
            transition(record, "reactivate")
        assert "region1-members" in group_ids("network_member")

    def test_former_keeps_the_user_while_another_active_record_in_the_region_names_them(
        self, network, act_as
    ):
        region1 = network["region1"]
        second = add_record(act_as, region1["b"], "nm-second", "network_member", by="editor_b")
        with act_as("editor_a"):
            transition(region1["a"]["nm-record"], "retire")
        assert "region1-members" in group_ids("network_member")
        with act_as("editor_b"):
            transition(second, "retire")
        assert "region1-members" not in group_ids("network_member")

    def test_an_active_record_in_another_region_does_not_keep_the_user(self, network, act_as):
        region1, region2 = network["region1"], network["region2"]
        add_record(act_as, region2["y"], "nm-in-region2", "network_member")
        assert {"region1-members", "region2-members"} <= group_ids("network_member")
        with act_as("editor_a"):
            transition(region1["a"]["nm-record"], "retire")
        assert "region1-members" not in group_ids("network_member")
        assert "region2-members" in group_ids("network_member")

    def test_a_changed_user_id_on_an_active_record_moves_membership(self, network, act_as):
        record = network["region1"]["a"]["nm-record"]
        with act_as("editor_a"):
            record.user_id = "member"
            notify(ObjectModifiedEvent(record, Attributes(IRepresentative, "user_id")))
        assert "region1-members" in group_ids("member")
        assert "region1-members" not in group_ids("network_member")
        with act_as("editor_a"):
            record.user_id = None
            notify(ObjectModifiedEvent(record, Attributes(IRepresentative, "user_id")))
        assert "region1-members" not in group_ids("member")

    def test_a_changed_user_id_on_a_pending_record_gives_no_membership(self, network, act_as):
        record = network["region1"]["a"]["rep-pending"]
        with act_as("editor_a"):
            record.user_id = "member"
            notify(ObjectModifiedEvent(record, Attributes(IRepresentative, "user_id")))
        assert "region1-members" not in group_ids("member")

    def test_deleting_an_active_record_removes_membership(self, network, act_as):
        a = network["region1"]["a"]
        with act_as("site_admin"):
            api.content.delete(obj=a["nm-record"], check_linkintegrity=False)
        assert "region1-members" not in group_ids("network_member")
        assert "region1-members" in group_ids("owner")

    def test_deleting_a_municipality_removes_the_membership_its_records_gave(self, network, act_as):
        with act_as("site_admin"):
            api.content.delete(obj=network["region1"]["a"], check_linkintegrity=False)
        assert api.group.get(groupname="region1-a-editors") is None
        assert "region1-members" not in group_ids("network_member")
        assert "region1-members" in group_ids("owner")

    def test_the_municipal_editor_cannot_approve_their_own_records(self, network, act_as):
        record = add_record(
            act_as, network["region1"]["a"], "by-editor", "member", by="editor_a", approve=False
        )
        with act_as("editor_a"), pytest.raises(InvalidParameterError):
            transition(record, "approve")
        assert "region1-members" not in group_ids("member")


# --- the quorum through the workflow ------------------------------------------------------------------


class TestQuorumThroughTheWorkflow:
    def test_accept_is_refused_naming_every_missing_condition(self, network, act_as):
        proposal = network["region1"]["proposal-discussion"]
        message = accept_refusal(proposal, act_as)
        assert message is not None
        assert text(quorum.MSG_MISSING_SUPPORTS, needed=2) in message
        assert text(quorum.MSG_MISSING_MUNICIPALITIES, needed=2) in message
        assert text(quorum.MSG_NO_LEAD_ORGANISER) in message
        assert api.content.get_state(proposal) == "discussion"

    def test_accept_after_n_supports_from_m_municipalities_and_a_lead_organiser(self, network, act_as):
        region1 = network["region1"]
        proposal = region1["proposal-discussion"]
        with act_as("network_member"):  # municipality a
            supports.add_support(proposal)
        message = accept_refusal(proposal, act_as)
        assert text(quorum.MSG_MISSING_SUPPORT) in message
        assert text(quorum.MSG_MISSING_MUNICIPALITY) in message

        second = add_record(act_as, region1["a"], "second-in-a", add_user("second_a"))
        with act_as(second.user_id):  # municipality a again: one more support, no more municipality
            supports.add_support(proposal)
        message = accept_refusal(proposal, act_as)
        assert text(quorum.MSG_MISSING_SUPPORT) not in message
        assert text(quorum.MSG_MISSING_MUNICIPALITY) in message
        assert text(quorum.MSG_NO_LEAD_ORGANISER) in message

        with act_as("owner"):  # municipality b
            supports.add_support(proposal)
        message = accept_refusal(proposal, act_as)
        assert message == text(quorum.MSG_NO_LEAD_ORGANISER)

        proposal.lead_organiser = api.content.get_uuid(region1["b"])
        assert accept_refusal(proposal, act_as) is None
        assert api.content.get_state(proposal) == "accepted"

    def test_region_2_needs_five_supports_from_three_municipalities(self, network, act_as):
        region2 = network["region2"]
        proposal = region2["proposal"]
        proposal.lead_organiser = api.content.get_uuid(region2["x"])
        with act_as("site_admin"):
            z = api.content.create(
                container=region2,
                type="Municipality",
                id="z",
                title="Stadt Z",
                kind="gemeinde",
                ags="03154001",
            )
        voters = ["member_r2"]  # x
        for index, municipality in enumerate(("x", "x", "y")):
            voters.append(
                add_record(act_as, region2[municipality], f"r{index}", add_user(f"voter{index}")).user_id
            )
        for user_id in voters:
            with act_as(user_id):
                supports.add_support(proposal)
        assert supports.support_counts(proposal) == (4, 2)
        message = accept_refusal(proposal, act_as, "site_admin")
        assert text(quorum.MSG_MISSING_SUPPORT) in message
        assert text(quorum.MSG_MISSING_MUNICIPALITY) in message

        last = add_record(act_as, z, "r-z", add_user("voter_z")).user_id
        with act_as(last):
            supports.add_support(proposal)
        assert supports.support_counts(proposal) == (5, 3)
        assert accept_refusal(proposal, act_as, "site_admin") is None
        assert api.content.get_state(proposal) == "accepted"

    def test_a_withdrawn_support_no_longer_counts(self, network, act_as):
        proposal = network["region1"]["proposal-ready"]
        assert supports.quorum_state(proposal).met
        with act_as("owner"):
            supports.withdraw_support(proposal)
        assert supports.support_counts(proposal) == (1, 1)
        message = accept_refusal(proposal, act_as)
        assert text(quorum.MSG_MISSING_SUPPORT) in message
        assert text(quorum.MSG_MISSING_MUNICIPALITY) in message

    def test_supports_of_members_who_left_still_count_until_withdrawn(self, network, act_as):
        """A member who leaves office keeps the support given while a member (domain.supports)."""
        region1 = network["region1"]
        proposal = region1["proposal-ready"]
        with act_as("editor_a"):
            transition(region1["a"]["nm-record"], "retire")
        assert supports.support_counts(proposal) == (2, 2)
        with act_as("network_member"):
            supports.withdraw_support(proposal)
        assert supports.support_counts(proposal) == (1, 1)

    def test_a_refused_accept_through_plone_api_is_an_invalid_parameter(self, network, act_as):
        with act_as("reviewer"), pytest.raises(InvalidParameterError):
            api.content.transition(obj=network["region1"]["proposal-discussion"], transition="accept")
