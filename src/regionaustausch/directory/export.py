"""The directory as a download for spreadsheets, CSV or XLSX: the REST API (``@directory`` with
``Accept: text/csv`` or the XLSX media type) and the Classic UI (``@@directory.csv``,
``@@directory.xlsx``) answer with :func:`csv_download` and :func:`xlsx_download`. One function builds
the rows (:func:`directory_rows`: the same columns, contact details as each record allows the caller);
regionaustausch.spreadsheets writes them."""

from regionaustausch import _
from regionaustausch.directory.search import representative_entries
from regionaustausch.directory.search import search_request
from regionaustausch.listing import translated
from regionaustausch.spreadsheets import CSV_CONTENT_TYPE
from regionaustausch.spreadsheets import XLSX_CONTENT_TYPE
from regionaustausch.spreadsheets import csv_text
from regionaustausch.spreadsheets import send
from regionaustausch.spreadsheets import xlsx_bytes


CSV_FILENAME = "verzeichnis.csv"
XLSX_FILENAME = "verzeichnis.xlsx"
COLUMNS = (
    ("name", _("Name")),
    ("municipality", _("Municipality")),
    ("party", _("Party or council group")),
    ("function", _("Function")),
    ("topics", _("Topics")),
    ("email", _("E-mail address")),
    ("phone", _("Phone")),
    ("url", _("Link to the record")),
)


def _row(entry):
    contact_details = entry.get("contact") or {}
    function = entry.get("function") or {}
    return {
        "name": entry["name"],
        "municipality": entry["municipality"]["title"],
        "party": entry["party"],
        "function": function.get("title"),
        "topics": ", ".join(topic["title"] for topic in entry["topics"]),
        "email": contact_details.get("email"),
        "phone": contact_details.get("phone"),
        "url": entry["@id"],
    }


def directory_rows(entries, request=None):
    """``(header, rows)`` of the entries: the translated column titles, then one list per entry.
    Contact details are those in the entries, i.e. what the caller may see."""
    header = [translated(label, request) for _key, label in COLUMNS]
    rows = []
    for entry in entries:
        row = _row(entry)
        rows.append([row[key] for key, _label in COLUMNS])
    return header, rows


def directory_csv(entries, request=None):
    """The entries as CSV text (regionaustausch.spreadsheets: semicolons, a byte order mark, cells
    that a spreadsheet would evaluate as formulas prefixed with ``'``); encode it as UTF-8."""
    return csv_text(*directory_rows(entries, request))


def directory_xlsx(entries, request=None):
    """The entries as an XLSX workbook (bytes), the same columns as the CSV."""
    header, rows = directory_rows(entries, request)
    return xlsx_bytes(header, rows, title=translated(_("Directory of representatives"), request))


def _entries(region, request):
    search = search_request(region, request.form, batched=False)
    return representative_entries(search.results, request, context=region)


def csv_download(region, request):
    """The CSV download of the directory of ``region`` for ``request``: every row its query string's
    filters find (the batching parameters are ignored: a download is the whole filtered directory),
    contact details as each record allows the caller. Sets the response's headers (a download that
    no cache keeps: the rows depend on who asks) and returns the body (bytes). Raises
    :class:`~regionaustausch.directory.search.InvalidFilter` for refused filters; nothing is set then.
    """
    body = directory_csv(_entries(region, request), request).encode("utf-8")
    return send(request.response, body, CSV_CONTENT_TYPE, CSV_FILENAME)


def xlsx_download(region, request):
    """The same as :func:`csv_download`, as an XLSX workbook."""
    body = directory_xlsx(_entries(region, request), request)
    return send(request.response, body, XLSX_CONTENT_TYPE, XLSX_FILENAME)
