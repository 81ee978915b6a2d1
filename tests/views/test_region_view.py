"""The Region's dashboard over HTTP: its municipalities with their active representatives (linking to
the municipality and to the directory filtered by it), the open proposals with progress bars toward the
Region's quorum and what is missing, the most recently active discussions, the upcoming meetings, and
the links to the directory and (for moderators) to the moderation queue; each as the caller may see it.
"""

from datetime import datetime
from datetime import timedelta
from plone import api
from regionaustausch.discussions import add_post
from regionaustausch.supports import add_support
import html
import pytest
import pytz
import re
import transaction


@pytest.fixture
def network(site):
    """The views' network (tests/views/conftest.py) in German, with a quorum of 2 supports from 2
    municipalities: the proposal in discussion has 1 support, a second one is accepted and has a
    meeting in a week, a third is submitted (editors only), the internal forum has a discussion."""
    api.portal.set_registry_record("plone.default_language", "de")
    api.portal.set_registry_record("plone.available_languages", ["de"])
    api.portal.set_registry_record("plone.portal_timezone", "Europe/Berlin")
    region = site["region"]
    with api.env.adopt_roles(["Manager"]):
        region.quorum_supports = 2
        region.quorum_municipalities = 2
        accepted = api.content.create(
            container=region,
            type="ExchangeProposal",
            id="accepted",
            title="Gewerbeflächenbörse",
            lead_organiser=region["bs"].UID(),
        )
        api.content.transition(obj=accepted, transition="submit")
        api.content.transition(obj=accepted, transition="open_discussion")
        submitted = api.content.create(
            container=region, type="ExchangeProposal", id="submitted", title="Pendlerportal"
        )
        api.content.transition(obj=submitted, transition="submit")
        api.content.create(
            container=site["internal"],
            type="Thread",
            id="vertraulich",
            title="Haushalt 2027",
            text="<p>Nur für das Netzwerk.</p>",
        )
    for user_id in ("anna", "jonas"):
        with api.env.adopt_user(username=user_id):
            add_support(accepted)
    with api.env.adopt_user(username="anna"):
        add_support(site["proposal"])
        add_post(site["thread"], "<p>Braunschweig hat 20 ha.</p>")
        add_post(site["thread"], "<p>Und noch 5 ha im Süden.</p>")
    with api.env.adopt_roles(["Manager"]):
        api.content.transition(obj=accepted, transition="accept")
        start = pytz.timezone("Europe/Berlin").localize(
            datetime.combine(datetime.now().date() + timedelta(days=7), datetime.min.time()).replace(hour=18)
        )
        api.content.create(
            container=accepted,
            type="Meeting",
            id="treffen",
            title="Erstes Austauschtreffen",
            start=start,
            end=start + timedelta(hours=2),
            location="Rathaus Peine",
        )
    transaction.commit()
    return {**site, "accepted": accepted, "submitted": submitted, "start": start}


def section(page, id):
    """The HTML of the dashboard's section ``id``."""
    match = re.search(rf'<section[^>]*id="{id}".*?</section>', page, re.S)
    assert match, f"no section {id}"
    return match.group(0)


def text_of(fragment):
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", fragment)).split())


def test_anonymous_sees_municipalities_with_counts_and_directory_links(network, browse):
    page = browse().get(network["region"].absolute_url())
    assert page.status_code == 200
    municipalities = section(page.text, "ra-municipalities")
    assert '<h2 id="ra-municipalities-heading">Mitgliedskommunen</h2>' in municipalities
    region_url = network["region"].absolute_url()
    for municipality in (network["region"]["bs"], network["region"]["pe"]):
        assert f'href="{municipality.absolute_url()}"' in municipalities
        assert f'href="{region_url}/@@directory?municipality={municipality.UID()}"' in municipalities
    text = text_of(municipalities)
    # sorted by title; each count a link that says where it goes
    assert text.index("Landkreis Peine") < text.index("Stadt Braunschweig")
    assert "1 Vertreter*in von Landkreis Peine im Verzeichnis" in text
    assert "1 Vertreter*in von Stadt Braunschweig im Verzeichnis" in text
    assert "2 aktive Vertreter*innen im Verzeichnis" in text
    assert f'id="ra-directory-link" href="{region_url}/@@directory"' in page.text


