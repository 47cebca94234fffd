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

How every workbook reads (one place, so no export forgets it): row 1 is a cover line saying when
the file was made and under which conditions (「出力日時: 2026-12-06 10:00 / 条件: 年度=2025」),
row 2 the header, frozen so that it stays in view, with an autofilter over the table. Dates and
times are real Excel dates (local time, shown as yyyy-mm-dd [hh:mm]), so they sort and filter as
dates. Column widths follow the header and the first rows, a full-width (Japanese) character
counted as two; only those first rows are held, so memory still does not grow with the data. The
file name carries the conditions too: an ASCII name for old clients and the Japanese name in
RFC 5987 form (``filename*``) for the rest.
"""

import csv
import datetime
import itertools
import re
import tempfile
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from urllib.parse import quote

from django.http import FileResponse, StreamingHttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.filters import AutoFilter

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
CSV_TYPE = "text/csv; charset=utf-8"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# Rows of data on one sheet: Excel's limit of 1,048,576 rows, less the cover line and the header.
SHEET_ROWS = 1_048_574
DATE_FORMAT = "yyyy-mm-dd"
DATETIME_FORMAT = "yyyy-mm-dd hh:mm"
# Rows read ahead to size the columns (column widths are written before the first row).
WIDTH_SAMPLE_ROWS = 200
MIN_WIDTH = 6
MAX_WIDTH = 60
# Excel refuses sheet titles longer than 31 characters or containing these.
_BAD_TITLE_CHARS = str.maketrans({c: "・" for c in "[]:*?/\\"})


def safe_cell(value):
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def safe_row(values) -> list:
    return [safe_cell(value) for value in values]


# --- the conditions of an export: on the cover line and in the file name --------------------


@dataclass(frozen=True)
class Condition:
    """One filter that produced an export: 年度=2025 on the cover line, fy2025 in the file name."""

    label: str
    value: str
    code: str  # ASCII, for the file name

    def __str__(self) -> str:
        return f"{self.label}={self.value}"


def cover_line(conditions: Sequence[Condition] = (), at: datetime.datetime | None = None) -> str:
    at = timezone.localtime(at or timezone.now())
    words = ", ".join(str(condition) for condition in conditions) or _("なし")
    return _("出力日時: %(at)s / 条件: %(conditions)s") % {
        "at": f"{at:%Y-%m-%d %H:%M}",
        "conditions": words,
    }


_UNSAFE_NAME = re.compile(r'[\\/:*?"<>|\s]+')
_NON_ASCII_NAME = re.compile(r"[^A-Za-z0-9._-]+")


def file_name(stem: str, conditions: Sequence[Condition], ext: str, *, title: str = "") -> str:
    """``title`` (or ``stem``) and the conditions, e.g. 選定結果_年度2025.xlsx; the responses
    below send it with :func:`ascii_file_name` as the fallback for clients without RFC 5987."""
    parts = [title or stem, *(f"{c.label}{c.value}" for c in conditions)]
    return _UNSAFE_NAME.sub("-", "_".join(parts)) + ext


def ascii_file_name(stem: str, conditions: Sequence[Condition], ext: str) -> str:
    parts = [stem, *(c.code for c in conditions)]
    name = _NON_ASCII_NAME.sub("-", "_".join(parts)).strip("-")
    return (name or "export") + ext


def attachment_header(filename: str, ascii_name: str | None = None) -> str:
    """``attachment`` with an ASCII ``filename`` and, for a Japanese name, ``filename*``."""
    fallback = ascii_name or _NON_ASCII_NAME.sub("-", filename).strip("-") or "export"
    if filename.isascii() and not ascii_name:
        return f'attachment; filename="{filename}"'
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(filename)}"


# --- CSV -----------------------------------------------------------------------------------------


class _Echo:
    def write(self, value):
        return value


def _csv_value(value):
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return f"{_local_naive(value):%Y-%m-%d %H:%M}"
    return safe_cell(value)


def csv_lines(rows: Iterable[Iterable]) -> Iterator[str]:
    """The byte-order mark, then each row as one CRLF-terminated line (None as empty)."""
    writer = csv.writer(_Echo(), lineterminator="\r\n")
    yield "\ufeff"
    for row in rows:
        yield writer.writerow([_csv_value(value) for value in row])


def csv_response(
    filename: str, rows: Iterable[Iterable], *, ascii_name: str | None = None
) -> StreamingHttpResponse:
    """A CSV download streamed as it is written; ``rows`` may be a lazy iterator."""
    response = StreamingHttpResponse(
        (line.encode("utf-8") for line in csv_lines(rows)), content_type=CSV_TYPE
    )
    response["Content-Disposition"] = attachment_header(filename, ascii_name)
    return response


# --- Excel ---------------------------------------------------------------------------------------


def sheet_title(text: str) -> str:
    return text.translate(_BAD_TITLE_CHARS)[:31] or "Sheet"


def _local_naive(value: datetime.datetime) -> datetime.datetime:
    """Excel has no time zones: an aware time is written as the site's local time."""
    if timezone.is_aware(value):
        return timezone.make_naive(value)
    return value


