"""Anonymising a person also takes them out of the decisions kept on proposals
(regionaustausch.decisions): as the one who decided, and their names in the texts."""

from plone import api
from regionaustausch.decisions import decision_records
from regionaustausch.privacy import anonymise_representative
from regionaustausch.privacy.scrubber import ANONYMOUS_PRINCIPAL


def test_the_author_who_withdrew_is_gone_from_the_decision(net):
    with api.env.adopt_user(username=net.user):
        api.content.transition(
            obj=net.proposal, transition="withdraw", comment="Zurückgezogen von Anna Beispiel, Braunschweig."
        )
    [before] = decision_records(net.proposal)
    assert (before["actor"], before["role"]) == (net.user, "Author")

    anonymise_representative(net.record)

    [after] = decision_records(net.proposal)
    assert after["actor"] == ANONYMOUS_PRINCIPAL
    assert after["role"] == "Author"
    assert after["date"] == before["date"]
    assert "anna" not in after["text"].lower()
    assert "beispiel" not in after["text"].lower()
    assert after["text"] == "<p>Zurückgezogen von ehemaliges Mitglied, Braunschweig.</p>"


def test_a_decision_she_took_as_an_editor_of_anothers_proposal(net):
    api.user.grant_roles(username=net.user, roles=["Editor"], obj=net.region)
    with api.env.adopt_user(username="bwolf"):
        proposal = net.add_as_member(net.region, "ExchangeProposal", title="Busse nach Salzgitter")
    api.content.transition(obj=proposal, transition="submit")
    with api.env.adopt_user(username=net.user):
        api.content.transition(obj=proposal, transition="reject", comment="Abgelehnt. Dr. Anna Beispiel")
    assert decision_records(proposal)[0]["actor"] == net.user

    report = anonymise_representative(net.record)

    [after] = decision_records(proposal)
    assert after["actor"] == ANONYMOUS_PRINCIPAL
    assert "beispiel" not in after["text"].lower()
    # as an editor she acted on another's proposal: its history no longer names her either
    assert report["history"] == 1
    assert {entry["actor"] for entry in proposal.workflow_history["regionaustausch_proposal_workflow"]} == {
        "bwolf",
        "test_user_1_",
        ANONYMOUS_PRINCIPAL,
    }
