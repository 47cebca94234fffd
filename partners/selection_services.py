"""Every state change of partner selection: calls, applications, committee, scores, decisions.

Services are keyword-only and atomic; they check access with ``partners.permissions`` (raising
``PermissionDenied`` with the reason) and refuse bad content with ``ValidationError`` carrying the
messages below, which views show and tests reuse.
"""

import datetime
from dataclasses import dataclass
from zipfile import BadZipFile, ZipFile

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from kyodo_portal.audit import audited
from kyodo_portal.roles import Role
from partners.models import Organization, User
from partners.permissions import (
    can_apply_to_call,
    can_change_committee,
    can_correct_call,
    can_create_call,
    can_decide_call,
    can_declare_conflict,
    can_designate_partner,
    can_edit_application,
    can_edit_call,
    can_publish_call,
    can_publish_results,
    can_reopen_application,
    can_score_application,
    can_start_scoring,
    can_submit_application,
    can_withdraw_application,
)
from partners.selectors import has_role, organization_ids_of
from partners.services import PermissionDenied, check
from selection.models import (
    Application,
    ApplicationAttachment,
    Call,
    CallRevision,
    CommitteeMember,
    ConflictDeclaration,
    Criterion,
    Designation,
    Score,
)

__all__ = ["PermissionDenied"]

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
NO_COMMITTEE = _("選定委員を1人以上委嘱してから審査を始めてください。")
NOT_A_REVIEWER = _("選定委員の役割を持つ利用者だけを委嘱できます。")
ALREADY_ON_COMMITTEE = _("この利用者はすでに委員です。")
MEMBER_HAS_SCORED = _("採点を始めた委員は外せません（採点の公平性を保つため）。")
ALREADY_APPLIED = _("この団体はすでにこの公募に応募しています。")
NOT_AN_NPO = _("応募できるのはNPOだけです。")
OVER_BUDGET_CAP = _("見積額が公募の上限額（%(cap)s円）を超えています。")
FILE_TOO_LARGE = _("ファイルが大きすぎます（上限 %(limit)s MB）。")
FILE_TYPE_REFUSED = _(
    "受け付けられないファイルの種類です。PDF、Word（docx）、Excel（xlsx）、PNG、JPEGのいずれかにしてください。"
)
FILE_CONTENT_MISMATCH = _(
    "ファイルの内容が拡張子（%(ext)s）と一致しません。正しいファイルか確認してください。"
)
TOO_MANY_FILES = _("添付できるファイルは%(limit)s件までです。")
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
PROJECT_NOT_AT_SELECTION = _("事業が「相手選定」の段階にないため、協働相手を決定できません。")
JUSTIFICATION_REQUIRED = _("特命とする理由（公表されます）を記入してください。")
PROPOSAL_REASON_REQUIRED = _("提案団体を協働相手とする理由（公表されます）を記入してください。")
NOT_PROSPECTIVE_PROPOSER = _("この団体は、協働提案による協働相手の候補ではありません。")

# --- attachments -----------------------------------------------------------------------------
MAX_ATTACHMENT_BYTES = 5 * 1024 * 1024
MAX_ATTACHMENTS = 5
# Extension → (content type, check of the first bytes). The content decides, not the name.
_ZIP = b"PK\x03\x04"


def _is_ooxml(head: bytes, upload, part: str) -> bool:
    if not head.startswith(_ZIP):
        return False
    try:
        upload.seek(0)
        with ZipFile(upload) as archive:
            names = set(archive.namelist())
    except (BadZipFile, OSError, ValueError):
        return False
    finally:
        upload.seek(0)
    return "[Content_Types].xml" in names and any(name.startswith(part) for name in names)


ALLOWED_TYPES = {
    ".pdf": ("application/pdf", lambda head, f: head.startswith(b"%PDF-")),
    ".png": ("image/png", lambda head, f: head.startswith(b"\x89PNG\r\n\x1a\n")),
    ".jpg": ("image/jpeg", lambda head, f: head.startswith(b"\xff\xd8\xff")),
    ".jpeg": ("image/jpeg", lambda head, f: head.startswith(b"\xff\xd8\xff")),
    ".docx": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        lambda head, f: _is_ooxml(head, f, "word/"),
    ),
    ".xlsx": (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        lambda head, f: _is_ooxml(head, f, "xl/"),
    ),
}


