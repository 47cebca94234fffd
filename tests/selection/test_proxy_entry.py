"""Scores typed in by the office from a member's signed paper sheet (one sheet through a form,
or the whole grid from a CSV): kept with the scan, marked as entered on the member's behalf on
their page and in the audit trail, refused cell by cell with nothing saved when any is wrong."""

import csv
import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from kyodo_portal.core.errors import PermissionDenied
from kyodo_portal.core.models import AuditEntry
from selection import selectors
from selection.models import (
    Application,
    Call,
    CommitteeMember,
    ConflictDeclaration,
    PaperScoreSheet,
    Score,
)
from selection.scoring import compute_ranking
from selection.services import ScoreInput, proxy, scores_save
from tests.selection.desk_support import (  # noqa: F401
    _fast_password_hashing,
    committee_call,
    media,
    scan,
)
from tests.selection.support import declare, score_all

pytestmark = pytest.mark.django_db


@pytest.fixture
def desk(office, media):  # noqa: F811
    """Two members, three applicants; member 2 declared a conflict with applicant C."""
    call, users, applications = committee_call(office, members=2, applicants=3)
    declare(applications[2], users[1], conflict=True)
    return call, users, applications


def sheet(call, values, comment=""):
    pairs = zip(call.criteria.all(), values, strict=True)
    return {c.pk: ScoreInput(value=v, comment=comment) for c, v in pairs}


def form_data(call, application_values: dict, confirmed=True):
    data = {"confirmed": "on"} if confirmed else {}
    for application, values in application_values.items():
        for criterion, value in zip(call.criteria.all(), values, strict=True):
            data[f"s_{application.pk}_{criterion.pk}"] = "" if value is None else str(value)
    return data


# --- one member's sheet through the form -------------------------------------------------------


def enter_sixes(call, member, staff_user, application):
    """The office types in a member's paper sheet: 6 on every criterion for one application."""
    return proxy.scores_enter_on_behalf(
        call=call,
        member=member,
        by=staff_user,
        scores={application.pk: sheet(call, [6] * 6)},
        sheet_file=scan(),
        declaration_confirmed=True,
    )


def test_staff_enters_a_members_paper_sheet(desk, client, staff_user):
    call, users, (a, b, _c) = desk
    client.force_login(staff_user)
    seat = call.committee.get(user=users[0])
    url = reverse("selection:proxy_entry", args=[call.pk, seat.pk])
    assert client.get(url).status_code == 200
    data = form_data(call, {a: [8, 7, 9, 6, 8, 7], b: [5, 5, 5, 5, 5, 5]})
    response = client.post(url, {**data, "sheet": scan()})
    assert response.status_code == 302, response.content.decode()[:3000]
    scores = Score.objects.filter(reviewer=users[0])
    assert scores.count() == 12
    paper = PaperScoreSheet.objects.get()
    assert paper.member == users[0] and paper.uploaded_by == staff_user
    assert set(scores.values_list("entered_by", flat=True)) == {staff_user.pk}
    assert set(scores.values_list("paper_sheet", flat=True)) == {paper.pk}
    # The signed sheet carries the member's declaration of no conflict with what they scored.
    assert ConflictDeclaration.objects.filter(reviewer=users[0], has_conflict=False).count() == 2
    # The audit trail: the staff acted, on behalf of the member, with the scan as its object.
    entry = AuditEntry.objects.get(action="selection.scores_enter_on_behalf")
    assert entry.actor == staff_user
    assert entry.details["member"] == {"type": "partners.user", "id": users[0].pk}
    assert entry.target_id == paper.pk
    # The scores count in the ranking like the member's own.
    row = compute_ranking(call).row_for(a.pk)
    assert row.completed_reviewers == 1
    # The member's own page says who entered them, and when.
    client.force_login(users[0])
    page = client.get(reverse("selection:review_call", args=[call.pk])).content.decode()
    assert "事務局が紙の採点票から代理入力" in page
    assert client.get(paper.get_absolute_url()).status_code == 200


def test_blank_applications_are_left_for_later(desk, staff_user):
    call, users, (a, _b, _c) = desk
    enter_sixes(call, users[0], staff_user, a)
    grid = selectors.progress_grid(call)
    states = [c["state"] for c in grid["rows"][0]["cells"]]
    assert states == ["scored", "undeclared", "undeclared"]
    assert grid["rows"][0]["cells"][0]["by_office"]


