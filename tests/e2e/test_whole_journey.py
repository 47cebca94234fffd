"""Browser journey: one project from suitability to its continuation, walked by the four accounts
that carry it (the office's staff, the NPO, a selection committee member and a manager), counting
the page actions it takes so that changes to the flow can show they make it shorter."""

import datetime
import re
from collections import Counter
from dataclasses import dataclass

import pytest
from django.utils import timezone

from kyodo_portal.core.fiscal import fiscal_year_of
from projects.choices import Stage
from projects.models import Project
from selection.models import Call
from tests.e2e.conftest import login
from tests.e2e.test_evaluation import _fill_sheet
from tests.e2e.test_projects import ANSWERS, TOPICS, stage_now

pytestmark = pytest.mark.django_db(transaction=True)
TICK = "提出後は取り消せないことを確認しました"  # the box before an irreversible submission

# Page actions the whole journey takes today (see the test's docstring for what counts). A change
# that shortens the flow lowers this figure; one that lengthens it has to say why here.
PAGE_ACTIONS_TODAY = 78

TITLE = "外国人住民のための生活ガイドづくり"
CONTINUATION = "外国人住民のための生活ガイドづくり（第2期）"
REASON = "日本語教室の学習者と作る計画の具体性と、地域での実績を評価した。"
SINGLE_REASON = "説明会には3団体が参加したが応募は1団体だった。基準による審査で水準を満たした。"


@dataclass(frozen=True)
class HandOff:
    """A point where the other side must act next: who should be told, and the title of the
    notice they should find on their notifications page (None until such a notice exists)."""

    after: str
    recipient: str
    title: str | None = None


HAND_OFF_NOTICES = [
    HandOff("公募の公表", "npo"),
    HandOff("応募の提出", "staff", "に応募がありました"),
    HandOff("審査の開始", "reviewer", "の採点が始まりました"),
    HandOff("採点の保存", "staff"),
    HandOff("協定案の作成", "npo", "協定案（第1版）の確認をお願いします"),
    HandOff("NPOによる協定の確認", "staff", "協定案（第1版）をNPOが確認しました"),
    HandOff("評価段階への移行", "npo", f"事業「{TITLE}」が「評価」に進みました"),
    HandOff("NPOの評価シートの提出", "staff", "相手側が評価シートを提出しました"),
    HandOff("第三者のコメントの依頼", "manager", f"第三者のコメントの依頼：{TITLE}"),
    HandOff("第三者のコメント", "staff", f"第三者のコメントが記入されました：{TITLE}"),
]


class Journey:
    """The accounts' browser sessions and the page actions each takes."""

    def __init__(self, tmp_path):
        self.actions: Counter[str] = Counter()
        self.phases: dict[str, Counter[str]] = {}
        self.sessions: dict[str, Session] = {}
        self.hand_offs: list[tuple[str, str]] = []
        self.shots = tmp_path

    @property
    def total(self) -> int:
        return sum(self.actions.values())

    def phase(self, name: str) -> None:
        """The part of the journey the next actions belong to (for the printed breakdown)."""
        self.phases[name] = Counter()

    def count(self, account: str, n: int) -> None:
        self.actions[account] += n
        self.phases[next(reversed(self.phases))][account] += n

    def hand_off(self, after: str, recipient: str) -> None:
        self.hand_offs.append((after, recipient))

    def breakdown(self) -> str:
        return "、".join(f"{account} {count}" for account, count in self.actions.items())

    def report(self) -> str:
        lines = [f"ページ操作 {self.total}（{self.breakdown()}）"]
        for name, counts in self.phases.items():
            by = "、".join(f"{account} {count}" for account, count in counts.items())
            lines.append(f"  {name}: {counts.total()}（{by}）")
        return "\n".join(lines)


