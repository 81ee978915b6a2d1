"""The demo region (profile ``regionaustausch:demo``): creates what :mod:`regionaustausch.demo_data`
describes and brings it to life through the real workflows, with Manager rights whoever applies the
profile (``make start``, the ZMI, a script).

A living network, for trying the add-on locally (the profile's description says "nicht für den
Betrieb"; ``make start`` binds 127.0.0.1):

- **Demo users**: one or two example representatives per municipality get a user account
  (:data:`DEMO_LOGINS`, e.g. ``anna.beispiel``): the record's ``user_id`` as id, its ``.invalid``
  e-mail address and its name. The password is the environment variable ``DEMO_PASSWORD`` when it is
  set, otherwise :data:`DEFAULT_PASSWORD` (``Beispiel-2026!``). An account that exists is left as it is
  (its password is never reset).
- **States**, reached by workflow transitions, never by setting a state: every example representative
  is approved (``active``), which makes the demo users network members of the Region; the forum
  "Gewerbeflächen und Ansiedlung" is ``public``, "Fachkräfte und Pendler" stays ``internal``; threads
  stay open; posts are published by the post workflow itself (the forums do not pre-moderate).
- **Authors**: threads, posts and proposals are written by demo users, as the user (so they own them).
- **Forms**: the Region's join form ("Mitmachen") and each meeting's registration form, which the
  add-on makes with every Region and meeting (regionaustausch.forms); a demo region made before gets
  its join form when the profile is applied again.
- **Proposals**: "Regionale Vernetzung …" is submitted and opened for discussion, and supported by 3
  members from 2 municipalities: the quorum (5 from 3) is not met and no lead organiser is named,
  which is just the open question of the inquiry 22-18940. The second proposal is opened, supported by 5
  members from 4 municipalities and accepted (Wolfsburg leads); then its meeting is planned.

Applying the profile again creates what is missing and nothing else: every object has an explicit id,
and an object that exists under its id is left exactly as it is, so what an editor changed (a title,
a representative's party, a resolution's status) stays changed, and what an editor deleted comes back.
An object under a demo id that has another type is not touched either; its demo content is skipped
with a warning in the log.

Transitions follow the same rule (:meth:`ContentBuilder._advance`, regionaustausch.demo_builder): an
object is moved forward only along the demo's path (:data:`WORKFLOW_PATHS`), from a state before its
demo state, and only when no one has ever taken it off that path (its workflow history has no other
transition): a retired representative, a forum made internal again, a rejected proposal stay as an
editor left them. Supports are given in the
run that opens a proposal's discussion, so a demo user who withdraws later stays withdrawn. A
transition that the workflow refuses (``accept`` without the quorum) is logged and the object stays
where it is. An object whose container may not hold it in its state (meetings are planned only in
accepted proposals) is not created; the log says so and :attr:`ContentBuilder.deferred` lists it.

Every object is created by :meth:`ContentBuilder._create` and transitioned by
:meth:`ContentBuilder._advance`.
"""

from plone import api
from plone.app.textfield.value import RichTextValue
from regionaustausch import demo_data
from regionaustausch.demo_builder import ContentBuilder
from regionaustausch.demo_builder import acting_as
from regionaustausch.demo_builder import path_of
from regionaustausch.domain.names import representative_title
from regionaustausch.domain.supports import SupportRefused
from regionaustausch.forms.join import ensure_join_form
from regionaustausch.supports import SUPPORT_INDEXES
from regionaustausch.supports import add_support
import datetime
import logging
import os
import pytz


logger = logging.getLogger("regionaustausch.demo")

PROFILE_ID = "regionaustausch:demo"
TIMEZONE = "Europe/Berlin"

#: The environment variable with the password of new demo users, and the documented default.
PASSWORD_VARIABLE = "DEMO_PASSWORD"
DEFAULT_PASSWORD = "Beispiel-2026!"
#: The demo users' ids, which are also their login names (``anna.beispiel``, ...).
DEMO_LOGINS = demo_data.DEMO_LOGINS

#: The way the demo takes through each workflow: ``(state, transition, next state)`` in order.
WORKFLOW_PATHS = {
    "Representative": (("pending", "approve", "active"),),
    "Forum": (("internal", "publish", "public"),),
    "ExchangeProposal": (
        ("draft", "submit", "submitted"),
        ("submitted", "open_discussion", "discussion"),
        ("discussion", "accept", "accepted"),
    ),
}
#: Where supports are given on the way (domain.supports: only in discussion).
SUPPORT_STATE = "discussion"