def format_local(value: datetime.datetime) -> str:
    return formats.date_format(timezone.localtime(value), "DATETIME_FORMAT")


# --- call content ----------------------------------------------------------------------------
CALL_FIELDS = (
    "title",
    "purpose",
    "eligibility",
    "budget_cap",
    "application_deadline",
    "scoring_deadline",
    "announcement_date",
    "method",
    "method_notes",
    "total_points",
    "scale_min",
    "scale_max",
)
CRITERION_FIELDS = ("name", "description", "weight", "concerns_legal_status")

LEGAL_STATUS_WORDS = ("法人格", "法人であること", "NPO法人", "認定NPO", "法人化")


def criterion_concerns_legal_status(criterion: dict) -> bool:
    """Flagged by the author, or recognisable from its wording."""
    if criterion.get("concerns_legal_status"):
        return True
    text = f"{criterion.get('name', '')} {criterion.get('description', '')}"
    return any(word in text for word in LEGAL_STATUS_WORDS)


def legal_status_warnings(criteria: list[dict], total_points: int) -> list[str]:
    """Warnings (not errors): the handbook says never judge by legal status alone."""
    flagged = [c for c in criteria if criterion_concerns_legal_status(c)]
    if not flagged:
        return []
    warnings = [str(LEGAL_STATUS_CRITERION)]
    weight = sum(int(c.get("weight") or 0) for c in flagged)
    if total_points and weight * 2 > total_points:
        warnings.append(str(LEGAL_STATUS_MAJORITY) % {"weight": weight, "total": total_points})
    return warnings


def call_content_errors(values: dict, criteria: list[dict]) -> list[str]:
    """Errors in a call's criteria and scale that make it unpublishable."""
    errors = []
    if not criteria:
        errors.append(str(NO_CRITERIA))
    total = sum(int(c.get("weight") or 0) for c in criteria)
    declared = values.get("total_points")
    if criteria and declared is not None and total != declared:
        errors.append(str(WEIGHTS_MISMATCH) % {"sum": total, "total": declared})
    seen = set()
    for criterion in criteria:
        name = criterion.get("name", "").strip()
        if name in seen:
            errors.append(str(DUPLICATE_CRITERION) % {"name": name})
        seen.add(name)
    if (
        values.get("scale_min") is not None
        and values.get("scale_max") is not None
        and values["scale_max"] <= values["scale_min"]
    ):
        errors.append(str(SCALE_INVALID))
    return errors


def call_timeline_errors(values: dict, now: datetime.datetime | None = None) -> list[str]:
    errors = []
    deadline = values.get("application_deadline")
    scoring = values.get("scoring_deadline")
    announcement = values.get("announcement_date")
    if deadline and deadline <= (now or timezone.now()):
        errors.append(str(DEADLINE_IN_PAST))
    if deadline and scoring and scoring <= deadline:
        errors.append(str(DEADLINES_OUT_OF_ORDER))
    if scoring and announcement and announcement < timezone.localtime(scoring).date():
        errors.append(str(ANNOUNCEMENT_TOO_EARLY))
    return errors


def _raise_if(errors: list[str]) -> None:
    if errors:
        raise ValidationError(errors)


def _check_version(obj, version: int | None) -> None:
    if version is not None and obj.version != version:
        raise ValidationError(str(STALE_EDIT))


def _write_criteria(call: Call, criteria: list[dict]) -> None:
    call.criteria.all().delete()
    Criterion.objects.bulk_create(
        Criterion(
            call=call,
            position=index,
            name=c["name"].strip(),
            description=c.get("description", "").strip(),
            weight=int(c["weight"]),
            concerns_legal_status=criterion_concerns_legal_status(c),
        )
        for index, c in enumerate(criteria, start=1)
    )


def _criteria_dicts(call: Call) -> list[dict]:
    return [
        {name: getattr(criterion, name) for name in CRITERION_FIELDS}
        for criterion in call.criteria.all()
    ]


