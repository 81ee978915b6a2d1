"""A small network for the Classic UI views, committed so that the functional layer's server sees it;
``browse(user)`` gives a requests session that logs in with HTTP basic auth and reads CSRF tokens."""

from plone import api
from regionaustausch.testing import add_member
import pytest
import re
import requests
import transaction


PASSWORD = "secret-views-1"


class Browser(requests.Session):
    def token(self, url):
        """plone.protect's token as the page at ``url`` renders it into its forms."""
        page = self.get(url)
        match = re.search(r'name="_authenticator" value="([^"]+)"', page.text)
        assert match, f"no CSRF token on {url}"
        return match.group(1)


@pytest.fixture
def site(functional_portal):
    portal = functional_portal
    with api.env.adopt_roles(["Manager"]):
        region = api.content.create(container=portal, type="Region", id="region", title="Testregion")
        braunschweig = api.content.create(
            container=region,
            type="Municipality",
            id="bs",
            title="Stadt Braunschweig",
            kind="kreisfreie_stadt",
            ags="03101000",
        )
        peine = api.content.create(
            container=region,
            type="Municipality",
            id="pe",
            title="Landkreis Peine",
            kind="landkreis",
            ags="03157",
        )
        add_member(braunschweig, "anna", "Anna", "Beispiel", password=PASSWORD)
        add_member(peine, "jonas", "Jonas", "Muster", password=PASSWORD)
        api.user.create(email="mod@example.invalid", username="moderator", password=PASSWORD)
        api.user.grant_roles(username="moderator", roles=["Reviewer"])
        api.user.create(email="out@example.invalid", username="outsider", password=PASSWORD)
        forum = api.content.create(container=region, type="Forum", id="forum", title="Gewerbeflächen")
        api.content.transition(obj=forum, transition="publish")
        internal = api.content.create(container=region, type="Forum", id="internal", title="Intern")
        thread = api.content.create(
            container=forum,
            type="Thread",
            id="thread",
            title="Flächen an der A2",
            text="<p>Wer hat Flächen?</p>",
        )
        proposal = api.content.create(
            container=region,
            type="ExchangeProposal",
            id="proposal",
            title="Regionale Vernetzung",
            required_resolutions=[
                {
                    "municipality": braunschweig.UID(),
                    "body": "Rat der Stadt Braunschweig",
                    "kind": "ratsbeschluss",
                    "status": "eingebracht",
                    "status_date": None,
                    "reference": "22-18940",
                    "url": "https://ratsinfo.braunschweig.de/vo0050.asp?__kvonr=18940",
                }
            ],
        )
        api.content.transition(obj=proposal, transition="submit")
        api.content.transition(obj=proposal, transition="open_discussion")
    transaction.commit()
    return {
        "portal": portal,
        "region": region,
        "forum": forum,
        "internal": internal,
        "thread": thread,
        "proposal": proposal,
        "braunschweig": braunschweig,
        "peine": peine,
    }


@pytest.fixture
def browse():
    def factory(user=None):
        browser = Browser()
        if user is not None:
            browser.auth = (user, PASSWORD)
        return browser

    return factory
