"""Every view × role, the sheet form's bad input, publication and the public pages."""

import datetime

import pytest
from django.urls import reverse

from evaluation import services
from evaluation.models import Answer, Evaluation, EvaluationRound
from evaluation.permissions import (
    ALREADY_SUBMITTED,
    EXCHANGE_NOT_RECORDED,
    NOT_CLOSED,
    NOT_YOUR_SHEET,
)
from evaluation.selectors import home_context, project_panel, public_home_context
from evaluation.services import LOW_SCORE_NEEDS_REASON, SCORE_OUT_OF_RANGE, SCORE_REQUIRED_TO_SUBMIT
from evaluation.sheet import ITEM_KEYS
from kyodo_portal.core.forms import IRREVERSIBLE_REQUIRED
from kyodo_portal.core.roles import Role
from projects.choices import Stage
from tests.evaluation.helpers import fill

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "staff", "other_staff", "npo", "other_npo", "reviewer", "manager"]


@pytest.fixture
def people(staff_user, other_staff_user, npo_user, other_npo_user, reviewer_user, manager_user):
    return {
        "anonymous": None,
        "staff": staff_user,
        "other_staff": other_staff_user,
        "npo": npo_user,
        "other_npo": other_npo_user,
        "reviewer": reviewer_user,
        "manager": manager_user,
    }


def _get(client, user, url):
    client.logout()
    if user is not None:
        client.force_login(user)
    return client.get(url)


@pytest.fixture
def exchanged(project, office, npo, staff_user, npo_user):
    fill(project, office, staff_user)
    fill(project, npo, npo_user)
    return EvaluationRound.objects.select_related("project").get()


# (view, expected status per role) with both sheets submitted (unsealed).
MATRIX = {
    "project": {
        "anonymous": 302,
        "staff": 200,
        "other_staff": 404,
        "npo": 200,
        "other_npo": 404,
        "reviewer": 404,
        "manager": 200,
    },
    "sheet_edit": {
        "anonymous": 302,
        "staff": 302,
        "other_staff": 404,
        "npo": 302,
        "other_npo": 404,
        "reviewer": 404,
        "manager": 403,
    },
    "sheet_detail": {
        "anonymous": 302,
        "staff": 200,
        "other_staff": 404,
        "npo": 200,
        "other_npo": 404,
        "reviewer": 404,
        "manager": 200,
    },
    "exchange": {
        "anonymous": 302,
        "staff": 200,
        "other_staff": 404,
        "npo": 200,
        "other_npo": 404,
        "reviewer": 404,
        "manager": 200,
    },
    "round_export": {
        "anonymous": 302,
        "staff": 200,
        "other_staff": 404,
        "npo": 200,
        "other_npo": 404,
        "reviewer": 404,
        "manager": 200,
    },
    "dashboard": {
        "anonymous": 302,
        "staff": 403,
        "other_staff": 403,
        "npo": 403,
        "other_npo": 403,
        "reviewer": 403,
        "manager": 200,
    },
    "public_list": dict.fromkeys(ROLES, 200),
}


@pytest.mark.parametrize("view", list(MATRIX))
@pytest.mark.parametrize("role", ROLES)
def test_permission_matrix(client, people, exchanged, view, role):
    project = exchanged.project
    sheet = exchanged.sheets.get(side="government")
    url = {
        "project": reverse("evaluation:project", args=[project.pk]),
        "sheet_edit": reverse("evaluation:sheet_edit", args=[project.pk, "final"]),
        "sheet_detail": reverse("evaluation:sheet_detail", args=[sheet.pk]),
        "exchange": reverse("evaluation:exchange", args=[exchanged.pk]),
        "round_export": reverse("evaluation:round_export", args=[exchanged.pk, "csv"]),
        "dashboard": reverse("evaluation:dashboard"),
        "public_list": reverse("evaluation:public_list"),
    }[view]
    response = _get(client, people[role], url)
    assert response.status_code == MATRIX[view][role]


def test_manager_is_told_why_they_cannot_fill_in(client, project, manager_user):
    client.force_login(manager_user)
    response = client.get(reverse("evaluation:sheet_edit", args=[project.pk, "final"]))
    assert response.status_code == 403
    assert str(NOT_YOUR_SHEET) in response.content.decode()


def test_missing_objects_404(client, manager_user):
    client.force_login(manager_user)
    for url in (
        reverse("evaluation:project", args=[999999]),
        reverse("evaluation:sheet_detail", args=[999999]),
        reverse("evaluation:exchange", args=[999999]),
        reverse("evaluation:public_detail", args=[999999]),
        reverse("evaluation:sheet_edit", args=[999999, "final"]),
    ):
        assert client.get(url).status_code == 404


def test_unknown_round_kind_is_404(client, project, staff_user):
    client.force_login(staff_user)
    assert (
        client.get(reverse("evaluation:sheet_edit", args=[project.pk, "yearly"])).status_code == 404
    )


