"""Where the caller may anonymise (their reach), and what of a person's account lies outside it.

Anonymising changes what the person left behind: their content, supports and moderation notes, the
workflow history of what they did, and their roles. Only a caller who holds the anonymise permission
on the site root (Site Administrators, Managers) may do that everywhere. A municipality's editor
holds it on their Municipality (through its editors group), and their reach is:

- for the person's content, supports, moderation notes and the traces of what they did: the Regions
  of those Municipalities (the network the record belongs to, with its forums and proposals);
- for roles (local roles but Owner of their own content, groups of the network, roles in the whole
  site): those Municipalities only; roles elsewhere are not theirs to take away.

An account that holds anything outside the reach is refused with 403 (an ``OutsideReach`` of
regionaustausch.privacy.refusals names what and where), for a site administrator to anonymise.
"""

from plone import api
from regionaustausch.permissions import ANONYMISE_REPRESENTATIVE
from regionaustausch.privacy.common import is_below
from regionaustausch.privacy.common import path_of
from regionaustausch.privacy.common import search
from regionaustausch.privacy.export import groups_of
from regionaustausch.privacy.export import local_roles
from regionaustausch.privacy.export import moderated_by
from regionaustausch.privacy.export import network_groups
from regionaustausch.privacy.export import supports_of
from regionaustausch.privacy.refusals import ContentOutsideReach
from regionaustausch.privacy.refusals import ModerationOutsideReach
from regionaustausch.privacy.refusals import RolesOutsideReach
from regionaustausch.privacy.refusals import SupportsOutsideReach


#: Roles of an account that are no roles in the site (everybody logged in holds them).
_EVERYBODY = frozenset({"Member", "Authenticated"})


class Reach:
    """The caller's reach: ``everywhere``, or the paths of ``municipalities`` (roles) and of their
    ``regions`` (content, supports, moderation, traces)."""

    def __init__(self, everywhere=False, municipalities=(), regions=()):
        self.everywhere = everywhere
        self.municipalities = tuple(municipalities)
        self.regions = tuple(regions)

    @classmethod
    def of_caller(cls):
        if api.user.has_permission(ANONYMISE_REPRESENTATIVE, obj=api.portal.get()):
            return cls(everywhere=True)
        municipalities = [
            brain.getPath()
            for brain in search(portal_type="Municipality")
            if api.user.has_permission(ANONYMISE_REPRESENTATIVE, obj=brain._unrestrictedGetObject())
        ]
        regions = {path.rsplit("/", 1)[0] for path in municipalities}
        return cls(municipalities=municipalities, regions=sorted(regions))

    def covers(self, path):
        """Whether the content, support or note at ``path`` is within the reach."""
        return self.everywhere or is_below(path, self.regions)

    def covers_roles(self, path):
        """Whether a role on the object at ``path`` is within the reach."""
        return self.everywhere or is_below(path, self.municipalities)

    def query(self):
        """The catalog query that finds what lies within the reach."""
        # everywhere: the whole site (an empty query finds nothing in the catalog)
        if self.everywhere:
            return {"path": "/".join(api.portal.get().getPhysicalPath())}
        return {"path": {"query": list(self.regions)}}


class _Places:
    """Names the place of a path: the nearest Forum, Municipality or Region it lies in (or is)."""

    def __init__(self):
        self.titles = {
            brain.getPath(): brain.Title for brain in search(portal_type=["Region", "Municipality", "Forum"])
        }
        self.titles[path_of(api.portal.get())] = api.portal.get().Title()

    def __call__(self, paths):
        names = set()
        for path in paths:
            tops = [top for top in self.titles if is_below(path, [top])]
            names.add(self.titles[max(tops, key=len)] if tops else path)
        return ", ".join(f"„{name}“" for name in sorted(names))


def _role_paths(user_id, reach):
    """Paths where the account holds roles outside the reach: local roles on what others created (the
    roles on their own content, Owner and Author, go with the content), network groups, roles in the
    whole site."""
    created = {brain.getPath() for brain in search(Creator=user_id)}
    paths = [
        path
        for path in local_roles(user_id, every=True)
        if path not in created and not reach.covers_roles(path)
    ]
    ours = network_groups()
    for group in groups_of(user_id):
        kind, brain = ours.get(group.getId(), ("other", None))
        if kind == "editors" and reach.covers_roles(brain.getPath()):
            continue
        paths.append(brain.getPath() if brain is not None else path_of(api.portal.get()))
    user = api.user.get(userid=user_id)
    if user is not None and set(user.getRoles()) - _EVERYBODY:
        paths.append(path_of(api.portal.get()))
    return paths


def check_reach(user_id, reach):
    """Raise an :class:`OutsideReach` when the account ``user_id`` holds anything outside ``reach``."""
    if reach.everywhere:
        return
    places = _Places()
    content = [brain.getPath() for brain in search(Creator=user_id) if not reach.covers(brain.getPath())]
    if content:
        raise ContentOutsideReach(places=places(content))
    roles = _role_paths(user_id, reach)
    if roles:
        raise RolesOutsideReach(places=places(roles))
    supports = [brain.getPath() for brain, _proposal, _record in supports_of(user_id)]
    if outside := [path for path in supports if not reach.covers(path)]:
        raise SupportsOutsideReach(places=places(outside))
    notes = [brain.getPath() for brain, _post, _note in moderated_by(user_id)]
    if outside := [path for path in notes if not reach.covers(path)]:
        raise ModerationOutsideReach(places=places(outside))
