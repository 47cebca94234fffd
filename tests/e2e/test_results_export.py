"""Browser journey: a manager asks for more evaluation results in Excel than a request may build;
the workbook is built in the background, and the manager opens the notification and downloads it.
"""

import io
import re
from pathlib import Path

import pytest
from openpyxl import load_workbook

from evaluation import exports
from evaluation.sheet import ITEM_KEYS
from tests.e2e.conftest import login, screenshot
from tests.evaluation.helpers import evaluated_project, fill

pytestmark = pytest.mark.django_db(transaction=True)


def test_manager_receives_a_large_results_workbook_through_a_notification(
    page, office, npo, staff_user, npo_user, manager_user, password, monkeypatch, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    # Two submitted sheets already exceed a limit of ten rows.
    monkeypatch.setattr(exports, "EXCEL_MAX_ROWS", 10)
    project = evaluated_project(office, npo)
    fill(project, office, staff_user, default=4)
    fill(project, npo, npo_user, default=3)

    login(page, manager_user.username, password)
    page.goto(f"{page.base_url}/evaluation/dashboard/")
    page.get_by_role("link", name="評価結果の明細（Excel）").click()
    page.wait_for_url("**/evaluation/dashboard/**")
    assert page.get_by_text("Excelファイルはバックグラウンドで作成します").is_visible()
    exports_section = page.get_by_role("region", name="バックグラウンドで作成したExcelファイル")
    assert exports_section.get_by_role("link", name="ダウンロード").is_visible()
    screenshot(page, "evaluation-results-export-requested")

    # Two unread: the workbook, and the office's round whose sheets are both in (its exchange).
    page.get_by_role("link", name=re.compile(r"^お知らせ\s*2\s*件の未読")).click()
    notice = page.locator("li", has_text="評価結果の明細（Excel）ができました")
    assert notice.get_by_text(f"{2 * len(ITEM_KEYS)}行の評価結果").is_visible()
    screenshot(page, "evaluation-results-export-notified")
    with page.expect_download() as download_info:
        notice.get_by_role("button", name="開く").click()
    download = download_info.value
    assert download.suggested_filename.startswith("evaluation-results-")
    workbook = load_workbook(io.BytesIO(Path(download.path()).read_bytes()), read_only=True)
    rows = list(workbook.worksheets[0].iter_rows(values_only=True))
    assert rows[0][0].startswith("出力日時: ")  # the cover line, then the header
    rows = rows[1:]
    assert rows[0][1] == "事業名"
    assert len(rows) == 1 + 2 * len(ITEM_KEYS)
    assert {row[1] for row in rows[1:]} == {"子育て広場の運営"}
