"""The required resolutions of an exchange proposal over time: status changes, what is still open, and
what stands in the way of realising it.

The rows and their rules are domain.resolutions. A row's status is changed by an editor (edit form,
REST PATCH) or by the council information system (OParl). Either way the event
:class:`regionaustausch.events.ResolutionStatusChanged` is notified, and :func:`record_change` keeps the
change in the proposal's resolution history (an annotation), which the timeline reads:

* an edit: :func:`track_changes` (on ``IObjectModifiedEvent``) compares the rows with the statuses
  last recorded, dates each changed row (the date the editor gave, else today) and notifies the event
  with ``source="editor"``;
* OParl (regionaustausch.oparl) changes the row, notifies the event with ``source="oparl"`` and only
  then ``IObjectModifiedEvent``: the change is then recorded already, and the edit finds nothing new.

The municipality page lists the resolutions its council still has to take from the catalog: the index
``open_resolution_municipalities`` and the metadata ``open_resolutions`` (indexers.py).
"""

from datetime import datetime
from datetime import timezone
from persistent import Persistent
from persistent.list import PersistentList
from plone import api
from plone.app.event.base import localized_now
from regionaustausch.domain import resolutions as rules
from regionaustausch.events import ResolutionStatusChanged
from zope.annotation.interfaces import IAnnotations
from zope.event import notify
import datetime as dt


ANNOTATION_KEY = "regionaustausch.resolution_history"
#: The indexes that follow the rows' statuses.
INDEXES = ("open_resolution_municipalities",)
EDITOR = "editor"
OPARL = "oparl"


class ResolutionHistory(Persistent):
    """The recorded status changes of one proposal's rows (``entries``, oldest first) and the status
    and date last recorded per row (``known``: domain.resolutions.row_key -> ``(status, date)``)."""

    def __init__(self):
        self.entries = PersistentList()
        self.known = {}


def history(proposal, create=True):
    """The ResolutionHistory of ``proposal``; ``None`` when it has none and ``create`` is false."""
    annotations = IAnnotations(proposal)
    found = annotations.get(ANNOTATION_KEY)
    if found is None and create:
        found = annotations[ANNOTATION_KEY] = ResolutionHistory()
    return found


def rows_of(proposal):
    return list(getattr(proposal, "required_resolutions", None) or ())


def remember(proposal):
    """Take the rows' statuses as they are now as recorded (a new proposal, after an edit, an upgrade)."""
    history(proposal).known = {
        rules.row_key(row): (row.get("status") or rules.DEFAULT_STATUS, row.get("status_date"))
        for row in rows_of(proposal)
    }


def today(context):
    return localized_now(context).date()


def track_changes(proposal):
    """After an edit: date the rows whose status changed and notify ResolutionStatusChanged for each
    (``source="editor"``). Returns the changed rows."""
    store = history(proposal, create=False)
    if store is None:  # never tracked (made before 1001, or without its added event): start here
        remember(proposal)
        return []
    rows = rows_of(proposal)
    changes = rules.status_changes(store.known, rows)
    if changes:
        date = today(proposal)
        dated = {}
        for row, _old_status, old_date in changes:
            dated[id(row)] = rules.dated_change(row, old_date, date)
        rows = [dated.get(id(row), row) for row in rows]
        if any(dated[id(row)] != row for row, *_rest in changes):
            proposal.required_resolutions = rows
        for row, old_status, _old_date in changes:
            new = dated[id(row)]
            notify(ResolutionStatusChanged(proposal, new, old_status, new["status"], EDITOR))
    remember(proposal)
    return [dated[id(row)] for row, *_rest in changes] if changes else []


def _iso_date(value):
    if isinstance(value, datetime):
        return value.date().isoformat()
    return value.isoformat() if isinstance(value, dt.date) else value


def record_change(proposal, event):
    """Keep a status change (the event ResolutionStatusChanged) in the proposal's history, unless it is
    recorded already; reindex what follows the statuses. Returns the entry, or ``None``."""
    store = history(proposal)
    row = event.resolution
    key = rules.row_key(row)
    known_status, _known_date = store.known.get(key) or (None, None)
    if known_status == event.new_status:
        return None
    date = row.get("status_date") or today(proposal)
    entry = {
        "municipality": row.get("municipality") or None,
        "body": row.get("body") or "",
        "kind": row.get("kind"),
        "old_status": event.old_status,
        "new_status": event.new_status,
        "date": _iso_date(date),
        "recorded": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "source": event.source,
    }
    store.entries.append(entry)
    store.known = {**store.known, key: (event.new_status, row.get("status_date"))}
    proposal.reindexObject(idxs=list(INDEXES))
    return dict(entry)


def entries(proposal):
    """The recorded status changes, oldest first (copies)."""
    store = history(proposal, create=False)
    return [dict(entry) for entry in store.entries] if store is not None else []


# -- what is open, and the names of municipalities ------------------------------------------------------


def municipality_titles(uids):
    """``{uid: title}`` of the municipalities with these UIDs (catalog metadata, nobody woken)."""
    uids = sorted({uid for uid in uids if uid})
    if not uids:
        return {}
    brains = api.content.find(UID=uids, portal_type="Municipality", unrestricted=True)
    return {brain.UID: brain.Title for brain in brains}


def municipality_refs(uids):
    """``{uid: {"@id", "UID", "title"}}`` of the municipalities with these UIDs."""
    uids = sorted({uid for uid in uids if uid})
    if not uids:
        return {}
    brains = api.content.find(UID=uids, portal_type="Municipality", unrestricted=True)
    return {brain.UID: {"@id": brain.getURL(), "UID": brain.UID, "title": brain.Title} for brain in brains}


def missing_names(proposal):
    """The municipalities (or, for a row without one, the bodies) whose resolutions are not adopted."""
    missing = rules.missing_for_realisation(rows_of(proposal))
    titles = municipality_titles(row.get("municipality") for row in missing)
    return [titles.get(row.get("municipality")) or row.get("body") for row in missing]


def realisation_problem(proposal):
    """The domain's refusal of ``realise`` for ``proposal`` (a Problem), or ``None``."""
    return rules.realisation_problem(missing_names(proposal))


def open_rows(proposal):
    """The rows that their councils still have to take, with dates as ISO strings (for the catalog)."""
    return [
        {**row, "status_date": _iso_date(row.get("status_date"))}
        for row in rows_of(proposal)
        if rules.is_open(row)
    ]


def candidates(region):
    """The municipalities of ``region`` as domain.resolutions.Candidate (to match bodies to them)."""
    found = []
    for brain in api.content.find(context=region, portal_type="Municipality", unrestricted=True):
        municipality = brain._unrestrictedGetObject()
        found.append(
            rules.Candidate(
                brain.UID,
                brain.Title,
                getattr(municipality, "kind", None),
                getattr(municipality, "council_name", None),
            )
        )
    return found