def call_snapshot(call: Call) -> dict:
    """The published content of a call, as JSON (kept with each revision)."""
    data = {}
    for name in CALL_FIELDS:
        value = getattr(call, name)
        data[name] = value.isoformat() if hasattr(value, "isoformat") else value
    data["criteria"] = _criteria_dicts(call)
    return data


def _display(call_field: str, value) -> str:
    if value in (None, ""):
        return "—"
    if call_field in ("application_deadline", "scoring_deadline"):
        return format_local(datetime.datetime.fromisoformat(value))
    if call_field == "announcement_date":
        return formats.date_format(datetime.date.fromisoformat(value), "DATE_FORMAT")
    if call_field == "method":
        return str(Call.Method(value).label)
    if call_field == "budget_cap":
        return f"{int(value):,}円"
    return str(value)


def _criterion_text(c: dict) -> str:
    return f"{c['name']}（{c['weight']}点）" + (f"：{c['description']}" if c["description"] else "")


def change_log(before: dict, after: dict) -> list[dict]:
    """What a correction changed, in words a reader of the public notice understands."""
    changes = []
    for name in CALL_FIELDS:
        if before.get(name) != after.get(name):
            changes.append(
                {
                    "label": str(Call._meta.get_field(name).verbose_name),
                    "before": _display(name, before.get(name)),
                    "after": _display(name, after.get(name)),
                }
            )
    old, new = before.get("criteria", []), after.get("criteria", [])
    for index in range(max(len(old), len(new))):
        a = old[index] if index < len(old) else None
        b = new[index] if index < len(new) else None
        if a != b:
            changes.append(
                {
                    "label": gettext("評価項目%(number)s") % {"number": index + 1},
                    "before": _criterion_text(a) if a else "—",
                    "after": _criterion_text(b) if b else "—",
                }
            )
    return changes


# --- calls -----------------------------------------------------------------------------------
@transaction.atomic
@audited("selection.call_create")
def call_create(*, project, by: User, values: dict, criteria: list[dict]) -> Call:
    """Draft an open call for a project at the partner-selection stage."""
    check(can_create_call(by, project))
    _raise_if(call_content_errors(values, criteria))
    call = Call(
        project=project, created_by=by, **{k: values[k] for k in CALL_FIELDS if k in values}
    )
    call.full_clean(exclude=["project", "created_by"])
    call.save()
    _write_criteria(call, criteria)
    return call


@transaction.atomic
@audited("selection.call_update")
def call_update(*, call: Call, by: User, values: dict, criteria: list[dict], version: int) -> Call:
    """Change a draft call. Once published, only ``call_correct`` may change it."""
    call = Call.objects.select_for_update().select_related("project").get(pk=call.pk)
    check(can_edit_call(by, call))
    _check_version(call, version)
    _raise_if(call_content_errors(values, criteria))
    for name in CALL_FIELDS:
        if name in values:
            setattr(call, name, values[name])
    call.full_clean(exclude=["project", "created_by"])
    call.version += 1
    call.save()
    _write_criteria(call, criteria)
    return call


@transaction.atomic
@audited("selection.call_publish")
def call_publish(
    *, call: Call, by: User, acknowledge_legal_status: bool = False, now=None
) -> CallRevision:
    """Publish a draft call: criteria and method are locked from here on (revision 1)."""
    call = Call.objects.select_for_update().select_related("project").get(pk=call.pk)
    check(can_publish_call(by, call))
    if call.project.stage != "partner_selection":
        raise ValidationError(str(PROJECT_NOT_AT_SELECTION))
    values = {name: getattr(call, name) for name in CALL_FIELDS}
    criteria = _criteria_dicts(call)
    _raise_if(call_content_errors(values, criteria) + call_timeline_errors(values, now))
    if legal_status_warnings(criteria, call.total_points) and not acknowledge_legal_status:
        raise ValidationError(str(LEGAL_STATUS_NOT_ACKNOWLEDGED))
    # The published page marks every legal-status criterion, whether flagged or found by words.
    for criterion in call.criteria.all():
        flagged = criterion_concerns_legal_status(criterion.__dict__)
        if flagged != criterion.concerns_legal_status:
            criterion.concerns_legal_status = flagged
            criterion.save(update_fields=["concerns_legal_status"])
    published_at = now or timezone.now()
    call.status = Call.Status.OPEN
    call.revision = 1
    call.published_at = published_at
    call.version += 1
    call.save()
    return CallRevision.objects.create(
        call=call,
        number=1,
        snapshot=call_snapshot(call),
        published_by=by,
        published_at=published_at,
    )


