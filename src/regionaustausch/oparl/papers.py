"""Required resolutions of exchange proposals that name an OParl Paper take their status from it.

A row names its paper by ``url`` (the paper's OParl id or its web page) or by ``reference`` (the
council's number, e.g. "22-18940"). On each sync every such row gets the status and ``status_date``
that the paper's consultations give (:func:`regionaustausch.oparl.mapping.resolution_status`); each
change of status is announced with :class:`regionaustausch.events.ResolutionStatusChanged`
(``source="oparl"``), which the proposal's timeline records. Only the row keys ``status``,
``status_date``, ``reference`` and ``url`` are read or written.

Papers named by reference or web page are found through an index that the import keeps on the Region
(:func:`regionaustausch.oparl.state.paper_index`), filled from the Bodies' paper lists (incrementally,
with ``modified_since``); a paper is then fetched by its id on every sync.
"""

from plone import api
from regionaustausch.events import ResolutionStatusChanged
from regionaustausch.oparl import state
from regionaustausch.oparl.client import origin
from regionaustausch.oparl.mapping import Consultation
from regionaustausch.oparl.mapping import resolution_status
from regionaustausch.oparl.tolerant import as_list
from regionaustausch.oparl.tolerant import parse_date
from regionaustausch.oparl.tolerant import text
from regionaustausch.oparl.tolerant import type_name
from zope.event import notify


AMBIGUOUS = ""


def proposals_naming_papers(region):
    """``[(proposal, rows)]``: the proposals of ``region`` with rows that name a paper."""
    found = []
    for brain in api.portal.get_tool("portal_catalog").unrestrictedSearchResults(
        portal_type="ExchangeProposal", path="/".join(region.getPhysicalPath())
    ):
        proposal = brain._unrestrictedGetObject()
        rows = list(getattr(proposal, "required_resolutions", None) or [])
        if any(isinstance(row, dict) and (row.get("url") or row.get("reference")) for row in rows):
            found.append((proposal, rows))
    return found


def index_papers(index, papers):
    """Add papers to the index by reference and web address; a reference two papers share is
    marked ambiguous and matches neither."""
    for paper in papers:
        paper_id = text(paper, "id")
        if not paper_id or type_name(paper) not in ("Paper", ""):
            continue
        for key in (f"ref:{text(paper, 'reference') or ''}", f"web:{text(paper, 'web') or ''}"):
            if key in ("ref:", "web:"):
                continue
            index[key] = paper_id if index.get(key, paper_id) == paper_id else AMBIGUOUS


class PaperStatus:
    """Finds a row's paper and works out its status, fetching each object once per run."""

    def __init__(self, client, index, system_urls):
        self.client = client
        self.index = index
        self.origins = {origin(url) for url in system_urls}
        self.cache = {}

    def _get(self, url):
        if url not in self.cache:
            self.cache[url] = self.client.object(url) if isinstance(url, str) else None
        return self.cache[url]

    def paper_of(self, row):
        """The Paper a row names, or ``None``."""
        url, reference = (row.get("url") or "").strip(), (row.get("reference") or "").strip()
        candidates = []
        if url:
            candidates.append(self.index.get(f"web:{url}"))
            if origin(url) in self.origins:
                candidates.append(url)
        if reference:
            candidates.append(self.index.get(f"ref:{reference}"))
        for paper_id in candidates:
            paper = self._get(paper_id) if paper_id else None
            if paper is not None and type_name(paper) == "Paper":
                return paper
        return None

    def _consultation(self, item):
        consultation = self._get(item) if isinstance(item, str) else item
        if not isinstance(consultation, dict):
            return None
        agenda_item = self._get(text(consultation, "agendaItem")) or {}
        when = parse_date(agenda_item.get("start"))
        if when is None:
            meeting = self._get(text(consultation, "meeting") or text(agenda_item, "meeting")) or {}
            when = parse_date(meeting.get("start"))
        authoritative = consultation.get("authoritative")
        return Consultation(
            authoritative=authoritative if isinstance(authoritative, bool) else None,
            result=text(agenda_item, "result"),
            date=when,
        )

    def status(self, paper):
        """``(status, date, result)`` of ``paper`` (see :func:`.mapping.resolution_status`)."""
        consultations = [self._consultation(item) for item in as_list(paper.get("consultation"))]
        consultations = [consultation for consultation in consultations if consultation is not None]
        return resolution_status(consultations, parse_date(paper.get("date")))


def update_resolutions(region, finder, counts):
    """Give every row of ``region``'s proposals that names a paper the paper's status; announce each
    change of status. ``counts["resolutions"]`` counts the rows changed."""
    for proposal, rows in proposals_naming_papers(region):
        changes, new_rows = [], []
        for row in rows:
            paper = finder.paper_of(row) if isinstance(row, dict) else None
            if paper is None:
                new_rows.append(row)
                continue
            status, date, _result = finder.status(paper)
            old_status = row.get("status")
            new_row = dict(row, status=status)
            if date is not None:
                new_row["status_date"] = date
            if new_row != row:
                counts["resolutions"] += 1
                if old_status != status:
                    changes.append((new_row, old_status, status))
            new_rows.append(new_row)
        if new_rows != rows:
            proposal.required_resolutions = new_rows
            proposal.reindexObject()
            for new_row, old_status, status in changes:
                notify(ResolutionStatusChanged(proposal, new_row, old_status, status, source="oparl"))


def refresh_index(region, client, bodies_by_system, started, full=False):
    """Walk the paper lists of the Bodies (``{system url: [body]}``) into the Region's paper index:
    only what changed since the index's last walk of that system, unless ``full``. The walk's start
    ``started`` is kept in the index (it is committed with the end of the run, or not at all)."""
    index = state.paper_index(region)
    for system_url, bodies in bodies_by_system.items():
        since = None if full else index.get(f"since:{system_url}")
        for body in bodies:
            if body.get("paper"):
                index_papers(index, client.items(body.get("paper"), since=since))
        index[f"since:{system_url}"] = started
    return index
