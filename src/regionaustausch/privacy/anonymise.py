"""The right to erasure (Art. 17 DSGVO) of a representative who has left office:
:func:`anonymise_representative`, and :func:`may_anonymise`, the one check that the REST service and
the Classic UI ask.

The record stays as an empty shell ("Ehemaliges Mitglied", renamed to a neutral id). The person's
posts, threads and supports stay (the discussions and the quorum counts must not change) but no longer
name them anywhere: neither in the objects, nor in the catalog, nor in the workflow history (of their
own content and of what they acted on as a moderator or editor), nor in the moderation notes, nor in
the versions that CMFEditions kept of their content. Supports keep their municipality and date under a
random token per support (``"ehemaliges Mitglied (3f9a1c2b)"``), so the counts and the quorum stay as
they were while two supports of one person cannot be linked any more.

All of that happens within the caller's reach (regionaustausch.privacy.reach); an account that holds
content, roles, supports or notes outside it is refused, for a site administrator to anonymise.
"""

from Acquisition import aq_base
from datetime import datetime
from plone import api
from plone.app.textfield.value import RichTextValue
from plone.locking.interfaces import ILockable
from Products.CMFCore.indexing import processQueue
from regionaustausch.content.representative import IRepresentative
from regionaustausch.content.representative import apply_contact_visibility
from regionaustausch.domain import contact
from regionaustausch.membership import sync_representative
from regionaustausch.moderation import REASON_KEY
from regionaustausch.permissions import ANONYMISE_REPRESENTATIVE
from regionaustausch.privacy import traces
from regionaustausch.privacy.common import now
from regionaustausch.privacy.common import path_of
from regionaustausch.privacy.common import search
from regionaustausch.privacy.export import local_roles
from regionaustausch.privacy.export import moderated_by
from regionaustausch.privacy.export import supports_of
from regionaustausch.privacy.reach import Reach
from regionaustausch.privacy.reach import check_reach
from regionaustausch.privacy.refusals import AlreadyAnonymised
from regionaustausch.privacy.refusals import NotAllowedToAnonymise
from regionaustausch.privacy.refusals import NotFormer
from regionaustausch.privacy.refusals import OtherRecordNotAllowed
from regionaustausch.privacy.refusals import StillLinked
from regionaustausch.privacy.scrubber import ANONYMOUS_ID
from regionaustausch.privacy.scrubber import ANONYMOUS_NAME
from regionaustausch.privacy.scrubber import ANONYMOUS_PRINCIPAL
from regionaustausch.privacy.scrubber import Scrubber
from regionaustausch.privacy.scrubber import acted_on
from regionaustausch.privacy.scrubber import forget_comment_author
from regionaustausch.privacy.scrubber import forget_principal
from regionaustausch.privacy.scrubber import name_variants
from regionaustausch.privacy.scrubber import scrub_fields
from regionaustausch.privacy.scrubber import scrub_workflow_history
from regionaustausch.supports import storage as support_storage
from regionaustausch.user_tokens import user_token
from zope.annotation.interfaces import IAnnotations
import secrets


#: The name parts of an anonymised record: its title reads "Ehemaliges Mitglied".
ANONYMOUS_FIRST_NAME = "Ehemaliges"
ANONYMOUS_LAST_NAME = "Mitglied"
#: Annotation on an anonymised record: ``{"date": ISO 8601, "by": the id of the acting editor}``.
ANONYMISED_KEY = "regionaustausch.anonymised"


def may_anonymise(record):
    """Whether the caller may anonymise ``record``: they hold the permission on it (the editors of its
    municipality, site administrators). What the person's account holds elsewhere is checked when they
    do (regionaustausch.privacy.reach)."""
    return api.user.has_permission(ANONYMISE_REPRESENTATIVE, obj=record)


def is_anonymised(record):
    return ANONYMISED_KEY in IAnnotations(record)


def records_to_anonymise(record):
    """The records that are anonymised together with ``record``: it, and the other records naming the
    same user account (all must be former, and the caller must be allowed to anonymise each).

    Raises an ``AnonymisationRefused`` (regionaustausch.privacy.refusals) saying why not."""
    if not may_anonymise(record):
        raise NotAllowedToAnonymise()
    if is_anonymised(record):
        raise AlreadyAnonymised()
    if api.content.get_state(record, default=None) != "former":
        raise NotFormer()
    records = [record]
    user_id = record.user_id
    if not user_id:
        return records
    own_path = path_of(record)
    others = [
        brain
        for brain in search(portal_type="Representative", representative_user_id=user_token(user_id))
        if brain.getPath() != own_path
    ]
    current = [brain for brain in others if brain.review_state != "former"]
    if current:
        raise StillLinked(count=len(current))
    for brain in others:
        other = brain._unrestrictedGetObject()
        if not may_anonymise(other):
            raise OtherRecordNotAllowed(municipality=brain.municipality_title or "")
        records.append(other)
    return records


