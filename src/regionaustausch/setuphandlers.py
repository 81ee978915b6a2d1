"""Set-up helpers for the GenericSetup profiles."""

from plone.base.interfaces import INonInstallable
from zope.interface import implementer


@implementer(INonInstallable)
class HiddenProfiles:
    """Keep the profiles that are not meant to be picked in the add-ons control panel out of it."""

    def getNonInstallableProfiles(self):
        return ["regionaustausch:uninstall"]

    def getNonInstallableProducts(self):
        return []
