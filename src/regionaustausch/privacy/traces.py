"""The traces a person leaves beside the objects themselves, and how an anonymisation removes them:
ids made from their name (renames), the old URLs that plone.app.redirector keeps, the versions that
CMFEditions keeps, the catalog (reindexing), and the texts of others that still mention them."""

from Acquisition import aq_base
from plone import api
from plone.app.redirector.interfaces import IRedirectionStorage
from regionaustausch.content.representative import IRepresentative
from regionaustausch.domain.names import make_id
from regionaustausch.privacy.common import is_below
from regionaustausch.privacy.common import path_of
from regionaustausch.privacy.common import search
from regionaustausch.privacy.scrubber import ANONYMOUS_ID
from zope.component import queryUtility
import re


#: The indexes that can hold a person's name or id in content other than their record: the texts,
#: the creator and the local roles. Records are reindexed completely (name, party, user id, ...).
TEXT_INDEXES = (
    "Title",
    "sortable_title",
    "Description",
    "SearchableText",
    "Subject",
    "Creator",
    "allowedRolesAndUsers",
)


class Reindex:
    """What to reindex at the end: the texts, creator and roles (and the metadata) of the objects that
    changed, only the security index of the objects below them.

    The indexes are always named, so that CMF's ``reindexObject()`` does not call ``notifyModified()``:
    that would add the acting editor to ``creators`` and set every touched post's modification date to
    the same moment, which would link the anonymised posts of one person again."""

    def __init__(self):
        self.full = {}
        self.security = {}

    def add(self, obj, full=True):
        path = path_of(obj)
        if full:
            self.full[path] = obj
            self.security.pop(path, None)
        elif path not in self.full:
            self.security[path] = obj

    def run(self, moved=()):
        """Reindex; what lies in or below the paths ``moved`` was renamed in this transaction and is
        indexed completely at its new path anyway. Returns the number of objects reindexed."""
        catalog = api.portal.get_tool("portal_catalog")
        every_index = list(catalog.indexes())
        text_indexes = [name for name in TEXT_INDEXES if name in every_index]
        count = 0
        for full, objects in ((True, self.full), (False, self.security)):
            for obj in objects.values():
                if is_below(path_of(obj), moved):  # after a rename above it: the new path
                    continue
                if full:
                    obj.reindexObject(idxs=every_index if IRepresentative.providedBy(obj) else text_indexes)
                else:
                    # As Plone's reindexObjectSecurity does: the metadata does not change.
                    catalog.reindexObject(obj, idxs=["allowedRolesAndUsers"], update_metadata=0)
                count += 1
        return count


def retitle_replies(thread, old_title, reindex):
    """Posts are titled after their thread ("Re: <thread>"); follow the thread's scrubbed title."""
    old, new = f"Re: {old_title}", f"Re: {thread.Title()}"
    for brain in search(path={"query": path_of(thread), "depth": 1}, portal_type="Post"):
        if brain.Title == old:
            post = brain._unrestrictedGetObject()
            post.title = new
            reindex.add(post)


def slugs(scrubber):
    """How the person's names, addresses and ids look in ids made from titles (``annegret-quarkfeld``)."""
    found = {make_id(text, max_length=200) for text in (*scrubber.names, *scrubber.emails)}
    return {slug for slug in found | set(scrubber.ids) if slug}


def names_in_path(path, slugs):
    return any(f"-{slug}-" in f"-{part}-" for part in path.split("/") for slug in slugs)


def drop_old_path(obj, slugs):
    """CMFCore's indexing queue wraps an object it unindexes in a proxy that stores the old path on
    the object itself (``_old_path``, Products.CMFCore.indexing.PathProxy); after a rename that is the
    old id, the person's name. The queue has no use for it once processed."""
    base = aq_base(obj)
    old = base.__dict__.get("_old_path")
    if old and names_in_path("/".join(old), slugs):
        del base._old_path
        return True
    return False


def rename_named_content(paths, slugs):
    """Their own content whose id was made from a title with their name ("frage-von-anna-beispiel")
    gets an id from its anonymised title; returns the new paths."""
    portal = api.portal.get()
    renamed = []
    # The deepest first: renaming a container changes the paths below it.
    for path in sorted(paths, key=lambda path: path.count("/"), reverse=True):
        obj = portal.unrestrictedTraverse(path, None)
        if obj is None or not names_in_path(obj.getId(), slugs):
            continue
        new_id = make_id(obj.Title())
        if not new_id or names_in_path(new_id, slugs):
            new_id = ANONYMOUS_ID
        with api.env.adopt_roles(["Manager"]):
            obj = api.content.rename(obj=obj, new_id=new_id, safe_id=True)
        renamed.append(path_of(obj))
    return renamed


def forget_redirects(paths, slugs, every=False):
    """plone.app.redirector remembers old URLs (of a renamed object and of everything below it) to
    redirect them; an old URL with the person's name would keep the name and tell which anonymised
    object was theirs. Those are removed (``every``: all old URLs of these objects). Returns the
    number of redirects removed."""
    redirects = queryUtility(IRedirectionStorage)
    if redirects is None:
        return 0
    removed = 0
    for path in paths:
        below = [brain.getPath() for brain in search(path={"query": path})] or [path]
        for new_path in below:
            for old_path in list(redirects.redirects(new_path)):
                if every or names_in_path(old_path, slugs):
                    redirects.remove(old_path)
                    removed += 1
    return removed


def _history(obj):
    """CMFEditions' record of the versions of ``obj`` (None when it has none)."""
    repository = api.portal.get_tool("portal_repository")
    with api.env.adopt_roles(["Manager"]):
        try:
            return repository.getHistoryMetadata(obj) or None
        except Exception:  # an object CMFEditions never saw has no history id
            return None


def versions(obj):
    """The number of versions of ``obj`` that CMFEditions keeps (not counting purged ones)."""
    history = _history(obj)
    return history.getLength(countPurged=False) if history is not None else 0


def purge_versions(obj):
    """Purge every version CMFEditions keeps of ``obj``: they hold the old texts and, in their
    metadata, who saved them. A purged version leaves only a note that it was purged (by the acting
    editor). Returns the number of versions purged."""
    history = _history(obj)
    if history is None:
        return 0
    before = history.getLength(countPurged=False)
    repository = api.portal.get_tool("portal_repository")
    with api.env.adopt_roles(["Manager"]):
        # A purged version keeps its number (countPurged), so every number is purged in turn.
        for selector in range(history.getLength(countPurged=True)):
            repository.purge(obj, selector, countPurged=True)
    return before - versions(obj)


def phrase_search(phrase, **query):
    words = [word for word in re.split(r"[^\w@.+-]+", phrase) if word]
    if not words:
        return []
    try:
        return search(SearchableText='"' + " ".join(words) + '"', **query)
    except Exception:  # ZCTextIndex refuses some queries (a lone stop word, odd characters)
        return []


def mentions(scrubber):
    """Catalog entries whose text still contains the person's name, e-mail address or user id: others
    wrote it (texts of others are not rewritten), so the editors decide."""
    urls = set()
    for phrase in (*scrubber.names, *scrubber.emails, *scrubber.ids):
        for brain in phrase_search(phrase):
            urls.add(brain.getURL())
    return sorted(urls)