def test_a_conflicted_cell_cannot_be_entered(desk, staff_user):
    call, users, (_a, _b, c) = desk
    with pytest.raises(ValidationError) as refused:
        proxy.scores_enter_on_behalf(
            call=call,
            member=users[1],
            by=staff_user,
            scores={c.pk: sheet(call, [6] * 6)},
            sheet_file=scan(),
            declaration_confirmed=True,
        )
    assert "利害関係を申告しているため、入力できません" in " ".join(refused.value.messages)
    assert not Score.objects.exists()
    assert not PaperScoreSheet.objects.exists()


def test_the_form_offers_no_conflicted_or_self_scored_cell(desk, client, staff_user):
    call, users, (a, _b, c) = desk
    score_all(a, users[1], [7] * 6)
    client.force_login(staff_user)
    seat = call.committee.get(user=users[1])
    response = client.get(reverse("selection:proxy_entry", args=[call.pk, seat.pk]))
    form = response.context["form"]
    assert [application.pk for application, _rows in form.groups] == [desk[2][1].pk]
    page = response.content.decode()
    assert "利害関係あり（回避）のため入力できません。" in page
    assert "委員本人が採点済みのため入力できません。" in page
    assert c.organization.display_name in page


def test_paper_never_overwrites_the_members_own_scores(desk, staff_user):
    call, users, (a, _b, _c) = desk
    score_all(a, users[0], [9] * 6)
    with pytest.raises(ValidationError) as refused:
        proxy.scores_enter_on_behalf(
            call=call,
            member=users[0],
            by=staff_user,
            scores={a.pk: sheet(call, [2] * 6)},
            sheet_file=scan(),
            declaration_confirmed=True,
        )
    assert "すでに自分で採点しています" in " ".join(refused.value.messages)
    assert set(Score.objects.values_list("value", flat=True)) == {9}


def test_bad_cells_save_nothing_and_keep_what_was_typed(desk, client, staff_user):
    call, users, (a, b, _c) = desk
    client.force_login(staff_user)
    seat = call.committee.get(user=users[0])
    url = reverse("selection:proxy_entry", args=[call.pk, seat.pk])
    data = form_data(call, {a: [8, 7, 11, 6, 8, 7], b: [5, 5, None, 5, 5, 5]}, confirmed=False)
    response = client.post(url, data)  # no scan either
    assert response.status_code == 200
    page = response.content.decode()
    assert "「協働の効果」の評点は1〜10の範囲で入力してください。" in page
    assert "「協働の効果」の評点を入力してください。" in page
    assert "署名された採点票を読み取ったファイルを添付してください。" in page
    assert "チェックを入れてください" in page
    assert 'value="11"' in page  # what was typed is shown again
    assert not Score.objects.exists()
    assert not ConflictDeclaration.objects.filter(reviewer=users[0]).exists()
    assert not PaperScoreSheet.objects.exists()


def test_a_scan_that_is_not_what_it_says_is_refused(desk, staff_user):
    call, users, (a, _b, _c) = desk
    with pytest.raises(ValidationError):
        proxy.scores_enter_on_behalf(
            call=call,
            member=users[0],
            by=staff_user,
            scores={a.pk: sheet(call, [6] * 6)},
            sheet_file=SimpleUploadedFile("採点票.pdf", b"MZ\x90\x00"),
            declaration_confirmed=True,
        )
    assert not Score.objects.exists()


def test_no_entry_once_the_result_is_decided(desk, client, staff_user):
    call, users, (a, _b, _c) = desk
    Call.objects.filter(pk=call.pk).update(status=Call.Status.DECIDED)
    call.refresh_from_db()
    with pytest.raises(PermissionDenied):
        enter_sixes(call, users[0], staff_user, a)
    client.force_login(staff_user)
    seat = call.committee.get(user=users[0])
    response = client.get(reverse("selection:proxy_entry", args=[call.pk, seat.pk]))
    assert response.status_code == 302
    page = client.get(reverse("selection:progress", args=[call.pk])).content.decode()
    assert "紙の採点票から代理入力" not in page.split("<table")[1]


