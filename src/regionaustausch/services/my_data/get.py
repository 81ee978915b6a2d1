from plone import api
from plone.restapi.services import Service
from regionaustausch import _
from regionaustausch.privacy import collect_user_data
from zExceptions import Unauthorized
from zope.i18n import translate


FILENAME = "meine-daten.json"


class MyDataGet(Service):
    """GET @my-data: the caller's data as an attachment ``meine-daten.json``; 401 for anonymous."""

    def reply(self):
        if api.user.is_anonymous():
            raise Unauthorized(
                translate(_("Log in to download the data stored about you."), context=self.request)
            )
        data = collect_user_data(api.user.get_current().getId())
        data["@id"] = f"{self.context.absolute_url()}/@my-data"
        response = self.request.response
        response.setHeader("Content-Disposition", f'attachment; filename="{FILENAME}"')
        # Personal data: no shared cache may keep it.
        response.setHeader("Cache-Control", "private, no-store")
        return data
