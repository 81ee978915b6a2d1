"""The dashboard of a Region: its member municipalities with their active representatives, the open
proposals with their progress toward the quorum, the most recently active discussions and the next
meetings, with links into the directory (and, for moderators, to the moderation queue).

Everything comes from :func:`regionaustausch.network.network_overview`, the function the REST API's
``@network`` answers with: the counts, the quorum and what is missing are computed there, as the
current user may see them; this view only arranges them.
"""

from plone import api
from regionaustausch import _
from regionaustausch.browser.base import RegionaustauschView
from regionaustausch.browser.base import in_local_zone
from regionaustausch.network import network_overview
from regionaustausch.permissions import MODERATE
from urllib.parse import urlencode


#: The proposals the dashboard calls open, in this order: those members can support now, and those
#: waiting for the editors to open the discussion (only who may see them finds them).
OPEN_STATES = ("discussion", "submitted")


def directory_url(region, **filters):
    """The URL of the Region's directory, filtered (``municipality``, ``topic``, ...) where given."""
    query = urlencode({key: value for key, value in filters.items() if value}, doseq=True)
    url = f"{region.absolute_url()}/@@directory"
    return f"{url}?{query}" if query else url


def count_label(count, singular, plural):
    """A count with its noun: ``_(singular)`` for 1, else ``_(plural)``, both with ``${count}``."""
    return _(singular if count == 1 else plural, mapping={"count": count})


class RegionView(RegionaustauschView):
    def __call__(self):
        self.overview = network_overview(self.context, self.request)
        return self.index()

    # -- links --------------------------------------------------------------------------------------

    def directory_url(self, **filters):
        return directory_url(self.context, **filters)

    def can_moderate(self):
        return api.user.has_permission(MODERATE, obj=self.context)

    def quorum_text(self):
        quorum = self.overview["region"]["quorum"]
        return self.translate(
            _(
                "A proposal can be accepted once it has ${supports} supports from ${municipalities} "
                "different municipalities.",
                mapping={"supports": quorum["supports"], "municipalities": quorum["municipalities"]},
            )
        )

    # -- the parts ----------------------------------------------------------------------------------

    def municipalities(self):
        result = []
        for item in self.overview["municipalities"]:
            count = item["representatives"]
            result.append(
                {
                    **item,
                    "kind_title": item["kind"]["title"] if item["kind"] else None,
                    "directory_url": self.directory_url(municipality=item["UID"]),
                    "count_text": self.translate(
                        count_label(count, "${count} representative", "${count} representatives")
                    ),
                    "count_context": self.translate(
                        _("of ${municipality} in the directory", mapping={"municipality": item["title"]})
                    ),
                }
            )
        return result

    def representatives_total_text(self):
        total = self.overview["representatives_total"]
        return self.translate(
            count_label(
                total,
                "${count} active representative in the directory",
                "${count} active representatives in the directory",
            )
        )

    def proposal_groups(self):
        """The open proposals by state, each with its two progress bars and what is missing."""
        totals = {state["token"]: state for state in self.overview["proposal_states"]}
        groups = []
        for state in OPEN_STATES:
            entries = self.overview["proposals"].get(state)
            if not entries:
                continue
            total = totals[state]["total"]
            groups.append(
                {
                    "token": state,
                    "title": totals[state]["title"],
                    "total": total,
                    "more": total - len(entries),
                    "more_text": self.translate(
                        _(
                            "${count} more proposals in this state are not listed here.",
                            mapping={"count": total - len(entries)},
                        )
                    ),
                    "entries": [self._proposal(entry) for entry in entries],
                }
            )
        return groups

    def _proposal(self, entry):
        quorum = entry["quorum"]
        bars = []
        for kind, label in (("supports", _("Supports")), ("municipalities", _("Municipalities"))):
            reached, needed = entry[kind], quorum[kind]
            bars.append(
                {
                    "id": f"ra-progress-{entry['UID']}-{kind}",
                    "label": self.translate(label),
                    "count": self.translate(
                        _("${reached} of ${max}", mapping={"reached": reached, "max": needed})
                    ),
                    "value": min(reached, needed),
                    "max": needed,
                }
            )
        return {
            **entry,
            "bars": bars,
            "status": self.translate(_("The quorum is met."))
            if quorum["met"]
            else " ".join(quorum["messages"]),
        }

    def time(self, value):
        """``(text, ISO 8601)`` of a point in time in the user's time zone, or ``(None, None)``."""
        value = in_local_zone(value, self.context)
        if value is None:
            return None, None
        return self.localized_time(value), value.isoformat()

    def threads(self):
        result = []
        for thread in self.overview["threads"]:
            text, value = self.time(thread["last_activity"])
            result.append(
                {
                    **thread,
                    "posts_text": self.translate(
                        count_label(thread["post_count"], "${count} post", "${count} posts")
                    ),
                    "last_activity_text": text,
                    "last_activity_iso": value,
                }
            )
        return result

    def meetings(self):
        result = []
        for meeting in self.overview["meetings"]:
            text, value = self.time(meeting["start"])
            result.append({**meeting, "start_text": text, "start_iso": value})
        return result