def test_other_people_cannot_enter_or_download(desk, other_staff_user, npo_user, client):
    call, users, (a, _b, _c) = desk
    for person in (other_staff_user, users[1], npo_user):
        with pytest.raises(PermissionDenied):
            proxy.scores_enter_on_behalf(
                call=call,
                member=users[0],
                by=person,
                scores={a.pk: sheet(call, [6] * 6)},
                sheet_file=scan(),
                declaration_confirmed=True,
            )


def test_the_sheet_is_read_only_by_the_office_and_its_member(
    desk, client, staff_user, other_staff_user
):
    call, users, (a, _b, _c) = desk
    paper = enter_sixes(call, users[0], staff_user, a)
    url = reverse("selection:paper_sheet_download", args=[paper.pk])
    for person, status in ((staff_user, 200), (users[0], 200), (users[1], 404)):
        client.force_login(person)
        assert client.get(url).status_code == status
    client.force_login(other_staff_user)
    assert client.get(url).status_code == 404


def test_the_member_scoring_again_takes_the_sheet_back(desk, staff_user):
    call, users, (a, _b, _c) = desk
    enter_sixes(call, users[0], staff_user, a)
    a.__dict__.pop("_declarations", None)
    scores_save(application=a, by=users[0], scores=sheet(call, [9] * 6))
    assert not Score.objects.filter(entered_by__isnull=False).exists()
    assert selectors.entered_by_office(users[0], call) == []


# --- the whole grid from a CSV ------------------------------------------------------------------
def template_rows(client, call) -> list[list[str]]:
    response = client.get(reverse("selection:score_csv", args=[call.pk]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    raw = response.content
    assert raw.startswith("\ufeff".encode())  # Excel reads Japanese only with the BOM
    return list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))


def upload(rows, encoding="utf-8-sig") -> SimpleUploadedFile:
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    return SimpleUploadedFile("採点.csv", buffer.getvalue().encode(encoding))


def fill(rows, values_by_row: dict[int, list]) -> list[list[str]]:
    """Type values into data rows (1 = the first row after the header)."""
    filled = [list(row) for row in rows]
    for index, values in values_by_row.items():
        for column, value in enumerate(values):
            filled[index][5 + column] = str(value)
    return filled


def test_csv_template_has_the_grid_layout(desk, client, staff_user):
    call, _users, applications = desk
    client.force_login(staff_user)
    rows = template_rows(client, call)
    assert rows[0][:5] == ["委員番号", "委員", "応募番号", "応募団体", "状況（参考）"]
    assert rows[0][5:11] == [c.name for c in call.criteria.all()]
    assert rows[0][11] == "事業の必要性（コメント）"
    assert len(rows) == 1 + 2 * 3
    assert rows[6][1] == "委員2" and rows[6][3] == applications[2].organization.display_name
    assert rows[6][4] == "利害関係あり（回避）"