def _form_data(**overrides):
    data = {"overall_comment": "総評の下書き", "version": "0"}
    for key in ITEM_KEYS:
        data[f"score_{key}"] = "4"
        data[f"reason_{key}"] = ""
        data[f"comment_{key}"] = ""
    data.update(overrides)
    return data


def test_sheet_form_draft_then_submit(client, project, staff_user):
    client.force_login(staff_user)
    url = reverse("evaluation:sheet_edit", args=[project.pk, "final"])
    assert client.get(url).status_code == 200
    response = client.post(url, _form_data(**{"score_costs": ""}) | {"save": "1"})
    assert response.status_code == 302
    sheet = Evaluation.objects.get()
    assert sheet.status == "draft" and sheet.version == 1
    page = client.get(url).content.decode()
    assert "総評の下書き" in page
    response = client.post(url, _form_data(version="1", submit="1", confirm="on"))
    assert response.status_code == 302
    assert response.url == reverse("evaluation:sheet_detail", args=[sheet.pk])
    sheet.refresh_from_db()
    assert sheet.is_submitted
    # Editing after submission: sent to the read-only sheet with the reason.
    response = client.post(url, _form_data(version="2", submit="1", confirm="on"), follow=True)
    assert str(ALREADY_SUBMITTED) in response.content.decode()


def test_sheet_form_bad_input_keeps_everything_typed(client, project, staff_user):
    client.force_login(staff_user)
    url = reverse("evaluation:sheet_edit", args=[project.pk, "final"])
    data = _form_data(
        score_costs="1",
        comment_costs="人件費が認められなかった",
        score_roles="9",
        score_synergy="",
        comment_synergy="相乗効果のメモ",
        submit="1",
        confirm="on",
    )
    response = client.post(url, data)
    assert response.status_code == 400
    html = response.content.decode()
    assert str(SCORE_OUT_OF_RANGE) in html
    assert (
        "人件費が認められなかった" in html and "相乗効果のメモ" in html and "総評の下書き" in html
    )
    assert 'id="error-summary"' in html
    assert not Evaluation.objects.exists()
    # Fix the range; low score still needs a reason, and a missing score blocks submission.
    data["score_roles"] = "3"
    response = client.post(url, data)
    html = response.content.decode()
    assert str(LOW_SCORE_NEEDS_REASON) in html
    assert str(SCORE_REQUIRED_TO_SUBMIT) in html
    assert 'value="1" id="id_score_costs_4" checked' in html or "checked" in html
    assert not Answer.objects.exists()


def test_submitting_without_the_tick_is_refused_beside_the_box(client, project, staff_user):
    client.force_login(staff_user)
    url = reverse("evaluation:sheet_edit", args=[project.pk, "final"])
    response = client.post(url, _form_data(submit="1"))
    assert response.status_code == 400
    html = response.content.decode()
    assert str(IRREVERSIBLE_REQUIRED) in html and 'id="id_confirm-error"' in html
    assert "総評の下書き" in html  # what was typed is still there
    assert not Evaluation.objects.exists()  # the service was not called
    # A draft needs no tick.
    assert client.post(url, _form_data(save="1")).status_code == 302


def test_stale_sheet_form_is_refused_without_losing_input(client, project, office, staff_user):
    fill(project, office, staff_user, submit=False)
    fill(project, office, staff_user, submit=False)  # version 2 now
    client.force_login(staff_user)
    url = reverse("evaluation:sheet_edit", args=[project.pk, "final"])
    response = client.post(url, _form_data(version="1", overall_comment="古い画面の総評", save="1"))
    assert response.status_code == 400
    html = response.content.decode()
    assert "ほかの人が先に更新しました" in html and "古い画面の総評" in html


