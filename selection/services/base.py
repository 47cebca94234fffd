"""The messages of partner selection's services (reused by forms, views and tests) and the
checks every service shares."""

import datetime

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kyodo_portal.core.dates import display_datetime
from kyodo_portal.core.errors import StaleEdit

# The gates of the call table say these; services, views and tests still read them from here.
from selection.workflow import NO_COMMITTEE as NO_COMMITTEE
from selection.workflow import PROJECT_NOT_AT_SELECTION as PROJECT_NOT_AT_SELECTION

# --- messages (reused by forms, views and tests) ---------------------------------------------
STALE_EDIT = _("ほかの人が先に更新しました。最新の内容を確認してから、もう一度保存してください。")
NO_CRITERIA = _("選定基準を1つ以上設定してください。")
WEIGHTS_MISMATCH = _(
    "各基準の配点の合計（%(sum)s点）が、宣言した配点の合計（%(total)s点）と一致しません。"
)
DUPLICATE_CRITERION = _("同じ名前の評価項目が複数あります：%(name)s")
SCALE_INVALID = _("評点の上限は下限より大きくしてください。")
DEADLINE_IN_PAST = _("応募締切は、現在より後の日時にしてください。")
DEADLINES_OUT_OF_ORDER = _("審査期限は、応募締切より後の日時にしてください。")
ANNOUNCEMENT_TOO_EARLY = _("結果公表予定日は、審査期限の日以降にしてください。")
DEADLINE_SHORTENED = _(
    "公表後に応募締切を早めることはできません（応募を準備している団体が不利になります）。"
)
SHORT_PERIOD_REASON_REQUIRED = _(
    "応募期間（公表日から応募締切まで）が%(days)s日で、定めた%(minimum)s日より短くなっています。"
    "応募する団体が準備できるよう応募締切を延ばすか、期間が短くなる理由を"
    "「応募期間が短い理由」に記入してください。理由は公募とともに公表されます。"
)
SINGLE_APPLICANT_REASON_REQUIRED = _(
    "応募が1団体だけのため、ほかの応募と比べた選定ができません。この結果としてよいと判断した理由を"
    "「応募が1団体だけで選定した理由」に記入してください。理由は選定結果とともに公表されます。"
)
NOTICE_REQUIRED = _("訂正の内容と理由を、公表するお知らせとして記入してください。")
NOTHING_CORRECTED = _("訂正する内容がありません。")
LEGAL_STATUS_CRITERION = _(
    "法人格の有無・種類を選定基準にしています。手引は、法人格の有無だけで判断せず、"
    "活動内容や実績を重視するよう求めています。本当に必要な基準か確認してください。"
)
LEGAL_STATUS_MAJORITY = _(
    "法人格に関する基準が配点の過半（%(weight)s点／%(total)s点）を占めています。"
    "法人格の有無で選定結果が決まってしまうため、配点を見直してください。"
)
LEGAL_STATUS_NOT_ACKNOWLEDGED = _(
    "法人格に関する警告を確認し、「確認しました」にチェックを入れてから公表してください。"
)
NOT_A_REVIEWER = _("選定委員の役割を持つ利用者だけを委嘱できます。")
ALREADY_ON_COMMITTEE = _("この利用者はすでに委員です。")
MEMBER_HAS_SCORED = _("採点を始めた委員は外せません（採点の公平性を保つため）。")
ALREADY_APPLIED = _("この団体はすでにこの公募に応募しています。")
NOT_AN_NPO = _("応募できるのはNPOだけです。")
OVER_BUDGET_CAP = _("見積額が公募の上限額（%(cap)s円）を超えています。")
CONFLICT_REASON_REQUIRED = _("利害関係の内容を記入してください。")
SCORE_MISSING = _("「%(criterion)s」の評点を入力してください。")
SCORE_OUT_OF_SCALE = _("「%(criterion)s」の評点は%(min)s〜%(max)sの範囲で入力してください。")
BOTTOM_SCORE_NEEDS_REASON = _(
    "「%(criterion)s」に最低の評点（%(min)s）をつける場合は、理由をコメントに記入してください。"
)
DECISION_REASON_REQUIRED = _("選定理由を記入してください。")
NOT_TOP_REASON_REQUIRED = _(
    "最高得点ではない応募を選定する場合は、その理由を「最高得点以外を選定した理由」に記入してください。"
)
NOT_AN_APPLICANT = _("この公募に提出された応募ではありません。")
SCORING_INCOMPLETE = _("採点が終わっていません：%(pending)s")
APPLICATION_UNSCORED = _(
    "%(applicant)sを採点できる委員がいません（全員が利害関係を申告）。委員を追加してください。"
)
JUSTIFICATION_REQUIRED = _("特命とする理由（公表されます）を記入してください。")
PROPOSAL_REASON_REQUIRED = _("提案団体を協働相手とする理由（公表されます）を記入してください。")
NOT_PROSPECTIVE_PROPOSER = _("この団体は、協働提案による協働相手の候補ではありません。")


def format_local(value: datetime.datetime) -> str:
    return display_datetime(value)


def application_days(published_at: datetime.datetime, deadline: datetime.datetime) -> int:
    """Calendar days (Japan time) from a call's publication to its application deadline."""
    return (timezone.localtime(deadline).date() - timezone.localtime(published_at).date()).days


def _raise_if(errors: list[str]) -> None:
    if errors:
        raise ValidationError(errors)


def _check_version(obj, version: int | None) -> None:
    if version is not None and obj.version != version:
        raise StaleEdit(str(STALE_EDIT), code="stale")
