"""regionaustausch.privacy in the integration layer: collecting a user's data, anonymising a former
representative, and that afterwards nothing in the catalog names the person."""

from Acquisition import aq_base
from BTrees.LOBTree import LOBTree
from collective.easyform.api import get_actions
from datetime import date
from persistent.mapping import PersistentMapping
from plone import api
from plone.app.redirector.interfaces import IRedirectionStorage
from plone.app.testing import TEST_USER_ID
from plone.app.testing import setRoles
from plone.app.textfield.value import RichTextValue
from plone.dexterity.utils import createContentInContainer
from regionaustausch import privacy
from regionaustausch.membership import members_group_id
from regionaustausch.moderation import REASON_KEY
from regionaustausch.supports import add_support
from regionaustausch.supports import storage
from regionaustausch.user_tokens import user_token
from types import SimpleNamespace
from zope.annotation.interfaces import IAnnotations
from zope.component import getUtility
import pytest
import time


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
    net = SimpleNamespace(portal=portal)
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


def add_saved_form(portal, rows):
    """An EasyForm with a save-data adapter holding ``rows``, written by easyform's own code."""
    from collective.easyform.actions import SaveData

    form = api.content.create(container=portal, type="EasyForm", id="kontakt", title="Kontakt")
    action = SaveData()
    action.__name__ = "saved"
    action.interface = get_actions(form)
    for row in rows:
        action.addDataRow(dict(row))
    assert isinstance(form._inputStorage, PersistentMapping)
    assert isinstance(form._inputStorage["saved"], LOBTree)
    return form


@pytest.fixture
def net(portal):
    return build_network(portal)


def stored_texts(obj):
    """What ``obj`` stores itself: its attributes (rich text as its HTML) and its annotations."""
    base = aq_base(obj)
    parts = [repr(base.__dict__), repr(dict(IAnnotations(obj)))]
    parts.extend(value.raw for value in base.__dict__.values() if isinstance(value, RichTextValue))
    return " ".join(parts).lower()


def catalog_texts(portal):
    """Everything the catalog holds, per entry: path, every index's data and every metadata column."""
    catalog = api.portal.get_tool("portal_catalog")
    for brain in catalog.unrestrictedSearchResults():
        rid = brain.getRID()
        yield (
            brain.getPath(),
            repr(catalog.getIndexDataForRID(rid)).lower()
            + repr(catalog.getMetadataForRID(rid)).lower()
            + brain.getPath().lower(),
        )


# --- collect_user_data --------------------------------------------------------------------------------


def test_collect_user_data(net):
    add_saved_form(
        net.portal,
        [
            {"replyto": ACCOUNT_EMAIL.upper(), "topic": "Frage", "comments": "Bitte um Rückruf."},
            {"replyto": "jemand@example.invalid", "topic": "Andere", "comments": "Nicht von Anna."},
        ],
    )
    data = privacy.collect_user_data(USER)

    assert data["account"]["id"] == USER
    assert data["account"]["fullname"] == "Anna Beispiel"
    assert data["account"]["email"] == ACCOUNT_EMAIL
    assert data["account"]["login"] == USER

    [record] = data["representatives"]
    assert record["review_state"] == "former"
    assert record["municipality"]["title"] == "Stadt Braunschweig"
    assert record["region"]["title"] == "Testregion"
    fields = record["fields"]
    # Her own record, contact details included (nobody but the editors may see them otherwise).
    assert fields["email"] == RECORD_EMAIL
    assert fields["phone"] == "+49 531 470-1"
    assert fields["consent_date"] == "2026-01-15"
    assert fields["oparl_id"] == "https://oparl.example.invalid/person/17"
    assert fields["committees"] == ["Wirtschaftsausschuss"]
    assert [entry["action"] for entry in record["history"]] == [None, "approve", "retire"]
    assert record["history"][1]["comments"] == "Frau Dr. Beispiel ist gewählt."
    assert not any(entry["by_me"] for entry in record["history"])
    assert "actor" not in record["history"][0]

    [thread] = data["threads"]
    assert thread["title"] == "Frage von Anna Beispiel"
    assert "Wer pendelt wohin?" in thread["text"]
    assert thread["forum"]["@id"] == net.forum.absolute_url()
    assert [post["@id"] for post in data["posts"]] == [net.post.absolute_url()]
    assert data["posts"][0]["thread"]["@id"] == net.thread.absolute_url()
    assert data["posts"][0]["review_state"] == "published"
    assert [item["@type"] for item in data["content"]] == ["ExchangeProposal"]
    assert data["content"][0]["fields"]["title"] == "Pendlerbusse"

    [support] = data["supports"]
    assert support["proposal"]["@id"] == net.proposal.absolute_url()
    assert support["municipality"]["title"] == "Stadt Braunschweig"  # as recorded when she supported
    assert support["date"]

    [moderated] = data["moderation"]
    assert moderated["post"]["@id"] == net.rude.absolute_url()
    assert moderated["reason"] == "Bitte freundlich bleiben."

    assert data["memberships"] == []  # former: out of the members group
    assert [(item["@id"], item["roles"]) for item in data["local_roles"]] == [
        (net.region.absolute_url(), ["Reviewer"])
    ]

    [submission] = data["form_submissions"]
    assert submission["form"]["title"] == "Kontakt"
    assert submission["adapter"] == "saved"
    assert submission["matched_by"] == ["replyto"]
    assert submission["data"]["comments"] == "Bitte um Rückruf."
    assert submission["submitted"]