class Session:
    """One account's browser page; every page action goes through ``goto`` or ``click``."""

    def __init__(self, journey: Journey, account: str, page):
        self.journey, self.account, self.page = journey, account, page
        journey.sessions[account] = self
        # Every page the browser actually loads, to prove no page action escaped the count.
        self.loads = 0
        page.on("framenavigated", self._loaded)

    def _loaded(self, frame) -> None:
        if frame.parent_frame is None:
            self.loads += 1

    def count(self, n: int = 1) -> None:
        self.journey.count(self.account, n)

    def login(self, user, password) -> None:
        login(self.page, user.username, password)
        self.count(2)  # the login page, then its form

    def goto(self, path: str) -> None:
        self.page.goto(self.page.base_url + path)
        self.count()

    def home(self) -> None:
        """Taking one's turn again starts from the portal's home page."""
        self.goto("/home/")

    def click(self, locator) -> None:
        """A click that follows a link or submits a form: waits for the page it leads to."""
        with self.page.expect_navigation():
            locator.click()
        self.count()

    def link(self, name, **kwargs) -> None:
        self.click(self.page.get_by_role("link", name=name, **kwargs).first)

    def button(self, name, **kwargs) -> None:
        self.click(self.page.get_by_role("button", name=name, **kwargs).first)

    def tab(self, name: str) -> None:
        """One of the project's sub-pages (概要, 適否検討, 協働方法, 協定, 実施の記録)."""
        self.click(
            self.page.get_by_role("navigation", name="事業のページ").get_by_role(
                "link", name=name, exact=True
            )
        )

    def menu(self, name: str) -> None:
        self.click(
            self.page.get_by_role("navigation", name="メインメニュー").get_by_role(
                "link", name=name, exact=True
            )
        )

    def shot(self, name: str) -> None:
        self.page.screenshot(path=str(self.journey.shots / f"{name}.png"), full_page=True)


def local(delta: datetime.timedelta, fmt="%Y-%m-%dT%H:%M") -> str:
    return (timezone.localtime() + delta).strftime(fmt)


# --- Each form submission in one place ------------------------------------------------------


def advance(s: Session, stage: str) -> None:
    s.button(f"「{stage}」へ進む")
    assert stage_now(s.page) == stage


def save_project(s: Session, title: str) -> None:
    page, year = s.page, fiscal_year_of()
    page.get_by_label("事業名").fill(title)
    page.get_by_label("課題（事業の背景）").fill("転入した外国人住民が生活の手続で困っている。")
    page.get_by_label("目的").fill("やさしい日本語の生活ガイドを住民と作る。")
    page.get_by_label("対象者（受益者）").fill("県内の外国人住民")
    page.get_by_label("成果目標・指標").fill("ガイド10分野・配布3,000部")
    page.get_by_label("開始年度").select_option(str(year))
    page.get_by_label("終了年度").select_option(str(year))
    page.get_by_label("予算額（円）").fill("1800000")
    s.button("保存する")


def save_suitability(s: Session) -> None:
    for key, value in ANSWERS.items():
        s.page.locator(f'input[name="answer_{key}"][value="{value}"]').check()
    s.page.get_by_label(re.compile("^協働で実施する")).check()
    s.button("保存する")
    assert "協働で実施する" in s.page.locator("#recommended-outcome").inner_text()


def save_method(s: Session) -> None:
    page = s.page
    page.get_by_label("3. 委託").check()
    page.get_by_label("この方法を選ぶ理由").fill("団体の日本語教室での経験を生かすため。")
    page.get_by_label("明確な目的の共有").fill("目的と指標を仕様書にし、四半期ごとに確認する。")
    page.get_by_label("関係の自立性・対等性").fill("作り方は団体の判断に委ね、人件費を積算する。")
    page.get_by_label("対話と合意の重視").fill("月1回の定例会で協議する。")
    page.get_by_label("関係と過程の公開").fill("公募の結果と協定書を公開する。")
    s.button("保存する")


def save_call_draft(s: Session) -> None:
    """Fifteen days to apply: a period under 14 days would need a stated reason."""
    page = s.page
    page.get_by_label("応募締切").fill(local(datetime.timedelta(days=15)))
    page.get_by_label("審査期限").fill(local(datetime.timedelta(days=30)))
    page.get_by_label("結果公表予定日").fill(local(datetime.timedelta(days=35), "%Y-%m-%d"))
    page.get_by_label("応募資格").fill("県内で活動する団体（法人格の有無は問いません）")
    s.button("下書きを保存する")
    s.page.wait_for_url(re.compile(r"/partners/calls/\d+/$"))


def appoint(s: Session, person, category: str) -> None:
    s.page.get_by_label(f"{person.get_full_name()}さんを委嘱する", exact=True).check()
    s.page.get_by_label(f"{person.get_full_name()}さんの委員の区分").select_option(label=category)
    s.button("選んだ人を委嘱する")
    s.page.get_by_text("選定委員を委嘱しました").wait_for()


def publish_call(s: Session) -> None:
    s.button("公募を公表する")
    s.page.get_by_text("公募を公表しました。").wait_for()


