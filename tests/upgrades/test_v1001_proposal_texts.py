"""Upgrade to 1001: the texts of exchange proposals that profile 1000 stored as sent are stored sanitised."""

from Acquisition import aq_base
from plone import api
from plone.app.textfield.value import RichTextValue
import pytest


PROFILE = "regionaustausch:default"
LEGACY = (
    '<p onclick="steal()">Alte <b>Kooperationsidee</b><script>alert(1)</script></p><iframe src="x"></iframe>'
)


def rich(html):
    return RichTextValue(html, "text/html", "text/x-html-safe")


@pytest.fixture
def proposals(portal):
    """Three proposals as profile 1000 left them: a text stored as it was sent, none, and a clean one."""
    with api.env.adopt_roles(["Manager"]):
        region = api.content.create(container=portal, type="Region", id="region", title="Region")
        old = api.content.create(container=region, type="ExchangeProposal", id="old", title="Alt")
        empty = api.content.create(container=region, type="ExchangeProposal", id="empty", title="Ohne")
        clean = api.content.create(
            container=region,
            type="ExchangeProposal",
            id="clean",
            title="Neu",
            text=rich("<p>Schon sauber</p>"),
        )
    state = aq_base(old).__dict__
    state.pop("_text", None)
    state["text"] = rich(LEGACY)  # where Dexterity put it before the class sanitised it
    old.reindexObject()
    api.portal.get_tool("portal_setup").setLastVersionForProfile(PROFILE, "1000")
    return old, empty, clean


def test_upgrade_stores_proposal_texts_sanitised(proposals):
    old, empty, clean = proposals
    setup = api.portal.get_tool("portal_setup")
    assert old.text is None  # the class reads only what it stored sanitised
    assert setup.listUpgrades(PROFILE)  # the step is due

    setup.upgradeProfile(PROFILE)

    assert setup.getLastVersionForProfile(PROFILE) == ("1001",)
    assert old.text.raw == "<p>Alte <strong>Kooperationsidee</strong></p>"
    assert old.text.outputMimeType == "text/x-html-safe"
    assert "text" not in aq_base(old).__dict__
    assert empty.text is None
    assert clean.text.raw == "<p>Schon sauber</p>"
    found = api.content.find(SearchableText="Kooperationsidee", unrestricted=True)
    assert [brain.getId for brain in found] == ["old"]
    assert not api.content.find(SearchableText="alert", portal_type="ExchangeProposal", unrestricted=True)
