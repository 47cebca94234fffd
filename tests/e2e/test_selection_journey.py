"""Browser journey: staff publishes a call, two NPOs apply, a reviewer declares one conflict and
scores the other, staff decides, and the public results page shows the reasons."""

import datetime
import re

import pytest
from django.utils import timezone

from kyodo_portal.core.roles import Role
from projects.choices import Stage
from selection.models import Application, Call
from tests.e2e.axe import AXE_SOURCE, AXE_TAGS, BLOCKING_IMPACTS, describe
from tests.e2e.conftest import login, screenshot
from tests.factories import ProjectFactory, member

pytestmark = pytest.mark.django_db(transaction=True)
TICK = "提出後は取り消せないことを確認しました"  # the box before an irreversible submission

REASON = "地域の外国人住民と作る計画の具体性と、日本語教室での実績を評価した。"
REVIEWER_COMMENT = "委員だけが読むはずの所見"
SHORT_REASON = "国の交付決定が遅れ、年度内に事業を終えるため応募期間を7日とします。"


def local(delta: datetime.timedelta, fmt="%Y-%m-%dT%H:%M") -> str:
    return (timezone.localtime() + delta).strftime(fmt)


def assert_accessible(page):
    """axe-core on the page's main content (the shared header is checked by its own tests)."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.evaluate(AXE_SOURCE)
    result = page.evaluate(
        "async (tags) => await axe.run('main', {runOnly: {type: 'tag', values: tags}})",
        AXE_TAGS,
    )
    violations = [v for v in result["violations"] if v.get("impact") in BLOCKING_IMPACTS]
    assert not violations, describe(violations)


def declare_nobody(reviewer):
    """One declaration for every applicant of the call: no conflict with any."""
    reviewer.get_by_role("link", name="すべての応募者との利害関係をまとめて申告する").click()
    reviewer.get_by_label("利害関係のある応募者はいない").check()
    reviewer.get_by_role("button", name="申告する").click()
    reviewer.get_by_text("利害関係の申告を保存しました。").wait_for()


def score(reviewer, organization, values, *, from_review_page=True):
    """Fill in one sheet: reached from the review page, or already open (the declaration leads
    straight on to the first sheet still to fill in)."""
    if from_review_page:
        reviewer.get_by_role("link", name=f"{organization.name}を採点").click()
    reviewer.get_by_text(str(organization.name)).first.wait_for()
    for criterion, value in zip(Call.objects.get().criteria.all(), values, strict=True):
        reviewer.get_by_label(f"「{criterion.name}」の評点（1〜5）").fill(str(value))
        reviewer.get_by_label(f"「{criterion.name}」のコメント").fill(REVIEWER_COMMENT)
    reviewer.get_by_role("button", name="採点を保存する").click()
    reviewer.get_by_text("の採点を保存しました。").wait_for()


def test_open_call_from_publication_to_public_results(
    page,
    new_page,
    office,
    staff_user,
    npo,
    npo_user,
    other_npo,
    other_npo_user,
    reviewer_user,
    password,
):
    second_reviewer = member(Role.REVIEWER, office, username="reviewer2", name="加藤 恵子")
    project = ProjectFactory(
        owner_office=office,
        stage=Stage.PARTNER_SELECTION,
        method="commission",
        title="外国人住民のための生活ガイドづくり",
    )

    # Staff drafts the call from the project's selection page, appoints two reviewers, publishes.
    login(page, staff_user.username, password)
    page.goto(page.base_url + f"/partners/projects/{project.pk}/selection/")
    assert_accessible(page)
    page.get_by_role("link", name="公募を作成する").click()
    page.get_by_label("応募締切").fill(local(datetime.timedelta(days=7)))
    page.get_by_label("審査期限").fill(local(datetime.timedelta(days=14)))
    page.get_by_label("結果公表予定日").fill(local(datetime.timedelta(days=21), "%Y-%m-%d"))
    page.get_by_label("応募資格").fill("県内で活動する団体（法人格の有無は問いません）")
    assert_accessible(page)
    page.get_by_role("button", name="下書きを保存する").click()
    page.wait_for_url(re.compile(r"/partners/calls/\d+/$"))
    call = Call.objects.get()
    assert call.criteria.count() == 5
    page.get_by_role("link", name="選定委員").click()
    # Both members at once, each with their category.
    for person, category in (
        (reviewer_user, "学識経験者"),
        (second_reviewer, "中間支援組織・NPO関係者"),
    ):
        page.get_by_label(f"{person.get_full_name()}さんを委嘱する", exact=True).check()
        page.get_by_label(f"{person.get_full_name()}さんの委員の区分").select_option(label=category)
    assert_accessible(page)
    page.get_by_role("button", name="選んだ人を委嘱する").click()
    page.get_by_text("選定委員を委嘱しました（2人）。").wait_for()
    assert_accessible(page)
    page.goto(page.base_url + call.get_absolute_url())
    # Seven days to apply is under the minimum: the reason is written and published with the call.
    page.get_by_label("応募期間が短い理由（公表されます）").fill(SHORT_REASON)
    page.get_by_role("button", name="公募を公表する").click()
    page.get_by_text("公募を公表しました。").wait_for()
    assert Call.objects.get().short_period_reason == SHORT_REASON
    screenshot(page, "selection-01-call-published")
    assert_accessible(page)

    # Two NPOs apply through the public page.
    for person, title in (
        (npo_user, "子育て世帯の生活ガイド"),
        (other_npo_user, "やさしい日本語の生活ガイド"),
    ):
        applicant = new_page()
        login(applicant, person.username, password)
        applicant.goto(applicant.base_url + "/partners/public/calls/")
        applicant.get_by_role("link", name=call.title).first.click()
        applicant.get_by_role("link", name="この公募に応募する").click()
        applicant.get_by_label("提案事業名").fill(title)
        applicant.get_by_label("事業計画").fill(
            "日本語教室の学習者と、生活の場面ごとのガイドを作ります。"
        )
        applicant.get_by_label("見積額（円）").fill("1800000")
        applicant.get_by_role("button", name="下書きを保存する").click()
        applicant.get_by_label(TICK).check()
        applicant.get_by_role("button", name="提出する").click()
        applicant.get_by_text("応募を提出しました。").wait_for()
        if person == npo_user:
            screenshot(applicant, "selection-02-application-submitted")
            assert_accessible(applicant)
    assert Application.objects.filter(status="submitted").count() == 2

    # Time passes: the deadline is behind us (moved here instead of waiting a week).
    Call.objects.filter(pk=call.pk).update(
        application_deadline=timezone.now() - datetime.timedelta(minutes=1)
    )
    page.goto(page.base_url + call.get_absolute_url())
    page.get_by_role("button", name="受付を終了して審査を開始").click()
    page.get_by_text("審査を開始しました。").wait_for()

    # The reviewer declares a conflict with the first NPO and scores the second.
    reviewer = new_page()
    login(reviewer, reviewer_user.username, password)
    reviewer.get_by_role("link", name="審査", exact=True).first.click()
    reviewer.get_by_role("link", name=re.compile(re.escape(call.title))).first.click()
    # One declaration covers both applicants: a conflict with the first, none with the second.
    reviewer.get_by_role("link", name="すべての応募者との利害関係をまとめて申告する").click()
    assert "日本語教室の学習者" not in reviewer.locator("main").inner_text()
    reviewer.get_by_label("次の応募者と利害関係がある（その応募の審査に加わらない）").check()
    reviewer.get_by_label(f"{npo.name}と利害関係がある", exact=True).check()
    reviewer.get_by_label(f"{npo.name}との利害関係の内容").fill("団体の理事を務めているため")
    assert_accessible(reviewer)
    reviewer.get_by_role("button", name="申告する").click()
    reviewer.get_by_text("利害関係の申告を保存しました。").wait_for()
    # Straight on to the one sheet to fill in: the other NPO's.
    assert "日本語教室の学習者" in reviewer.locator("main").inner_text()
    score(reviewer, other_npo, [5, 4, 4, 5, 4], from_review_page=False)
    assert reviewer.get_by_role("link", name=f"{npo.name}を採点").count() == 0
    screenshot(reviewer, "selection-03-review-call")
    assert_accessible(reviewer)
    reviewer.get_by_role("link", name=f"{other_npo.name}を採点").click()
    screenshot(reviewer, "selection-04-score-form")
    assert_accessible(reviewer)

    # A second member, with no conflict, scores both: every application has its scorers.
    second = new_page()
    login(second, second_reviewer.username, password)
    second.goto(second.base_url + f"/partners/review/calls/{call.pk}/")
    declare_nobody(second)
    score(second, npo, [4, 4, 3, 4, 3], from_review_page=False)
    score(second, other_npo, [4, 4, 4, 4, 4])

    # Staff reads the ranking, decides with reasons and publishes the results.
    page.goto(page.base_url + call.get_absolute_url())
    page.get_by_role("link", name="採点の集計").click()
    screenshot(page, "selection-05-ranking")
    assert_accessible(page)
    page.get_by_role("link", name="選定結果を決定").click()
    page.get_by_label(re.compile(f"1位　{re.escape(other_npo.name)}")).check()
    page.get_by_label("選定理由（公表されます）").fill(REASON)
    page.get_by_role("button", name="決定する").click()
    page.get_by_text("を協働相手に決定しました。").wait_for()
    page.get_by_role("button", name="選定結果を公表する").click()
    page.get_by_text("選定結果を公表しました。").wait_for()

    # Anyone reads the results, the reasons and the committee composition — not the comments.
    public = new_page()
    public.goto(public.base_url + call.get_public_url())
    results = public.get_by_role("region", name="選定結果")
    assert REASON in results.inner_text()
    assert other_npo.name in results.inner_text()
    body = public.locator("main").inner_text()
    assert "学識経験者　1人" in body and "中間支援組織・NPO関係者　1人" in body
    assert reviewer_user.get_full_name() not in body
    assert REVIEWER_COMMENT not in body
    screenshot(public, "selection-06-public-results")
    assert_accessible(public)
    project.refresh_from_db()
    assert project.stage == Stage.AGREEMENT