def save_application_draft(s: Session) -> None:
    s.page.get_by_label("提案事業名").fill("学習者と作る生活ガイド")
    s.page.get_by_label("事業計画").fill("日本語教室の学習者と、生活の場面ごとのガイドを作ります。")
    s.page.get_by_label("見積額（円）").fill("1800000")
    s.button("下書きを保存する")


def submit_application(s: Session) -> None:
    s.page.get_by_label(TICK).check()
    s.button("提出する")
    s.page.get_by_text("応募を提出しました。").wait_for()


def start_scoring(s: Session) -> None:
    s.button("受付を終了して審査を開始")
    s.page.get_by_text("審査を開始しました。").wait_for()


def declare_no_conflict(s: Session, organization) -> None:
    """One declaration for every applicant of the call leads straight on to the sheet."""
    s.page.get_by_label("利害関係のある応募者はいない").check()
    s.button("申告する")
    s.page.get_by_text("利害関係の申告を保存しました。").wait_for()
    s.page.get_by_text(organization.name).first.wait_for()  # straight on to its score sheet


def save_scores(s: Session, call: Call, values: list[int]) -> None:
    for criterion, value in zip(call.criteria.all(), values, strict=True):
        s.page.get_by_label(f"「{criterion.name}」の評点（1〜5）").fill(str(value))
        s.page.get_by_label(f"「{criterion.name}」のコメント").fill("計画が具体的で実績もある。")
    s.button("採点を保存する")
    s.page.get_by_text("の採点を保存しました。").wait_for()


def decide(s: Session, npo) -> None:
    """One applicant only: the reason for deciding on a single applicant belongs here."""
    s.page.get_by_label(re.compile(f"1位　{re.escape(npo.name)}")).check()
    s.page.get_by_label("選定理由（公表されます）").fill(REASON)
    s.page.get_by_label("応募が1団体だけで選定した理由（公表されます）").fill(SINGLE_REASON)
    s.button("決定する")
    s.page.get_by_text("を協働相手に決定しました。").wait_for()


def publish_results(s: Session) -> None:
    s.button("選定結果を公表する")
    s.page.get_by_text("選定結果を公表しました。").wait_for()


def save_agreement_draft(s: Session) -> None:
    page = s.page
    page.get_by_label("1行目の作業・役割").fill("ガイドの作成と学習者との検討会")
    page.get_by_label("1行目の担当").select_option("npo")
    page.get_by_label("1行目の成果物").fill("生活ガイド（10分野）")
    page.get_by_label("1行目の費目").fill("スタッフ人件費")
    page.get_by_label("1行目の区分").select_option("personnel")
    page.get_by_label("1行目の金額（円）").fill("1800000")
    page.get_by_label("1行目の負担").select_option("government")
    for row in range(1, TOPICS + 1):
        page.get_by_label(f"{row}行目の責任を負う側").select_option("joint")
        page.get_by_label(f"{row}行目の取り決めの内容").fill("双方で協議して対応する。")
    s.button("協定案を保存する")
    assert page.locator("#cost-total").inner_text() == "1,800,000円"


def confirm_agreement(s: Session, side: str) -> None:
    s.page.get_by_label(TICK).first.check()
    s.button("第1版の内容を確認しました")
    assert s.page.locator(f'[data-confirmed="{side}"]').is_visible()


def record_note(s: Session) -> None:
    page = s.page
    page.get_by_label("打合せの記録").check()
    page.get_by_label("日付").fill(local(datetime.timedelta(days=0), "%Y-%m-%d"))
    page.get_by_label("件名").fill("第1回定例会")
    page.get_by_label("内容").fill("ガイドの分野と検討会の日程を話し合った。")
    page.get_by_label("出席者（行政）").fill("県民生活課 担当")
    page.get_by_label("出席者（NPO）").fill("事務局長")
    s.button("記録する")
    assert page.get_by_text("第1回定例会").first.is_visible()


def submit_sheet(s: Session, default: str, low_item: str, reason: str) -> None:
    _fill_sheet(s.page, default, low_item, reason)
    s.page.get_by_label(TICK).check()
    s.button("提出する（提出後は修正できません）")
    s.page.wait_for_url("**/evaluation/sheets/*/")


def comment_on_other(s: Session, organization, text: str) -> None:
    s.page.get_by_label(f"{organization.name}から、相手の評価へのコメント").fill(text)
    s.button("コメントを保存")
    assert s.page.get_by_text("相手の評価へのコメントを保存しました。").is_visible()


