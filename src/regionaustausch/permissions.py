"""Every permission the add-on uses, by name: the one place Python takes them from.

Zope knows a permission by its title ("regionaustausch: Moderate"): ``checkPermission``, the rolemap,
the workflows and ``manage_permission`` use that. ZCML (``permission=`` of a view or service, a field's
``read_permission``) uses the id ("regionaustausch.Moderate") that ``permissions.zcml`` gives the title.
:data:`IDS` maps each of our titles to its id; ``tests/test_permissions.py`` checks that
``permissions.zcml`` defines exactly these, so the two cannot drift apart.

Plone's own permissions come from ``Products.CMFCore.permissions`` (and plone.app.workflow's Sharing
permissions from ``plone.app.workflow.permissions``) under the names those packages give them,
re-exported here so that a module imports every permission from one place.
"""

from plone.app.workflow.permissions import DelegateRoles
from Products.CMFCore.permissions import AccessContentsInformation
from Products.CMFCore.permissions import AddPortalContent
from Products.CMFCore.permissions import ManagePortal
from Products.CMFCore.permissions import ModifyPortalContent
from Products.CMFCore.permissions import ReviewPortalContent
from Products.CMFCore.permissions import View


__all__ = (
    "ADD_EXCHANGE_PROPOSAL",
    "ADD_FORUM",
    "ADD_MEETING",
    "ADD_MUNICIPALITY",
    "ADD_POST",
    "ADD_REGION",
    "ADD_REPRESENTATIVE",
    "ADD_THREAD",
    "ANONYMISE_REPRESENTATIVE",
    "IDS",
    "MANAGE_MEMBERSHIP",
    "MANAGE_SETTINGS",
    "MODERATE",
    "SUPPORT_PROPOSAL",
    "SYNC_OPARL",
    "VIEW_CONTACT_DETAILS",
    "AccessContentsInformation",
    "AddPortalContent",
    "DelegateRoles",
    "ManagePortal",
    "ModifyPortalContent",
    "ReviewPortalContent",
    "View",
)

MANAGE_SETTINGS = "regionaustausch: Manage settings"

# Add permissions, one per type (named in the FTIs' add_permission).
ADD_REGION = "regionaustausch: Add Region"
ADD_MUNICIPALITY = "regionaustausch: Add Municipality"
ADD_REPRESENTATIVE = "regionaustausch: Add Representative"
ADD_FORUM = "regionaustausch: Add Forum"
ADD_THREAD = "regionaustausch: Add Thread"
ADD_POST = "regionaustausch: Add Post"
ADD_EXCHANGE_PROPOSAL = "regionaustausch: Add ExchangeProposal"
ADD_MEETING = "regionaustausch: Add Meeting"

# The network
SUPPORT_PROPOSAL = "regionaustausch: Support proposal"
MODERATE = "regionaustausch: Moderate"

# Representatives' records
VIEW_CONTACT_DETAILS = "regionaustausch: View contact details"
MANAGE_MEMBERSHIP = "regionaustausch: Manage membership"

# Privacy (DSGVO): anonymising a former representative
ANONYMISE_REPRESENTATIVE = "regionaustausch: Anonymise representative"

# OParl import: syncing a Region with its council information systems (@oparl-sync)
SYNC_OPARL = "regionaustausch: Sync OParl"

#: title -> ZCML id of each of our permissions (permissions.zcml defines exactly these).
IDS = {
    MANAGE_SETTINGS: "regionaustausch.ManageSettings",
    ADD_REGION: "regionaustausch.AddRegion",
    ADD_MUNICIPALITY: "regionaustausch.AddMunicipality",
    ADD_REPRESENTATIVE: "regionaustausch.AddRepresentative",
    ADD_FORUM: "regionaustausch.AddForum",
    ADD_THREAD: "regionaustausch.AddThread",
    ADD_POST: "regionaustausch.AddPost",
    ADD_EXCHANGE_PROPOSAL: "regionaustausch.AddExchangeProposal",
    ADD_MEETING: "regionaustausch.AddMeeting",
    SUPPORT_PROPOSAL: "regionaustausch.SupportProposal",
    MODERATE: "regionaustausch.Moderate",
    VIEW_CONTACT_DETAILS: "regionaustausch.ViewContactDetails",
    MANAGE_MEMBERSHIP: "regionaustausch.ManageMembership",
    ANONYMISE_REPRESENTATIVE: "regionaustausch.AnonymiseRepresentative",
    SYNC_OPARL: "regionaustausch.SyncOParl",
}
