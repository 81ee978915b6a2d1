"""Upgrade steps from profile version 1000 to 1001, each a step of its own (``configure.zcml``, in this
order): the workflows of 1001 applied to existing content (Sharing only for site administrators, pending
threads, recorded edits, histories for moderators), proposals' texts stored sanitised, the directory's
catalog entries, the OParl import's catalog indexes and its permission, the forms' privacy notice
setting, the join form of each Region and the registration form of each meeting (issue 14); the
required resolutions per municipality, the proposals' catalog entries and the decisions taken before
(issue 11).
"""

from Acquisition import aq_base
from plone import api
from regionaustausch.content.region import find_region
from regionaustausch.decisions import add_record as add_decision
from regionaustausch.decisions import decision_records
from regionaustausch.domain import decisions as decision_rules
from regionaustausch.domain import resolutions as resolution_rules
from regionaustausch.domain.sanitiser import sanitise_html
from regionaustausch.forms.join import JOIN_FORM_ID
from regionaustausch.forms.join import ensure_join_form
from regionaustausch.forms.registration import REGISTRATION_FORM_ID
from regionaustausch.forms.registration import ensure_registration_form
from regionaustausch.permissions import SYNC_OPARL
from regionaustausch.resolutions import candidates as resolution_candidates
from regionaustausch.resolutions import remember as remember_resolutions
from regionaustausch.user_tokens import token_key
import logging


logger = logging.getLogger(__name__)

PROFILE = "profile-regionaustausch:default"


def apply_workflows(context):
    """The workflows of 1001 (Sharing permissions managed in every state, threads pending in
    pre-moderated forums, edits recorded, histories for moderators only), applied to every existing
    object: ``updateRoleMappings`` sets each object's permissions from its state's new map and
    reindexes its security."""
    context.runImportStepFromProfile(PROFILE, "workflow", run_dependencies=False)
    api.portal.get_tool("portal_workflow").updateRoleMappings()


def sanitise_proposal_texts(context):
    """Store the text of every exchange proposal sanitised, as posts' texts are.

    Up to 1000 a proposal kept its text as the form or the API sent it, in the instance's ``text``; now
    :class:`~regionaustausch.content.properties.SanitisedRichText` reads and writes ``_text``. The old
    value is moved there through the descriptor (which sanitises it), and the searchable text follows.
    """
    catalog = api.portal.get_tool("portal_catalog")
    count = 0
    for brain in catalog.unrestrictedSearchResults(portal_type="ExchangeProposal"):
        proposal = brain._unrestrictedGetObject()
        state = aq_base(proposal).__dict__
        if "text" not in state:
            continue
        legacy = state.pop("text")
        aq_base(proposal)._p_changed = True
        proposal.text = legacy
        proposal.reindexObject(idxs=["SearchableText"])
        count += 1
    logger.info("Sanitised the texts of %d exchange proposals.", count)


#: What the directory's records bring into the catalog since 1001: the metadata column
#: ``public_contact`` and the index ``representative_user_id`` as keyed tokens (user_tokens.py).
DIRECTORY_INDEXES = ("public_contact", "representative_user_id")


def directory_catalog(setup_tool):
    """The catalog of profile 1001 for representatives' records: the column ``public_contact`` (so that
    the directory wakes records for anonymous callers only where they show something) and the index
    ``representative_user_id`` holding keyed tokens instead of account names, so that nobody can
    look accounts up by name. Makes the site's token key, then reindexes every record."""
    catalog = api.portal.get_tool("portal_catalog")
    if "public_contact" not in catalog.schema():
        catalog.addColumn("public_contact")
    token_key(api.portal.get())
    brains = catalog.unrestrictedSearchResults(portal_type="Representative")
    for brain in brains:
        # the column is metadata: reindexing one index updates all metadata of the record too
        brain._unrestrictedGetObject().reindexObject(idxs=list(DIRECTORY_INDEXES))
    logger.info("Reindexed %d representatives' records for the directory and user tokens", len(brains))


#: The catalog indexes of the OParl import (oparl/catalog.py): records by OParl id, mandates by end.
OPARL_INDEXES = ("oparl_id", "mandate_end")


def oparl_catalog(context):
    """The OParl import finds records by their OParl id and retires mandates that ended through the
    FieldIndexes ``oparl_id`` and ``mandate_end``: added, then filled from the existing
    municipalities and representatives."""
    catalog = api.portal.get_tool("portal_catalog")
    for name in OPARL_INDEXES:
        if name not in catalog.indexes():
            catalog.addIndex(name, "FieldIndex")
    brains = catalog.unrestrictedSearchResults(portal_type=["Municipality", "Representative"])
    for brain in brains:
        brain._unrestrictedGetObject().reindexObject(idxs=list(OPARL_INDEXES))
    logger.info("Indexed %d municipalities and representatives for the OParl import", len(brains))


def oparl_permission(context):
    """Only Site Administrators and Managers run the OParl import ("regionaustausch: Sync OParl", as
    rolemap.xml says); set on the site alone, so that nothing else of the rolemap is applied again."""
    api.portal.get().manage_permission(SYNC_OPARL, roles=["Manager", "Site Administrator"], acquire=True)


def forms_settings(context):
    """The registry record ``regionaustausch.privacy_notice`` (the notice the forms ask consent to),
    with its default text; the other settings keep their values."""
    context.runImportStepFromProfile(PROFILE, "plone.app.registry", run_dependencies=False)