def test_csv_import_saves_every_row(desk, client, staff_user):
    call, _users, _applications = desk
    client.force_login(staff_user)
    rows = fill(template_rows(client, call), {1: [8] * 6, 2: [7] * 6, 3: [6] * 6, 4: [5] * 6})
    rows[5][5:11] = ["９", "9", "9", "9", "9", "9"]  # full-width digits from a Japanese sheet
    response = client.post(
        reverse("selection:score_import", args=[call.pk]),
        {"csv_file": upload(rows, "cp932"), "sheet": scan("採点票一式.pdf"), "confirmed": "on"},
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    assert Score.objects.count() == 5 * 6
    assert set(Score.objects.values_list("entered_by", flat=True)) == {staff_user.pk}
    paper = PaperScoreSheet.objects.get()
    assert paper.member is None
    assert AuditEntry.objects.filter(action="selection.scores_import_on_behalf").count() == 1
    assert selectors.progress_grid(call)["complete"]


def test_csv_import_lists_every_wrong_cell_and_saves_nothing(desk, client, staff_user):
    call, _users, applications = desk
    client.force_login(staff_user)
    rows = fill(template_rows(client, call), {1: [8] * 6, 2: [7, 7, 11, 7, 7, 7]})
    rows[3][5:11] = ["6", "6", "", "6", "6", "6"]  # a cell missing
    rows[4][5:11] = ["5", "x", "5", "5", "5", "5"]  # not a number
    rows[6][5:11] = ["5"] * 6  # member 2 and applicant C: conflicted
    # Numbers past the highest in use: no seat or application of any call has them.
    unknown_seat = str(CommitteeMember.objects.order_by("-pk").first().pk + 1)
    unknown_application = str(Application.objects.order_by("-pk").first().pk + 1)
    rows.append([unknown_seat, "誰か", str(applications[0].pk), "", ""] + ["5"] * 6)
    rows.append([rows[1][0], "委員1", unknown_application, "", ""] + ["5"] * 6)
    response = client.post(
        reverse("selection:score_import", args=[call.pk]),
        {"csv_file": upload(rows), "sheet": scan(), "confirmed": "on"},
    )
    assert response.status_code == 200
    errors = [str(e) for e in response.context["import_form"].non_field_errors()]
    text = "\n".join(errors)
    assert "3行目「協働の効果」：「協働の効果」の評点は1〜10の範囲で入力してください。" in text
    assert "4行目「協働の効果」：「協働の効果」の評点を入力してください。" in text
    assert "5行目「実現可能性」：評点は整数で入力してください（「x」）。" in text
    assert "7行目：委員2さんは" in text and "利害関係を申告しているため" in text
    assert (
        f"8行目「委員番号」：この公募の委員に、委員番号「{unknown_seat}」の人はいません。" in text
    )
    assert "9行目「応募番号」：" in text
    assert len(errors) == 6
    assert not Score.objects.exists()
    assert not ConflictDeclaration.objects.filter(has_conflict=False).exists()
    assert not PaperScoreSheet.objects.exists()


def test_csv_with_another_layout_is_refused(desk, client, staff_user):
    call, _users, _applications = desk
    client.force_login(staff_user)
    rows = template_rows(client, call)
    rows[0][5] = "別の項目"
    response = client.post(
        reverse("selection:score_import", args=[call.pk]),
        {"csv_file": upload(rows), "sheet": scan(), "confirmed": "on"},
    )
    assert response.status_code == 200
    assert "見出しが様式と違います" in response.content.decode()
    assert not Score.objects.exists()


def test_csv_import_needs_the_scan_and_the_confirmation(desk, client, staff_user):
    call, _users, _applications = desk
    client.force_login(staff_user)
    rows = fill(template_rows(client, call), {1: [8] * 6})
    response = client.post(
        reverse("selection:score_import", args=[call.pk]), {"csv_file": upload(rows)}
    )
    page = response.content.decode()
    assert "署名された採点票を読み取ったファイルを添付してください。" in page
    assert "チェックを入れてください" in page
    assert not Score.objects.exists()


def test_a_japanese_template_imports_with_the_english_pages(desk, client, staff_user):
    call, _users, _applications = desk
    client.force_login(staff_user)
    rows = fill(template_rows(client, call), {1: [8] * 6})
    client.cookies["django_language"] = "en"
    response = client.post(
        reverse("selection:score_import", args=[call.pk]),
        {"csv_file": upload(rows), "sheet": scan(), "confirmed": "on"},
    )
    assert response.status_code == 302
    assert Score.objects.count() == 6


def test_the_body_keeps_the_record_after_the_staff_member_leaves(desk, staff_user, office):
    """An entry made on a member's behalf stays in the body's audit trail through its object
    (the scan), not only through who made it."""
    from kyodo_portal.selectors import audit_entries_in_bodies
    from partners.models import Membership

    call, users, (a, _b, _c) = desk
    enter_sixes(call, users[0], staff_user, a)
    proxy.member_remind(
        call=call,
        member=call.committee.get(user=users[1]),
        by=staff_user,
        owed={"undeclared": ["A"]},
    )
    Membership.objects.filter(user=staff_user).delete()
    actions = set(audit_entries_in_bodies({office.body_id}).values_list("action", flat=True))
    assert {"selection.scores_enter_on_behalf", "selection.member_remind"} <= actions


def test_the_admin_reads_a_scan_but_takes_none_in(desk, client, staff_user):
    from partners.models import User

    call, users, (a, _b, _c) = desk
    paper = enter_sixes(call, users[0], staff_user, a)
    client.force_login(User.objects.create_superuser("root", "root@example.jp", "x" * 20))
    page = client.get(reverse("admin:selection_paperscoresheet_change", args=[paper.pk]))
    assert page.status_code == 200
    assert paper.file.name in page.content.decode()
    assert client.get(reverse("admin:selection_paperscoresheet_add")).status_code == 403