def test_collect_user_data_of_an_active_member(net):
    api.content.transition(obj=net.record, transition="reactivate")
    data = privacy.collect_user_data(USER)
    assert [item["kind"] for item in data["memberships"]] == ["network"]
    assert data["memberships"][0]["id"] == members_group_id(net.region)
    assert data["memberships"][0]["context"]["@id"] == net.region.absolute_url()


def test_collect_user_data_of_the_other_user_does_not_leak(net):
    data = privacy.collect_user_data("bwolf")
    assert {post["@id"] for post in data["posts"]} == {net.reply.absolute_url(), net.rude.absolute_url()}
    hidden = {post["@id"]: post["hidden"] for post in data["posts"]}[net.rude.absolute_url()]
    assert hidden["reason"] == "Bitte freundlich bleiben."
    assert "moderator" not in hidden  # the moderator's id is the staff's data
    assert data["threads"] == []
    assert data["moderation"] == []
    assert len(data["supports"]) == 1
    assert data["supports"][0]["municipality"]["title"] == "Stadt Salzgitter"
    assert data["form_submissions"] == []
    assert RECORD_EMAIL not in repr(data)


# --- anonymise_representative -------------------------------------------------------------------------


def test_anonymise(net):
    supports_before = storage(net.proposal).counts()
    old_path = "/".join(net.record.getPhysicalPath())
    old_thread_path = "/".join(net.thread.getPhysicalPath())
    assert net.thread.getId() == "frage-von-anna-beispiel"
    uid = api.content.get_uuid(net.record)
    group = members_group_id(net.region)

    report = privacy.anonymise_representative(net.record)

    record = report["record"]
    assert api.content.get_uuid(record) == uid
    assert record.getId() == "ehemaliges-mitglied"
    assert record.Title() == "Ehemaliges Mitglied"
    for name in ("salutation", "academic_title", "party", "function", "email", "phone", "consent_date"):
        assert getattr(record, name) is None, name
    assert record.user_id is None
    assert record.oparl_id is None
    assert record.committees == []
    assert record.contact_visibility == "hidden"
    assert api.content.get_state(record) == "former"
    assert privacy.is_anonymised(record)
    assert IAnnotations(record)[privacy.ANONYMISED_KEY]["by"] == TEST_USER_ID
    assert report["records"] == 1
    assert report["content"] == 3  # thread, her post, her proposal
    assert report["renamed"] == 1  # the thread: its id was made from a title with her name
    assert report["supports"] == 1
    assert report["moderation"] == 1
    assert report["attributions"] == 1
    assert report["mentions"] == []
    assert report["versioned"] == []
    assert "Beispiel" not in repr(report)
    assert USER not in repr(report)

    # The old URLs neither resolve nor redirect.
    redirects = getUtility(IRedirectionStorage)
    for path in (old_path, old_thread_path, f"{old_thread_path}/{net.post.getId()}"):
        assert net.portal.unrestrictedTraverse(path, None) is None
        assert path not in redirects
    assert list(net.forum.objectIds()) == ["frage-von-ehemaliges-mitglied"]

    # Posts and threads stay, under "ehemaliges Mitglied".
    thread, post = net.thread, net.post
    assert thread.listCreators() == (privacy.ANONYMOUS_PRINCIPAL,)
    assert post.Creator() == privacy.ANONYMOUS_PRINCIPAL
    assert thread.Title() == "Frage von ehemaliges Mitglied"
    assert "Viele Grüße, ehemaliges Mitglied ([entfernt])" in thread.text.raw
    assert "Busse fehlen" in post.text.raw
    assert USER not in dict(post.get_local_roles())
    assert USER not in dict(thread.get_local_roles())
    assert USER not in dict(net.region.get_local_roles())
    assert post.getOwnerTuple()[1] != USER
    for obj in (thread, post, net.rude, net.proposal, record):
        for entries in obj.workflow_history.values():
            for entry in entries:
                assert entry["actor"] != USER
                assert "beispiel" not in (entry.get("comments") or "").lower()
    # Others' posts: the reply keeps its text, the quote's attribution no longer names her, and the
    # titles that follow the thread's title follow it.
    assert "<strong>ehemaliges Mitglied</strong>:" in net.reply.text.raw
    assert "Nach Wolfsburg." in net.reply.text.raw
    assert net.reply.Title() == "Re: Frage von ehemaliges Mitglied"
    assert net.reply.Creator() == "bwolf"
    # The moderation note.
    assert IAnnotations(net.rude)[REASON_KEY]["moderator"] == privacy.ANONYMOUS_PRINCIPAL
    # Supports: the same counts, no user id.
    assert storage(net.proposal).counts() == supports_before
    supporters = {record["user_id"] for record in storage(net.proposal).records()}
    assert USER not in supporters
    assert "bwolf" in supporters
    assert len(supporters) == 2
    # The account is no longer in the network.
    assert USER not in api.group.get(groupname=group).getGroupMemberIds()

    # Nothing she wrote, nothing about her and nothing she did stores her name, address or id.
    for obj in (record, thread, post, net.reply, net.rude, net.proposal, net.region, net.braunschweig):
        assert [secret for secret in SECRETS if secret in stored_texts(obj)] == [], obj

    # Nothing in the catalog names her any more: no index, no metadata column, no path.
    leaks = [
        (path, secret) for path, text in catalog_texts(net.portal) for secret in SECRETS if secret in text
    ]
    assert leaks == []
    catalog = api.portal.get_tool("portal_catalog")
    for query in (
        {"SearchableText": "Beispiel"},
        {"SearchableText": "Anna"},
        {"SearchableText": '"Anna Beispiel"'},
        {"SearchableText": RECORD_EMAIL},
        {"Creator": USER},
        {"representative_user_id": user_token(USER)},
        {"allowedRolesAndUsers": f"user:{USER}"},
        {"Title": "Beispiel"},
    ):
        assert len(catalog.unrestrictedSearchResults(**query)) == 0, query

    # And @my-data has nothing left to show for the account.
    data = privacy.collect_user_data(USER)
    for key in ("representatives", "threads", "posts", "content", "supports", "moderation", "local_roles"):
        assert data[key] == [], key