def join_forms(context):
    """Each Region that has none gets its join form ("Mitmachen")."""
    catalog = api.portal.get_tool("portal_catalog")
    made = 0
    for brain in catalog.unrestrictedSearchResults(portal_type="Region"):
        region = brain._unrestrictedGetObject()
        if region.get(JOIN_FORM_ID) is None and ensure_join_form(region) is not None:
            made += 1
    logger.info("Made the join form of %d regions.", made)


def meeting_registration_forms(context):
    """Meetings are containers since 1001 (for their registration form): each meeting stored as an
    item gets a container's storage, then its registration form."""
    catalog = api.portal.get_tool("portal_catalog")
    made = 0
    for brain in catalog.unrestrictedSearchResults(portal_type="Meeting"):
        meeting = brain._unrestrictedGetObject()
        if "_tree" not in aq_base(meeting).__dict__:
            aq_base(meeting)._initBTrees()
        if meeting.get(REGISTRATION_FORM_ID) is None and ensure_registration_form(meeting) is not None:
            made += 1
    logger.info("Made the registration form of %d meetings.", made)


# -- issue 11: decisions, required resolutions per municipality --------------------------------------


def _proposals():
    catalog = api.portal.get_tool("portal_catalog")
    for brain in catalog.unrestrictedSearchResults(portal_type="ExchangeProposal"):
        yield brain._unrestrictedGetObject()


def migrate_required_resolutions(context):
    """Rows of ``required_resolutions`` as 1001 has them: each names the municipality whose body
    decides (domain.resolutions.match_municipality: the body's name names one of the Region's
    municipalities), and has ``status_date`` and ``url``. Rows whose body names none (or several) keep
    ``municipality`` empty, for an editor to choose; they are logged and returned as
    ``[{"proposal": path, "row": n, "body": ...}]``. The rows' statuses become the start of each
    proposal's resolution history."""
    unmatched = []
    migrated = 0
    for proposal in _proposals():
        rows = list(getattr(aq_base(proposal), "required_resolutions", None) or ())
        if any("municipality" not in row for row in rows):
            region = find_region(proposal)
            candidates = resolution_candidates(region) if region is not None else []
            new_rows = []
            for number, row in enumerate(rows, start=1):
                if "municipality" in row:
                    new_rows.append(dict(row))
                    continue
                uid = resolution_rules.match_municipality(row.get("body"), candidates)
                if uid is None:
                    path = "/".join(proposal.getPhysicalPath())
                    unmatched.append({"proposal": path, "row": number, "body": row.get("body")})
                    logger.warning(
                        "%s, resolution %d: no municipality named by %r", path, number, row.get("body")
                    )
                new_rows.append(
                    {
                        "municipality": uid,
                        "body": row.get("body") or "",
                        "kind": row.get("kind"),
                        "status": row.get("status") or resolution_rules.DEFAULT_STATUS,
                        "status_date": None,
                        "reference": row.get("reference") or "",
                        "url": "",
                    }
                )
            proposal.required_resolutions = new_rows
            migrated += 1
        remember_resolutions(proposal)
    logger.info(
        "Required resolutions of %d proposals given their municipalities; %d rows named none.",
        migrated,
        len(unmatched),
    )
    return unmatched


PROPOSAL_INDEX = "open_resolution_municipalities"
PROPOSAL_COLUMN = "open_resolutions"


def proposal_catalog(context):
    """The catalog of 1001 for proposals: the index of the municipalities whose councils still have to
    take a resolution, and those resolutions as metadata (the municipality page reads them)."""
    catalog = api.portal.get_tool("portal_catalog")
    if PROPOSAL_INDEX not in catalog.indexes():
        catalog.addIndex(PROPOSAL_INDEX, "KeywordIndex")
    if PROPOSAL_COLUMN not in catalog.schema():
        catalog.addColumn(PROPOSAL_COLUMN)
    count = 0
    for proposal in _proposals():
        proposal.reindexObject(idxs=[PROPOSAL_INDEX])
        count += 1
    logger.info("Reindexed the open resolutions of %d proposals", count)


def record_past_decisions(context):
    """The decisions taken before 1001 (accept, reject, withdraw in the workflow history) become the
    proposals' decision records, so that their reasons are shown: the comment sanitised, the role of
    who decided as their roles on the proposal say now (none when the account is gone). Proposals that
    have decision records already are left alone."""
    count = 0
    for proposal in _proposals():
        if decision_records(proposal):
            continue
        for workflow_id, entries in (getattr(aq_base(proposal), "workflow_history", None) or {}).items():
            if workflow_id != "regionaustausch_proposal_workflow":
                continue
            for entry in entries:
                action = entry.get("action")
                if not decision_rules.is_decision(action):
                    continue
                actor = entry.get("actor")
                user = api.user.get(userid=actor) if actor else None
                roles = api.user.get_roles(user=user, obj=proposal) if user is not None else ()
                add_decision(
                    proposal,
                    action,
                    entry.get("review_state"),
                    actor,
                    decision_rules.decision_role(action, roles),
                    entry["time"],
                    sanitise_html(entry.get("comments") or ""),
                )
                count += 1
    logger.info("Recorded %d decisions taken before 1001", count)
