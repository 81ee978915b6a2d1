"""Upgrade steps to profile version 1001."""

from Acquisition import aq_base
from plone import api
import logging


logger = logging.getLogger(__name__)


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
