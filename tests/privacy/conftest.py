"""A small network for the privacy functions in the integration layer: Anna Beispiel, a former
representative with content, supports and a moderation note, and Bernd Wolf who answers and quotes her."""

from datetime import date
from plone import api
from plone.app.testing import TEST_USER_ID
from plone.app.testing import setRoles
from plone.app.textfield.value import RichTextValue
from plone.dexterity.utils import createContentInContainer
from regionaustausch.supports import add_support
from types import SimpleNamespace
import pytest


PASSWORD = "secret-privacy-1"
USER = "abeispiel"
ACCOUNT_EMAIL = "anna.beispiel@example.invalid"
RECORD_EMAIL = "a.beispiel@rat.example.invalid"
#: What must be gone after the anonymisation (lower case; the catalog lower-cases its words).
SECRETS = ("anna", "beispiel", USER, ACCOUNT_EMAIL, RECORD_EMAIL, "a.beispiel", "wirtschaftsausschuss")


def rich(html):
    return RichTextValue(html, "text/html", "text/x-html-safe")


def make_user(user_id, email, fullname):
    return api.user.create(
        username=user_id, email=email, password=PASSWORD, properties={"fullname": fullname}
    )


def add_as_member(container, portal_type, **fields):
    """Add content as the current user does over the REST API or a form (plone.api's create() renames
    the new object, which needs "Add portal content", which members do not have)."""
    return createContentInContainer(container, portal_type, checkConstraints=True, **fields)


def make_record(municipality, first_name, last_name, **fields):
    return api.content.create(
        container=municipality,
        type="Representative",
        title="ignored",
        first_name=first_name,
        last_name=last_name,
        **fields,
    )


def build_network(portal):
    """Anna Beispiel (user ``abeispiel``: a record in Braunschweig with every field, a thread, posts, a
    proposal, a support, a post she hid as a moderator) and Bernd Wolf (``bwolf``, Salzgitter) who
    answers her, quotes her and supports the same proposal."""
    setRoles(portal, TEST_USER_ID, ["Manager"])
    net = SimpleNamespace(
        portal=portal,
        user=USER,
        password=PASSWORD,
        account_email=ACCOUNT_EMAIL,
        record_email=RECORD_EMAIL,
        secrets=SECRETS,
        rich=rich,
        add_as_member=add_as_member,
        make_record=make_record,
        make_user=make_user,
    )
    net.region = api.content.create(container=portal, type="Region", id="region", title="Testregion")
    net.braunschweig = api.content.create(
        container=net.region,
        type="Municipality",
        id="braunschweig",
        title="Stadt Braunschweig",
        kind="kreisfreie_stadt",
        ags="03101000",
    )
    net.salzgitter = api.content.create(
        container=net.region,
        type="Municipality",
        id="salzgitter",
        title="Stadt Salzgitter",
        kind="kreisfreie_stadt",
        ags="03102000",
    )
    make_user(USER, ACCOUNT_EMAIL, "Anna Beispiel")
    make_user("bwolf", "bernd.wolf@example.invalid", "Bernd Wolf")
    net.record = make_record(
        net.braunschweig,
        "Anna",
        "Beispiel",
        salutation="frau",
        academic_title="Dr.",
        party="Wählergemeinschaft Beispiel",
        committees=["Wirtschaftsausschuss"],
        topics=[],
        email=RECORD_EMAIL,
        phone="+49 531 470-1",
        contact_visibility="network",
        consent_date=date(2026, 1, 15),
        user_id=USER,
        oparl_id="https://oparl.example.invalid/person/17",
    )
    net.record.function = "ratsmitglied"  # plone.api's create() has an argument "function" of its own
    api.content.transition(obj=net.record, transition="approve", comment="Frau Dr. Beispiel ist gewählt.")
    net.wolf = make_record(net.salzgitter, "Bernd", "Wolf", user_id="bwolf")
    api.content.transition(obj=net.wolf, transition="approve")
    net.forum = api.content.create(container=net.region, type="Forum", id="forum", title="Forum")
    # Anna moderates the region's forums as well.
    api.user.grant_roles(username=USER, roles=["Reviewer"], obj=net.region)

    with api.env.adopt_user(username=USER):
        net.thread = add_as_member(
            net.forum,
            "Thread",
            title="Frage von Anna Beispiel",
            text=rich(f"<p>Wer pendelt wohin? Viele Grüße, Dr. Anna Beispiel ({RECORD_EMAIL})</p>"),
        )
        net.post = add_as_member(net.thread, "Post", text=rich("<p>Ich ergänze: Busse fehlen.</p>"))
        net.proposal = add_as_member(net.region, "ExchangeProposal", title="Pendlerbusse")
    with api.env.adopt_user(username="bwolf"):
        net.reply = add_as_member(
            net.thread,
            "Post",
            text=rich(
                "<blockquote><p><strong>Anna Beispiel</strong>:</p><p>Wer pendelt wohin?</p></blockquote>"
                "<p>Nach Wolfsburg.</p>"
            ),
            in_reply_to=api.content.get_uuid(net.post),
        )
        net.rude = add_as_member(net.thread, "Post", text=rich("<p>Etwas Unfreundliches.</p>"))
    with api.env.adopt_user(username=USER):
        api.content.transition(obj=net.rude, transition="hide", comment="Bitte freundlich bleiben.")
    api.content.transition(obj=net.proposal, transition="submit")
    api.content.transition(obj=net.proposal, transition="open_discussion")
    for user_id in (USER, "bwolf"):
        with api.env.adopt_user(username=user_id):
            add_support(net.proposal)
    # She left office.
    api.content.transition(obj=net.record, transition="retire", comment="Anna Beispiel ist ausgeschieden.")
    return net


@pytest.fixture
def net(portal):
    """The network (see build_network), with the constants and helpers the tests use as attributes."""
    return build_network(portal)