def record_meeting(s: Session) -> None:
    page = s.page
    page.get_by_label("振り返り会議の開催日").fill(local(datetime.timedelta(days=0), "%Y-%m-%d"))
    page.get_by_label("出席者").fill("県民生活課 担当、団体 事務局長")
    page.get_by_label("合意した結論").fill("費用の見方の差は、次期の積算で人件費を明示して解く。")
    s.button("会議の記録を保存")
    assert page.get_by_text("振り返り会議の記録を保存しました。").is_visible()


def request_third_party_comment(s: Session) -> None:
    s.button("第三者のコメントを依頼する")
    assert s.page.get_by_text("第三者のコメントを管理職・推進担当に依頼しました。").is_visible()


def open_notice(s: Session, title: str) -> None:
    """From the notifications page, the notice's own way to the page it is about."""
    notice = s.page.locator("li", has_text=title)
    s.click(notice.get_by_role("button", name="開く"))


def save_third_party_comment(s: Session) -> None:
    s.page.get_by_label("第三者の名称").fill("協働推進委員会")
    comment = s.page.get_by_role("textbox", name="第三者のコメント")
    comment.fill("双方が差を話し合い、次期に生かしている。")
    s.button("第三者のコメントを保存")
    assert s.page.get_by_text("第三者のコメントを保存しました。").is_visible()


# --- The walk -------------------------------------------------------------------------------


