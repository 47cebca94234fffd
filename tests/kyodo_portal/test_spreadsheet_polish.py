"""Every Excel export of the portal reads the same way: a cover line saying when and under which
conditions it was made, a frozen header with an autofilter, dates as real dates, columns wide
enough for their Japanese text, and the conditions in the file name."""

import datetime
import io
import re
import unicodedata
from zoneinfo import ZoneInfo

import openpyxl
import pytest
from django.urls import reverse
from django.utils import timezone

from evaluation.models import EvaluationRound
from kyodo_portal.core import spreadsheet
from kyodo_portal.core.roles import Role
from projects.choices import Method
from selection.models import Call
from tests.evaluation.helpers import evaluated_project, fill
from tests.factories import member
from tests.selection.support import apply, make_call, score_all, seat, selection_project

pytestmark = pytest.mark.django_db

COVER = re.compile(r"^出力日時: \d{4}-\d{2}-\d{2} \d{2}:\d{2} / 条件: ")


@pytest.fixture
def evaluated(office, npo, staff_user, npo_user):
    """A subsidy project of FY2025 whose final round both sides submitted (so it is unsealed)."""
    project = evaluated_project(office, npo, title="子育て広場の運営", method=Method.SUBSIDY)
    fill(project, office, staff_user, default=4)
    fill(project, npo, npo_user, default=3)
    return project


@pytest.fixture
def scored_call(office, npo, other_npo):
    call = make_call(
        selection_project(office, title="見守り活動の協働"),
        status=Call.Status.SCORING,
        deadline=timezone.now() - datetime.timedelta(days=1),
    )
    reviewer = seat(call, member(Role.REVIEWER, name="採点 委員"))
    score_all(apply(call, npo), reviewer, [5, 4, 4, 5, 4])
    score_all(apply(call, other_npo), reviewer, [3, 3, 3, 3, 3])
    return call


def _workbook(response) -> openpyxl.Workbook:
    assert response.status_code == 200
    content = b"".join(response.streaming_content)
    return openpyxl.load_workbook(io.BytesIO(content))


def _assert_polished(workbook, condition: str):
    for sheet in workbook.worksheets:
        assert COVER.match(sheet["A1"].value), sheet.title
        assert condition in sheet["A1"].value
        assert sheet.freeze_panes == "A3"
        last_row = sheet.max_row
        assert re.fullmatch(rf"A2:[A-Z]+{last_row}", sheet.auto_filter.ref), sheet.title
        assert sheet["A2"].font.bold
        # Each column at least as wide as its header, a full-width character counted twice.
        for cell in sheet[2]:
            assert cell.column_letter in sheet.column_dimensions, (sheet.title, cell.value)
            width = sheet.column_dimensions[cell.column_letter].width
            assert width >= _display_width(cell.value), (sheet.title, cell.value, width)


def _display_width(text) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in str(text))


def _date_column(sheet, header: str) -> list:
    headers = [cell.value for cell in sheet[2]]
    column = headers.index(header) + 1
    return [sheet.cell(row=row, column=column) for row in range(3, sheet.max_row + 1)]


def test_round_export(client, evaluated, staff_user):
    round_ = EvaluationRound.objects.get(project=evaluated)
    client.force_login(staff_user)
    response = client.get(reverse("evaluation:round_export", args=[round_.pk, "xlsx"]))
    workbook = _workbook(response)
    _assert_polished(workbook, "事業=子育て広場の運営")
    dates = _date_column(workbook.worksheets[0], "提出日")
    assert dates and all(cell.is_date for cell in dates)
    assert dates[0].value.date() == timezone.localdate()
    disposition = response["Content-Disposition"]
    assert f'filename="evaluation_project{evaluated.pk}_final.xlsx"' in disposition
    assert "filename*=UTF-8''" in disposition


def test_dashboard_tables(client, evaluated, manager_user):
    client.force_login(manager_user)
    response = client.get(
        reverse("evaluation:dashboard_export", args=["xlsx"]), {"fiscal_year": 2025}
    )
    _assert_polished(_workbook(response), "年度=2025")
    assert 'filename="evaluation-dashboard_fy2025.xlsx"' in response["Content-Disposition"]


def test_results_in_the_request(client, evaluated, manager_user):
    client.force_login(manager_user)
    response = client.get(
        reverse("evaluation:results_export", args=["xlsx"]),
        {"fiscal_year": 2025, "method": "subsidy"},
    )
    workbook = _workbook(response)
    _assert_polished(workbook, "年度=2025, 協働方法=補助")
    assert all(c.is_date for c in _date_column(workbook.worksheets[0], "提出日"))
    assert 'filename="evaluation-results_fy2025_subsidy.xlsx"' in response["Content-Disposition"]


