from plone.restapi.services import Service
from regionaustausch.privacy import my_data_download


class MyDataGet(Service):
    """GET @my-data: the caller's data as an attachment ``meine-daten.json``, the same download as the
    Classic UI's ``@@meine-daten`` (regionaustausch.privacy.export); anonymous callers lack the
    permission the service is registered with and get 401."""

    def render(self):
        self.check_permission()
        return my_data_download(self.request, f"{self.context.absolute_url()}/@my-data")