def rich_text(html):
    return RichTextValue(html, "text/html", "text/x-html-safe")


def demo_password():
    """The password for new demo users: ``$DEMO_PASSWORD``, or :data:`DEFAULT_PASSWORD`."""
    return os.environ.get(PASSWORD_VARIABLE) or DEFAULT_PASSWORD


def upcoming_meeting_times(spec, today=None):
    """Start and end of a demo meeting: ``weeks_ahead`` weeks from ``today``, on the next ``weekday``
    from there, at ``start_time`` in Europe/Berlin (timezone-aware, as plone.app.event stores them)."""
    today = today or datetime.datetime.now(pytz.timezone(TIMEZONE)).date()
    day = today + datetime.timedelta(weeks=spec["weeks_ahead"])
    day += datetime.timedelta(days=(spec["weekday"] - day.weekday()) % 7)
    start = pytz.timezone(TIMEZONE).localize(datetime.datetime.combine(day, spec["start_time"]))
    # normalize(): a meeting that runs across a change of daylight saving time keeps the right offset
    end = pytz.timezone(TIMEZONE).normalize(start + spec["duration"])
    return start, end


class DemoBuilder(ContentBuilder):
    """Creates the demo content below a container (the site), counting what it created and found,
    and brings it to its demo states."""

    paths = WORKFLOW_PATHS

    def __init__(self, container):
        super().__init__(container)
        self.municipality_uids = {}
        #: user ids of the demo accounts created in this run
        self.users_created = []
        #: ``(path, user id)`` of every support given in this run
        self.supports = []

    def build(self):
        region = self.region()
        if region is None:
            return
        # made with a new Region already (regionaustausch.forms); a demo region of before gets it here
        ensure_join_form(region)
        self.users()
        for spec in demo_data.MUNICIPALITIES:
            self.municipality(region, spec)
        for spec in demo_data.FORUMS:
            self.forum(region, spec)
        for spec in demo_data.PROPOSALS:
            self.proposal(region, spec)

    def region(self):
        spec = demo_data.REGION
        return self._create(
            self.container,
            "Region",
            spec["id"],
            title=spec["title"],
            description=spec["description"],
            quorum_supports=spec["quorum_supports"],
            quorum_municipalities=spec["quorum_municipalities"],
            partners=list(spec["partners"]),
        )

    def users(self):
        """The demo users' accounts: created when missing, never changed when there."""
        password = demo_password()
        for municipality in demo_data.MUNICIPALITIES:
            for person in municipality["representatives"]:
                if person.get("user_id"):
                    self.user(person, password)

    def user(self, person, password):
        user_id = person["user_id"]
        if self._user(user_id) is not None:
            return
        fullname = representative_title(
            None, person.get("academic_title"), person["first_name"], person["last_name"]
        )
        try:
            user = api.user.create(
                email=person["email"],
                username=user_id,
                password=password,
                properties={"fullname": fullname},
            )
        except ValueError as error:  # the site's password policy, or a login name in use
            raise ValueError(f"demo user {user_id!r} not created ({PASSWORD_VARIABLE}?): {error}") from error
        if user.getId() != user_id:
            # The site makes up its own user ids (use_uuid_as_userid): the records name no one.
            logger.warning(
                "demo: the user %r got the id %r; the demo record does not name it", user_id, user.getId()
            )
        self.users_created.append(user_id)

    def municipality(self, region, spec):
        fields = {key: value for key, value in spec.items() if key not in ("id", "representatives")}
        municipality = self._create(region, "Municipality", spec["id"], **fields)
        if municipality is None:
            return
        self.municipality_uids[spec["id"]] = api.content.get_uuid(municipality)
        for representative in spec["representatives"]:
            fields = {key: value for key, value in representative.items() if key != "id"}
            fields["committees"] = list(fields.get("committees", ()))
            fields["topics"] = list(fields.get("topics", ()))
            record = self._create(
                municipality,
                "Representative",
                representative["id"],
                description=demo_data.EXAMPLE_MARK,
                **fields,
            )
            if record is not None:
                # Approving puts the user the record names into the Region's members group.
                self._advance(record, demo_data.REPRESENTATIVE_STATE)

    def uid(self, region, municipality_id):
        """The UID of the demo municipality ``municipality_id`` (also when it was there before)."""
        if municipality_id not in self.municipality_uids:
            municipality = region.get(municipality_id)
            if municipality is None or municipality.portal_type != "Municipality":
                return None
            self.municipality_uids[municipality_id] = api.content.get_uuid(municipality)
        return self.municipality_uids[municipality_id]

    def forum(self, region, spec):
        forum = self._create(
            region,
            "Forum",
            spec["id"],
            title=spec["title"],
            description=spec["description"],
            topics=list(spec["topics"]),
            premoderation=spec["premoderation"],
        )
        if forum is None:
            return
        self._advance(forum, spec["state"])
        for thread_spec in spec["threads"]:
            thread = self._create(
                forum,
                "Thread",
                thread_spec["id"],
                author=thread_spec.get("author"),
                title=thread_spec["title"],
                text=rich_text(thread_spec["text"]),
                pinned=thread_spec.get("pinned", False),
            )
            if thread is None:
                continue
            for post in thread_spec["posts"]:
                reply_to = thread.get(post.get("in_reply_to") or "")
                self._create(
                    thread,
                    "Post",
                    post["id"],
                    author=post.get("author"),
                    text=rich_text(post["text"]),
                    in_reply_to=api.content.get_uuid(reply_to) if reply_to is not None else None,
                )

    def resolution(self, region, row):
        """A row of the demo's required resolutions as the schema has it (the municipality's UID)."""
        return {
            "status_date": None,
            "url": "",
            **row,
            "municipality": self.uid(region, row["municipality"]),
        }

    def proposal(self, region, spec):
        municipalities = [self.uid(region, name) for name in spec["municipalities"]]
        lead = spec["lead_organiser"]
        if lead is not None and lead not in region.partners:
            lead = self.uid(region, lead)
        proposal = self._create(
            region,
            "ExchangeProposal",
            spec["id"],
            author=spec.get("author"),
            title=spec["title"],
            description=spec["description"],
            text=rich_text(spec["text"]),
            format=spec["format"],
            topics=list(spec["topics"]),
            lead_organiser=lead,
            required_resolutions=[self.resolution(region, row) for row in spec["required_resolutions"]],
            municipalities=[uid for uid in municipalities if uid],
        )
        if proposal is None:
            return
        supporters = spec.get("supporters", ())
        self._advance(
            proposal, spec["state"], on_arrival={SUPPORT_STATE: lambda obj: self.support(obj, supporters)}
        )
        for meeting in spec["meetings"]:
            start, end = upcoming_meeting_times(meeting)
            self._create(
                proposal,
                "Meeting",
                meeting["id"],
                title=meeting["title"],
                description=meeting["description"],
                start=start,
                end=end,
                location=meeting["location"],
                contact_name=meeting["contact_name"],
                contact_email=meeting["contact_email"],
                host_municipality=self.uid(region, meeting["host_municipality"]),
                capacity=meeting["capacity"],
                agenda=rich_text(meeting["agenda"]),
            )

    def support(self, proposal, user_ids):
        """Each of ``user_ids`` supports ``proposal``, as that user (as they would over the web)."""
        for user_id in user_ids:
            user = self._user(user_id)
            if user is None:
                logger.warning("demo: no user %r to support %s", user_id, path_of(proposal))
                continue
            try:
                with acting_as(user):
                    add_support(proposal)
            except SupportRefused as refusal:
                logger.warning("demo: %s may not support %s: %s", user_id, path_of(proposal), refusal)
                continue
            self.supports.append((path_of(proposal), user_id))
        # supports.add_support updates the catalog after the commit (deferred_reindex); the demo's
        # listings are right at once, also in a transaction that is never committed (tests).
        proposal.reindexObject(idxs=list(SUPPORT_INDEXES))


def create_demo_content(site):
    """Create the missing demo content in ``site`` and bring it to its demo states; returns the
    :class:`DemoBuilder` with its counts."""
    builder = DemoBuilder(site)
    with api.env.adopt_roles(["Manager"]):
        builder.build()
    logger.info(
        "demo region: %d objects created, %d were there already, %d not yet possible; "
        "%d users created, %d transitions, %d supports",
        len(builder.created),
        builder.existing,
        len(builder.deferred),
        len(builder.users_created),
        len(builder.transitions),
        len(builder.supports),
    )
    return builder


def post_handler(setup_tool):
    """GenericSetup's post_handler of ``regionaustausch:demo`` (called with portal_setup)."""
    create_demo_content(api.portal.get())