@transaction.atomic
@audited("selection.call_correct")
def call_correct(
    *,
    call: Call,
    by: User,
    values: dict,
    criteria: list[dict],
    notice: str,
    version: int,
    acknowledge_legal_status: bool = False,
    now=None,
) -> CallRevision:
    """Publish a corrected version of an open call, with a public notice and the change log."""
    call = Call.objects.select_for_update().select_related("project").get(pk=call.pk)
    check(can_correct_call(by, call))
    _check_version(call, version)
    if not notice.strip():
        raise ValidationError(str(NOTICE_REQUIRED))
    errors = call_content_errors(values, criteria)
    new_deadline = values.get("application_deadline")
    if new_deadline and new_deadline < call.application_deadline:
        errors.append(str(DEADLINE_SHORTENED))
    _raise_if(errors + call_timeline_errors(values, now))
    if legal_status_warnings(criteria, values["total_points"]) and not acknowledge_legal_status:
        raise ValidationError(str(LEGAL_STATUS_NOT_ACKNOWLEDGED))
    before = call_snapshot(call)
    for name in CALL_FIELDS:
        if name in values:
            setattr(call, name, values[name])
    call.full_clean(exclude=["project", "created_by", "chosen_application"])
    _write_criteria(call, criteria)
    after = call_snapshot(call)
    changes = change_log(before, after)
    if not changes:
        raise ValidationError(str(NOTHING_CORRECTED))
    call.revision += 1
    call.version += 1
    call.save()
    return CallRevision.objects.create(
        call=call,
        number=call.revision,
        notice=notice.strip(),
        changes=changes,
        snapshot=after,
        published_by=by,
        published_at=now or timezone.now(),
    )


@transaction.atomic
@audited("selection.call_start_scoring")
def call_start_scoring(*, call: Call, by: User, now=None) -> Call:
    """Close applications (after the deadline) and open the committee's review."""
    call = Call.objects.select_for_update().select_related("project").get(pk=call.pk)
    check(can_start_scoring(by, call, now))
    if not call.committee.exists():
        raise ValidationError(str(NO_COMMITTEE))
    # Drafts never submitted stay with their authors; nothing else changes on them.
    call.status = Call.Status.SCORING
    call.version += 1
    call.save(update_fields=["status", "version", "updated_at"])
    return call


@transaction.atomic
@audited("selection.committee_appoint")
def committee_appoint(
    *, call: Call, by: User, user: User, category: str, is_chair: bool = False
) -> CommitteeMember:
    check(can_change_committee(by, call))
    if not has_role(user, Role.REVIEWER):
        raise ValidationError(str(NOT_A_REVIEWER))
    if call.committee.filter(user=user).exists():
        raise ValidationError(str(ALREADY_ON_COMMITTEE))
    if is_chair:
        call.committee.update(is_chair=False)
    member = CommitteeMember.objects.create(
        call=call, user=user, category=category, is_chair=is_chair
    )
    call.__dict__.pop("_committee_user_ids", None)
    return member


@transaction.atomic
@audited("selection.committee_remove")
def committee_remove(*, member: CommitteeMember, by: User) -> None:
    check(can_change_committee(by, member.call))
    if Score.objects.filter(application__call=member.call, reviewer=member.user).exists():
        raise ValidationError(str(MEMBER_HAS_SCORED))
    ConflictDeclaration.objects.filter(application__call=member.call, reviewer=member.user).delete()
    member.delete()


@transaction.atomic
@audited("selection.committee_set_consent")
def committee_set_consent(*, member: CommitteeMember, by: User, publish_name: bool):
    """Only the member decides whether their name is published."""
    if member.user_id != by.pk:
        raise PermissionDenied(str(NOT_A_REVIEWER))
    member.publish_name = publish_name
    member.save(update_fields=["publish_name"])
    return member


# --- applications ----------------------------------------------------------------------------
APPLICATION_FIELDS = ("title", "plan", "structure", "synergy", "track_record", "requested_amount")