def test_anonymise_reports_mentions_by_others(net):
    with api.env.adopt_user(username="bwolf"):
        mention = add_as_member(net.thread, "Post", text=rich("<p>Ich stimme Anna Beispiel zu.</p>"))
    report = privacy.anonymise_representative(net.record)
    # Others' words are theirs: the editors get the list to review, the text stays.
    assert report["mentions"] == [mention.absolute_url()]
    assert "Anna Beispiel" in mention.text.raw
    # Only the URLs of content she wrote and of her record changed.
    assert report["redirects_removed"] == 1 + 1 + 5  # the record, the thread and the 5 posts in it


def test_anonymise_a_record_without_account(net):
    api.content.transition(obj=net.wolf, transition="retire")
    net.wolf.user_id = None
    report = privacy.anonymise_representative(net.wolf)
    assert report["record"].Title() == "Ehemaliges Mitglied"
    assert report["content"] == report["supports"] == 0
    assert net.reply.Creator() == "bwolf"  # without an account nothing else can be tied to the record


def test_two_anonymised_records_get_distinct_ids(net):
    first = privacy.anonymise_representative(net.record)["record"]
    api.content.transition(obj=net.wolf, transition="retire")
    moved = api.content.move(source=net.wolf, target=net.braunschweig)
    second = privacy.anonymise_representative(moved)["record"]
    assert first.getId() == "ehemaliges-mitglied"
    assert second.getId() == "ehemaliges-mitglied-1"


