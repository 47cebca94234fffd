"""The sealed rule: one side's answers stay invisible to everyone else — the other side, managers,
and every view and export — until all sheets of the round have been submitted."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from evaluation.models import EvaluationRound
from evaluation.permissions import SEALED
from evaluation.services import AnswerInput, evaluation_save
from tests.evaluation.helpers import answers, fill

pytestmark = pytest.mark.django_db

SECRET = "行政側だけが知る率直な所見"


@pytest.fixture
def office_sheet(project, office, staff_user):
    values = answers(default=4)
    values["costs"] = AnswerInput(score=1, reason=SECRET, comment=SECRET)
    return evaluation_save(
        project=project,
        kind="final",
        organization=office,
        by=staff_user,
        answers=values,
        overall_comment=SECRET,
        submit=True,
    )


def _content(response) -> str:
    if hasattr(response, "streaming_content"):
        data = b"".join(response.streaming_content)
    else:
        data = response.content
    if response.get("Content-Type", "") == "application/pdf":
        return "".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    if response.get("Content-Type", "").startswith("application/vnd.openxml"):
        workbook = load_workbook(io.BytesIO(data), read_only=True)
        return "\n".join(
            str(cell)
            for sheet in workbook.worksheets
            for row in sheet.iter_rows(values_only=True)
            for cell in row
        )
    return data.decode("utf-8")


def _urls(sheet):
    round_ = sheet.round
    project = round_.project
    return [
        reverse("evaluation:project", args=[project.pk]),
        reverse("evaluation:sheet_detail", args=[sheet.pk]),
        reverse("evaluation:sheet_print", args=[sheet.pk]),
        reverse("evaluation:sheet_pdf", args=[sheet.pk]),
        reverse("evaluation:exchange", args=[round_.pk]),
        reverse("evaluation:exchange_print", args=[round_.pk]),
        reverse("evaluation:exchange_pdf", args=[round_.pk]),
        reverse("evaluation:round_export", args=[round_.pk, "csv"]),
        reverse("evaluation:round_export", args=[round_.pk, "xlsx"]),
        reverse("evaluation:dashboard"),
        reverse("evaluation:dashboard_export", args=["csv"]),
        reverse("evaluation:dashboard_export", args=["xlsx"]),
        reverse("evaluation:results_export", args=["csv"]),
        reverse("evaluation:results_export", args=["xlsx"]),
        reverse("evaluation:dashboard_list") + "?scores=item:costs",
        reverse("evaluation:dashboard_list") + "?scores=all",
        reverse("evaluation:public_list"),
        reverse("home"),
    ]


@pytest.mark.parametrize("who", ["npo", "manager", "other_npo", "reviewer", "other_staff"])
def test_before_the_other_side_submits_nobody_else_sees_the_answers(
    client,
    office_sheet,
    npo,
    npo_user,
    manager_user,
    other_npo_user,
    reviewer_user,
    other_staff_user,
    who,
):
    user = {
        "npo": npo_user,
        "manager": manager_user,
        "other_npo": other_npo_user,
        "reviewer": reviewer_user,
        "other_staff": other_staff_user,
    }[who]
    # The NPO has a draft: its answers are sealed too, even from the office.
    fill(office_sheet.round.project, npo, npo_user, submit=False, default=2)
    client.force_login(user)
    for url in _urls(office_sheet):
        response = client.get(url)
        assert SECRET not in _content(response), url
        assert response.status_code in (200, 403, 404), url


def test_manager_dashboard_scores_ignore_a_sealed_round(client, office_sheet, manager_user):
    client.force_login(manager_user)
    response = client.get(reverse("evaluation:dashboard"))
    principle = response.context["by_key"]["principle"]
    assert all(row[1].value is None for row in principle.rows)
    assert response.context["data"]["status"]["partial"] == 1


def test_sealed_sheet_page_says_why(client, office_sheet, npo_user):
    client.force_login(npo_user)
    response = client.get(reverse("evaluation:sheet_detail", args=[office_sheet.pk]))
    assert response.status_code == 403
    assert str(SEALED) in response.content.decode()
    response = client.get(reverse("evaluation:exchange", args=[office_sheet.round_id]))
    assert response.status_code == 403


def test_own_side_always_sees_its_own_answers(client, office_sheet, staff_user):
    client.force_login(staff_user)
    response = client.get(reverse("evaluation:sheet_detail", args=[office_sheet.pk]))
    assert response.status_code == 200
    assert SECRET in response.content.decode()


def test_npo_draft_is_invisible_to_the_office(
    client, project, office_sheet, npo, npo_user, staff_user
):
    draft = fill(project, npo, npo_user, submit=False)
    evaluation_save(
        project=project,
        kind="final",
        organization=npo,
        by=npo_user,
        answers={"costs": AnswerInput(score=2, reason="NPOの下書きの理由")},
        version=draft.version,
    )
    client.force_login(staff_user)
    response = client.get(reverse("evaluation:sheet_detail", args=[draft.pk]))
    assert response.status_code == 403
    assert "NPOの下書きの理由" not in response.content.decode()


@pytest.mark.parametrize("who", ["npo", "manager"])
def test_once_both_have_submitted_the_answers_open(
    client, office_sheet, npo, npo_user, manager_user, who
):
    fill(office_sheet.round.project, npo, npo_user)
    assert EvaluationRound.objects.get().is_unsealed
    client.force_login({"npo": npo_user, "manager": manager_user}[who])
    for name in ("sheet_detail", "sheet_print", "sheet_pdf"):
        response = client.get(reverse(f"evaluation:{name}", args=[office_sheet.pk]))
        assert response.status_code == 200
        assert SECRET in _content(response)
    for url in (
        reverse("evaluation:exchange", args=[office_sheet.round_id]),
        reverse("evaluation:exchange_print", args=[office_sheet.round_id]),
        reverse("evaluation:exchange_pdf", args=[office_sheet.round_id]),
        reverse("evaluation:round_export", args=[office_sheet.round_id, "csv"]),
        reverse("evaluation:round_export", args=[office_sheet.round_id, "xlsx"]),
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert SECRET in _content(response), url


def test_other_organisations_still_see_nothing_after_unsealing(
    client, office_sheet, npo, npo_user, other_npo_user, other_staff_user, reviewer_user
):
    fill(office_sheet.round.project, npo, npo_user)
    for user in (other_npo_user, other_staff_user, reviewer_user):
        client.force_login(user)
        for url in _urls(office_sheet)[:7]:
            response = client.get(url)
            assert response.status_code == 404, (user, url)
