"""A sync of a Region with its OParl systems: Bodies -> Municipalities, Persons -> Representatives,
Papers -> the status of required resolutions.

- The systems: the URL given for the run, else the Region's and its Municipalities' own. Each is
  checked before anything changes: an address that is not http(s), does not answer or is no OParl
  System raises :class:`~regionaustausch.oparl.client.OParlError` (the service answers 400).
- Persons are upserted by their OParl id; only those who sit in a committee the Region follows
  become new Representatives; the deleted, those whose memberships have all ended, and (in a full
  run) those no longer listed are retired; so are records whose ``mandate_end`` has passed.
- Work is committed in batches (``batch_size`` persons). A run that fails keeps the whole batches it
  committed, aborts the rest and does not move the sync state, so the next run repeats what is
  missing. Incremental runs ask with ``modified_since`` = the start of the last successful run.
- Every run leaves a report on the Region (:mod:`regionaustausch.oparl.state`).
"""

from plone import api
from regionaustausch import _
from regionaustausch.content.municipality import IMunicipality
from regionaustausch.oparl import records
from regionaustausch.oparl import state
from regionaustausch.oparl.client import Client
from regionaustausch.oparl.client import OParlError
from regionaustausch.oparl.client import check_url
from regionaustausch.oparl.client import origin
from regionaustausch.oparl.mapping import DEFAULT_FOLLOWED
from regionaustausch.oparl.mapping import KEEP
from regionaustausch.oparl.mapping import RETIRE
from regionaustausch.oparl.mapping import Candidate
from regionaustausch.oparl.mapping import match_body
from regionaustausch.oparl.mapping import person_decision
from regionaustausch.oparl.mapping import person_record
from regionaustausch.oparl.papers import PaperStatus
from regionaustausch.oparl.papers import proposals_naming_papers
from regionaustausch.oparl.papers import refresh_index
from regionaustausch.oparl.papers import update_resolutions
from regionaustausch.oparl.tolerant import text
import datetime
import logging
import transaction


logger = logging.getLogger(__name__)

BATCH_SIZE = 100
MSG_NO_SYSTEM = _(
    "Please give the address of an OParl system: neither the region nor its municipalities name one."
)
COUNTS = ("pages", "objects", "created", "updated", "unchanged", "retired", "skipped", "resolutions")


def utc_now():
    return datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0)


def _iso(moment):
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def municipalities(region):
    return [obj for obj in region.objectValues() if IMunicipality.providedBy(obj)]


def systems_of(region, url=None):
    """``[(system url, municipality or None)]``: the URL given, else the Region's and its
    Municipalities' own (a Municipality's own system speaks for that Municipality)."""
    if url is not None:
        return [(check_url(url), None)]
    found = []
    if getattr(region, "oparl_url", None):
        found.append((region.oparl_url, None))
    for municipality in municipalities(region):
        own = getattr(municipality, "oparl_url", None)
        if own and own not in {system for system, _m in found}:
            found.append((own, municipality))
    if not found:
        raise OParlError(MSG_NO_SYSTEM, url="")
    return found


