"""Browser journeys for collaboration projects (Playwright, system Chromium)."""

import re

import pytest

from kyodo_portal.core.fiscal import fiscal_year_of
from projects import services
from projects.choices import ProposalStatus, Stage
from projects.models import Project, ProjectPartner, Proposal
from tests.e2e.conftest import login, screenshot

pytestmark = pytest.mark.django_db(transaction=True)
TICK = "提出後は取り消せないことを確認しました"  # the box before an irreversible submission

ANSWERS = {
    "collaboration_needed": "yes",
    "government_responsibility": "no",
    "npo_own_activity": "no",
    "synergy": "yes",
    "npo_strengths": "yes",
    "cost_saving": "no",
    "equal_partner": "yes",
    "npo_voice": "yes",
    "autonomy": "yes",
}
TOPICS = 7


def stage_now(page) -> str:
    return page.locator('.stage-bar li[aria-current="step"]').inner_text().strip()


def press(page, name: str) -> None:
    page.get_by_role("button", name=name).first.click()
    page.wait_for_load_state()


def test_staff_takes_a_project_to_implementation_with_the_npo(
    page, new_page, staff_user, npo_user, npo, password
):
    year = fiscal_year_of()
    login(page, staff_user.username, password)
    page.get_by_role("navigation", name="メインメニュー").get_by_role(
        "link", name="協働事業", exact=True
    ).click()
    page.get_by_role("link", name="協働事業を作成").first.click()
    page.get_by_label("事業名").fill("地域の子育て広場")
    page.get_by_label("課題（事業の背景）").fill("相談できる場が足りない。")
    page.get_by_label("目的").fill("親子の居場所をつくる。")
    page.get_by_label("対象者（受益者）").fill("乳幼児と保護者")
    page.get_by_label("成果目標・指標").fill("延べ4,000組の利用")
    page.get_by_label("開始年度").select_option(str(year))
    page.get_by_label("終了年度").select_option(str(year))
    page.get_by_label("予算額（円）").fill("2000000")
    page.get_by_role("button", name="保存する").click()
    page.wait_for_url(re.compile(r"/projects/\d+/$"))
    project = Project.objects.get(title="地域の子育て広場")
    assert stage_now(page) == "構想"
    screenshot(page, "projects-01-draft")

    press(page, "「適否検討」へ進む")
    assert stage_now(page) == "適否検討"
    page.get_by_role("link", name="適否検討", exact=True).click()
    for key, value in ANSWERS.items():
        page.locator(f'input[name="answer_{key}"][value="{value}"]').check()
    page.get_by_label(re.compile("^協働で実施する")).check()
    page.get_by_role("button", name="保存する").click()
    page.wait_for_load_state()
    assert "協働で実施する" in page.locator("#recommended-outcome").inner_text()
    screenshot(page, "projects-02-suitability")

    page.get_by_role("link", name="概要", exact=True).click()
    press(page, "「方法選択」へ進む")
    assert stage_now(page) == "方法選択"
    page.get_by_role("link", name="協働方法", exact=True).click()
    page.get_by_label("5. 事業協力").check()
    page.get_by_label("この方法を選ぶ理由").fill("団体の相談支援の経験を生かすため。")
    page.get_by_label("明確な目的の共有").fill("目的と指標を文書にし、四半期ごとに確認する。")
    page.get_by_label("関係の自立性・対等性").fill("運営は団体の判断に委ね、人件費を積算する。")
    page.get_by_label("対話と合意の重視").fill("月1回の定例会で協議する。")
    page.get_by_label("関係と過程の公開").fill("協定書と報告を公開する。")
    screenshot(page, "projects-03-method")
    page.get_by_role("button", name="保存する").click()
    page.wait_for_load_state()

    page.get_by_role("link", name="概要", exact=True).click()
    press(page, "「相手選定」へ進む")
    assert stage_now(page) == "相手選定"
    # Choosing the partner (open call or designation) belongs to the partners app.
    services.project_set_partner(
        project=project, organization=npo, by=staff_user, via=ProjectPartner.Via.DESIGNATED
    )
    page.reload()
    press(page, "「分担合意」へ進む")
    assert stage_now(page) == "分担合意"

    page.get_by_role("link", name="協定（分担の合意）", exact=True).click()
    page.get_by_role("link", name="協定案を作成").click()
    page.get_by_label("1行目の作業・役割").fill("広場の運営")
    page.get_by_label("1行目の担当").select_option("npo")
    page.get_by_label("1行目の成果物").fill("運営日誌")
    page.get_by_label("1行目の費目").fill("スタッフ人件費")
    page.get_by_label("1行目の区分").select_option("personnel")
    page.get_by_label("1行目の金額（円）").fill("1200000")
    page.get_by_label("1行目の負担").select_option("government")
    for row in range(1, TOPICS + 1):
        page.get_by_label(f"{row}行目の責任を負う側").select_option("joint")
        page.get_by_label(f"{row}行目の取り決めの内容").fill("双方で協議して対応する。")
    page.get_by_role("button", name="協定案を保存する").click()
    page.wait_for_load_state()
    assert page.locator("#cost-total").inner_text() == "1,200,000円"
    screenshot(page, "projects-04-agreement-staff")

    # The NPO confirms from its own account.
    npo_page = new_page()
    login(npo_page, npo_user.username, password)
    npo_page.get_by_role("link", name=re.compile("協定案（第1版）の確認")).click()
    npo_page.get_by_label(TICK).first.check()
    press(npo_page, "第1版の内容を確認しました")
    assert npo_page.locator('[data-confirmed="npo"]').is_visible()
    screenshot(npo_page, "projects-05-agreement-npo-confirmed")

    page.reload()
    page.get_by_label(TICK).first.check()
    press(page, "第1版の内容を確認しました")
    assert page.locator('[data-confirmed="government"]').is_visible()
    page.get_by_role("link", name="概要", exact=True).click()
    press(page, "「実施」へ進む")
    assert stage_now(page) == "実施"
    timeline = page.get_by_role("table").filter(has_text="分担合意 → 実施")
    assert timeline.is_visible()
    screenshot(page, "projects-06-implementation")
    project.refresh_from_db()
    assert project.stage == Stage.IMPLEMENTATION

    # The print-ready agreement sheet.
    page.goto(page.base_url + f"/projects/{project.pk}/agreement/print/")
    # The print button runs from a static script (the CSP blocks inline handlers).
    page.evaluate("() => { window.printed = 0; window.print = () => { window.printed += 1; }; }")
    page.get_by_role("button", name="印刷する").click()
    assert page.evaluate("window.printed") == 1
    assert page.get_by_role("link", name="PDFをダウンロード").is_visible()
    page.emulate_media(media="print")
    assert not page.locator(".portal-header").is_visible()
    assert page.get_by_role("heading", name="協定書（案）").is_visible()
    screenshot(page, "projects-07-agreement-print")


