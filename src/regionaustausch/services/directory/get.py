from plone.restapi.batching import HypermediaBatch
from plone.restapi.services import Service
from regionaustausch.directory import CSV_FILENAME
from regionaustausch.directory import InvalidFilter
from regionaustausch.directory import directory_csv
from regionaustausch.directory import representative_entries
from regionaustausch.directory import search_representatives
from regionaustausch.services.errors import http_error


#: query string parameter -> argument of search_representatives
FILTER_PARAMETERS = {
    "municipality": "municipality",
    "topic": "topic",
    "party": "party",
    "function": "function",
    "q": "text",
}
BATCH_PARAMETERS = ("b_start", "b_size")
_PARAMETER_OF = {argument: parameter for parameter, argument in FILTER_PARAMETERS.items()}


def _search(service, batched=True):
    """search_representatives with the request's parameters; 400 naming the parameter for bad ones."""
    form = service.request.form
    arguments = {argument: form.get(parameter) for parameter, argument in FILTER_PARAMETERS.items()}
    if batched:
        arguments.update({name: form.get(name) for name in BATCH_PARAMETERS if name in form})
    try:
        return search_representatives(service.context, **arguments)
    except InvalidFilter as refusal:
        parameter = _PARAMETER_OF.get(refusal.field, refusal.field)
        named = InvalidFilter(refusal.msgid, field=parameter, **{**refusal.mapping, "parameter": parameter})
        raise http_error(named, service.request) from refusal


class DirectoryGet(Service):
    """GET @directory: the Region's active representatives, sorted by name, batched as plone.restapi
    batches (``b_start``, ``b_size`` 1..100, default 25), filtered by ``municipality`` (UID),
    ``topic``, ``party``, ``function`` and ``q`` (free text); contact details as each record's
    visibility allows the caller."""

    def reply(self):
        search = _search(self)
        batch = HypermediaBatch(self.request, search.results)
        result = {
            "@id": batch.canonical_url,
            "items": representative_entries(search.brains, self.request, context=self.context),
            "items_total": search.total,
        }
        links = batch.links
        if links:
            result["batching"] = links
        return result


class DirectoryCSV(Service):
    """GET @directory with ``Accept: text/csv``: the same filters, every matching row (the batching
    parameters are ignored: a download is the whole filtered directory), contact details as in JSON.
    """

    content_type = "text/csv; charset=utf-8"

    def render(self):
        self.check_permission()
        search = _search(self, batched=False)
        entries = representative_entries(search.results, self.request, context=self.context)
        body = directory_csv(entries, self.request).encode("utf-8")
        response = self.request.response
        response.setHeader("Content-Type", self.content_type)
        response.setHeader("Content-Disposition", f'attachment; filename="{CSV_FILENAME}"')
        response.setHeader("Content-Length", str(len(body)))
        return body