def _anonymise_record(record, user_id, scrubber, reindex, actor):
    lockable = ILockable(record, None)
    if lockable is not None and lockable.locked():
        lockable.clear_locks()
    for name in ("salutation", "academic_title", "party", "function", "email", "phone", "consent_date"):
        setattr(record, name, None)
    record.user_id = record.oparl_id = None
    record.first_name = ANONYMOUS_FIRST_NAME
    record.last_name = ANONYMOUS_LAST_NAME
    record.committees = []
    record.topics = []
    record.contact_visibility = contact.HIDDEN
    if getattr(aq_base(record), "description", None):
        record.description = ""
    apply_contact_visibility(record)
    scrub_workflow_history(record, user_id, scrubber)
    forget_principal(record, user_id)
    IAnnotations(record)[ANONYMISED_KEY] = {"date": now(), "by": actor}
    # The user leaves the Region's members group (the record named them until now).
    sync_representative(record)
    record.setModificationDate()
    with api.env.adopt_roles(["Manager"]):
        # The old id is the person's name, and it is in every URL of the record.
        record = api.content.rename(obj=record, new_id=ANONYMOUS_ID, safe_id=True)
    reindex.add(record)
    return record


def _anonymise_user_content(user_id, scrubber, reindex):
    """Everything the user created or holds local roles on: their content loses their name, the rest
    loses their roles. Returns ``{path: object}`` of their own content (their records aside)."""
    created = {brain.getPath(): brain._unrestrictedGetObject() for brain in search(Creator=user_id)}
    objects = dict(created)
    for path, (obj, _roles) in local_roles(user_id, every=True).items():
        objects.setdefault(path, obj)
    own = {}
    for path, obj in objects.items():
        if IRepresentative.providedBy(obj) and obj.user_id == user_id:
            continue  # records are handled by _anonymise_record
        mine = path in created or "Owner" in obj.get_local_roles_for_userid(user_id)
        if mine:
            own[path] = obj
            traces.drop_old_path(obj, traces.slugs(scrubber))
            old_title = obj.Title()
            scrub_fields(obj, scrubber)
            if obj.portal_type == "Thread" and obj.Title() != old_title:
                traces.retitle_replies(obj, old_title, reindex)
            hidden = IAnnotations(obj).get(REASON_KEY)
            if hidden and isinstance(hidden.get("reason"), str):
                IAnnotations(obj)[REASON_KEY] = {**hidden, "reason": scrubber.text(hidden["reason"])}
        forget_comment_author(obj, user_id, scrubber)
        forget_principal(obj, user_id)
        scrub_workflow_history(obj, user_id, scrubber)
        # Their own objects change in texts and Creator; below them (posts in their thread) only the
        # roles they inherited from the user change.
        reindex.add(obj, full=mine)
    return own


def _anonymise_supports(user_id):
    """Each support of the user is kept (municipality, date) under a random token of its own."""
    found = supports_of(user_id)
    for _brain, proposal, record in found:
        store = support_storage(proposal)
        store.remove(user_id)
        token = f"{ANONYMOUS_NAME} ({secrets.token_hex(4)})"
        while token in store:
            token = f"{ANONYMOUS_NAME} ({secrets.token_hex(4)})"
        store.add(
            token, record.get("municipality"), when=datetime.fromisoformat(record["date"]), anonymised=True
        )
    return len(found)


def _anonymise_moderation(user_id, scrubber, reindex):
    """Hiding notes (and the hidden posts' workflow history) that name the user as the moderator;
    returns the posts."""
    posts = []
    for _brain, post, note in moderated_by(user_id):
        IAnnotations(post)[REASON_KEY] = {**note, "moderator": ANONYMOUS_PRINCIPAL}
        scrub_workflow_history(post, user_id, scrubber)
        reindex.add(post, full=False)
        posts.append(post)
    return posts


def _anonymise_actions(user_id, scrubber, reindex, reach, skip):
    """What the person did to objects of others (posts they approved, hid or restored as a moderator,
    records they approved as an editor): their id as the ``actor`` of those workflow history entries.
    No index knows the actors, so every object within the reach but the paths ``skip`` is read (one
    object each). Returns the objects changed."""
    changed = []
    for brain in search(**reach.query()):
        if brain.getPath() in skip:
            continue
        obj = brain._unrestrictedGetObject()
        if acted_on(obj, user_id) and scrub_workflow_history(obj, user_id, scrubber):
            reindex.add(obj, full=False)
            changed.append(obj)
    return changed


