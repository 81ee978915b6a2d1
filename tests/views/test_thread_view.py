"""The forum and thread views over HTTP: reading, replying with and without a quote, the CSRF check,
locked threads, moderation with a reason the author sees."""

from plone import api
import transaction


def refresh(obj):
    transaction.begin()
    obj._p_jar.sync()


def test_forum_lists_threads_with_counts(site, browse):
    page = browse().get(site["forum"].absolute_url())
    assert page.status_code == 200
    assert "Flächen an der A2" in page.text
    assert "ra-threads" in page.text


def test_anonymous_reads_public_thread_but_cannot_write(site, browse):
    page = browse().get(site["thread"].absolute_url())
    assert page.status_code == 200
    assert "Wer hat Flächen?" in page.text
    assert 'action="' + site["thread"].absolute_url() + '/@@reply"' not in page.text


def test_anonymous_cannot_read_internal_forum(site, browse):
    page = browse().get(site["internal"].absolute_url(), allow_redirects=False)
    assert page.status_code in (302, 401, 403)


def test_member_replies_sanitised(site, browse):
    anna = browse("anna")
    url = site["thread"].absolute_url()
    response = anna.post(
        f"{url}/@@reply",
        data={
            "text": '<p onclick="x()">Wir haben 20 ha.<script>alert(1)</script></p>',
            "_authenticator": anna.token(url),
        },
    )
    assert response.status_code == 200
    page = anna.get(url).text
    assert "Wir haben 20 ha." in page
    assert "alert(1)" not in page
    assert "Anna Beispiel" in page
    assert "Stadt Braunschweig" in page


def test_reply_without_csrf_token_is_refused(site, browse):
    response = browse("anna").post(f"{site['thread'].absolute_url()}/@@reply", data={"text": "<p>Hallo</p>"})
    assert response.status_code == 403
    refresh(site["portal"])
    assert len(site["portal"]["region"]["forum"]["thread"].objectIds()) == 0


def test_empty_reply_shows_the_error_and_stores_nothing(site, browse):
    anna = browse("anna")
    url = site["thread"].absolute_url()
    response = anna.post(f"{url}/@@reply", data={"text": "   ", "_authenticator": anna.token(url)})
    assert response.status_code == 400
    assert "invalid-feedback" in response.text
    refresh(site["portal"])
    assert len(site["portal"]["region"]["forum"]["thread"].objectIds()) == 0


def test_reply_with_quote(site, browse):
    anna, jonas = browse("anna"), browse("jonas")
    url = site["thread"].absolute_url()
    anna.post(f"{url}/@@reply", data={"text": "<p>Erster Beitrag</p>", "_authenticator": anna.token(url)})
    refresh(site["portal"])
    [post] = site["portal"]["region"]["forum"]["thread"].objectValues()
    form = jonas.get(f"{url}?reply_to={post.UID()}&quote=1").text
    assert "&lt;blockquote&gt;" in form  # the quote is in the textarea, escaped
    assert f'name="in_reply_to" value="{post.UID()}"' in form
    response = jonas.post(
        f"{url}/@@reply",
        data={
            "text": "<blockquote><p>Erster Beitrag</p></blockquote><p>Antwort</p>",
            "in_reply_to": post.UID(),
            "_authenticator": jonas.token(url),
        },
    )
    assert response.status_code == 200
    refresh(site["portal"])
    replies = [p for p in site["portal"]["region"]["forum"]["thread"].objectValues() if p.in_reply_to]
    assert [reply.in_reply_to for reply in replies] == [post.UID()]


def test_outsider_sees_why_not(site, browse):
    page = browse("outsider").get(site["thread"].absolute_url()).text
    assert "@@reply" not in page
    assert "network members" in page or "Netzwerkmitglieder" in page


