"""The directory as a CSV download for spreadsheets: the REST API (``@directory`` with ``Accept:
text/csv``) and the Classic UI (``@@directory.csv``) both answer with :func:`csv_download`."""

from regionaustausch import _
from regionaustausch.caching import no_store
from regionaustausch.directory.search import representative_entries
from regionaustausch.directory.search import search_request
from regionaustausch.listing import translated
import csv
import io
import re


CSV_FILENAME = "verzeichnis.csv"
CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
CSV_DELIMITER = ";"
CSV_COLUMNS = (
    ("name", _("Name")),
    ("municipality", _("Municipality")),
    ("party", _("Party or council group")),
    ("function", _("Function")),
    ("topics", _("Topics")),
    ("email", _("E-mail address")),
    ("phone", _("Phone")),
    ("url", _("Link to the record")),
)
# A cell a spreadsheet would run as a formula. Phone numbers (digits, spaces, + / - ( )) are left alone.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_PHONE_LIKE = re.compile(r"\+?[0-9 /()\-]+")


def _csv_cell(value):
    text = "" if value is None else str(value)
    if text.startswith(_FORMULA_START) and not _PHONE_LIKE.fullmatch(text):
        return "'" + text
    return text


def _csv_row(entry):
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


def directory_csv(entries, request=None):
    """The entries as CSV text for spreadsheets: a header row (translated), then one row per entry.

    Semicolon-separated, every cell quoted where needed (RFC 4180 quoting), CRLF line ends, and
    beginning with a byte order mark so that spreadsheet programs read the umlauts as UTF-8; encode
    the result as UTF-8. Cells that a spreadsheet would evaluate as formulas are prefixed with ``'``.
    Contact details are those in the entries, i.e. what the caller may see.
    """
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer, delimiter=CSV_DELIMITER, lineterminator="\r\n")
    writer.writerow([translated(label, request) for _key, label in CSV_COLUMNS])
    for entry in entries:
        row = _csv_row(entry)
        writer.writerow([_csv_cell(row[key]) for key, _label in CSV_COLUMNS])
    return buffer.getvalue()


def csv_download(region, request):
    """The CSV download of the directory of ``region`` for ``request``: every row its query string's
    filters find (the batching parameters are ignored: a download is the whole filtered directory),
    contact details as each record allows the caller. Sets the response's headers (a download that
    no cache keeps: the rows depend on who asks) and returns the body (bytes). Raises
    :class:`~regionaustausch.directory.search.InvalidFilter` for refused filters; nothing is set then.
    """
    search = search_request(region, request.form, batched=False)
    entries = representative_entries(search.results, request, context=region)
    body = directory_csv(entries, request).encode("utf-8")
    response = request.response
    response.setHeader("Content-Type", CSV_CONTENT_TYPE)
    response.setHeader("Content-Disposition", f'attachment; filename="{CSV_FILENAME}"')
    response.setHeader("Content-Length", str(len(body)))
    no_store(response)
    return body
