"""Privacy in the Classic UI: everyone downloads what is stored about them (``@@meine-daten``, the
same download as the REST API's ``@my-data``), and editors anonymise a former representative on
request (``@@anonymise`` on the record, the same function as ``@anonymise``)."""

from regionaustausch import _
from regionaustausch.browser.base import RegionaustauschView
from regionaustausch.privacy import AnonymisationRefused
from regionaustausch.privacy import anonymise_representative
from regionaustausch.privacy import my_data_download


class MyDataDownload(RegionaustauschView):
    """``@@meine-daten``: the current user's data as a JSON download (the view needs a login)."""

    def __call__(self):
        return my_data_download(self.request, f"{self.context.absolute_url()}/@@meine-daten")


class AnonymiseForm(RegionaustauschView):
    """``@@anonymise`` on a former representative: a confirmation, then (POST, CSRF-checked) the
    anonymisation; the editor lands on the renamed record."""

    error = None

    def __call__(self):
        if self.request.method == "POST":
            self.check_csrf()
            try:
                report = anonymise_representative(self.context)
            except AnonymisationRefused as refusal:
                self.error = self.translate(_(refusal.msgid, mapping=refusal.mapping))
                self.request.response.setStatus(refusal.http_status)
                return self.index()
            self.message(_("The record has been anonymised."))
            self.request.response.redirect(report["record"].absolute_url())
            return ""
        return self.index()

    def is_former(self):
        return self.state_of() == "former"