def test_open_proposals_show_progress_toward_the_quorum(network, browse):
    page = browse().get(network["region"].absolute_url()).text
    proposals = section(page, "ra-open-proposals")
    uid = network["proposal"].UID()
    text = text_of(proposals)
    assert "Ein Vorschlag kann angenommen werden, sobald er 2 Unterstützungen aus 2 verschiedenen" in text
    assert "In Diskussion (1)" in text
    # one <progress> per threshold, each named by its <label> (with the proposal's title)
    for kind, value in (("supports", 1), ("municipalities", 1)):
        bar = re.search(rf'<progress id="ra-progress-{uid}-{kind}"[^>]*>', proposals).group(0)
        assert 'max="2"' in bar
        assert f'value="{value}"' in bar
        assert f'<label for="ra-progress-{uid}-{kind}">' in proposals
    assert "Regionale Vernetzung, Unterstützungen: 1 von 2" in text
    assert "Regionale Vernetzung, Gebietskörperschaften: 1 von 2" in text
    assert "Für das Quorum fehlt noch 1 Unterstützung." in text
    assert "Für das Quorum fehlen noch Unterstützungen aus 1 weiteren Gebietskörperschaft." in text
    assert 'class="ra-badge ra-state-discussion"' in proposals
    # accepted proposals are no longer open; submitted ones are for the editors
    assert "Gewerbeflächenbörse" not in proposals
    assert "Pendlerportal" not in proposals


def test_editors_see_submitted_proposals(network, browse):
    page = browse("moderator").get(network["region"].absolute_url()).text
    proposals = section(page, "ra-open-proposals")
    text = text_of(proposals)
    assert "Eingereicht (1)" in text
    assert "Pendlerportal" in text
    assert text.index("In Diskussion") < text.index("Eingereicht")


def test_recent_threads_as_the_caller_may_see_them(network, browse):
    anonymous = section(browse().get(network["region"].absolute_url()).text, "ra-recent-threads")
    text = text_of(anonymous)
    assert "Flächen an der A2 im Forum Gewerbeflächen · 2 Beiträge · zuletzt aktiv" in text
    assert f'href="{network["thread"].absolute_url()}"' in anonymous
    assert f'href="{network["forum"].absolute_url()}"' in anonymous
    assert re.search(r'<time datetime="\d{4}-\d\d-\d\dT[^"]+">', anonymous)
    assert "Haushalt 2027" not in anonymous  # the internal forum is for the network
    member = text_of(section(browse("anna").get(network["region"].absolute_url()).text, "ra-recent-threads"))
    assert "Haushalt 2027 im Forum Intern · 0 Beiträge" in member
    # the most recently active first
    assert member.index("Haushalt 2027") < member.index("Flächen an der A2")


def test_upcoming_meetings_in_local_time(network, browse):
    meetings = section(browse().get(network["region"].absolute_url()).text, "ra-upcoming-meetings")
    text = text_of(meetings)
    start = network["start"]
    assert f"{start:%d.%m.%Y} 18:00" in text  # the site's time zone (the catalog keeps UTC)
    assert "Erstes Austauschtreffen" in text
    assert "Ort: Rathaus Peine" in text
    assert "Vorschlag: Gewerbeflächenbörse" in text
    assert f'href="{network["accepted"].absolute_url()}"' in meetings
    ics = f"{network['region'].absolute_url()}/ics_view"
    assert f'href="{ics}"' in meetings
    calendar = browse().get(ics)
    assert calendar.headers["Content-Type"].startswith("text/calendar")
    assert "Erstes Austauschtreffen" in calendar.text


def test_moderation_link_only_for_moderators(network, browse):
    url = network["region"].absolute_url()
    assert f'href="{url}/@@moderation"' in browse("moderator").get(url).text
    for user in (None, "outsider", "anna"):
        assert "@@moderation" not in browse(user).get(url).text


def test_empty_region(site, browse):
    with api.env.adopt_roles(["Manager"]):
        empty = api.content.create(container=site["portal"], type="Region", id="leer", title="Leer")
    transaction.commit()
    page = browse().get(empty.absolute_url())
    assert page.status_code == 200
    for section_id in ("ra-open-proposals", "ra-municipalities", "ra-recent-threads", "ra-upcoming-meetings"):
        assert f'id="{section_id}"' in page.text
    assert "<progress" not in page.text
