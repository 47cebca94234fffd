"""Browser journey: the office and the NPO each submit their sealed sheet, both then see the
exchange, and a manager opens the dashboard, filters by method and downloads the Excel file."""

import io
from pathlib import Path

import pytest
from openpyxl import load_workbook

from evaluation.sheet import ITEM_KEYS
from projects.choices import Method
from tests.e2e.conftest import login, screenshot
from tests.evaluation.helpers import evaluated_project, fill

pytestmark = pytest.mark.django_db(transaction=True)
TICK = "提出後は取り消せないことを確認しました"  # the box before an irreversible submission


def _fill_sheet(page, default: str, low_item: str, reason: str):
    for key in ITEM_KEYS:
        page.locator(f'input[name="score_{key}"][value="{default}"]').check()
    page.locator(f'input[name="score_{low_item}"][value="2"]').check()
    page.locator(f'textarea[name="reason_{low_item}"]').fill(reason)


def test_both_sides_submit_see_the_exchange_and_a_manager_downloads_excel(
    page,
    new_page,
    office,
    npo,
    other_npo,
    staff_user,
    npo_user,
    other_npo_user,
    manager_user,
    password,
):
    project = evaluated_project(office, npo)
    other = evaluated_project(office, other_npo, title="環境学習への補助", method=Method.SUBSIDY)
    fill(other, office, staff_user, default=3)
    fill(other, other_npo, other_npo_user, default=3)

    # The office fills in its sheet: a low score without a reason is refused first.
    login(page, staff_user.username, password)
    page.goto(f"{page.base_url}/evaluation/projects/{project.pk}/")
    page.get_by_role("link", name="最終評価シートを記入").click()
    _fill_sheet(page, "4", "costs", "")
    page.get_by_label(TICK).check()
    page.get_by_role("button", name="提出する（提出後は修正できません）").click()
    assert page.locator("#error-summary").is_visible()
    assert page.get_by_text(
        "評点が1または2のときは、その理由を記入してください。"
    ).first.is_visible()
    assert page.locator('input[name="score_roles"][value="4"]').is_checked()  # nothing lost
    page.locator('textarea[name="reason_costs"]').fill("NPOの人件費を積算に含められなかった")
    page.get_by_role("button", name="提出する（提出後は修正できません）").click()
    page.wait_for_url("**/evaluation/sheets/*/")
    assert page.get_by_text("評価シートを提出しました。").is_visible()
    screenshot(page, "evaluation-office-submitted")

    # The NPO cannot open the office's sheet yet; it fills in and submits its own.
    npo_page = new_page()
    login(npo_page, npo_user.username, password)
    npo_page.goto(f"{npo_page.base_url}/evaluation/projects/{project.pk}/")
    assert npo_page.get_by_role("link", name="評価シートを見る").count() == 0
    assert npo_page.get_by_text("提出済み").count() == 1  # the office's status, not its answers
    assert npo_page.get_by_text("相手の評価は、双方が提出するまで表示されません").is_visible()
    npo_page.get_by_role("link", name="最終評価シートを記入").click()
    _fill_sheet(npo_page, "3", "autonomy_equality", "内容の変更が一方的に決まることがあった")
    npo_page.locator('input[name="score_costs"][value="2"]').check()
    npo_page.locator('textarea[name="reason_costs"]').fill(
        "支払いが事業終了後で資金繰りが苦しかった"
    )
    npo_page.locator('input[name="score_synergy"][value="5"]').check()
    npo_page.get_by_label(TICK).check()
    npo_page.get_by_role("button", name="提出する（提出後は修正できません）").click()
    npo_page.wait_for_url("**/evaluation/sheets/*/")

    # Both now see the exchange, with the items to discuss highlighted.
    npo_page.get_by_role("link", name="評価の意見交換（相互評価）へ").click()
    assert npo_page.get_by_role("heading", name="評価の意見交換（最終評価）").is_visible()
    assert npo_page.get_by_text("NPOの人件費を積算に含められなかった").is_visible()
    # Office 4 everywhere (costs 2); NPO 3 everywhere, costs 2, synergy 5, equality 2: the gap
    # is 2 or more on autonomy_equality (−2) only.
    assert npo_page.locator("tr.gap-row").count() == 1
    screenshot(npo_page, "evaluation-exchange-npo")
    page.goto(f"{page.base_url}/evaluation/projects/{project.pk}/")
    page.get_by_role("link", name="評価の意見交換（相互評価）を開く").first.click()
    assert page.get_by_text("支払いが事業終了後で資金繰りが苦しかった").is_visible()
    page.get_by_label("埼玉県 県民生活課から、相手の評価へのコメント").fill(
        "費用の見方の違いを次年度の積算で解消したい。"
    )
    page.get_by_role("button", name="コメントを保存").click()
    assert page.get_by_text("相手の評価へのコメントを保存しました。").is_visible()
    screenshot(page, "evaluation-exchange-office")

    # A manager opens the dashboard, filters by method and downloads the Excel file.
    manager = new_page()
    login(manager, manager_user.username, password)
    manager.get_by_role("link", name="評価ダッシュボード").first.click()
    assert manager.get_by_role("heading", name="評価ダッシュボード", level=1).is_visible()
    manager.wait_for_selector("#chart-principle[data-chart-ready='1']")  # the charts drew
    manager.get_by_label("協働方法", exact=True).select_option(Method.COMMISSION)
    manager.get_by_role("button", name="絞り込む").click()
    manager.wait_for_url("**method=commission**")
    method_table = manager.locator("#table-method")
    assert method_table.locator("tr", has_text="委託").locator("td").inner_text() == "1"
    assert method_table.locator("tr", has_text="補助").locator("td").inner_text() == "0"
    screenshot(manager, "evaluation-dashboard-commission")
    with manager.expect_download() as download_info:
        manager.get_by_role("link", name="集計表（Excel）").click()
    download = download_info.value
    # The filters are in the name (and on the workbook's cover line).
    assert download.suggested_filename == "評価の集計表_協働方法委託.xlsx"
    workbook = load_workbook(io.BytesIO(Path(download.path()).read_bytes()))
    stage = {r[0]: r[1] for r in workbook["段階別の事業数"].iter_rows(values_only=True)}
    assert stage["評価"] == 1  # the subsidy project is filtered out
    principle_sheet = next(n for n in workbook.sheetnames if n.startswith("原則ごとの平均評点"))
    rows = {r[0]: r for r in workbook[principle_sheet].iter_rows(values_only=True)}
    # 関係の自立性・対等性: office 4, NPO 2 → overall 3.0
    assert rows["関係の自立性・対等性"][1:4] == (3.0, 4.0, 2.0)
