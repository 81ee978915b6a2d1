"""Upgrade steps from profile version 1000 to 1001."""

from plone import api
from regionaustausch.user_tokens import token_key
import logging


logger = logging.getLogger(__name__)

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
