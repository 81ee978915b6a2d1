"""``<regionaustausch:profile>``: GenericSetup's ``registerProfile`` for the profiles in this folder.

GenericSetup names a profile after the package of the ZCML file that registers it: registered here, in
``regionaustausch.profiles``, the profiles would be ``regionaustausch.profiles:default``, while every
site knows them as ``regionaustausch:default``. ZCML's ``<configure package="regionaustausch">`` would
fix the name but resolve ``directory`` inside ``src/regionaustausch``, where an editable install has no
profiles. This directive takes the directory relative to this folder (already resolved by the schema's
``Path`` field) and registers the profile for the package ``regionaustausch``.
"""

from Products.GenericSetup import zcml as genericsetup_zcml
import regionaustausch


class _AddOnContext:
    """The ZCML context, with the add-on (not this sub-package) as its package."""

    package = regionaustausch

    def __init__(self, context):
        self._context = context

    def __getattr__(self, name):
        return getattr(self._context, name)


def register_profile(_context, **arguments):
    genericsetup_zcml.registerProfile(_AddOnContext(_context), **arguments)