def _anonymise_attributions(scrubber, reindex, reach):
    """The "<strong>Name</strong>:" above quotes of the person in others' posts and threads within the
    reach (those outside it stay, and are among the mentions); returns the objects changed."""
    brains = {}
    for name in scrubber.names:
        for brain in traces.phrase_search(name, portal_type=["Post", "Thread"]):
            brains[brain.getPath()] = brain
    changed = []
    for path, brain in sorted(brains.items()):
        if not reach.covers(path):
            continue
        obj = brain._unrestrictedGetObject()
        text = getattr(aq_base(obj), "text", None)
        if (
            isinstance(text, RichTextValue)
            and (new := scrubber.value(text, scrubber.attribution)) is not text
        ):
            obj.text = new
            reindex.add(obj)
            changed.append(obj)
    return changed


def _scrubber(records, user_id):
    """The person's names (of each record and the account), e-mail addresses and ids."""
    account = api.user.get(userid=user_id) if user_id else None
    fullname = account.getProperty("fullname", None) if account is not None else None
    names, emails, ids = set(), set(), {user_id}
    for item in records:
        names |= name_variants(item, fullname)
        emails.add(item.email)
    if account is not None:
        emails.add(account.getProperty("email", None))
        ids.add(account.getUserName())
    return Scrubber(names, emails - {None}, ids - {None})


def anonymise_representative(record):
    """Anonymise the former representative of ``record`` (see the module's docstring); returns a report
    that names nobody: ``{"record": the renamed record, "records": n, "content": n, "renamed": n,
    "supports": n, "moderation": n, "attributions": n, "history": n, "versions_purged": n,
    "reindexed": n, "redirects_removed": n, "not_changed": [{"@id": url, "what": ...}]}``, where
    ``history`` counts others' objects whose workflow history named them as the actor, and
    ``not_changed`` lists what may still name the person but is not theirs to change: ``"text"`` (others'
    texts that mention them, quotes of them outside the caller's reach included) and ``"versions"``
    (the versions CMFEditions keeps of others' content that they acted on or that quoted them).

    Raises an ``AnonymisationRefused`` (regionaustausch.privacy.refusals) when the caller may not, the
    record is not former, or the account holds something outside the caller's reach."""
    records = records_to_anonymise(record)
    user_id = record.user_id or None
    reach = Reach.of_caller()
    if user_id:
        check_reach(user_id, reach)
    scrubber = _scrubber(records, user_id)
    actor = api.user.get_current().getId()
    reindex = traces.Reindex()

    own, supports, moderated, acted = {}, 0, [], []
    if user_id:
        own = _anonymise_user_content(user_id, scrubber, reindex)
        supports = _anonymise_supports(user_id)
        moderated = _anonymise_moderation(user_id, scrubber, reindex)
        acted = _anonymise_actions(user_id, scrubber, reindex, reach, {*own, *map(path_of, records)})
    quoting = _anonymise_attributions(scrubber, reindex, reach)
    anonymised = [_anonymise_record(item, user_id, scrubber, reindex, actor) for item in records]
    slugs = traces.slugs(scrubber)
    renamed = traces.rename_named_content(own, slugs)
    record_paths = [path_of(item) for item in anonymised]
    # A rename indexes the object and everything below it completely at the new path.
    reindexed = reindex.run(moved=record_paths + renamed)
    processQueue()
    for path in record_paths + renamed:
        for brain in search(path={"query": path}):
            traces.drop_old_path(brain._unrestrictedGetObject(), slugs)
    purged = sum(traces.purge_versions(obj) for obj in (*anonymised, *own.values()))
    redirects = traces.forget_redirects(record_paths, slugs, every=True) + traces.forget_redirects(
        renamed, slugs
    )
    # Others' objects keep their versions: they are the history of what others wrote.
    others = {path_of(obj): obj for obj in (*moderated, *acted, *quoting)}
    not_changed = [{"@id": url, "what": "text"} for url in traces.mentions(scrubber)]
    not_changed += [
        {"@id": obj.absolute_url(), "what": "versions"} for obj in others.values() if traces.versions(obj)
    ]
    return {
        "record": anonymised[0],
        "records": len(anonymised),
        "content": len(own),
        "renamed": len(renamed),
        "supports": supports,
        "moderation": len(moderated),
        "attributions": len(quoting),
        "history": len(acted),
        "versions_purged": purged,
        "reindexed": reindexed,
        "redirects_removed": redirects,
        "not_changed": not_changed,
    }