def test_locked_thread_says_so(site, browse):
    with api.env.adopt_roles(["Manager"]):
        api.content.transition(obj=site["thread"], transition="lock")
    transaction.commit()
    page = browse("anna").get(site["thread"].absolute_url()).text
    assert "ra-state-locked" in page
    assert "@@reply" not in page


def test_moderator_hides_with_reason_and_author_sees_it(site, browse):
    anna, moderator = browse("anna"), browse("moderator")
    url = site["thread"].absolute_url()
    anna.post(f"{url}/@@reply", data={"text": "<p>Werbung!</p>", "_authenticator": anna.token(url)})
    refresh(site["portal"])
    [post] = site["portal"]["region"]["forum"]["thread"].objectValues()
    response = moderator.post(
        f"{post.absolute_url()}/@@moderate",
        data={"transition": "hide", "reason": "Bitte keine Werbung.", "_authenticator": moderator.token(url)},
    )
    assert response.status_code == 200
    refresh(site["portal"])
    assert api.content.get_state(site["portal"]["region"]["forum"]["thread"][post.getId()]) == "hidden"
    assert "Bitte keine Werbung." in anna.get(url).text
    assert "Werbung!" not in browse("jonas").get(url).text
    assert "Werbung!" not in browse().get(url).text
    queue = moderator.get(f"{site['region'].absolute_url()}/@@moderation")
    assert queue.status_code == 200
    assert "Re: Flächen an der A2" in queue.text


def test_hide_without_csrf_token_is_refused(site, browse):
    anna, moderator = browse("anna"), browse("moderator")
    url = site["thread"].absolute_url()
    anna.post(f"{url}/@@reply", data={"text": "<p>Text</p>", "_authenticator": anna.token(url)})
    refresh(site["portal"])
    [post] = site["portal"]["region"]["forum"]["thread"].objectValues()
    response = moderator.post(f"{post.absolute_url()}/@@moderate", data={"transition": "hide", "reason": "x"})
    assert response.status_code == 403


def test_members_cannot_moderate(site, browse):
    anna, jonas = browse("anna"), browse("jonas")
    url = site["thread"].absolute_url()
    anna.post(f"{url}/@@reply", data={"text": "<p>Text</p>", "_authenticator": anna.token(url)})
    refresh(site["portal"])
    [post] = site["portal"]["region"]["forum"]["thread"].objectValues()
    response = jonas.post(
        f"{post.absolute_url()}/@@moderate",
        data={"transition": "hide", "reason": "x", "_authenticator": jonas.token(url)},
        allow_redirects=False,
    )
    assert response.status_code in (302, 401, 403)
    refresh(site["portal"])
    assert api.content.get_state(post) == "published"


def test_hidden_post_cannot_be_quoted(site, browse):
    anna, moderator = browse("anna"), browse("moderator")
    url = site["thread"].absolute_url()
    anna.post(f"{url}/@@reply", data={"text": "<p>Geheimer Text</p>", "_authenticator": anna.token(url)})
    refresh(site["portal"])
    [post] = site["portal"]["region"]["forum"]["thread"].objectValues()
    moderator.post(
        f"{post.absolute_url()}/@@moderate",
        data={"transition": "hide", "reason": "Vertraulich.", "_authenticator": moderator.token(url)},
    )
    page = anna.get(f"{url}?reply_to={post.UID()}&quote=1").text
    assert "Geheimer Text" not in page.split('id="ra-reply"', 1)[1]


def test_reply_to_a_post_on_an_earlier_page_links_there(site, browse):
    """With more than 50 posts, a reply's "in reply to" link leads to the page that shows the post."""
    from regionaustausch.discussions import add_post

    thread = site["portal"]["region"]["forum"]["thread"]
    with api.env.adopt_user(username="anna"):
        first = add_post(thread, "<p>Der erste Beitrag</p>")
        for number in range(50):
            add_post(thread, f"<p>Beitrag {number}</p>")
        add_post(thread, "<p>Antwort auf den ersten</p>", in_reply_to=first.UID())
    transaction.commit()
    page = browse("anna").get(f"{site['thread'].absolute_url()}?b_start:int=50").text
    assert f"?b_start:int=0#ra-post-{first.UID()}" in page
    assert f'id="ra-post-{first.UID()}"' in browse("anna").get(site["thread"].absolute_url()).text


