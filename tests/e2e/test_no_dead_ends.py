"""Browser journeys where a page used to stop people without a way on: a closed project's office
starts its continuation, and staff who may not give the third party's comment ask for it."""

import re

import pytest

from evaluation.models import ThirdPartyRequest
from evaluation.notices import THIRD_PARTY_GIVEN, THIRD_PARTY_REQUESTED
from kyodo_portal.core.models import Notification
from projects.choices import Method, Stage
from projects.models import Project
from tests.e2e.conftest import login, screenshot
from tests.evaluation.helpers import evaluated_project, fill
from tests.factories import ProjectFactory, add_partner

pytestmark = pytest.mark.django_db(transaction=True)


def test_staff_create_the_continuation_of_a_closed_project(page, office, npo, staff_user, password):
    closed = ProjectFactory(
        title="子育て広場の運営",
        owner_office=office,
        stage=Stage.CLOSED,
        method=Method.COMMISSION,
        fiscal_year_start=2025,
        fiscal_year_end=2025,
    )
    add_partner(closed, npo)
    login(page, staff_user.username, password)
    page.goto(page.base_url + closed.get_absolute_url())
    page.get_by_role("button", name="継続事業を作成").click()
    page.wait_for_url(re.compile(r"/projects/\d+/edit/$"))
    assert page.get_by_text("継続事業を作成しました。").is_visible()
    successor = Project.objects.get(predecessor=closed)
    assert page.url.endswith(f"/projects/{successor.pk}/edit/")
    assert page.get_by_label("事業名").input_value() == "子育て広場の運営"
    chosen = page.get_by_label("前身の事業（継続事業の場合）")
    assert chosen.input_value() == str(closed.pk)
    assert "（令和7年度（2025年度）・完了）" in chosen.locator("option:checked").inner_text()
    screenshot(page, "continuation-edit")
    # No partner carried over: the next one is chosen fairly again.
    assert not successor.project_partners.exists()


def test_staff_ask_the_managers_for_the_third_party_comment(
    page, new_page, office, npo, staff_user, npo_user, manager_user, password
):
    project = evaluated_project(office, npo)
    fill(project, office, staff_user)
    fill(project, npo, npo_user)
    round_ = project.evaluation_rounds.get()

    login(page, staff_user.username, password)
    page.goto(f"{page.base_url}/evaluation/rounds/{round_.pk}/exchange/")
    assert page.get_by_text("第三者のコメントを記入できるのは、管理職・推進担当です。").is_visible()
    page.get_by_label("依頼のメッセージ（任意）").fill("協働推進委員会の意見をいただきたい。")
    page.get_by_role("button", name="第三者のコメントを依頼する").click()
    page.wait_for_url(re.compile(r"/exchange/"))
    assert page.get_by_text("第三者のコメントを管理職・推進担当に依頼しました。").is_visible()
    assert page.locator("[data-third-party-requested]").is_visible()
    assert page.get_by_role("button", name="第三者のコメントを依頼する").count() == 0
    assert Notification.objects.filter(kind=THIRD_PARTY_REQUESTED, recipient=manager_user).exists()

    manager = new_page()
    login(manager, manager_user.username, password)
    manager.goto(f"{manager.base_url}/evaluation/rounds/{round_.pk}/exchange/")
    manager.get_by_label("第三者の名称").fill("協働推進委員会")
    manager.get_by_label("第三者のコメント", exact=True).fill("費用分担の考え方を公開するとよい。")
    manager.get_by_role("button", name="第三者のコメントを保存").click()
    manager.get_by_text("第三者のコメントを保存しました。").wait_for()
    assert ThirdPartyRequest.objects.get().answered_at is not None
    assert Notification.objects.filter(kind=THIRD_PARTY_GIVEN, recipient=staff_user).exists()
