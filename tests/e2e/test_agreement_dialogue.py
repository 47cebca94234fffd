"""Browser journey: the NPO asks for a change to the agreement and the office answers with a
new version that settles the request (Playwright, system Chromium)."""

import re

import pytest

from projects import services
from projects.choices import Stage
from projects.models import AgreementChangeRequest
from tests.e2e.conftest import login, screenshot
from tests.factories import ProjectFactory, add_partner
from tests.projects.conftest import COSTS, RESPONSIBILITIES, ROLES

pytestmark = pytest.mark.django_db(transaction=True)


def test_npo_requests_a_change_and_staff_answer_with_a_new_version(
    page, new_page, office, npo, staff_user, npo_user, password
):
    project = ProjectFactory(owner_office=office, stage=Stage.AGREEMENT, title="子育て広場の運営")
    add_partner(project, npo)
    services.agreement_save(
        project=project,
        by=staff_user,
        roles=ROLES,
        costs=COSTS,
        responsibilities=RESPONSIBILITIES,
        revision=0,
    )
    agreement_url = f"/projects/{project.pk}/agreement/"

    # The NPO reads version 1 and asks for the venue cost to change, saying why.
    npo_page = new_page()
    login(npo_page, npo_user.username, password)
    npo_page.goto(npo_page.base_url + agreement_url)
    request_form = npo_page.locator("#change-request")
    request_form.get_by_label("修正を依頼する条項").select_option("costs")
    request_form.get_by_label("修正してほしい内容と理由").fill(
        "会場費は県の施設を使えば下がるはずです。250,000円にしてください。"
    )
    request_form.get_by_role("button", name="修正を依頼する").click()
    npo_page.wait_for_load_state()
    history = npo_page.locator("#change-requests")
    assert "会場費は県の施設を使えば" in history.inner_text()
    assert history.locator('[data-change-request="open"]').count() == 1
    screenshot(npo_page, "agreement-01-npo-requests-a-change")

    # The office sees the open request while editing and answers with a new version.
    login(page, staff_user.username, password)
    page.goto(page.base_url + agreement_url)
    page.get_by_role("link", name="協定案を編集").click()
    assert "会場費は県の施設を使えば" in page.locator("#open-requests").inner_text()
    page.get_by_label("2行目の金額（円）").fill("250000")
    page.get_by_label("支払方法").select_option("settlement")
    page.get_by_label("支払の時期と方法").fill("事業完了後、実績報告を受けて精算する。")
    page.get_by_role("button", name="協定案を保存する").click()
    page.wait_for_url(re.compile(rf"{agreement_url}$"))
    assert "第2版" in page.get_by_text(re.compile("現在の版：第2版")).inner_text()
    settled = page.locator('#change-requests [data-change-request="settled"]')
    assert "第2版で対応済み" in settled.inner_text()
    assert "精算払" in page.locator("#payment-method").inner_text()
    screenshot(page, "agreement-02-staff-answered-with-version-2")

    # The NPO sees its request settled and what changed, old → new.
    npo_page.reload()
    assert npo_page.locator('#change-requests [data-change-request="settled"]').count() == 1
    npo_page.get_by_role("link", name="第1版からの変更点を見る").click()
    npo_page.wait_for_load_state()
    changed = npo_page.locator('[data-op="changed"]').filter(has_text="会場費")
    assert "300,000円 → 250,000円" in changed.inner_text()
    screenshot(npo_page, "agreement-03-npo-sees-the-change")

    request = AgreementChangeRequest.objects.get()
    assert request.settled_by_version.number == 2
