"""regionaustausch.privacy.anonymise in the integration layer: anonymising a former representative, and
that afterwards nothing in the objects or the catalog names the person."""

from Acquisition import aq_base
from plone import api
from plone.app.redirector.interfaces import IRedirectionStorage
from plone.app.testing import TEST_USER_ID
from plone.app.textfield.value import RichTextValue
from regionaustausch.membership import members_group_id
from regionaustausch.moderation import REASON_KEY
from regionaustausch.privacy.anonymise import ANONYMISED_KEY
from regionaustausch.privacy.anonymise import anonymise_representative
from regionaustausch.privacy.anonymise import is_anonymised
from regionaustausch.privacy.export import collect_user_data
from regionaustausch.privacy.refusals import AlreadyAnonymised
from regionaustausch.privacy.refusals import NotAllowedToAnonymise
from regionaustausch.privacy.refusals import NotFormer
from regionaustausch.privacy.refusals import OtherRecordNotAllowed
from regionaustausch.privacy.refusals import StillLinked
from regionaustausch.privacy.scrubber import ANONYMOUS_PRINCIPAL
from regionaustausch.supports import storage
from regionaustausch.user_tokens import user_token
from zope.annotation.interfaces import IAnnotations
from zope.component import getUtility
import pytest
import time


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


def test_anonymise(net):
    supports_before = storage(net.proposal).counts()
    old_path = "/".join(net.record.getPhysicalPath())
    old_thread_path = "/".join(net.thread.getPhysicalPath())
    assert net.thread.getId() == "frage-von-anna-beispiel"
    uid = api.content.get_uuid(net.record)
    group = members_group_id(net.region)

    report = anonymise_representative(net.record)

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
    assert is_anonymised(record)
    assert IAnnotations(record)[ANONYMISED_KEY]["by"] == TEST_USER_ID
    assert report["records"] == 1
    assert report["content"] == 3  # thread, her post, her proposal
    assert report["renamed"] == 1  # the thread: its id was made from a title with her name
    assert report["supports"] == 1
    assert report["moderation"] == 1
    assert report["attributions"] == 1
    assert report["history"] == 0  # she acted on nothing of others but the post she hid
    assert report["versions_purged"] == 0
    assert report["not_changed"] == []
    assert "Beispiel" not in repr(report)
    assert net.user not in repr(report)

    # The old URLs neither resolve nor redirect.
    redirects = getUtility(IRedirectionStorage)
    for path in (old_path, old_thread_path, f"{old_thread_path}/{net.post.getId()}"):
        assert net.portal.unrestrictedTraverse(path, None) is None
        assert path not in redirects
    assert list(net.forum.objectIds()) == ["frage-von-ehemaliges-mitglied"]

    # Posts and threads stay, under "ehemaliges Mitglied".
    thread, post = net.thread, net.post
    assert thread.listCreators() == (ANONYMOUS_PRINCIPAL,)
    assert post.Creator() == ANONYMOUS_PRINCIPAL
    assert thread.Title() == "Frage von ehemaliges Mitglied"
    assert "Viele Grüße, ehemaliges Mitglied ([entfernt])" in thread.text.raw
    assert "Busse fehlen" in post.text.raw
    assert net.user not in dict(post.get_local_roles())
    assert net.user not in dict(thread.get_local_roles())
    assert net.user not in dict(net.region.get_local_roles())
    assert post.getOwnerTuple()[1] != net.user
    for obj in (thread, post, net.rude, net.proposal, record):
        for entries in obj.workflow_history.values():
            for entry in entries:
                assert entry["actor"] != net.user
                assert "beispiel" not in (entry.get("comments") or "").lower()
    # Others' posts: the reply keeps its text, the quote's attribution no longer names her, and the
    # titles that follow the thread's title follow it.
    assert "<strong>ehemaliges Mitglied</strong>:" in net.reply.text.raw
    assert "Nach Wolfsburg." in net.reply.text.raw
    assert net.reply.Title() == "Re: Frage von ehemaliges Mitglied"
    assert net.reply.Creator() == "bwolf"
    # The moderation note.
    assert IAnnotations(net.rude)[REASON_KEY]["moderator"] == ANONYMOUS_PRINCIPAL
    # Supports: the same counts, no user id.
    assert storage(net.proposal).counts() == supports_before
    supporters = {record["user_id"] for record in storage(net.proposal).records()}
    assert net.user not in supporters
    assert "bwolf" in supporters
    assert len(supporters) == 2
    # The account is no longer in the network.
    assert net.user not in api.group.get(groupname=group).getGroupMemberIds()

    # Nothing she wrote, nothing about her and nothing she did stores her name, address or id.
    for obj in (record, thread, post, net.reply, net.rude, net.proposal, net.region, net.braunschweig):
        assert [secret for secret in net.secrets if secret in stored_texts(obj)] == [], obj

    # Nothing in the catalog names her any more: no index, no metadata column, no path.
    leaks = [
        (path, secret) for path, text in catalog_texts(net.portal) for secret in net.secrets if secret in text
    ]
    assert leaks == []
    catalog = api.portal.get_tool("portal_catalog")
    for query in (
        {"SearchableText": "Beispiel"},
        {"SearchableText": "Anna"},
        {"SearchableText": '"Anna Beispiel"'},
        {"SearchableText": net.record_email},
        {"Creator": net.user},
        {"representative_user_id": user_token(net.user)},
        {"allowedRolesAndUsers": f"user:{net.user}"},
        {"Title": "Beispiel"},
    ):
        assert len(catalog.unrestrictedSearchResults(**query)) == 0, query

    # And @my-data has nothing left to show for the account.
    data = collect_user_data(net.user)
    for key in ("representatives", "threads", "posts", "content", "supports", "moderation", "local_roles"):
        assert data[key] == [], key


