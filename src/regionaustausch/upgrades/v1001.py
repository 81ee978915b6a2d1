"""Profile version 1001: the workflow and rolemap changes of issue 9 on sites installed with 1000.

Each handler is one upgrade step of its own (``configure.zcml``), so that further steps of 1001 sit
beside them.
"""

from plone import api


PROFILE = "profile-regionaustausch:default"


def apply_rolemap(context):
    """Only site administrators delegate roles on the Sharing page, site-wide (rolemap.xml)."""
    context.runImportStepFromProfile(PROFILE, "rolemap", run_dependencies=False)


def apply_workflows(context):
    """The workflows of 1001 (Sharing permissions managed in every state, threads pending in
    pre-moderated forums, edits recorded, histories for moderators only), applied to every existing
    object: ``updateRoleMappings`` sets each object's permissions from its state's new map and
    reindexes its security."""
    context.runImportStepFromProfile(PROFILE, "workflow", run_dependencies=False)
    api.portal.get_tool("portal_workflow").updateRoleMappings()
