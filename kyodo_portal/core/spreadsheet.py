"""The portal's one CSV writer and one Excel writer, and the cells they write.

CSV is streamed row by row: UTF-8 with a byte-order mark (so that Excel on a Japanese PC reads it
correctly), comma-separated, CRLF line ends (RFC 4180). Excel workbooks are built with openpyxl's
write-only workbook, which writes each row to a temporary file as it goes; a sheet holds at most
Excel's 1,048,576 rows and ``in_sheets`` continues on further sheets. Memory does not grow with
the data in either.

Cells that a spreadsheet will not run (CSV and formula injection):

Excel, LibreOffice and Google Sheets treat a cell whose text begins with ``=``, ``+``, ``-`` or
``@`` as a formula, and a leading tab or carriage return can hide one; a formula such as
``=HYPERLINK(...)`` typed by an NPO into a reason would then run on a manager's PC when the export
is opened. As OWASP advises, such text is written with a leading apostrophe, which every
spreadsheet shows as text. Numbers stored as numbers are left alone (a score of -1 stays a
number); only text is changed. Every CSV and Excel writer of the portal passes its cells through
:func:`safe_cell`.
"""

import csv
import itertools
import tempfile
from collections.abc import Iterable, Iterator

from django.http import FileResponse, StreamingHttpResponse
from django.utils.http import content_disposition_header
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
CSV_TYPE = "text/csv; charset=utf-8"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# Rows of data on one sheet: Excel's limit of 1,048,576 rows, less the header.
SHEET_ROWS = 1_048_575
# Excel refuses sheet titles longer than 31 characters or containing these.
_BAD_TITLE_CHARS = str.maketrans({c: "・" for c in "[]:*?/\\"})


def safe_cell(value):
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def safe_row(values) -> list:
    return [safe_cell(value) for value in values]


# --- CSV -----------------------------------------------------------------------------------------


class _Echo:
    def write(self, value):
        return value


def csv_lines(rows: Iterable[Iterable]) -> Iterator[str]:
    """The byte-order mark, then each row as one CRLF-terminated line (None as empty)."""
    writer = csv.writer(_Echo(), lineterminator="\r\n")
    yield "\ufeff"
    for row in rows:
        yield writer.writerow(["" if value is None else safe_cell(value) for value in row])


def csv_response(filename: str, rows: Iterable[Iterable]) -> StreamingHttpResponse:
    """A CSV download streamed as it is written; ``rows`` may be a lazy iterator."""
    response = StreamingHttpResponse(
        (line.encode("utf-8") for line in csv_lines(rows)), content_type=CSV_TYPE
    )
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response


# --- Excel ---------------------------------------------------------------------------------------


def sheet_title(text: str) -> str:
    return text.translate(_BAD_TITLE_CHARS)[:31] or "Sheet"


def write_workbook(handle, sheets: Iterable[tuple[str, list, Iterable[Iterable]]]) -> int:
    """Write sheets given as (title, headers, rows) to ``handle``; rows may be a lazy iterator.
    Returns the number of data rows written."""
    workbook = Workbook(write_only=True)
    bold = Font(bold=True)
    used_titles: set[str] = set()
    written = 0
    for title, headers, rows in sheets:
        name = sheet_title(title)
        suffix = 2
        while name in used_titles:
            name = sheet_title(f"{title[:27]} ({suffix})")
            suffix += 1
        used_titles.add(name)
        worksheet = workbook.create_sheet(name)
        header_cells = []
        for header in headers:
            cell = WriteOnlyCell(worksheet, value=safe_cell(header))
            cell.font = bold
            header_cells.append(cell)
        worksheet.append(header_cells)
        for row in rows:
            worksheet.append(safe_row(row))
            written += 1
    if not used_titles:
        workbook.create_sheet("Sheet")
    workbook.save(handle)
    return written


def in_sheets(title: str, headers: list, rows: Iterable[Iterable]):
    """One (title, headers, rows) per sheet, as many as the rows need. Lazy, so the rows are
    still read only once, as they are written."""
    rows = iter(rows)
    for first in rows:
        yield title, headers, itertools.chain([first], itertools.islice(rows, SHEET_ROWS - 1))


def xlsx_response(filename: str, sheets: Iterable[tuple[str, list, Iterable[Iterable]]]):
    # Closed by FileResponse once sent, so no context manager here.
    handle = tempfile.TemporaryFile(suffix=".xlsx")  # noqa: SIM115
    write_workbook(handle, sheets)
    handle.seek(0)
    return FileResponse(handle, as_attachment=True, filename=filename, content_type=XLSX_TYPE)
