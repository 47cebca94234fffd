"""What the project services share: the messages they refuse with (reused by the views and tests),
the refusals they raise, and the stale-edit check.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from kyodo_portal.core.errors import StaleEdit as BaseStaleEdit

REASON_REQUIRED_TO_GO_BACK = _("前の段階に戻す理由を記入してください。")
STALE_PROJECT = _(
    "この事業は、あなたが編集を始めた後に別の人が更新しました。最新の内容を確認してから、もう一度保存してください。"
)
STALE_SUITABILITY = _(
    "適否検討は、あなたが編集を始めた後に別の人が更新しました。最新の内容を確認してから、もう一度保存してください。"
)
STALE_METHOD = _(
    "協働方法の選択は、あなたが編集を始めた後に別の人が更新しました。最新の内容を確認してから、もう一度保存してください。"
)
STALE_AGREEMENT = _(
    "協定案は、あなたが編集を始めた後に別の人が保存しました。上書きを防ぐため、この保存は受け付けませんでした。最新の協定案を開き直して、変更を反映してください。"
)
STALE_PROPOSAL = _(
    "この提案は、あなたが編集を始めた後に別の人が更新しました。最新の内容を確認してから、もう一度保存してください。"
)
CONFIRM_NOT_CURRENT = _(
    "確認しようとした版（第%(number)s版）は最新ではありません。最新の版を読んでから確認してください。"
)
ALREADY_CONFIRMED = _("この版はすでに確認済みです。")
AGREEMENT_COMMENT_REQUIRED = _("コメントを入力してください。")
AGREEMENT_TEXT_TOO_LONG = _("%(max)s文字以内で入力してください（現在 %(length)s 文字）。")
CHANGE_REASON_REQUIRED = _(
    "修正を依頼する理由を入力してください。どこをどう変えてほしいのかが分かるように書いてください。"
)
ARTICLE_UNKNOWN = _("対象の条項を選んでください。")
VERSION_NOT_CURRENT = _(
    "第%(number)s版は最新の版ではありません。最新の版を読んでから、改めて書き込んでください。"
)
INVALID_PAYMENT_METHOD = _("支払方法は一覧から選んでください。")
NOT_YOUR_OFFICE = _("担当課には、あなたが所属する課を選んでください。")
NOT_YOUR_NPO = _("提案団体には、あなたが所属する団体を選んでください。")
NOT_AN_OFFICE = _("提案先には行政の担当課を選んでください。")
FISCAL_YEARS_REVERSED = _("終了年度は開始年度以降にしてください。")
DATES_REVERSED = _("事業終了日は事業開始日以降にしてください。")
OUTCOME_NEEDS_ANSWERS = _("すべての設問に回答してから、結論を選んでください。")
JUSTIFICATION_REQUIRED = _(
    "推奨される結論（%(recommended)s）と異なる結論を選ぶ場合は、その理由を記入してください。"
)
INVALID_ANSWER = _("回答は「はい」「いいえ」「わからない」から選んでください。")
INVALID_METHOD = _("協働方法を6つの中から選んでください。")
RATIONALE_REQUIRED = _("この協働方法を選ぶ理由を記入してください。")
PRINCIPLE_REQUIRED = _("「%(principle)s」をどう確保するかを記入してください。")
NEGATIVE_AMOUNT = _("金額は0円以上の整数で入力してください。")
COSTS_OVER_BUDGET = _(
    "費用の合計（%(total)s円）が事業の予算額（%(budget)s円）を超えています。費用分担を見直すか、先に予算額を修正してください。"
)
DECLINE_REASON_REQUIRED = _("不採択の理由を記入してください。提案団体に伝わります。")
COMMENT_REQUIRED = _("コメントを入力してください。")
ROLE_LINE_INCOMPLETE = _("役割分担の各行には、作業・役割と担当を記入してください。")
COST_LINE_INCOMPLETE = _("費用分担の各行には、費目・金額・負担を記入してください。")
RESPONSIBILITY_LINE_INCOMPLETE = _(
    "責任分担の各行には、事項・責任を負う側・内容を記入してください。"
)
# The portal's own records in a project's history: message ids, worded when read
# (ProjectEvent.note).
ADOPTED_NOTE = gettext_noop(
    "協働提案「%(title)s」（%(organization)s）を採択し、適否検討から始めます。"
)


def event_note(message: str, **values) -> dict:
    """A ProjectEvent.note: ``message`` is a gettext_noop id, ``values`` fill its placeholders."""
    return {"message": message, "values": {key: str(value) for key, value in values.items()}}


class GateClosed(Exception):
    """A stage change refused by the workflow; ``reasons`` says what is missing."""

    def __init__(self, reasons: list[str]):
        super().__init__("; ".join(reasons))
        self.reasons = reasons


class StaleEdit(BaseStaleEdit):
    """A save based on an older version of the record than the one now stored."""


def _check_version(current: int, submitted: int | None, message) -> None:
    if submitted is not None and int(submitted) != current:
        raise StaleEdit(str(message), code="stale")
