"""The lifecycles of partner selection: an open call's status and an application's status.

Each is a table in the one workflow engine (``kyodo_portal.core.workflow``): the moves the
services make, the gates on them, and which actions may run in which status. Permissions ask
``allowed(obj, action)`` for the "when"; they decide the "who" themselves. Only ``transition``
(called from ``selection.services``) and ``bulk_seed`` (development data) write the fields.

A call: 準備中 draft → 公募中 open → 審査中 scoring → 選定済み decided → 結果公表済み published
(a correction is a new revision of an open call, not a change of status).
An application: 下書き draft → 提出済み submitted → 取り下げ withdrawn; a draft may be withdrawn
too, and a withdrawn one goes back to draft while the call is open.
"""

from django.utils.translation import gettext_lazy as _

from kyodo_portal.core.workflow import Move, StateAction, Workflow
from projects.choices import Stage
from selection.models import Application, Call

# --- messages (re-exported by selection.permissions and selection.services) --------------------
CALL_LOCKED = _(
    "公表済みの公募の選定基準・方法は変更できません。"
    "訂正する場合は「訂正版を公表」から、お知らせを添えて公表してください。"
)
CALL_NOT_DRAFT = _("準備中の公募ではありません。")
CORRECTION_CLOSED = _("訂正版を公表できるのは、公募中（審査開始前）の公募だけです。")
CALL_NOT_OPEN = _("この公募は現在、応募を受け付けていません。")
NOT_SCORING = _("この公募は審査中ではありません。")
NOT_DECIDED = _("選定結果が決定していません。")
COMMITTEE_CLOSED = _("選定結果の決定後は、選定委員を変更できません。")
APPLICATION_NOT_DRAFT = _("提出済み・取り下げ済みの応募は編集できません。")
APPLICATION_NOT_ACTIVE = _("取り下げ済みの応募です。")
APPLICATION_NOT_WITHDRAWN = _("取り下げた応募ではありません。")
APPLICATION_NOT_SUBMITTED = _("提出された応募ではありません。")
NO_COMMITTEE = _("選定委員を1人以上委嘱してから審査を始めてください。")
PROJECT_NOT_AT_SELECTION = _("事業が「相手選定」の段階にないため、協働相手を決定できません。")


# --- gates: None when open, else the reason it is closed -----------------------------------------
def project_at_selection(call: Call) -> str | None:
    """A call is published and decided only while its project is choosing a partner."""
    if call.project.stage != Stage.PARTNER_SELECTION:
        return str(PROJECT_NOT_AT_SELECTION)
    return None


def committee_appointed(call: Call) -> str | None:
    if not call.committee.exists():
        return str(NO_COMMITTEE)
    return None


CallStatus = Call.Status

CALL_WORKFLOW = Workflow(
    name="call",
    field="status",
    moves=[
        Move(CallStatus.DRAFT, CallStatus.OPEN, (project_at_selection,)),
        Move(CallStatus.OPEN, CallStatus.SCORING, (committee_appointed,)),
        Move(CallStatus.SCORING, CallStatus.DECIDED, (project_at_selection,)),
        Move(CallStatus.DECIDED, CallStatus.PUBLISHED),
    ],
    actions={
        # The office's work on the call itself.
        "edit": StateAction(frozenset({CallStatus.DRAFT}), CALL_LOCKED),
        "publish": StateAction(frozenset({CallStatus.DRAFT}), CALL_NOT_DRAFT),
        "correct": StateAction(frozenset({CallStatus.OPEN}), CORRECTION_CLOSED),
        "start_scoring": StateAction(frozenset({CallStatus.OPEN}), CALL_NOT_OPEN),
        "change_committee": StateAction(
            frozenset({CallStatus.DRAFT, CallStatus.OPEN, CallStatus.SCORING}), COMMITTEE_CLOSED
        ),
        "view_ranking": StateAction(
            frozenset({CallStatus.SCORING, CallStatus.DECIDED, CallStatus.PUBLISHED}), NOT_SCORING
        ),
        "decide": StateAction(frozenset({CallStatus.SCORING}), NOT_SCORING),
        "publish_results": StateAction(frozenset({CallStatus.DECIDED}), NOT_DECIDED),
        # NPOs apply, and change their applications, only while the call is open.
        "apply": StateAction(frozenset({CallStatus.OPEN}), CALL_NOT_OPEN),
        # The committee declares conflicts and scores only while scoring, and reads the
        # applications (its declarations, its sheets) from then on, never while NPOs still apply.
        "score": StateAction(frozenset({CallStatus.SCORING}), NOT_SCORING),
        "committee_read": StateAction(frozenset(CallStatus) - {CallStatus.OPEN}, NOT_SCORING),
    },
)


ApplicationStatus = Application.Status

APPLICATION_WORKFLOW = Workflow(
    name="application",
    field="status",
    moves=[
        Move(ApplicationStatus.DRAFT, ApplicationStatus.SUBMITTED),
        Move(ApplicationStatus.DRAFT, ApplicationStatus.WITHDRAWN),
        Move(ApplicationStatus.SUBMITTED, ApplicationStatus.WITHDRAWN),
        Move(ApplicationStatus.WITHDRAWN, ApplicationStatus.DRAFT),
    ],
    actions={
        # Editing, attaching files and submitting.
        "edit": StateAction(frozenset({ApplicationStatus.DRAFT}), APPLICATION_NOT_DRAFT),
        "withdraw": StateAction(
            frozenset({ApplicationStatus.DRAFT, ApplicationStatus.SUBMITTED}),
            APPLICATION_NOT_ACTIVE,
        ),
        "reopen": StateAction(frozenset({ApplicationStatus.WITHDRAWN}), APPLICATION_NOT_WITHDRAWN),
        # The committee declares and scores, and the applicant later reads its scores, only on
        # what was submitted.
        "review": StateAction(frozenset({ApplicationStatus.SUBMITTED}), APPLICATION_NOT_SUBMITTED),
    },
)
