"""The directory of a Region (``@@directory``): a GET form with the filters, the results in pages, and
the same rows as a CSV or XLSX download (``@@directory.csv``, ``@@directory.xlsx``).

The filters, their parameters and checks, the sorting, the CSV and who sees which contact details
are regionaustausch.directory's (the functions the REST API's ``@directory`` calls): this view passes
the query string on and shows what comes back; the pages are plone.batching's. A refused filter
(:class:`InvalidFilter`) is shown at the form field it names, in German, and the page stays a page.
The page shows contact details as the caller may see them, so no cache may keep it.
"""

from html import escape
from plone.app.layout.viewlets.common import TitleViewlet
from regionaustausch import _
from regionaustausch.browser.base import RegionaustauschView
from regionaustausch.caching import no_store
from regionaustausch.directory.export import csv_download
from regionaustausch.directory.export import xlsx_download
from regionaustausch.directory.search import DEFAULT_BATCH_SIZE
from regionaustausch.directory.search import MSG_BATCH_SIZE
from regionaustausch.directory.search import MSG_BATCH_START
from regionaustausch.directory.search import MSG_NOT_A_MUNICIPALITY
from regionaustausch.directory.search import MSG_NOT_AN_INTEGER
from regionaustausch.directory.search import MSG_NOT_TEXT
from regionaustausch.directory.search import MSG_TEXT_TOO_LONG
from regionaustausch.directory.search import MSG_TEXT_UNUSABLE
from regionaustausch.directory.search import MSG_UNKNOWN_FUNCTION
from regionaustausch.directory.search import MSG_UNKNOWN_TOPIC
from regionaustausch.directory.search import InvalidFilter
from regionaustausch.directory.search import filter_options
from regionaustausch.directory.search import given_filters
from regionaustausch.directory.search import parameter_of
from regionaustausch.directory.search import representative_entries
from regionaustausch.directory.search import search_request
from urllib.parse import urlencode
from zope.interface import Interface
from zope.interface import implementer
import re


#: What the form offers as page sizes (search_representatives checks any other value).
PAGE_SIZES = (10, 25, 50, 100)

LABELS = {
    "municipality": _("Municipality"),
    "topic": _("Topic"),
    "party": _("Party or council group"),
    "function": _("Function"),
    "q": _("Search text"),
    "b_size": _("Results per page"),
    "b_start": _("Page"),
}

#: The messages of the directory's checks as the form shows them, next to the field (which names
#: the parameter already); any other refusal is shown with its own message.
FIELD_MESSAGES = {
    MSG_NOT_A_MUNICIPALITY: _('"${value}" is not a municipality of this region.'),
    MSG_UNKNOWN_TOPIC: _('"${value}" is not a known topic.'),
    MSG_UNKNOWN_FUNCTION: _('"${value}" is not a known function.'),
    MSG_NOT_TEXT: _("Please enter a text."),
    MSG_TEXT_TOO_LONG: _("The search text may have at most ${max} characters."),
    MSG_TEXT_UNUSABLE: _(
        "The search text cannot be understood; please use words without special characters."
    ),
    MSG_NOT_AN_INTEGER: _('"${value}" is not a whole number.'),
    MSG_BATCH_START: _("The start of the page must be 0 or more."),
    MSG_BATCH_SIZE: _("The number of results per page must be between ${min} and ${max}."),
}


def _as_list(value):
    """A filter value as a list (a filter may be given once or repeated)."""
    if value is None:
        return []
    return list(value) if isinstance(value, (list, tuple, set, frozenset)) else [value]


def query_string(filters, **extra):
    """A query string of the filters (lists repeated) and ``extra`` (left out where ``None``)."""
    pairs = [(parameter, value) for parameter, given in filters.items() for value in _as_list(given)]
    pairs += [(key, value) for key, value in extra.items() if value is not None]
    return urlencode(pairs)


class IDirectoryPage(Interface):
    """Marker of the directory page (its browser title says so)."""


