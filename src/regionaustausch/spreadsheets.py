"""Tables for spreadsheet programs, as CSV and as XLSX (openpyxl), from one header and one list of rows:
the directory's download and a meeting's registrations both write theirs through here.

CSV: semicolon-separated (what German spreadsheet programs expect), RFC 4180 quoting, CRLF line ends,
a byte order mark so that they read the umlauts as UTF-8; a cell that a spreadsheet would evaluate as
a formula is prefixed with ``'`` (phone numbers, digits with ``+ / - ( )`` and spaces, stay as they
are). XLSX: one sheet, the header in bold, every cell text (a value starting with ``=`` is stored as
text, never as a formula), numbers as numbers.
"""

from io import BytesIO
from openpyxl import Workbook
from openpyxl.styles import Font
from regionaustausch.caching import no_store
import csv
import io
import re


CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_DELIMITER = ";"
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_PHONE_LIKE = re.compile(r"\+?[0-9 /()\-]+")
#: Excel's limit for a sheet's title
_TITLE_LENGTH = 31


def csv_cell(value):
    text = "" if value is None else str(value)
    if text.startswith(_FORMULA_START) and not _PHONE_LIKE.fullmatch(text):
        return "'" + text
    return text


def csv_text(header, rows):
    """The table as CSV text (encode it as UTF-8)."""
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer, delimiter=CSV_DELIMITER, lineterminator="\r\n")
    writer.writerow([csv_cell(cell) for cell in header])
    for row in rows:
        writer.writerow([csv_cell(cell) for cell in row])
    return buffer.getvalue()


def xlsx_bytes(header, rows, title="Tabelle"):
    """The table as an XLSX workbook (bytes)."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = re.sub(r"[\[\]:*?/\\]", " ", title)[:_TITLE_LENGTH] or "Tabelle"
    sheet.append(["" if cell is None else str(cell) for cell in header])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append([_xlsx_value(cell) for cell in row])
        for cell in sheet[sheet.max_row]:
            if cell.data_type == "f":
                cell.data_type = "s"  # text that looks like a formula stays text
    output = BytesIO()
    workbook.save(output)
    return output.getvalue()


def _xlsx_value(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, (int, float)):
        return value
    return str(value)


def send(response, body, content_type, filename):
    """Headers of a download that no cache keeps; returns ``body``."""
    response.setHeader("Content-Type", content_type)
    response.setHeader("Content-Disposition", f'attachment; filename="{filename}"')
    response.setHeader("Content-Length", str(len(body)))
    no_store(response)
    return body