def test_results_built_in_the_background(
    client,
    evaluated,
    manager_user,
    monkeypatch,
    settings,
    tmp_path,
    django_capture_on_commit_callbacks,
):
    from evaluation import exports
    from evaluation.models import ResultsExport

    settings.MEDIA_ROOT = tmp_path
    monkeypatch.setattr(exports, "EXCEL_MAX_ROWS", 1)
    client.force_login(manager_user)
    with django_capture_on_commit_callbacks(execute=True):
        client.get(reverse("evaluation:results_export", args=["xlsx"]), {"fiscal_year": 2025})
    export = ResultsExport.objects.get()
    response = client.get(export.get_absolute_url())
    workbook = _workbook(response)
    _assert_polished(workbook, "年度=2025")
    assert all(c.is_date for c in _date_column(workbook.worksheets[0], "提出日"))
    assert "_fy2025.xlsx" in response["Content-Disposition"]


def test_selection_minutes(client, scored_call, staff_user):
    client.force_login(staff_user)
    response = client.get(reverse("selection:minutes_export", args=[scored_call.pk, "xlsx"]))
    _assert_polished(_workbook(response), f"公募={scored_call.title}")
    assert f"call{scored_call.pk}.xlsx" in response["Content-Disposition"]


# --- the writer itself -------------------------------------------------------------------------


def _written(headers, rows, conditions=()):
    handle = io.BytesIO()
    spreadsheet.write_workbook(handle, [("表", headers, rows)], conditions)
    return openpyxl.load_workbook(io.BytesIO(handle.getvalue())).worksheets[0]


def test_times_are_local_excel_dates_and_dates_are_dates():
    at = datetime.datetime(2026, 3, 31, 16, 30, tzinfo=datetime.UTC)  # 1 April 01:30 in Tokyo
    sheet = _written(["日時", "日付"], [[at, datetime.date(2026, 4, 1)]])
    moment, day = sheet["A3"], sheet["B3"]
    assert moment.is_date and moment.value == datetime.datetime(2026, 4, 1, 1, 30)
    assert moment.number_format == spreadsheet.DATETIME_FORMAT
    assert day.is_date and day.number_format == spreadsheet.DATE_FORMAT


def test_a_japanese_column_is_twice_as_wide_as_latin_text_of_the_same_length():
    sheet = _written(["a", "b"], [["協働事業の評価結果", "abcdefghi"]])
    japanese = sheet.column_dimensions["A"].width
    latin = sheet.column_dimensions["B"].width
    assert japanese == 2 * 9 + 2 and latin == 9 + 2


def test_the_cover_line_names_the_time_and_the_conditions():
    conditions = [
        spreadsheet.Condition("年度", "2025", "fy2025"),
        spreadsheet.Condition("課", "県民生活課", "office3"),
    ]
    at = datetime.datetime(2026, 12, 6, 1, 0, tzinfo=datetime.UTC)
    with timezone.override(ZoneInfo("Asia/Tokyo")):
        line = spreadsheet.cover_line(conditions, at)
    assert line == "出力日時: 2026-12-06 10:00 / 条件: 年度=2025, 課=県民生活課"
    assert spreadsheet.cover_line([], at).endswith("条件: なし")
    assert spreadsheet.ascii_file_name("x", conditions, ".xlsx") == "x_fy2025_office3.xlsx"
    assert spreadsheet.file_name("x", conditions, ".xlsx", title="評価") == (
        "評価_年度2025_課県民生活課.xlsx"
    )


def test_a_sheet_with_no_rows_still_has_its_cover_header_and_filter():
    sheet = _written(["列1", "列2"], [])
    assert COVER.match(sheet["A1"].value) and sheet["A2"].value == "列1"
    assert sheet.auto_filter.ref == "A2:B2" and sheet.freeze_panes == "A3"


def test_rows_are_still_read_lazily_beyond_the_sample_for_the_widths(monkeypatch):
    """Constant memory: only the first rows are held to size the columns; the rest stream to
    the sheet as they are read."""
    from openpyxl.worksheet._write_only import WriteOnlyWorksheet

    read = []
    read_at_append = []
    original = WriteOnlyWorksheet.append

    def append(self, row):
        read_at_append.append(len(read))
        return original(self, row)

    monkeypatch.setattr(WriteOnlyWorksheet, "append", append)

    def rows():
        for number in range(spreadsheet.WIDTH_SAMPLE_ROWS * 5):
            read.append(number)
            yield [number]

    handle = io.BytesIO()
    written = spreadsheet.write_workbook(handle, spreadsheet.in_sheets("表", ["番号"], rows()))
    assert written == spreadsheet.WIDTH_SAMPLE_ROWS * 5
    assert read_at_append[0] <= spreadsheet.WIDTH_SAMPLE_ROWS + 1  # the cover line
    assert read_at_append[-1] == len(read)


def test_means_keep_their_one_decimal_in_the_workbook():
    from decimal import Decimal

    from kyodo_portal.core.numbers import one_decimal

    sheet = _written(["平均", "件数"], [[one_decimal(3), 12]])
    mean, count = sheet["A3"], sheet["B3"]
    assert mean.value == 3 and mean.number_format == "0.0"
    assert count.value == 12 and count.number_format == "General"
    assert one_decimal(3) == Decimal("3.0")
