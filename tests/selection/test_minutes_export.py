"""「選定結果（会議録用）」: the ranking for the committee's minutes, as Excel and CSV, with the
number of scoring members and recusals per applicant; members named only with their consent."""

import csv
import datetime
import io
from urllib.parse import quote

import openpyxl
import pytest
from django.urls import reverse
from django.utils import timezone

from kyodo_portal.core.roles import Role
from selection import services
from selection.models import Call
from tests.factories import member
from tests.selection.support import apply, declare, make_call, score_all, seat, selection_project

pytestmark = pytest.mark.django_db

TITLE = "選定結果（会議録用）"


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def scored(office, npo, other_npo):
    """Three members: one consented to be named; the consenting one and a silent one each
    recused from one application; everyone else scored both."""
    call = make_call(
        selection_project(office, title="子育て広場運営事業"),
        status=Call.Status.SCORING,
        deadline=timezone.now() - datetime.timedelta(days=1),
    )
    named = member(Role.REVIEWER, name="公表 同意子")
    quiet = member(Role.REVIEWER, name="非公表 委員男")
    third = member(Role.REVIEWER, name="三人目 委員")
    seat(call, named, category="academic", is_chair=True, publish_name=True)
    seat(call, quiet, category="intermediary")
    seat(call, third, category="citizen")
    first, second = apply(call, npo), apply(call, other_npo)
    score_all(first, named, [5, 5, 4, 4, 4])
    score_all(first, third, [4, 5, 4, 5, 4])
    declare(first, quiet, conflict=True, reason="理事を務めている（非公開の理由）")
    score_all(second, quiet, [3, 3, 3, 3, 3])
    score_all(second, third, [3, 4, 3, 3, 3])
    declare(second, named, conflict=True, reason="親族が勤務（非公開の理由）")
    return call, first, second


def _url(call, fmt):
    return reverse("selection:minutes_export", args=[call.pk, fmt])


def _workbook(response):
    return openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))


def test_minutes_excel_has_ranking_means_scoring_members_and_recusals(client, scored, staff_user):
    call, first, second = scored
    client.force_login(staff_user)
    response = client.get(_url(call, "xlsx"))
    assert response.status_code == 200
    workbook = _workbook(response)
    sheet = workbook.worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0].startswith("出力日時: ") and "公募=" + call.title in rows[0][0]
    header = rows[1]
    assert header[:3] == ("順位", "応募団体", "合計点（100点満点）")
    assert header[3] == "公益性（配点20）の平均点" and header[7] == "継続性（配点15）の平均点"
    assert header[8:] == ("採点した委員の数", "利害関係により回避した委員の数", "結果")
    body = {row[1]: row for row in rows[2:]}
    top = body[first.organization.display_name]
    assert top[0] == 1 and top[2] == 89.5  # 20·4.5/5 + 25·5/5 + 15·4/5 + 25·4.5/5 + 15·4/5
    assert top[3] == 4.5 and top[4] == 5
    assert top[8] == 2 and top[9] == 1
    assert body[second.organization.display_name][8:10] == (2, 1)
    assert top[10] is None  # not decided yet

    recusals = list(workbook.worksheets[1].iter_rows(values_only=True))[2:]
    assert (first.organization.display_name, "委員（氏名非公表）", "中間支援組織・NPO関係者") in (
        recusals
    )
    assert (second.organization.display_name, "公表 同意子", "学識経験者") in recusals
    text = " ".join(str(v) for ws in workbook for r in ws.iter_rows(values_only=True) for v in r)
    assert "非公表 委員男" not in text and "非公開の理由" not in text


def test_minutes_csv_has_the_same_rows_with_a_bom(client, scored, staff_user):
    call, first, _second = scored
    client.force_login(staff_user)
    response = client.get(_url(call, "csv"))
    raw = b"".join(response.streaming_content)
    assert raw.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0][0] == "順位" and rows[1][1] == first.organization.display_name
    assert rows[1][2] == "89.50" and rows[1][8:10] == ["2", "1"]
    assert ["利害関係による回避"] in rows
    assert any("委員（氏名非公表）" in row for row in rows)
    assert not any("非公表 委員男" in cell for row in rows for cell in row)
    disposition = response["Content-Disposition"]
    assert f'filename="selection-minutes_call{call.pk}.csv"' in disposition
    assert "filename*=UTF-8''" + quote(TITLE) in disposition


def test_minutes_say_which_applicant_was_selected_once_decided(client, scored, staff_user):
    call, first, second = scored
    services.call_decide(call=call, by=staff_user, application=first, reason="実績を評価した。")
    client.force_login(staff_user)
    rows = list(_workbook(client.get(_url(call, "xlsx"))).worksheets[0].iter_rows(values_only=True))
    outcome = {row[1]: row[10] for row in rows[2:]}
    assert outcome == {
        first.organization.display_name: "採択",
        second.organization.display_name: "不採択",
    }


def test_the_ranking_page_offers_the_minutes(client, scored, staff_user):
    call, _first, _second = scored
    client.force_login(staff_user)
    page = client.get(reverse("selection:ranking", args=[call.pk])).content.decode()
    assert TITLE in page and _url(call, "xlsx") in page and _url(call, "csv") in page


def test_minutes_need_scores(client, office, npo, staff_user):
    call = make_call(selection_project(office), status=Call.Status.SCORING)
    seat(call)
    apply(call, npo)
    client.force_login(staff_user)
    response = client.get(_url(call, "xlsx"))
    assert response.status_code == 302
    assert response["Location"] == reverse("selection:ranking", args=[call.pk])
    page = client.get(reverse("selection:ranking", args=[call.pk])).content.decode()
    assert _url(call, "xlsx") not in page


def test_before_publication_only_the_office_that_runs_the_call(
    client, scored, manager_user, other_staff_user, reviewer_user, npo_user
):
    call, _first, _second = scored
    client.force_login(manager_user)  # the body's manager reads the ranking, not yet the minutes
    assert client.get(_url(call, "xlsx")).status_code == 302
    for person in (other_staff_user, reviewer_user, npo_user):
        client.force_login(person)
        assert client.get(_url(call, "xlsx")).status_code == 404
    client.logout()
    assert client.get(_url(call, "csv")).status_code == 302  # to the sign-in page


def test_after_publication_the_bodys_managers_too(client, scored, staff_user, manager_user):
    call, first, _second = scored
    services.call_decide(call=call, by=staff_user, application=first, reason="実績を評価した。")
    services.call_publish_results(call=call, by=staff_user)
    client.force_login(manager_user)
    response = client.get(_url(call, "xlsx"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