def test_publication_and_public_pages(client, exchanged, staff_user, npo_user, manager_user):
    round_ = exchanged
    with pytest.raises(services.PermissionDenied) as error:
        services.round_publish(round_=round_, by=staff_user)
    assert str(error.value) == str(EXCHANGE_NOT_RECORDED)
    round_ = services.exchange_record(
        round_=round_,
        by=staff_user,
        meeting_date=datetime.date(2026, 3, 2),
        attendees="双方",
        conclusions="合意した結論：継続して拡充する",
    )
    with pytest.raises(services.PermissionDenied) as error:
        services.round_publish(round_=round_, by=staff_user)
    assert str(error.value) == str(NOT_CLOSED)
    round_.project.stage = Stage.CLOSED
    round_.project.save()
    for user in (npo_user, manager_user):
        with pytest.raises(services.PermissionDenied):
            services.round_publish(round_=round_, by=user)
    client.force_login(staff_user)
    assert client.post(reverse("evaluation:publish", args=[round_.pk])).status_code == 302
    client.logout()
    response = client.get(reverse("evaluation:public_detail", args=[round_.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "合意した結論：継続して拡充する" in html
    assert "のコメント" not in html  # item comments and reasons stay internal
    assert "の総評" not in html
    assert public_home_context()["published_results"][0]["url"] == round_.get_public_url()
    landing = client.get(reverse("landing")).content.decode()
    assert round_.get_public_url() in landing
    # Unpublishing takes it off the public pages.
    client.force_login(staff_user)
    client.post(reverse("evaluation:publish", args=[round_.pk]), {"action": "unpublish"})
    client.logout()
    assert client.get(reverse("evaluation:public_detail", args=[round_.pk])).status_code == 404


def test_unpublished_summary_is_not_public(client, exchanged):
    assert client.get(reverse("evaluation:public_detail", args=[exchanged.pk])).status_code == 404


def test_panel_at_each_stage(project, staff_user, npo_user, other_npo_user, office):
    assert project_panel(other_npo_user, project) is None
    panel = project_panel(npo_user, project)
    assert [s.label for s in panel["rounds"]] == ["中間評価", "最終評価"]
    final = panel["rounds"][1]
    assert [s.mine for s in final.sheets] == [False, True]
    project.stage = Stage.AGREEMENT
    project.save()
    assert project_panel(staff_user, project) is None  # nothing to show between the two


def test_panel_renders_with_links(client, project, office, npo, staff_user, npo_user):
    from django.template.loader import render_to_string
    from django.test import RequestFactory

    fill(project, office, staff_user)
    request = RequestFactory().get("/")
    request.user = npo_user
    panel = project_panel(npo_user, project)
    html = render_to_string(panel["template"], {"panel": panel, "request": request})
    assert reverse("evaluation:sheet_edit", args=[project.pk, "final"]) in html
    # The office's submitted sheet is listed but not openable by the NPO yet.
    office_sheet = Evaluation.objects.get(side="government")
    assert reverse("evaluation:sheet_detail", args=[office_sheet.pk]) not in html


def test_home_lists_what_is_awaited(client, project, office, npo, staff_user, npo_user):
    edit = reverse("evaluation:sheet_edit", args=[project.pk, "final"])
    staff = home_context(staff_user, {Role.STAFF})["evaluation_awaiting"]
    assert [i["url"] for i in staff] == [f"{edit}?organization={office.pk}"]
    fill(project, office, staff_user)
    assert home_context(staff_user, {Role.STAFF})["evaluation_awaiting"] == []
    npo_items = home_context(npo_user, {Role.NPO})["evaluation_awaiting_npo"]
    assert [i["url"] for i in npo_items] == [f"{edit}?organization={npo.pk}"]
    client.force_login(npo_user)
    assert "最終評価を記入・提出してください" in client.get(reverse("home")).content.decode()
    fill(project, npo, npo_user)
    exchange = reverse("evaluation:exchange", args=[EvaluationRound.objects.get().pk])
    npo_items = home_context(npo_user, {Role.NPO})["evaluation_awaiting_npo"]
    assert [i["url"] for i in npo_items] == [exchange]  # comment on the office's evaluation
    sheet = Evaluation.objects.select_related("round__project").get(side="government")
    services.evaluation_comment_on_other(evaluation=sheet, by=staff_user, text="所見")
    staff = home_context(staff_user, {Role.STAFF})["evaluation_awaiting"]
    assert [i["url"] for i in staff] == [exchange]  # record the meeting
    client.force_login(staff_user)
    assert "振り返り会議）を記録してください" in client.get(reverse("home")).content.decode()
    assert home_context(staff_user, {Role.MANAGER}) == {}


@pytest.mark.parametrize("extra", [0, 12])
def test_pages_use_a_bounded_number_of_queries(
    client, project, office, npo, staff_user, npo_user, extra, django_assert_max_num_queries
):
    from tests.factories import NpoFactory, add_partner, member

    for _index in range(extra):  # more partners, sheets and improvement items
        other = NpoFactory()
        add_partner(project, other)
        fill(project, other, member(Role.NPO, other))
    fill(project, office, staff_user)
    fill(project, npo, npo_user)
    round_ = EvaluationRound.objects.select_related("project").get()
    for index in range(extra):
        services.improvement_add(round_=round_, by=staff_user, text=f"改善{index}", owner="both")
    sheet = round_.sheets.get(side="government")
    client.force_login(staff_user)
    for url in (
        reverse("evaluation:project", args=[project.pk]),
        reverse("evaluation:sheet_detail", args=[sheet.pk]),
        reverse("evaluation:sheet_print", args=[sheet.pk]),
        reverse("evaluation:exchange", args=[round_.pk]),
        reverse("evaluation:exchange_print", args=[round_.pk]),
        reverse("evaluation:public_list"),
    ):
        with django_assert_max_num_queries(16):
            assert client.get(url).status_code == 200, url