def _text_width(value) -> int:
    """Columns the value takes: a full-width (East Asian wide) character counts as two."""
    if value is None:
        return 0
    if isinstance(value, datetime.datetime):
        return len(DATETIME_FORMAT)
    if isinstance(value, datetime.date):
        return len(DATE_FORMAT)
    text = str(value)
    longest = 0
    for line in text.splitlines() or [""]:
        width = sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in line)
        longest = max(longest, width)
    return longest


def column_widths(headers: Sequence, rows: Sequence[Sequence]) -> list[int]:
    widths = [_text_width(header) for header in headers]
    for row in rows:
        for index, value in enumerate(row):
            if index >= len(widths):
                widths.append(0)
            widths[index] = max(widths[index], _text_width(value))
    return [min(MAX_WIDTH, max(MIN_WIDTH, width + 2)) for width in widths]


def _xlsx_row(worksheet, values) -> list:
    """Text made safe; dates and times as Excel dates with a readable number format."""
    row = []
    for value in values:
        if isinstance(value, datetime.datetime):
            cell = WriteOnlyCell(worksheet, value=_local_naive(value))
            cell.number_format = DATETIME_FORMAT
            row.append(cell)
        elif isinstance(value, datetime.date):
            cell = WriteOnlyCell(worksheet, value=value)
            cell.number_format = DATE_FORMAT
            row.append(cell)
        elif isinstance(value, Decimal) and value.as_tuple().exponent == -1:
            # A mean or a gap (kyodo_portal.core.numbers): 3.0 stays "3.0" in the workbook too.
            cell = WriteOnlyCell(worksheet, value=value)
            cell.number_format = "0.0"
            row.append(cell)
        else:
            row.append(safe_cell(value))
    return row


def write_workbook(
    handle,
    sheets: Iterable[tuple[str, list, Iterable[Iterable]]],
    conditions: Sequence[Condition] = (),
) -> int:
    """Write sheets given as (title, headers, rows) to ``handle``; rows may be a lazy iterator.
    Each sheet opens with the cover line (when and under which ``conditions``) above its frozen,
    filtered header. Returns the number of data rows written."""
    workbook = Workbook(write_only=True)
    bold = Font(bold=True)
    cover = cover_line(conditions)
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
        rows = iter(rows)
        # Column widths are part of the sheet's head, written before the first row: they are
        # sized from the header and the first rows, read ahead here and written below.
        sample = [list(row) for row in itertools.islice(rows, WIDTH_SAMPLE_ROWS)]
        widths = column_widths(headers, sample)
        for index, width in enumerate(widths, start=1):
            worksheet.column_dimensions[get_column_letter(index)].width = width
        worksheet.freeze_panes = "A3"
        worksheet.append([cover])
        header_cells = []
        for header in headers:
            cell = WriteOnlyCell(worksheet, value=safe_cell(header))
            cell.font = bold
            header_cells.append(cell)
        worksheet.append(header_cells)
        count = 0
        for row in itertools.chain(sample, rows):
            worksheet.append(_xlsx_row(worksheet, row))
            count += 1
        written += count
        columns = max(len(widths), 1)
        # The filter is written after the rows (the sheet's tail), so the count is known.
        worksheet.auto_filter = AutoFilter(ref=f"A2:{get_column_letter(columns)}{count + 2}")
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


def xlsx_response(
    filename: str,
    sheets: Iterable[tuple[str, list, Iterable[Iterable]]],
    conditions: Sequence[Condition] = (),
    *,
    ascii_name: str | None = None,
):
    # Closed by FileResponse once sent, so no context manager here.
    handle = tempfile.TemporaryFile(suffix=".xlsx")  # noqa: SIM115
    write_workbook(handle, sheets, conditions)
    handle.seek(0)
    response = FileResponse(handle, content_type=XLSX_TYPE)
    response["Content-Disposition"] = attachment_header(filename, ascii_name)
    return response