def test_npo_proposal_is_adopted_and_becomes_a_project(
    page, new_page, staff_user, npo_user, npo, office, password, tmp_path, settings
):
    settings.MEDIA_ROOT = tmp_path / "media"
    npo_page = new_page()
    login(npo_page, npo_user.username, password)
    npo_page.get_by_role("navigation", name="メインメニュー").get_by_role(
        "link", name="協働提案", exact=True
    ).click()
    npo_page.get_by_role("link", name="協働提案を作成").first.click()
    npo_page.get_by_label("提案先の担当課").select_option(str(office.pk))
    npo_page.get_by_label("提案事業名").fill("多世代交流の子育てサロン")
    npo_page.get_by_label("地域の課題").fill("親子と高齢者が関わる機会がない。")
    npo_page.get_by_label("目的", exact=True).fill("親子と高齢者が顔見知りになる。")
    npo_page.get_by_label("事業の内容（アイデア）").fill("集会所でサロンを月2回開く。")
    npo_page.get_by_label("行政の役割").fill("集会所の確保\n自治会への周知")
    npo_page.get_by_label("NPOの役割").fill("サロンの運営")
    npo_page.get_by_label("期待される成果").fill("延べ480人の参加")
    npo_page.get_by_label("概算事業費（円）").fill("800000")
    npo_page.get_by_role("button", name="下書きを保存する").click()
    npo_page.wait_for_url(re.compile(r"/projects/proposals/\d+/$"))
    pdf = tmp_path / "企画書.pdf"
    pdf.write_bytes(b"%PDF-1.4\n%%EOF\n")
    npo_page.locator('input[type="file"]').set_input_files(str(pdf))
    press(npo_page, "添付する")
    assert npo_page.get_by_role("link", name="企画書.pdf").is_visible()
    npo_page.get_by_label(TICK).check()
    press(npo_page, "提出する")
    assert npo_page.locator("#proposal-status").inner_text() == "提出済み（事前協議中）"
    screenshot(npo_page, "proposals-01-submitted")

    login(page, staff_user.username, password)
    page.get_by_role("link", name=re.compile("協働提案「多世代交流の子育てサロン」")).click()
    question = "自治会との連携の見込みを教えてください。"
    page.get_by_role("textbox", name=re.compile("^コメント")).fill(question)
    press(page, "コメントを投稿する")
    assert page.get_by_text(question).is_visible()
    screenshot(page, "proposals-02-consultation")
    press(page, "採択して協働事業を作成する")
    page.wait_for_url(re.compile(r"/projects/\d+/$"))
    assert page.get_by_role("heading", level=1).inner_text() == "多世代交流の子育てサロン"
    assert stage_now(page) == "適否検討"
    assert page.get_by_text("協働相手の候補").is_visible()
    assert page.locator("#project-content").inner_text() == "集会所でサロンを月2回開く。"
    screenshot(page, "proposals-03-adopted-project")

    proposal = Proposal.objects.get()
    assert proposal.status == ProposalStatus.ADOPTED
    npo_page.goto(npo_page.base_url + "/projects/mine/")
    assert npo_page.get_by_role("link", name="多世代交流の子育てサロン").first.is_visible()
    screenshot(npo_page, "proposals-04-npo-my-projects")
