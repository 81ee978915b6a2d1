"""Upgrade to 1001 (issue 14): on a site that 1000 left, the forms' privacy notice setting, the join
form of each existing Region, and meetings (stored as items) as containers with their registration
form."""

from Acquisition import aq_base
from plone import api
from plone.registry.interfaces import IRegistry
from regionaustausch.forms.join import JOIN_FORM_ID
from regionaustausch.forms.join import join_form
from regionaustausch.forms.registration import REGISTRATION_FORM_ID
from regionaustausch.forms.registration import registration_form
from regionaustausch.forms.seats import seat_book
from regionaustausch.testing import allow_meetings
from zope.component import getUtility
import datetime
import pytest


PROFILE = "regionaustausch:default"
NOTICE = "regionaustausch.privacy_notice"


@pytest.fixture
def old_site(portal):
    """A Region without join form and a meeting stored as an item (as 1000 made them), no notice."""
    with api.env.adopt_roles(["Manager"]):
        region = api.content.create(container=portal, type="Region", id="region", title="Region")
        proposal = api.content.create(container=region, type="ExchangeProposal", id="p", title="V")
        allow_meetings(proposal)
        start = datetime.datetime(2027, 3, 1, 10, tzinfo=datetime.timezone.utc)
        meeting = api.content.create(
            container=proposal, type="Meeting", id="m", title="T", start=start, end=start, capacity=5
        )
        region.manage_delObjects([JOIN_FORM_ID])
        meeting.manage_delObjects([REGISTRATION_FORM_ID])
    state = aq_base(meeting).__dict__
    for name in ("_tree", "_count", "_mt_index"):
        state.pop(name)
    del getUtility(IRegistry).records[NOTICE]
    api.portal.get_tool("portal_setup").setLastVersionForProfile(PROFILE, "1000")
    return {"region": region, "meeting": meeting}


def test_the_site_starts_as_1000_left_it(old_site):
    assert old_site["region"].get(JOIN_FORM_ID) is None
    assert "_tree" not in aq_base(old_site["meeting"]).__dict__
    assert NOTICE not in getUtility(IRegistry).records


def test_the_upgrade_makes_the_forms_of_existing_content(old_site):
    setup = api.portal.get_tool("portal_setup")
    setup.upgradeProfile(PROFILE)
    assert setup.getLastVersionForProfile(PROFILE) == ("1001",)

    assert api.portal.get_registry_record(NOTICE).startswith("Ich willige ein")
    form = join_form(old_site["region"])
    assert form is not None
    assert "regionaustausch.forms.representative.CreateRepresentative" in form.actions_model
    meeting = old_site["meeting"]
    assert meeting.objectIds() == [REGISTRATION_FORM_ID]
    assert seat_book(registration_form(meeting)).seated == ()
    found = api.content.find(portal_type="EasyForm", unrestricted=True)
    assert sorted(brain.getPath() for brain in found) == [
        "/plone/region/mitmachen",
        "/plone/region/p/m/anmeldung",
    ]
    # run again: nothing doubles
    setup.setLastVersionForProfile(PROFILE, "1000")
    setup.upgradeProfile(PROFILE)
    assert len(api.content.find(portal_type="EasyForm", unrestricted=True)) == 2
