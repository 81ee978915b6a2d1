"""A network over HTTP: a Region with municipalities, members (real users with approved records) and a
proposal in discussion, committed in the functional layer so that its WSGI server sees them."""

from plone import api
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from regionaustausch.testing import add_member
import pytest
import requests
import transaction


PASSWORD = "secret-network-1"
MUNICIPALITIES = (
    ("braunschweig", "Stadt Braunschweig", "kreisfreie_stadt", "03101000"),
    ("salzgitter", "Stadt Salzgitter", "kreisfreie_stadt", "03102000"),
    ("wolfsburg", "Stadt Wolfsburg", "kreisfreie_stadt", "03103000"),
    ("gifhorn", "Landkreis Gifhorn", "landkreis", "03151"),
)


@pytest.fixture
def network(functional_portal):
    """Region ``region`` with four municipalities, ``members`` user ids (five per municipality), an
    outsider ``outsider`` and a proposal ``proposal`` in discussion; returns a dict of them."""
    portal = functional_portal
    with api.env.adopt_roles(["Manager"]):
        region = api.content.create(container=portal, type="Region", id="region", title="Testregion")
        municipalities = [
            api.content.create(container=region, type="Municipality", id=mid, title=title, kind=kind, ags=ags)
            for mid, title, kind, ags in MUNICIPALITIES
        ]
        members = []
        for index in range(20):
            user_id = f"member{index:02d}"
            add_member(
                municipalities[index % len(municipalities)],
                user_id,
                "Mitglied",
                f"Nummer {index}",
                password=PASSWORD,
            )
            members.append(user_id)
        api.user.create(email="outsider@example.invalid", username="outsider", password=PASSWORD)
        proposal = api.content.create(
            container=region, type="ExchangeProposal", id="proposal", title="Vorschlag"
        )
        api.content.transition(obj=proposal, transition="submit")
        api.content.transition(obj=proposal, transition="open_discussion")
    transaction.commit()
    return {
        "portal": portal,
        "region": region,
        "municipalities": municipalities,
        "members": members,
        "proposal": proposal,
        "url": proposal.absolute_url(),
    }


def json_session(user=None, password=PASSWORD):
    """A requests session speaking JSON, as ``user`` (None: anonymous; "admin": the site owner)."""
    http = requests.Session()
    http.headers.update({"Accept": "application/json", "Content-Type": "application/json"})
    if user == "admin":
        http.auth = (SITE_OWNER_NAME, SITE_OWNER_PASSWORD)
    elif user is not None:
        http.auth = (user, password)
    return http


@pytest.fixture
def session():
    """``session(user)``: a JSON requests session as that user (see json_session)."""
    return json_session
