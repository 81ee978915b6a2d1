"""What the OParl import keeps on a Region (an annotation): the sync state of each OParl system (when
its last successful run started, for ``modified_since``), the index of papers by reference and web
address, and the reports of the last runs, which editors read (``@@oparl-report``, ``GET
@oparl-sync``)."""

from BTrees.OOBTree import OOBTree
from persistent.list import PersistentList
from persistent.mapping import PersistentMapping
from zope.annotation.interfaces import IAnnotations
import copy


KEY = "regionaustausch.oparl"
#: How many reports a Region keeps (the newest first).
REPORTS_KEPT = 20


def _storage(region, create=True):
    annotations = IAnnotations(region)
    storage = annotations.get(KEY)
    if storage is None and create:
        storage = annotations[KEY] = PersistentMapping()
        storage["since"] = PersistentMapping()
        storage["papers"] = OOBTree()
        storage["reports"] = PersistentList()
    return storage


def last_success(region, system_url):
    """When the last successful run over ``system_url`` started (ISO, UTC), or ``None``."""
    storage = _storage(region, create=False)
    return storage["since"].get(system_url) if storage is not None else None


def save_success(region, system_url, started):
    """Remember that a run over ``system_url`` that started at ``started`` (ISO, UTC) succeeded."""
    _storage(region)["since"][system_url] = started


def paper_index(region):
    """``{"ref:<body> <reference>" or "web:<url>": paper id}``: papers the import has listed."""
    return _storage(region)["papers"]


def add_report(region, report):
    """Keep ``report`` (a dict of plain values) as the newest; older ones beyond the limit go."""
    reports = _storage(region)["reports"]
    reports.insert(0, copy.deepcopy(report))
    del reports[REPORTS_KEPT:]


def reports(region):
    """The reports of the last runs, newest first (copies)."""
    storage = _storage(region, create=False)
    return [copy.deepcopy(report) for report in storage["reports"]] if storage is not None else []