def test_whole_journey_counts_its_page_actions(
    page,
    new_page,
    tmp_path,
    office,
    npo,
    staff_user,
    npo_user,
    reviewer_user,
    manager_user,
    password,
):
    """Suitability → method → open call (公募) and the NPO's application → the committee's
    scoring → results → agreement confirmed by both sides → implementation record → both sides'
    evaluation and exchange, with a manager's third-party comment → closing → continuation.

    A page action is one ``goto`` (opening an address) or one click that follows a link or
    submits a form; signing in is two (the login page and its form). Filling fields, ticking
    boxes and choosing options are not counted: they stay on the page. Each time an account
    takes its turn again it opens the home page and follows links from there, so a missing
    link shows as extra actions. Only ``Session.goto`` and ``Session.click`` count, and every
    page action of the walk goes through them: the pages each browser session actually loaded
    must equal its count. Checks after the walk do not count."""
    journey = Journey(tmp_path)
    staff = Session(journey, "staff", page)

    # Staff: the project, its suitability and its method.
    journey.phase("構想・適否検討・方法選択")
    staff.login(staff_user, password)
    staff.menu("協働事業")
    staff.link("協働事業を作成")
    save_project(staff, TITLE)
    project = Project.objects.get(title=TITLE)
    advance(staff, "適否検討")
    staff.tab("適否検討")
    save_suitability(staff)
    advance(staff, "方法選択")  # offered on the suitability page once its work is done
    staff.tab("協働方法")
    save_method(staff)
    advance(staff, "相手選定")

    # Staff: an open call with a committee member, published.
    journey.phase("公募")
    staff.link("協働相手を選定する（公募・特命）")
    staff.link("公募を作成する")
    save_call_draft(staff)
    call = Call.objects.get()
    staff.link("選定委員")
    appoint(staff, reviewer_user, "学識経験者")
    staff.link(call.title)
    publish_call(staff)
    staff.shot("01-call-published")
    journey.hand_off("公募の公表", "npo")

    # NPO: finds the call and applies.
    journey.phase("応募")
    npo_s = Session(journey, "npo", new_page())
    npo_s.login(npo_user, password)
    npo_s.menu("公募・選定結果")
    npo_s.link(call.title)
    npo_s.link("この公募に応募する")
    save_application_draft(npo_s)
    submit_application(npo_s)
    journey.hand_off("応募の提出", "staff")

    # Time passes: the deadline is behind us (moved here instead of waiting two weeks).
    Call.objects.filter(pk=call.pk).update(
        application_deadline=timezone.now() - datetime.timedelta(minutes=1)
    )

    # Staff: closes the applications and opens the scoring.
    journey.phase("審査")
    staff.home()
    staff.link(TITLE, exact=True)
    staff.link(call.title)
    start_scoring(staff)
    journey.hand_off("審査の開始", "reviewer")

    # Reviewer: declares no conflict and scores.
    reviewer = Session(journey, "reviewer", new_page())
    reviewer.login(reviewer_user, password)
    reviewer.link(re.compile(f"^{re.escape(call.title)}：利害関係の申告待ち"))
    reviewer.link(f"{npo.name}との利害関係を申告")
    declare_no_conflict(reviewer, npo)
    save_scores(reviewer, call, [5, 4, 4, 5, 4])
    reviewer.shot("02-scored")
    journey.hand_off("採点の保存", "staff")

    # Staff: decides, publishes the results, drafts the agreement and confirms it.
    journey.phase("選定結果")
    staff.home()
    staff.link(TITLE, exact=True)
    staff.link(call.title)
    staff.link("選定結果を決定")
    decide(staff, npo)
    publish_results(staff)
    journey.phase("協定")
    # Publishing the results lands on the public results page, which leads the office back.
    staff.link(f"事業「{TITLE}」のページへ戻る")
    assert stage_now(staff.page) == "分担合意"
    staff.tab("協定（分担の合意）")
    staff.link("協定案を作成")
    save_agreement_draft(staff)
    confirm_agreement(staff, "government")
    journey.hand_off("協定案の作成", "npo")

    # NPO: confirms the same version from its home page.
    npo_s.home()
    npo_s.link(re.compile("協定案（第1版）の確認"))
    confirm_agreement(npo_s, "npo")
    npo_s.shot("03-agreement-confirmed-by-npo")
    journey.hand_off("NPOによる協定の確認", "staff")

    # Staff: implementation and its record, then the evaluation and the office's sheet.
    journey.phase("実施")
    staff.home()
    staff.link(TITLE, exact=True)
    advance(staff, "実施")
    staff.tab("実施の記録")
    record_note(staff)
    journey.phase("評価")
    advance(staff, "評価")
    staff.link("最終評価シートを記入")
    submit_sheet(staff, "4", "costs", "NPOの人件費を積算に十分含められなかった")
    journey.hand_off("評価段階への移行", "npo")

    # NPO: its own sheet, then its comment on the office's.
    npo_s.home()
    npo_s.link(f"「{TITLE}」の最終評価を記入・提出してください")
    submit_sheet(npo_s, "3", "costs", "支払いが事業終了後で資金繰りが苦しかった")
    npo_s.link("評価の意見交換（相互評価）へ")
    comment_on_other(npo_s, npo, "人件費の見方の違いは次期の協定で解消したい。")
    npo_s.shot("04-exchange-npo")
    journey.hand_off("NPOの評価シートの提出", "staff")

    # Staff: its comment and the joint review meeting.
    staff.home()
    staff.link(f"「{TITLE}」で、相手の評価へのコメントを記入してください")
    comment_on_other(staff, office, "資金繰りの負担は前払いの検討で応えたい。")
    record_meeting(staff)
    request_third_party_comment(staff)
    journey.hand_off("第三者のコメントの依頼", "manager")

    # Manager: follows the request's notice to the exchange and gives the third-party comment.
    manager = Session(journey, "manager", new_page())
    manager.login(manager_user, password)
    manager.link(re.compile("^お知らせ"))
    open_notice(manager, f"第三者のコメントの依頼：{TITLE}")
    save_third_party_comment(manager)
    journey.hand_off("第三者のコメント", "staff")

    # Staff: closes the project and starts its continuation.
    journey.phase("完了・継続")
    staff.home()
    staff.link(TITLE, exact=True)
    advance(staff, "完了")
    staff.shot("05-closed")
    staff.button("継続事業を作成")
    staff.page.get_by_label("事業名").fill(CONTINUATION)
    staff.button("保存する")
    staff.shot("06-continuation")

    project.refresh_from_db()
    assert project.stage == Stage.CLOSED
    continuation = Project.objects.get(title=CONTINUATION)
    assert continuation.predecessor == project
    assert staff.page.get_by_role("link", name=TITLE, exact=True).is_visible()  # 前身の事業

    print("\n" + journey.report())
    for account, session in journey.sessions.items():
        assert session.loads == journey.actions[account], (account, session.loads)
    assert journey.total <= PAGE_ACTIONS_TODAY, journey.breakdown()

    # Every hand-off of the walk is listed, and where a notice is expected the recipient has it.
    assert journey.hand_offs == [(h.after, h.recipient) for h in HAND_OFF_NOTICES]
    for hand_off in HAND_OFF_NOTICES:
        if hand_off.title is None:
            continue
        recipient = journey.sessions[hand_off.recipient].page
        recipient.goto(recipient.base_url + "/notifications/")
        assert recipient.get_by_text(hand_off.title).first.is_visible(), hand_off