def _application_errors(call: Call, values: dict) -> list[str]:
    amount = values.get("requested_amount")
    if amount is not None and amount > call.budget_cap:
        return [str(OVER_BUDGET_CAP) % {"cap": f"{call.budget_cap:,}"}]
    return []


@transaction.atomic
@audited("selection.application_create")
def application_create(
    *, call: Call, organization: Organization, by: User, values: dict, now=None
) -> Application:
    """Start an application as a draft for one of the person's NPOs."""
    check(can_apply_to_call(by, call, now))
    if not organization.is_npo:
        raise ValidationError(str(NOT_AN_NPO))
    if organization.pk not in organization_ids_of(by, Role.NPO):
        raise PermissionDenied(gettext("この団体の会員ではありません。"))
    if Application.objects.filter(call=call, organization=organization).exists():
        raise ValidationError(str(ALREADY_APPLIED))
    _raise_if(_application_errors(call, values))
    application = Application(
        call=call,
        organization=organization,
        created_by=by,
        **{k: values[k] for k in APPLICATION_FIELDS if k in values},
    )
    application.full_clean(exclude=["call", "organization", "created_by"])
    application.save()
    return application


def _lock_application(application: Application) -> Application:
    return (
        Application.objects.select_for_update(of=("self",))
        .select_related("call", "call__project", "organization")
        .get(pk=application.pk)
    )


@transaction.atomic
@audited("selection.application_update")
def application_update(
    *, application: Application, by: User, values: dict, version: int, now=None
) -> Application:
    application = _lock_application(application)
    check(can_edit_application(by, application, now))
    _check_version(application, version)
    _raise_if(_application_errors(application.call, values))
    for name in APPLICATION_FIELDS:
        if name in values:
            setattr(application, name, values[name])
    application.full_clean(exclude=["call", "organization", "created_by"])
    application.version += 1
    application.save()
    return application


@transaction.atomic
@audited("selection.application_submit")
def application_submit(*, application: Application, by: User, now=None) -> Application:
    """Submit before the deadline (Asia/Tokyo); a second late is too late."""
    application = _lock_application(application)
    now = now or timezone.now()
    check(can_submit_application(by, application, now))
    application.status = Application.Status.SUBMITTED
    application.submitted_at = now
    application.submitted_by = by
    application.version += 1
    application.save()
    return application


@transaction.atomic
@audited("selection.application_withdraw")
def application_withdraw(*, application: Application, by: User, now=None) -> Application:
    application = _lock_application(application)
    check(can_withdraw_application(by, application, now))
    application.status = Application.Status.WITHDRAWN
    application.version += 1
    application.save()
    return application


@transaction.atomic
@audited("selection.application_reopen")
def application_reopen(*, application: Application, by: User, now=None) -> Application:
    """A withdrawn application goes back to draft (while the call is still open)."""
    application = _lock_application(application)
    check(can_reopen_application(by, application, now))
    application.status = Application.Status.DRAFT
    application.submitted_at = None
    application.submitted_by = None
    application.version += 1
    application.save()
    return application


