"""A form's JSON (plone.restapi) with its saved rows for those who may download them.

collective.easyform 5.0.2's serializer asks ``plone.api.user.has_permission`` with the permission's
id (``collective.easyform.DownloadSavedInput``) where plone.api wants its title, so every GET of a
form answers 500. This adapter, registered for the add-on's browser layer (more specific than
easyform's), asks with the title and otherwise does what easyform's does: ``savedDataStorage`` with
every saved row (each row of the add-on's actions carries the account that sent it) for those who
may download the rows, nothing of it for anybody else."""

from AccessControl import getSecurityManager
from collective.easyform.interfaces import IEasyForm
from collective.easyform.serializer import SerializeToJson as EasyFormSerializeToJson
from plone.restapi.interfaces import ISerializeToJson
from plone.restapi.serializer.dxcontent import SerializeToJson as DXContentToJson
from regionaustausch.interfaces import IRegionaustauschLayer
from zope.component import adapter
from zope.interface import implementer


DOWNLOAD_SAVED_INPUT = "collective.easyform: Download Saved Input"


@implementer(ISerializeToJson)
@adapter(IEasyForm, IRegionaustauschLayer)
class SerializeToJson(EasyFormSerializeToJson):
    def __call__(self, version=None, include_items=True):
        result = DXContentToJson.__call__(self, version, include_items)
        if getSecurityManager().checkPermission(DOWNLOAD_SAVED_INPUT, self.context):
            self.serializeSavedData(result)
        return result