def test_anonymise_reports_mentions_by_others(net):
    with api.env.adopt_user(username="bwolf"):
        mention = net.add_as_member(net.thread, "Post", text=net.rich("<p>Ich stimme Anna Beispiel zu.</p>"))
    report = anonymise_representative(net.record)
    # Others' words are theirs: the editors get the list to review, the text stays.
    assert report["not_changed"] == [{"@id": mention.absolute_url(), "what": "text"}]
    assert "Anna Beispiel" in mention.text.raw
    # Only the URLs of content she wrote and of her record changed.
    assert report["redirects_removed"] == 1 + 1 + 5  # the record, the thread and the 5 posts in it


def test_anonymise_a_record_without_account(net):
    api.content.transition(obj=net.wolf, transition="retire")
    net.wolf.user_id = None
    report = anonymise_representative(net.wolf)
    assert report["record"].Title() == "Ehemaliges Mitglied"
    assert report["content"] == report["supports"] == 0
    assert net.reply.Creator() == "bwolf"  # without an account nothing else can be tied to the record


def test_two_anonymised_records_get_distinct_ids(net):
    first = anonymise_representative(net.record)["record"]
    api.content.transition(obj=net.wolf, transition="retire")
    moved = api.content.move(source=net.wolf, target=net.braunschweig)
    second = anonymise_representative(moved)["record"]
    assert first.getId() == "ehemaliges-mitglied"
    assert second.getId() == "ehemaliges-mitglied-1"


def test_refusals(net):
    # Not former.
    api.content.transition(obj=net.wolf, transition="retire")
    api.content.transition(obj=net.wolf, transition="reactivate")
    with pytest.raises(NotFormer):
        anonymise_representative(net.wolf)

    # The same account still has a current record elsewhere.
    second = net.make_record(net.salzgitter, "Anna", "Beispiel", user_id=net.user)
    with pytest.raises(StillLinked) as refused:
        anonymise_representative(net.record)
    assert refused.value.mapping == {"count": 1}
    assert refused.value.http_status == 400

    # ... which, once former, is anonymised with it, if the caller may.
    api.content.transition(obj=second, transition="approve")
    api.content.transition(obj=second, transition="retire")
    api.user.create(username="editor-bs", email="editor@example.invalid", password=net.password)
    api.user.grant_roles(username="editor-bs", roles=["Editor"], obj=net.braunschweig)
    with api.env.adopt_user(username="editor-bs"):
        with pytest.raises(OtherRecordNotAllowed) as refused:
            anonymise_representative(net.record)
        assert refused.value.mapping == {"municipality": "Stadt Salzgitter"}
        assert refused.value.http_status == 403
        # An editor of Braunschweig may not anonymise a record in Salzgitter at all.
        with pytest.raises(NotAllowedToAnonymise):
            anonymise_representative(second)
    report = anonymise_representative(net.record)
    assert report["records"] == 2
    assert second.Title() == "Ehemaliges Mitglied"

    # Once is enough.
    with pytest.raises(AlreadyAnonymised) as refused:
        anonymise_representative(report["record"])
    assert refused.value.http_status == 409

    # A reviewer may see the record but not anonymise it.
    api.content.transition(obj=net.wolf, transition="retire")
    api.user.create(username="reviewer", email="reviewer@example.invalid", password=net.password)
    api.user.grant_roles(username="reviewer", roles=["Reviewer"], obj=net.region)
    with api.env.adopt_user(username="reviewer"), pytest.raises(NotAllowedToAnonymise):
        anonymise_representative(net.wolf)


def test_many_records_are_fast(net):
    """A member with 400 posts and a site with 60 proposals: collecting and anonymising stay quick (the
    catalog finds the posts; nothing else is woken). The posts are in her thread, whose id has her
    name: renaming it makes Plone reindex every post in it at its new path, which is most of the time
    spent (about 20 ms a post here, against 5 ms for anonymising a post in place)."""
    with api.env.adopt_user(username=net.user):
        for index in range(400):
            net.add_as_member(net.thread, "Post", text=net.rich(f"<p>Beitrag {index}</p>"))
    for index in range(60):
        api.content.create(container=net.region, type="ExchangeProposal", title=f"Vorschlag {index}")
    api.portal.get_tool("portal_catalog").unrestrictedSearchResults()  # index the queue now

    started = time.perf_counter()
    data = collect_user_data(net.user)
    collected = time.perf_counter() - started
    assert len(data["posts"]) == 401

    started = time.perf_counter()
    report = anonymise_representative(net.record)
    api.portal.get_tool("portal_catalog").unrestrictedSearchResults()
    anonymised = time.perf_counter() - started
    assert report["content"] == 403
    assert report["renamed"] == 1
    print(f"\ncollect_user_data, 401 posts: {collected:.2f}s; anonymise_representative: {anonymised:.2f}s")
    # Generous bounds (the suite may share the machine): they catch a walk over the whole site.
    assert collected < 10
    assert anonymised < 90
