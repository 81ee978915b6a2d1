"""The demo region (profile ``regionaustausch:demo``): creates what :mod:`regionaustausch.demo_data`
describes, with Manager rights whoever applies the profile (``make start``, the ZMI, a script).

Applying the profile again creates what is missing and nothing else: every object has an explicit id,
and an object that exists under its id is left exactly as it is, so what an editor changed (a title,
a representative's party, a resolution's status) stays changed, and what an editor deleted comes back.
An object under a demo id that has another type is not touched either; its demo content is skipped
with a warning in the log.

Workflows: nothing is transitioned yet; every object stays in its workflow's initial state. An object
whose container may not hold it in that state (the proposal workflow plans meetings only in accepted
proposals) is not created; the log says so and :attr:`DemoBuilder.deferred` lists it. Every object is
created by :meth:`DemoBuilder._create`, the one place where the demo states can be applied later.
"""

from plone import api
from plone.app.textfield.value import RichTextValue
from regionaustausch import demo_data
import datetime
import logging
import pytz


logger = logging.getLogger("regionaustausch.demo")

PROFILE_ID = "regionaustausch:demo"
TIMEZONE = "Europe/Berlin"


def rich_text(html):
    return RichTextValue(html, "text/html", "text/x-html-safe")


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


class DemoBuilder:
    """Creates the demo content below a container (the site), counting what it created and found."""

    def __init__(self, container):
        self.container = container
        self.created = []
        self.existing = 0
        self.deferred = []
        self.municipality_uids = {}

    def _create(self, container, portal_type, id, **fields):
        """The object ``id`` in ``container``: created with ``fields`` when it is missing, as it is
        otherwise; ``None`` when something of another type has the id, or when the container may not
        hold the type in its current workflow state (then its path is in :attr:`deferred`)."""
        existing = container.get(id)
        if existing is not None:
            if existing.portal_type != portal_type:
                logger.warning(
                    "demo: %s is a %s, not a %s; its demo content is skipped",
                    "/".join(existing.getPhysicalPath()),
                    existing.portal_type,
                    portal_type,
                )
                return None
            self.existing += 1
            return existing
        if not api.portal.get_tool("portal_types").getTypeInfo(portal_type).isConstructionAllowed(container):
            # The container's workflow state does not allow it yet (a meeting is planned only in an
            # accepted proposal): not an error, but said, and listed for the caller.
            path = "/".join((*container.getPhysicalPath(), id))
            review_state = api.content.get_state(container, default=None)
            logger.info(
                "demo: %s (%s) not created: its container may not hold a %s in the state %s",
                path,
                portal_type,
                portal_type,
                review_state,
            )
            self.deferred.append(path)
            return None
        # What plone.api.content.create does with an explicit id; called directly because its
        # decorators take the keyword "function" for themselves (a Representative's field).
        container.invokeFactory(portal_type, id, **fields)
        obj = container[id]
        self.created.append(obj)
        return obj

    def build(self):
        region = self.region()
        if region is None:
            return
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
            self._create(
                municipality,
                "Representative",
                representative["id"],
                description=demo_data.EXAMPLE_MARK,
                **fields,
            )

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
        for thread_spec in spec["threads"]:
            thread = self._create(
                forum,
                "Thread",
                thread_spec["id"],
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
                    text=rich_text(post["text"]),
                    in_reply_to=api.content.get_uuid(reply_to) if reply_to is not None else None,
                )

    def proposal(self, region, spec):
        municipalities = [self.uid(region, name) for name in spec["municipalities"]]
        lead = spec["lead_organiser"]
        if lead is not None and lead not in region.partners:
            lead = self.uid(region, lead)
        proposal = self._create(
            region,
            "ExchangeProposal",
            spec["id"],
            title=spec["title"],
            description=spec["description"],
            text=rich_text(spec["text"]),
            format=spec["format"],
            topics=list(spec["topics"]),
            lead_organiser=lead,
            required_resolutions=[dict(row) for row in spec["required_resolutions"]],
            municipalities=[uid for uid in municipalities if uid],
        )
        if proposal is None:
            return
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


def create_demo_content(site):
    """Create the missing demo content in ``site``; returns the :class:`DemoBuilder` with its counts."""
    builder = DemoBuilder(site)
    with api.env.adopt_roles(["Manager"]):
        builder.build()
    logger.info(
        "demo region: %d objects created, %d were there already, %d not yet possible",
        len(builder.created),
        builder.existing,
        len(builder.deferred),
    )
    return builder


def post_handler(setup_tool):
    """GenericSetup's post_handler of ``regionaustausch:demo`` (called with portal_setup)."""
    create_demo_content(api.portal.get())