class Sync:
    """One run over a Region; :meth:`run` returns the report (a dict of plain values)."""

    def __init__(self, region, client=None, full=False, batch_size=BATCH_SIZE, today=None, progress=None):
        self.region = region
        self.client = client or Client()
        self.full = full
        self.batch_size = batch_size
        self.today = today or datetime.date.today()
        self.progress = progress or (lambda report: None)
        self.followed = list(getattr(region, "oparl_committees", None) or DEFAULT_FOLLOWED)
        self.pending = 0
        self.report = {
            "started": None,
            "finished": None,
            "status": "running",
            "incremental": False,
            "systems": [],
            "bodies": [],
            "counts": dict.fromkeys(COUNTS, 0),
            "errors": [],
        }

    @property
    def counts(self):
        return self.report["counts"]

    def run(self, url=None):
        """Check the systems (raising :class:`OParlError`, nothing changed), then sync them."""
        started = utc_now()
        self.report["started"] = _iso(started)
        systems = [
            (system_url, owner, self.client.system(system_url))
            for system_url, owner in systems_of(self.region, url)
        ]
        self.report["systems"] = [system_url for system_url, _owner, _system in systems]
        try:
            with api.env.adopt_roles(["Manager"]):
                matched = {}
                for system_url, owner, system in systems:
                    matched[system_url] = self._system(system_url, owner, system)
                self._resolutions(matched, started)
                self.counts["retired"] += records.retire_expired(self.region, self.today)
            self._commit(force=True)
        except Exception as error:  # the run stops; whole batches stay, the rest goes
            transaction.abort()
            logger.exception("OParl sync of %s failed", "/".join(self.region.getPhysicalPath()))
            self.report["status"] = "failed"
            self.report["errors"].append(str(error))
        else:
            for system_url, _owner, _system in systems:
                state.save_success(self.region, system_url, _iso(started))
            self.report["status"] = "ok"
        finally:
            self.report["finished"] = _iso(utc_now())
            self._count_requests()
            state.add_report(self.region, self.report)
            transaction.commit()
        return self.report

    def _count_requests(self):
        self.counts["pages"] = self.client.pages
        self.counts["objects"] = self.client.objects

    def _commit(self, force=False):
        if force or self.pending >= self.batch_size:
            transaction.commit()
            self.pending = 0
            self._count_requests()
            self.progress(self.report)

    def _since(self, system_url):
        since = None if self.full else state.last_success(self.region, system_url)
        self.report["incremental"] = self.report["incremental"] or since is not None
        return since

    def _system(self, system_url, owner, system):
        """Sync the Bodies of one system; returns the Bodies matched to a Municipality."""
        since = self._since(system_url)
        candidates = {id(m): m for m in municipalities(self.region)}
        bodies = list(self.client.items(system.get("body")))
        matched = []
        for body in bodies:
            found, how = match_body(body, [self._candidate(m) for m in candidates.values()])
            if found is None and owner is not None and len(bodies) == 1:
                found, how = self._candidate(owner), "system"
            municipality = candidates.get(found.key) if found is not None else None
            self.report["bodies"].append(
                {
                    "id": text(body, "id"),
                    "name": text(body, "name"),
                    "municipality": municipality.Title() if municipality is not None else None,
                    "matched_by": how,
                }
            )
            if municipality is None:
                continue
            records.link_municipality(municipality, text(body, "id"))
            self._persons(body, municipality, since)
            matched.append(body)
        return matched

    @staticmethod
    def _candidate(municipality):
        return Candidate(
            key=id(municipality),
            title=municipality.Title(),
            ags=municipality.ags or "",
            oparl_id=municipality.oparl_id or "",
            kind=municipality.kind or "",
        )

    def _persons(self, body, municipality, since):
        organizations = {
            text(organization, "id"): organization
            for organization in self.client.items(body.get("organization"))
            if text(organization, "id")
        }
        seen = set()
        for person in self.client.items(body.get("person"), since=since):
            person = self._with_memberships(person)
            record = person_record(person, organizations, self.today)
            if not record.oparl_id:
                self.counts["skipped"] += 1
                continue
            seen.add(record.oparl_id)
            self._person(record, municipality)
            self.pending += 1
            self._commit()
        if since is None and body.get("person"):
            # a complete list: whoever is not in it any more is gone
            for gone in records.representatives_of(municipality, origin(body.get("person"))):
                if gone.oparl_id not in seen and records.retire_representative(gone):
                    self.counts["retired"] += 1

    def _with_memberships(self, person):
        """Memberships given by their URL only are fetched (servers differ in embedding them)."""
        memberships = person.get("membership")
        if isinstance(memberships, list) and any(isinstance(m, str) for m in memberships):
            person = dict(person, membership=list(self.client.items(memberships)))
        return person

    def _person(self, record, municipality):
        existing = records.find_representative(self.region, record.oparl_id)
        decision = person_decision(record, self.followed)
        if decision == RETIRE:
            retired = existing is not None and records.retire_representative(existing)
            self.counts["retired" if retired else "skipped"] += 1
        elif existing is not None:
            changed = records.update_representative(existing, record.fields, reactivate=decision == KEEP)
            self.counts["updated" if changed else "unchanged"] += 1
        elif decision == KEEP:
            records.create_representative(municipality, record.oparl_id, record.fields)
            self.counts["created"] += 1
        else:
            self.counts["skipped"] += 1

    def _resolutions(self, matched, started):
        if not proposals_naming_papers(self.region):
            return
        index = refresh_index(self.region, self.client, matched, _iso(started), full=self.full)
        update_resolutions(self.region, PaperStatus(self.client, index, list(matched)), self.counts)


def sync_region(region, url=None, full=False, client=None, batch_size=BATCH_SIZE, today=None, progress=None):
    """Sync ``region`` (see the module); raises :class:`OParlError` before changing anything when a
    system cannot be used, and otherwise returns the run's report."""
    return Sync(region, client=client, full=full, batch_size=batch_size, today=today, progress=progress).run(
        url
    )
