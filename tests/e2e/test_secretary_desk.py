"""Browser journey: the secretary (事務局) of a published-style selection — six criteria of 10
points, five members, four applicants, one declared conflict — types the five members' signed
paper sheets into the portal (four through the form, one through the CSV in the grid's layout)
and sees the progress grid complete, in fewer than 30 page loads. The ranking is the one the
sheets give."""

import csv
import io
import re
from fractions import Fraction

import pytest

from kyodo_portal.core.roles import Role
from selection import services
from selection.models import Call, Score
from selection.progress_forms import CONFIRM_LABEL
from selection.scoring import compute_ranking
from tests.e2e.conftest import login, screenshot
from tests.factories import NpoFactory, member
from tests.selection.support import apply, make_call, seat, selection_project

pytestmark = pytest.mark.django_db(transaction=True)

PDF = b"%PDF-1.4\n%%EOF\n"
CRITERIA = [
    ("事業の必要性", 10),
    ("実現可能性", 10),
    ("協働の効果", 10),
    ("実施体制", 10),
    ("経費の妥当性", 10),
    ("継続性・発展性", 10),
]
APPLICANTS = ["ひだまり子育てネット", "みどりの風", "ことばの架け橋", "まちなか食堂"]
# The paper sheets: SHEETS[member][applicant] = six scores (None: the member's conflict).
SHEETS = [
    [[8, 9, 8, 7, 8, 9], [6, 7, 6, 6, 7, 6], [9, 8, 9, 9, 8, 8], [5, 6, 5, 6, 5, 5]],
    [[7, 8, 8, 8, 7, 8], [7, 6, 7, 6, 6, 7], [8, 9, 8, 8, 9, 9], [6, 5, 6, 5, 6, 6]],
    [[9, 8, 9, 8, 8, 8], None, [8, 8, 9, 8, 8, 9], [5, 5, 6, 5, 6, 5]],
    [[8, 8, 7, 8, 8, 7], [6, 6, 7, 7, 6, 6], [9, 9, 8, 9, 9, 8], [6, 6, 5, 6, 5, 6]],
    [[8, 7, 8, 8, 9, 8], [7, 7, 6, 6, 7, 7], [8, 8, 8, 9, 8, 8], [5, 6, 6, 5, 6, 5]],
]


def expected_totals() -> list[Fraction]:
    """Each applicant's total by the published method: per criterion, the mean of the members
    who may score it, × weight ÷ 10; summed."""
    totals = []
    for applicant in range(len(APPLICANTS)):
        sheets = [SHEETS[m][applicant] for m in range(5) if SHEETS[m][applicant] is not None]
        totals.append(
            sum(
                Fraction(sum(sheet[c] for sheet in sheets), len(sheets)) * 10 / 10
                for c in range(len(CRITERIA))
            )
        )
    return totals


def test_secretary_enters_five_paper_sheets_and_sees_the_grid_complete(
    page, office, staff_user, password, tmp_path, settings
):
    settings.MEDIA_ROOT = tmp_path / "media"
    project = selection_project(office, title="地域の居場所づくり事業")
    call = make_call(project, status=Call.Status.SCORING, criteria=CRITERIA, scale=(1, 10))
    members = [
        seat(call, member(Role.REVIEWER, office, name=f"委員{n}"), is_chair=(n == 1))
        for n in range(1, 6)
    ]
    applications = [
        apply(call, NpoFactory(name=f"特定非営利活動法人 {name}")) for name in APPLICANTS
    ]
    # The one conflict: member 3 declared it, online, before the sheets went out.
    services.conflict_declare(
        application=applications[1],
        by=members[2],
        has_conflict=True,
        reason="団体の監事を務めている",
    )

    loads = []
    page.on("load", lambda p: loads.append(p.url))

    login(page, staff_user.username, password)
    page.goto(page.base_url + call.get_absolute_url())
    page.get_by_role("link", name="申告・採点の状況").click()
    grid = page.locator("#progress-grid")
    assert grid.locator("td", has_text="利害関係あり（回避）").count() == 1
    assert grid.locator("td", has_text="未申告").count() == 5 * 4 - 1

    # Members 1–4: each signed sheet through the form, with its scan.
    for number in range(1, 5):
        name = f"委員{number}"
        page.get_by_role("link", name=re.compile(rf"紙の採点票から代理入力\s*（{name}）")).click()
        for index, application in enumerate(applications):
            values = SHEETS[number - 1][index]
            if values is None:
                page.get_by_text("利害関係あり（回避）のため入力できません。").wait_for()
                continue
            org = application.organization.display_name
            for (criterion, _weight), value in zip(CRITERIA, values, strict=True):
                page.get_by_label(f"{org}「{criterion}」の評点（1〜10）", exact=True).fill(
                    str(value)
                )
        page.get_by_label("署名された採点票（読み取ったファイル）").set_input_files(
            {"name": f"採点票_{name}.pdf", "mimeType": "application/pdf", "buffer": PDF}
        )
        page.get_by_label(str(CONFIRM_LABEL)).check()
        if number == 3:
            screenshot(page, "secretary-desk-paper-sheet")
        page.get_by_role("button", name="代理入力を保存する").click()
        page.get_by_text(f"{name}さんの紙の採点票を入力しました。").wait_for()

    # Member 5: the grid's CSV, downloaded, typed in and imported with the scan of the sheet.
    with page.expect_download() as download:
        page.get_by_role("link", name="様式をダウンロード（CSV）").click()
    rows = list(csv.reader(io.StringIO(download.value.path().read_bytes().decode("utf-8-sig"))))
    for row in rows[1:]:
        if row[1] == "委員5":
            index = next(i for i, a in enumerate(applications) if str(a.pk) == row[2])
            row[5:11] = [str(v) for v in SHEETS[4][index]]
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    page.get_by_label("入力したCSVファイル").set_input_files(
        {"name": "採点.csv", "mimeType": "text/csv", "buffer": buffer.getvalue().encode("utf-8")}
    )
    page.get_by_label("署名された採点票一式（読み取ったファイル）").set_input_files(
        {"name": "採点票_委員5.pdf", "mimeType": "application/pdf", "buffer": PDF}
    )
    page.get_by_label(str(CONFIRM_LABEL)).check()
    page.get_by_role("button", name="CSVを取り込む").click()
    page.get_by_text("CSVの評点を取り込みました。").wait_for()

    page.locator("#grid-complete").wait_for()
    assert grid.locator("td", has_text="採点済み").count() == 5 * 4 - 1
    assert grid.locator("td", has_text="未申告").count() == 0
    screenshot(page, "secretary-desk-grid-complete")

    assert len(loads) < 30, loads
    print(f"page loads: {len(loads)}")

    # Every score is the sheet's, entered by the office; the totals and ranking are the method's.
    assert Score.objects.count() == (5 * 4 - 1) * 6
    assert set(Score.objects.values_list("entered_by", flat=True)) == {staff_user.pk}
    ranking = compute_ranking(Call.objects.get(pk=call.pk))
    assert ranking.is_complete
    totals = expected_totals()
    for index, application in enumerate(applications):
        assert ranking.row_for(application.pk).total == totals[index]
    order = sorted(range(4), key=lambda i: -totals[i])
    assert [row.application.pk for row in ranking.rows] == [applications[i].pk for i in order]
