"""Set-up helpers for the GenericSetup profiles."""

from plone import api
from plone.base.interfaces import INonInstallable
from zope.interface import implementer


#: The types whose workflows this add-on defines.
TYPES = (
    "Region",
    "Municipality",
    "Representative",
    "Forum",
    "Thread",
    "Post",
    "ExchangeProposal",
    "Meeting",
)


@implementer(INonInstallable)
class HiddenProfiles:
    """Keep the profiles that are not meant to be picked in the add-ons control panel out of it."""

    def getNonInstallableProfiles(self):
        return ["regionaustausch:uninstall"]

    def getNonInstallableProducts(self):
        return []


def update_role_mappings():
    """Apply the workflows' permission maps to the existing objects of our types.

    Unlike ``portal_workflow.updateRoleMappings()`` this touches only our types, so running it on
    install and in every upgrade step that changes a workflow stays cheap on a large site. Returns the
    number of objects whose security changed.
    """
    workflow_tool = api.portal.get_tool("portal_workflow")
    catalog = api.portal.get_tool("portal_catalog")
    changed = 0
    for brain in catalog.unrestrictedSearchResults(portal_type=TYPES):
        obj = brain._unrestrictedGetObject()
        updated = False
        for workflow in workflow_tool.getWorkflowsFor(obj):
            if hasattr(workflow, "updateRoleMappingsFor"):
                updated = workflow.updateRoleMappingsFor(obj) or updated
        if updated:
            obj.reindexObjectSecurity()
            changed += 1
    return changed


def post_install(context):
    """After the default profile: bring existing objects in line with the workflows (a reinstall)."""
    update_role_mappings()