def test_refusals(net):
    # Not former.
    api.content.transition(obj=net.wolf, transition="retire")
    api.content.transition(obj=net.wolf, transition="reactivate")
    with pytest.raises(privacy.NotFormer):
        privacy.anonymise_representative(net.wolf)

    # The same account still has a current record elsewhere.
    second = make_record(net.salzgitter, "Anna", "Beispiel", user_id=USER)
    with pytest.raises(privacy.StillLinked) as refused:
        privacy.anonymise_representative(net.record)
    assert refused.value.mapping == {"count": 1}
    assert refused.value.http_status == 400

    # ... which, once former, is anonymised with it, if the caller may.
    api.content.transition(obj=second, transition="approve")
    api.content.transition(obj=second, transition="retire")
    api.user.create(username="editor-bs", email="editor@example.invalid", password=PASSWORD)
    api.user.grant_roles(username="editor-bs", roles=["Editor"], obj=net.braunschweig)
    with api.env.adopt_user(username="editor-bs"):
        with pytest.raises(privacy.OtherRecordNotAllowed) as refused:
            privacy.anonymise_representative(net.record)
        assert refused.value.mapping == {"municipality": "Stadt Salzgitter"}
        assert refused.value.http_status == 403
        # An editor of Braunschweig may not anonymise a record in Salzgitter at all.
        with pytest.raises(privacy.NotAllowedToAnonymise):
            privacy.anonymise_representative(second)
    report = privacy.anonymise_representative(net.record)
    assert report["records"] == 2
    assert second.Title() == "Ehemaliges Mitglied"

    # Once is enough.
    with pytest.raises(privacy.AlreadyAnonymised) as refused:
        privacy.anonymise_representative(report["record"])
    assert refused.value.http_status == 409

    # A reviewer may see the record but not anonymise it.
    api.content.transition(obj=net.wolf, transition="retire")
    api.user.create(username="reviewer", email="reviewer@example.invalid", password=PASSWORD)
    api.user.grant_roles(username="reviewer", roles=["Reviewer"], obj=net.region)
    with api.env.adopt_user(username="reviewer"), pytest.raises(privacy.NotAllowedToAnonymise):
        privacy.anonymise_representative(net.wolf)


def test_name_variants(net):
    assert privacy._name_variants(net.record, "Anna M. Beispiel") == {
        "Dr. Anna Beispiel",
        "Anna Beispiel",
        "Beispiel, Anna",
        "Frau Beispiel",
        "Dr. Beispiel",
        "Frau Dr. Beispiel",
        "Anna M. Beispiel",
    }


def test_scrubber():
    scrubber = privacy.Scrubber(
        names={"Anna Beispiel", "Frau Dr. Beispiel", "Müller-Lüdenscheidt, Jörg"},
        emails={"anna@example.invalid"},
        ids={"abeispiel"},
    )
    assert scrubber.text("Gruß, Anna  Beispiel!") == "Gruß, ehemaliges Mitglied!"
    assert scrubber.text("anna beispiel") == "ehemaliges Mitglied"
    assert scrubber.text("Annabeispiel und Anna Beispielhaft") == "Annabeispiel und Anna Beispielhaft"
    assert scrubber.text("<p>Frau Dr.&nbsp;Beispiel</p>") == "<p>ehemaliges Mitglied</p>"
    assert scrubber.text("Müller-Lüdenscheidt, Jörg") == "ehemaliges Mitglied"
    assert scrubber.text("mailto:anna@example.invalid.") == "mailto:[entfernt]."
    assert scrubber.text("hanna@example.invalid") == "hanna@example.invalid"
    assert scrubber.text("/author/abeispiel") == "/author/[entfernt]"
    assert scrubber.text("abeispiel2") == "abeispiel2"
    # Ids are matched as written: "koch" is an id, "Koch" may be a word.
    assert scrubber.text("Abeispiel") == "Abeispiel"
    quote = "<blockquote><p><strong>Anna Beispiel</strong>:</p><p>Anna Beispiel hat recht.</p></blockquote>"
    assert scrubber.attribution(quote) == (
        "<blockquote><p><strong>ehemaliges Mitglied</strong>:</p><p>Anna Beispiel hat recht.</p></blockquote>"
    )


def test_many_records_are_fast(net):
    """A member with 400 posts and a site with 60 proposals: collecting and anonymising stay quick (the
    catalog finds the posts; nothing else is woken). The posts are in her thread, whose id has her
    name: renaming it makes Plone reindex every post in it at its new path, which is most of the time
    spent (about 20 ms a post here, against 5 ms for anonymising a post in place)."""
    with api.env.adopt_user(username=USER):
        for index in range(400):
            add_as_member(net.thread, "Post", text=rich(f"<p>Beitrag {index}</p>"))
    for index in range(60):
        api.content.create(container=net.region, type="ExchangeProposal", title=f"Vorschlag {index}")
    api.portal.get_tool("portal_catalog").unrestrictedSearchResults()  # index the queue now

    started = time.perf_counter()
    data = privacy.collect_user_data(USER)
    collected = time.perf_counter() - started
    assert len(data["posts"]) == 401

    started = time.perf_counter()
    report = privacy.anonymise_representative(net.record)
    api.portal.get_tool("portal_catalog").unrestrictedSearchResults()
    anonymised = time.perf_counter() - started
    assert report["content"] == 403
    assert report["renamed"] == 1
    print(f"\ncollect_user_data, 401 posts: {collected:.2f}s; anonymise_representative: {anonymised:.2f}s")
    # Generous bounds (the suite may share the machine): they catch a walk over the whole site.
    assert collected < 10
    assert anonymised < 90