def test_many_reply_links_to_earlier_pages_scan_the_thread_once(site, browse, monkeypatch):
    """Where each linked post's page starts is computed once per page rendered, not once per link."""
    from regionaustausch.browser import thread as thread_view
    from regionaustausch.discussions import add_post

    thread = site["portal"]["region"]["forum"]["thread"]
    with api.env.adopt_user(username="anna"):
        earlier = [add_post(thread, f"<p>Früher {number}</p>") for number in range(50)]
        for post in earlier[:5]:
            add_post(thread, "<p>Antwort</p>", in_reply_to=post.UID())
    transaction.commit()
    scans = []
    real = thread_view.post_page_starts

    def counted(*args, **kwargs):
        scans.append(args)
        return real(*args, **kwargs)

    monkeypatch.setattr(thread_view, "post_page_starts", counted)
    page = browse("anna").get(f"{site['thread'].absolute_url()}?b_start:int=50").text
    for post in earlier[:5]:
        assert f"?b_start:int=0#ra-post-{post.UID()}" in page
    assert len(scans) == 1


def test_a_new_thread_in_a_premoderated_forum_waits_for_a_moderator(site, browse):
    with api.env.adopt_roles(["Manager"]):
        forum = api.content.create(
            container=site["region"], type="Forum", id="premod", title="Moderiert", premoderation=True
        )
    with api.env.adopt_user(username="anna"):
        thread = api.content.create(
            container=forum, type="Thread", id="neu", title="Neue Frage", text="<p>Wer weiß es?</p>"
        )
    transaction.commit()
    url = thread.absolute_url()
    anna, jonas, moderator = browse("anna"), browse("jonas"), browse("moderator")

    page = anna.get(url).text
    assert "ra-state-pending" in page
    assert "@@reply" not in page
    assert jonas.get(url, allow_redirects=False).status_code in (302, 401, 403)
    assert "Neue Frage" not in jonas.get(forum.absolute_url()).text
    assert "Neue Frage" in moderator.get(f"{site['region'].absolute_url()}/@@moderation").text
    assert "ra-state-pending" in moderator.get(forum.absolute_url()).text

    response = moderator.post(
        f"{url}/@@moderate", data={"transition": "publish", "_authenticator": moderator.token(url)}
    )
    assert response.status_code == 200
    refresh(site["portal"])
    assert api.content.get_state(thread) == "open"
    page = jonas.get(url).text
    assert "Wer weiß es?" in page
    assert f'action="{url}/@@reply"' in page


def test_a_moderator_hides_a_thread_with_a_reason_its_writer_reads(site, browse):
    with api.env.adopt_user(username="anna"):
        thread = api.content.create(
            container=site["forum"], type="Thread", id="werbung", title="Werbung", text="<p>Kaufen!</p>"
        )
    transaction.commit()
    url = thread.absolute_url()
    anna, moderator = browse("anna"), browse("moderator")
    response = moderator.post(
        f"{url}/@@moderate",
        data={"transition": "hide", "reason": "Bitte keine Werbung.", "_authenticator": moderator.token(url)},
    )
    assert response.status_code == 200
    refresh(site["portal"])
    assert api.content.get_state(thread) == "hidden"
    assert "Bitte keine Werbung." in anna.get(url).text
    assert browse().get(url, allow_redirects=False).status_code in (302, 401, 403)
    restored = moderator.post(
        f"{url}/@@moderate", data={"transition": "restore", "_authenticator": moderator.token(url)}
    )
    assert restored.status_code == 200
    refresh(site["portal"])
    assert api.content.get_state(thread) == "open"
    assert "Kaufen!" in browse().get(url).text
