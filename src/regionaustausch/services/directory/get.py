from plone.restapi.batching import HypermediaBatch
from plone.restapi.services import Service
from regionaustausch.caching import no_store
from regionaustausch.directory.export import CSV_CONTENT_TYPE
from regionaustausch.directory.export import XLSX_CONTENT_TYPE
from regionaustausch.directory.export import csv_download
from regionaustausch.directory.export import xlsx_download
from regionaustausch.directory.search import InvalidFilter
from regionaustausch.directory.search import representative_entries
from regionaustausch.directory.search import search_request
from regionaustausch.services.errors import http_error


class DirectoryGet(Service):
    """GET @directory: the Region's active representatives, sorted by name, batched as plone.restapi
    batches (``b_start``, ``b_size`` 1..100, default 25), filtered by ``municipality`` (UID),
    ``topic``, ``party``, ``function`` and ``q`` (free text); contact details as each record's
    visibility allows the caller (so no cache may keep the answer)."""

    def reply(self):
        try:
            search = search_request(self.context, self.request.form)
        except InvalidFilter as refusal:
            raise http_error(refusal, self.request) from refusal
        batch = HypermediaBatch(self.request, search.results)
        result = {
            "@id": batch.canonical_url,
            "items": representative_entries(search.brains, self.request, context=self.context),
            "items_total": search.total,
        }
        links = batch.links
        if links:
            result["batching"] = links
        no_store(self.request.response)
        return result


class DirectoryCSV(Service):
    """GET @directory with ``Accept: text/csv``: the same filters, every matching row (the batching
    parameters are ignored: a download is the whole filtered directory), contact details as in JSON.
    """

    content_type = CSV_CONTENT_TYPE

    def render(self):
        self.check_permission()
        try:
            return csv_download(self.context, self.request)
        except InvalidFilter as refusal:
            raise http_error(refusal, self.request) from refusal


class DirectoryXLSX(Service):
    """GET @directory with ``Accept:`` the XLSX media type: the rows of the CSV as an XLSX workbook."""

    content_type = XLSX_CONTENT_TYPE

    def render(self):
        self.check_permission()
        try:
            return xlsx_download(self.context, self.request)
        except InvalidFilter as refusal:
            raise http_error(refusal, self.request) from refusal