def inspect_upload(upload) -> tuple[str, str]:
    """(safe original name, content type) of an upload, or ValidationError. The first bytes
    must match the extension: a renamed executable is refused even when called .pdf."""
    from pathlib import PurePath

    name = PurePath(upload.name.replace("\\", "/")).name
    name = "".join(ch for ch in name if ch.isprintable() and ch not in '<>:"/\\|?*')[-150:]
    if upload.size > MAX_ATTACHMENT_BYTES:
        raise ValidationError(
            str(FILE_TOO_LARGE) % {"limit": MAX_ATTACHMENT_BYTES // (1024 * 1024)}
        )
    extension = PurePath(name).suffix.lower()
    if extension not in ALLOWED_TYPES:
        raise ValidationError(str(FILE_TYPE_REFUSED))
    content_type, matches = ALLOWED_TYPES[extension]
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    if not matches(head, upload):
        raise ValidationError(str(FILE_CONTENT_MISMATCH) % {"ext": extension})
    return name or f"attachment{extension}", content_type


@transaction.atomic
@audited("selection.attachment_add")
def attachment_add(*, application: Application, by: User, upload, now=None):
    application = _lock_application(application)
    check(can_edit_application(by, application, now))
    if application.attachments.count() >= MAX_ATTACHMENTS:
        raise ValidationError(str(TOO_MANY_FILES) % {"limit": MAX_ATTACHMENTS})
    name, content_type = inspect_upload(upload)
    attachment = ApplicationAttachment(
        application=application,
        original_name=name,
        content_type=content_type,
        size=upload.size,
        uploaded_by=by,
    )
    attachment.file.save(name, upload, save=False)
    try:
        attachment.save()
    except Exception:
        # The file reached the disk before the row: do not leave an orphan behind.
        attachment.file.storage.delete(attachment.file.name)
        raise
    return attachment


@transaction.atomic
@audited("selection.attachment_delete")
def attachment_delete(*, attachment: ApplicationAttachment, by: User, now=None) -> None:
    check(can_edit_application(by, attachment.application, now))
    storage, path = attachment.file.storage, attachment.file.name
    attachment.delete()
    transaction.on_commit(lambda: storage.delete(path))


# --- committee: conflicts and scores ---------------------------------------------------------
@transaction.atomic
@audited("selection.conflict_declare")
def conflict_declare(
    *, application: Application, by: User, has_conflict: bool, reason: str = ""
) -> ConflictDeclaration:
    """Declare, before seeing the application, whether the reviewer has a conflict with it.

    A declared conflict removes any scores the reviewer gave it and cannot be taken back.
    """
    check(can_declare_conflict(by, application))
    if has_conflict and not reason.strip():
        raise ValidationError(str(CONFLICT_REASON_REQUIRED))
    declaration, _created = ConflictDeclaration.objects.update_or_create(
        application=application,
        reviewer=by,
        defaults={"has_conflict": has_conflict, "reason": reason.strip() if has_conflict else ""},
    )
    if has_conflict:
        Score.objects.filter(application=application, reviewer=by).delete()
    application.__dict__.pop("_declarations", None)
    return declaration


@dataclass
class ScoreInput:
    value: int | None
    comment: str = ""


def score_errors(call: Call, criteria: list[Criterion], scores: dict[int, ScoreInput]):
    """{criterion_id: message} for scores missing, off the declared scale, or at the bottom of
    the scale without a reason."""
    errors = {}
    for criterion in criteria:
        entry = scores.get(criterion.pk)
        values = {"criterion": criterion.name, "min": call.scale_min, "max": call.scale_max}
        if entry is None or entry.value is None:
            errors[criterion.pk] = str(SCORE_MISSING) % values
        elif not call.scale_min <= entry.value <= call.scale_max:
            errors[criterion.pk] = str(SCORE_OUT_OF_SCALE) % values
        elif entry.value == call.scale_min and not entry.comment.strip():
            errors[criterion.pk] = str(BOTTOM_SCORE_NEEDS_REASON) % values
    return errors


@transaction.atomic
@audited("selection.scores_save")
def scores_save(
    *, application: Application, by: User, scores: dict[int, ScoreInput]
) -> list[Score]:
    """Save a reviewer's complete sheet for one application (every criterion at once)."""
    check(can_score_application(by, application))
    call = application.call
    criteria = list(call.criteria.all())
    errors = score_errors(call, criteria, scores)
    if errors:
        raise ValidationError(list(errors.values()))
    saved = []
    for criterion in criteria:
        entry = scores[criterion.pk]
        score, _created = Score.objects.update_or_create(
            application=application,
            reviewer=by,
            criterion=criterion,
            defaults={"value": entry.value, "comment": entry.comment.strip()},
        )
        saved.append(score)
    return saved


# --- decision and publication ----------------------------------------------------------------
def scoring_gaps(ranking) -> list[str]:
    """What still stops a decision: sheets not yet done, applications nobody may score."""
    from selection.scoring import Ranking  # noqa: F401 (documentation of the type)

    gaps = []
    pending = [
        gettext("%(reviewer)s（%(count)s件）") % {"reviewer": name, "count": count}
        for name, count in ranking.pending_by_reviewer()
    ]
    if pending:
        gaps.append(str(SCORING_INCOMPLETE) % {"pending": "、".join(pending)})
    for row in ranking.rows:
        if row.eligible_reviewers == 0:
            gaps.append(str(APPLICATION_UNSCORED) % {"applicant": row.application.organization})
    return gaps


@transaction.atomic
@audited("selection.call_decide")
def call_decide(
    *,
    call: Call,
    by: User,
    application: Application | None,
    reason: str,
    not_top_reason: str = "",
    committee_summary: str = "",
    now=None,
) -> Call:
    """Record the decision and its reasons, make the chosen NPO the project's partner and move
    the project on to the agreement stage. ``application=None`` records that nobody was chosen
    (該当なし); the project stays at partner selection for another call or a designation."""
    from projects.choices import Stage
    from projects.services import project_advance, project_set_partner
    from selection.scoring import compute_ranking

    call = Call.objects.select_for_update().select_related("project").get(pk=call.pk)
    check(can_decide_call(by, call))
    if call.project.stage != Stage.PARTNER_SELECTION:
        raise ValidationError(str(PROJECT_NOT_AT_SELECTION))
    ranking = compute_ranking(call)
    errors = scoring_gaps(ranking)
    if not reason.strip():
        errors.append(str(DECISION_REASON_REQUIRED))
    if application is not None:
        row = ranking.row_for(application.pk)
        if row is None:
            errors.append(str(NOT_AN_APPLICANT))
        elif row.rank != 1 and not not_top_reason.strip():
            errors.append(str(NOT_TOP_REASON_REQUIRED))
    _raise_if(errors)
    call.chosen_application = application
    call.decision_reason = reason.strip()
    call.not_top_reason = not_top_reason.strip()
    call.committee_summary = committee_summary.strip()
    call.decided_by = by
    call.decided_at = now or timezone.now()
    call.status = Call.Status.DECIDED
    call.version += 1
    call.save()
    if application is not None:
        comment = gettext("公募「%(call)s」の選定結果：%(reason)s") % {
            "call": call.title,
            "reason": call.decision_reason,
        }
        project_set_partner(
            project=call.project,
            organization=application.organization,
            by=by,
            via="open_call",
            comment=comment,
        )
        project_advance(project=call.project, to=Stage.AGREEMENT, by=by, comment=comment)
    return call


@transaction.atomic
@audited("selection.call_publish_results")
def call_publish_results(*, call: Call, by: User, now=None) -> Call:
    """Publish the ranked results and reasons on the call's public page."""
    call = Call.objects.select_for_update().select_related("project").get(pk=call.pk)
    check(can_publish_results(by, call))
    call.status = Call.Status.PUBLISHED
    call.results_published_at = now or timezone.now()
    call.version += 1
    call.save()
    return call


@transaction.atomic
@audited("selection.designation_create")
def designation_create(
    *, project, by: User, organization: Organization, route: str, justification: str
) -> Designation:
    """Choose the partner without an open call, with the published justification: a designated
    partner (特命) or the NPO whose proposal became the project."""
    from projects.choices import Stage
    from projects.models import ProjectPartner
    from projects.services import project_advance, project_set_partner

    check(can_designate_partner(by, project))
    if not organization.is_npo:
        raise ValidationError(str(NOT_AN_NPO))
    if not justification.strip():
        raise ValidationError(
            str(JUSTIFICATION_REQUIRED)
            if route == Designation.Route.DESIGNATED
            else str(PROPOSAL_REASON_REQUIRED)
        )
    if route == Designation.Route.PROPOSAL:
        is_proposer = ProjectPartner.objects.filter(
            project=project,
            organization=organization,
            status=ProjectPartner.Status.PROSPECTIVE,
            via=ProjectPartner.Via.PROPOSAL,
        ).exists()
        if not is_proposer:
            raise ValidationError(str(NOT_PROSPECTIVE_PROPOSER))
    designation = Designation.objects.create(
        project=project,
        organization=organization,
        route=route,
        justification=justification.strip(),
        decided_by=by,
    )
    via = "designated" if route == Designation.Route.DESIGNATED else "proposal"
    label = Designation.Route(route).label
    comment = f"{label}：{designation.justification}"
    project_set_partner(project=project, organization=organization, by=by, via=via, comment=comment)
    project_advance(project=project, to=Stage.AGREEMENT, by=by, comment=comment)
    return designation