@implementer(IDirectoryPage)
class DirectoryView(RegionaustauschView):
    def __call__(self):
        form = self.request.form
        self.filters = given_filters(form)
        self.b_size_given = "b_size" in form
        self.error = None
        self.search = None
        self.options = filter_options(self.context, self.request)
        try:
            self.search = search_request(self.context, form)
        except InvalidFilter as refusal:
            self.error = refusal
        no_store(self.request.response)
        return self.index()

    # -- the form -----------------------------------------------------------------------------------

    def selected(self, parameter):
        return {value for value in _as_list(self.filters.get(parameter)) if isinstance(value, str)}

    def options_for(self, parameter):
        """``[{"value", "title", "selected"}]`` for a select of the form."""
        key, value_key = {
            "municipality": ("municipalities", "UID"),
            "topic": ("topics", "token"),
            "party": ("parties", "token"),
            "function": ("functions", "token"),
        }[parameter]
        chosen = self.selected(parameter)
        return [
            {"value": option[value_key], "title": option["title"], "selected": option[value_key] in chosen}
            for option in self.options[key]
        ]

    def select_fields(self):
        """The form's selects: ``[{"parameter", "id", "label", "all_label", "options", "error_id"}]``."""
        fields = []
        for parameter, all_label in (
            ("municipality", _("All municipalities")),
            ("topic", _("All topics")),
            ("party", _("All parties and council groups")),
            ("function", _("All functions")),
        ):
            fields.append(
                {
                    "parameter": parameter,
                    "id": f"ra-filter-{parameter}",
                    "label": self.translate(self.label(parameter)),
                    "all_label": self.translate(all_label),
                    "options": self.options_for(parameter),
                    "error_id": self.field_state(parameter)["error_id"],
                }
            )
        return fields

    def text(self):
        value = self.filters.get("q")
        return value if isinstance(value, str) else ""

    def page_size(self):
        return self.search.b_size if self.search is not None else DEFAULT_BATCH_SIZE

    def page_sizes(self):
        current = self.page_size()
        return [{"value": size, "selected": size == current} for size in PAGE_SIZES]

    def error_parameter(self):
        return parameter_of(self.error) if self.error is not None else None

    def error_message(self):
        """The refusal in German, as the form shows it at its field."""
        if self.error is None:
            return None
        message = FIELD_MESSAGES.get(self.error.msgid)
        if message is None:
            mapping = {**self.error.mapping, "parameter": self.translate(self.label(self.error_parameter()))}
            return self.translate(_(self.error.msgid, mapping=mapping))
        return self.translate(_(message, mapping=self.error.mapping))

    def label(self, parameter):
        return LABELS.get(parameter, parameter)

    def error_field_id(self):
        """The id of the form control the error is about (the summary links to it)."""
        parameter = self.error_parameter()
        if parameter in ("b_start",):
            return None
        return f"ra-filter-{parameter}" if parameter in LABELS else None

    def field_state(self, parameter):
        """``{"invalid": bool, "describedby": "..."}`` for a form control."""
        invalid = self.error_parameter() == parameter
        return {"invalid": invalid, "error_id": f"ra-filter-{parameter}-error" if invalid else None}

    # -- the results --------------------------------------------------------------------------------

    def entries(self):
        if self.search is None:
            return []
        return [
            self._entry(entry)
            for entry in representative_entries(self.search.brains, self.request, context=self.context)
        ]

    def _entry(self, entry):
        phone = entry["contact"].get("phone")
        return {
            **entry,
            "url": entry["@id"],
            "municipality_url": entry["municipality"]["@id"],
            "function_title": entry["function"]["title"] if entry["function"] else None,
            "topic_titles": ", ".join(topic["title"] for topic in entry["topics"]),
            "email": entry["contact"].get("email"),
            "phone": phone,
            "phone_href": "tel:" + re.sub(r"[^0-9+]", "", phone) if phone else None,
        }

    def has_filters(self):
        return bool(self.filters)

    def summary_text(self):
        search = self.search
        if search.total == 0:
            return self.translate(_("No representative matches these filters."))
        page = self.pages()
        first = search.b_start + 1
        last = min(search.b_start + search.b_size, search.total)
        if first > search.total:
            return self.translate(
                _("This page is empty: the results have ${total} entries.", mapping={"total": search.total})
            )
        msgid = (
            "1 representative found."
            if search.total == 1
            else (
                "${total} representatives found, ${first} to ${last} shown (page ${page} of ${pages})."
                if page["count"] > 1
                else "${total} representatives found."
            )
        )
        return self.translate(
            _(
                msgid,
                mapping={
                    "total": search.total,
                    "first": first,
                    "last": last,
                    "page": page["current"],
                    "pages": page["count"],
                },
            )
        )

    # -- links --------------------------------------------------------------------------------------

    def url(self, b_start=None):
        size = self.page_size()
        keep_size = self.b_size_given or size != DEFAULT_BATCH_SIZE
        query = query_string(self.filters, b_size=size if keep_size else None, b_start=b_start or None)
        base = f"{self.context.absolute_url()}/@@directory"
        return f"{base}?{query}" if query else base

    def csv_url(self):
        query = query_string(self.filters)
        base = f"{self.context.absolute_url()}/@@directory.csv"
        return f"{base}?{query}" if query else base

    def xlsx_url(self):
        query = query_string(self.filters)
        base = f"{self.context.absolute_url()}/@@directory.xlsx"
        return f"{base}?{query}" if query else base

    def reset_url(self):
        return f"{self.context.absolute_url()}/@@directory"

    def pages(self):
        """The pagination, from plone.batching's batch of the search: ``{"count", "current",
        "previous", "next", "links": [{"number", "url", "current"} | {"gap": True}]}``
        (``previous``/``next``: URLs or ``None``); the first and the last page are always linked,
        and the pages around the current one as the batch's navigation list has them."""
        batch = self.search.batch
        size = self.search.b_size
        count, current = batch.numpages, batch.pagenumber
        links, last = [], 0
        for number in sorted({1, count} | set(batch.navlist)):
            if number - last > 1:
                links.append({"gap": True})
            links.append(
                {
                    "gap": False,
                    "number": number,
                    "url": self.url((number - 1) * size),
                    "current": number == current,
                }
            )
            last = number
        return {
            "count": count,
            "current": current,
            "previous": self.url((current - 2) * size) if current > 1 else None,
            "next": self.url(current * size) if current < count else None,
            "links": links,
        }

    def page_title(self):
        """The browser title: the directory, the page when there are several, and an error first."""
        title = self.translate(_("Directory of representatives"))
        if self.error is not None:
            title = self.translate(_("Error: ${title}", mapping={"title": title}))
        elif self.search is not None and self.search.total > self.search.b_size:
            pages = self.pages()
            title = self.translate(
                _(
                    "${title}, page ${page} of ${pages}",
                    mapping={"title": title, "page": pages["current"], "pages": pages["count"]},
                )
            )
        return title


class DirectoryTitleViewlet(TitleViewlet):
    """Plone's browser title with the directory's own title before the Region's."""

    @property
    def page_title(self):
        own = self.view.page_title() if hasattr(self.view, "page_title") else None
        region = super().page_title
        if not own:
            return region
        return f"{escape(own)} – {region}"


class DirectoryCSV(RegionaustauschView):
    """``@@directory.csv``: every row the directory's filters find (no pages), the REST API's CSV;
    contact details as each record's visibility allows the caller. Refused filters go back to the
    form, which says what is wrong."""

    download = staticmethod(csv_download)

    def __call__(self):
        try:
            return self.download(self.context, self.request)
        except InvalidFilter:
            query = query_string(given_filters(self.request.form))
            self.request.response.redirect(
                f"{self.context.absolute_url()}/@@directory" + (f"?{query}" if query else ""), status=303
            )
            return ""


class DirectoryXLSX(DirectoryCSV):
    """``@@directory.xlsx``: the same rows as an XLSX workbook."""

    download = staticmethod(xlsx_download)
