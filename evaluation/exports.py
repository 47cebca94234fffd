"""CSV and Excel exports whose memory does not grow with the data.

CSV is streamed row by row (UTF-8 with a byte-order mark, so that Excel on a Japanese PC opens it
correctly). Excel files are built with openpyxl's write-only workbook, which writes each row to a
temporary file as it goes, and are sent from a temporary file on disk.

Every cell goes through kyodo_portal.spreadsheet.safe_cell: text that a spreadsheet would run as
a formula is written as text.

Evaluation results come only from submitted sheets of unsealed rounds (the sealed rule).
"""

import csv
import itertools
import tempfile
from collections.abc import Iterable, Iterator

from django.http import FileResponse, StreamingHttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from evaluation import sheet as sheet_data
from evaluation.dashboard import Table
from evaluation.models import Answer, Evaluation, EvaluationRound, RoundKind, Side
from kyodo_portal.spreadsheet import safe_cell, safe_row
from projects.choices import Method

CSV_TYPE = "text/csv; charset=utf-8"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CHUNK = 2000
# The largest results workbook built within a request (a few seconds); larger ones are built
# in the background by a Celery task (evaluation.services.results_export_request).
EXCEL_MAX_ROWS = 50_000
# Rows of data on one sheet: Excel's limit of 1,048,576 rows, less the header.
SHEET_ROWS = 1_048_575
# Excel refuses sheet titles longer than 31 characters or containing these.
_BAD_TITLE_CHARS = str.maketrans({c: "・" for c in "[]:*?/\\"})


class _Echo:
    def write(self, value):
        return value


def _csv_lines(rows: Iterable[Iterable]) -> Iterator[str]:
    writer = csv.writer(_Echo())
    yield "\ufeff"
    for row in rows:
        yield writer.writerow(["" if v is None else safe_cell(v) for v in row])


def _disposition(response, filename: str):
    # RFC 6266: ASCII fallback plus the UTF-8 name (Japanese file names survive).
    from urllib.parse import quote

    ascii_name = filename.encode("ascii", "ignore").decode() or "export"
    response["Content-Disposition"] = (
        f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(filename)}"
    )
    return response


def csv_response(filename: str, rows: Iterable[Iterable]) -> StreamingHttpResponse:
    response = StreamingHttpResponse(_csv_lines(rows), content_type=CSV_TYPE)
    return _disposition(response, filename)


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
    """One (title, headers, rows) per sheet, as many as the rows need: Excel holds at most
    1,048,576 rows on a sheet. Lazy, so the rows are still read only once, as they are written."""
    rows = iter(rows)
    for first in rows:
        yield title, headers, itertools.chain([first], itertools.islice(rows, SHEET_ROWS - 1))


def xlsx_response(filename: str, sheets: Iterable[tuple[str, list, Iterable[Iterable]]]):
    # Closed by FileResponse once sent, so no context manager here.
    handle = tempfile.TemporaryFile(suffix=".xlsx")  # noqa: SIM115
    write_workbook(handle, sheets)
    handle.seek(0)
    response = FileResponse(handle, content_type=XLSX_TYPE)
    return _disposition(response, filename)


# --- dashboard tables --------------------------------------------------------------------------


def _table_rows(table: Table) -> Iterator[list]:
    for row in table.rows:
        yield [cell.value for cell in row]


def tables_csv(filename: str, tables: list[Table]) -> StreamingHttpResponse:
    def rows():
        for index, table in enumerate(tables):
            if index:
                yield []
            yield [table.caption]
            yield table.headers
            yield from _table_rows(table)

    return csv_response(filename, rows())


def tables_xlsx(filename: str, tables: list[Table]):
    return xlsx_response(filename, ((t.caption, t.headers, _table_rows(t)) for t in tables))


# --- evaluation results (one row per answer) ---------------------------------------------------

RESULT_FIELDS = (
    "evaluation__round__project_id",
    "evaluation__round__project__title",
    "evaluation__round__project__owner_office__jurisdiction",
    "evaluation__round__project__owner_office__name",
    "evaluation__round__project__method",
    "evaluation__round__project__fiscal_year_start",
    "evaluation__round__kind",
    "evaluation__side",
    "evaluation__organization__name",
    "evaluation__submitted_at",
    "group",
    "item",
    "score",
    "reason",
    "comment",
)


def result_headers() -> list[str]:
    return [
        _("事業番号"),
        _("事業名"),
        _("担当課"),
        _("協働方法"),
        _("年度（開始年度）"),
        _("評価の回"),
        _("立場"),
        _("評価した組織"),
        _("提出日"),
        _("項目のまとまり"),
        _("評価項目"),
        _("評点"),
        _("評点の理由"),
        _("コメント"),
    ]


def results_queryset(answers):
    """Only submitted sheets of unsealed rounds, whatever the caller passed in."""
    return (
        answers.filter(
            evaluation__round__unsealed_at__isnull=False,
            evaluation__status=Evaluation.Status.SUBMITTED,
        )
        .order_by(
            "evaluation__round__project_id",
            "evaluation__round__kind",
            "evaluation__side",
            "evaluation__organization__name",
            "pk",
        )
        .values_list(*RESULT_FIELDS)
    )


def with_headers(rows: Iterable[list]) -> Iterator[list]:
    """The header row, then the rows — lazily, so a CSV of any size streams in constant memory."""
    yield result_headers()
    yield from rows


def result_rows(answers) -> Iterator[list]:
    # Labels resolved once, not per row: lazy translations are slow in a 300,000-row loop.
    methods = {code: str(label) for code, label in Method.choices}
    kinds = {code: str(label) for code, label in RoundKind.choices}
    sides = {code: str(label) for code, label in Side.choices}
    items = {
        key: item.label
        for key, item in {**sheet_data.RETIRED_ITEMS, **sheet_data.ITEMS_BY_KEY}.items()
    }
    groups = {group.key: group.label for group in sheet_data.GROUPS}
    tz = timezone.get_current_timezone()
    for (
        project_id,
        title,
        jurisdiction,
        office,
        method,
        year,
        kind,
        side,
        organization,
        submitted_at,
        group,
        item_key,
        score,
        reason,
        comment,
    ) in results_queryset(answers).iterator(chunk_size=CHUNK):
        yield [
            project_id,
            title,
            f"{jurisdiction} {office}",
            methods.get(method, ""),
            year,
            kinds.get(kind, kind),
            sides.get(side, side),
            organization,
            submitted_at.astimezone(tz).date().isoformat() if submitted_at else "",
            groups.get(group, group),
            items.get(item_key, item_key),
            score,
            reason,
            comment,
        ]


def round_answers(round_: EvaluationRound):
    return Answer.objects.filter(evaluation__round=round_)
