"""Calls: their content and criteria, publication and corrections, the committee."""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kyodo_portal.core.audit import audited
from kyodo_portal.core.errors import PermissionDenied, check
from kyodo_portal.core.roles import Role
from partners.models import User
from partners.selectors import has_role
from selection import notices
from selection.call_changes import CALL_FIELDS, change_log
from selection.models import (
    Call,
    CallRevision,
    CommitteeChange,
    CommitteeMember,
    ConflictDeclaration,
    Criterion,
    Score,
)
from selection.permissions import (
    can_change_committee,
    can_correct_call,
    can_create_call,
    can_edit_call,
    can_publish_call,
    can_start_scoring,
    committee_locked,
)
from selection.services.base import (
    ALREADY_ON_COMMITTEE,
    ANNOUNCEMENT_TOO_EARLY,
    DEADLINE_IN_PAST,
    DEADLINE_SHORTENED,
    DEADLINES_OUT_OF_ORDER,
    DUPLICATE_CRITERION,
    LEGAL_STATUS_CRITERION,
    LEGAL_STATUS_MAJORITY,
    LEGAL_STATUS_NOT_ACKNOWLEDGED,
    MEMBER_HAS_SCORED,
    NO_CRITERIA,
    NOT_A_REVIEWER,
    NOTHING_CORRECTED,
    NOTICE_REQUIRED,
    SCALE_INVALID,
    SHORT_PERIOD_REASON_REQUIRED,
    WEIGHTS_MISMATCH,
    _check_version,
    _raise_if,
    application_days,
)
from selection.workflow import CALL_WORKFLOW

# --- messages of the committee (reused by forms, views and tests) ------------------------------
COMMITTEE_CHANGE_REASON_REQUIRED = _(
    "応募の締切後に選定委員を変更するには、変更の理由を記入してください。"
    "理由は、変更の日付とともに公募の履歴として公表されます。"
)
NOBODY_TO_APPOINT = _("委嘱する委員を1人以上選んでください。")
ONE_CHAIR_ONLY = _("委員長は1人だけ選んでください。")
CHAIR_NEEDED_TO_SCORE = _(
    "この公募は委員長の承認を経て選定結果を公表します。審査を始める前に委員長を委嘱してください。"
)
# The settings of a call that are not part of its published content (not in CALL_FIELDS, so
# not in its snapshots or change logs): chosen while drafting only.
CALL_SETTINGS = ("requires_chair_signoff",)

# --- call content ----------------------------------------------------------------------------
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


def short_period(call: Call, now: datetime.datetime | None = None) -> int | None:
    """The application period in days when publishing the call now would give applicants less
    than ``settings.CALL_MIN_APPLICATION_DAYS``; None when the period is long enough."""
    days = application_days(now or timezone.now(), call.application_deadline)
    return days if days < settings.CALL_MIN_APPLICATION_DAYS else None


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


# --- calls -----------------------------------------------------------------------------------
@transaction.atomic
@audited("selection.call_create")
def call_create(*, project, by: User, values: dict, criteria: list[dict]) -> Call:
    """Draft an open call for a project at the partner-selection stage."""
    check(can_create_call(by, project))
    _raise_if(call_content_errors(values, criteria))
    call = Call(
        project=project,
        created_by=by,
        **{k: values[k] for k in (*CALL_FIELDS, *CALL_SETTINGS) if k in values},
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
    for name in (*CALL_FIELDS, *CALL_SETTINGS):
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
    *,
    call: Call,
    by: User,
    acknowledge_legal_status: bool = False,
    short_period_reason: str = "",
    now=None,
) -> CallRevision:
    """Publish a draft call: criteria and method are locked from here on (revision 1).

    A call that leaves applicants less than ``settings.CALL_MIN_APPLICATION_DAYS`` to prepare is
    published only with a written reason, which is published with it and with its results."""
    call = Call.objects.select_for_update().select_related("project").get(pk=call.pk)
    check(can_publish_call(by, call))
    # The table's gate, asked before the content so its reason comes alone, as it always has.
    _raise_if(CALL_WORKFLOW.closed_gates(call, Call.Status.OPEN))
    values = {name: getattr(call, name) for name in CALL_FIELDS}
    criteria = _criteria_dicts(call)
    errors = call_content_errors(values, criteria) + call_timeline_errors(values, now)
    days = None if errors else short_period(call, now)
    if days is not None and not short_period_reason.strip():
        errors.append(
            str(SHORT_PERIOD_REASON_REQUIRED)
            % {"days": days, "minimum": settings.CALL_MIN_APPLICATION_DAYS}
        )
    _raise_if(errors)
    if legal_status_warnings(criteria, call.total_points) and not acknowledge_legal_status:
        raise ValidationError(str(LEGAL_STATUS_NOT_ACKNOWLEDGED))
    # The published page marks every legal-status criterion, whether flagged or found by words.
    for criterion in call.criteria.all():
        flagged = criterion_concerns_legal_status(criterion.__dict__)
        if flagged != criterion.concerns_legal_status:
            criterion.concerns_legal_status = flagged
            criterion.save(update_fields=["concerns_legal_status"])
    published_at = now or timezone.now()
    call.revision = 1
    call.published_at = published_at
    call.short_period_reason = short_period_reason.strip() if days is not None else ""
    call.version += 1
    CALL_WORKFLOW.transition(
        call,
        Call.Status.OPEN,
        also=["revision", "published_at", "short_period_reason", "version"],
    )
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
    if call.requires_chair_signoff and not call.committee.filter(is_chair=True).exists():
        raise ValidationError(str(CHAIR_NEEDED_TO_SCORE))
    # Drafts never submitted stay with their authors; nothing else changes on them. The table's
    # gate refuses a call without a committee.
    call.version += 1
    CALL_WORKFLOW.transition(call, Call.Status.SCORING, also=["version"])
    notices.notify_scoring_opened(call=call, by=by)
    return call


@dataclass(frozen=True)
class Appointment:
    """One person to appoint, with the category they sit in."""

    user: User
    category: str
    is_chair: bool = False


def _change_reason(call: Call, reason: str, now) -> str | None:
    """The reason to record, or None when the committee is still free to change (before the
    deadline nothing is recorded, as before). Raises when a locked change has no reason."""
    if not committee_locked(call, now):
        return None
    if not reason.strip():
        raise ValidationError(str(COMMITTEE_CHANGE_REASON_REQUIRED), code="reason")
    return reason.strip()


def _appoint(*, call: Call, by: User, appointments: list[Appointment], reason: str, now):
    check(can_change_committee(by, call))
    if not appointments:
        raise ValidationError(str(NOBODY_TO_APPOINT))
    errors = []
    if sum(1 for a in appointments if a.is_chair) > 1:
        errors.append(str(ONE_CHAIR_ONLY))
    if not all(has_role(a.user, Role.REVIEWER) for a in appointments):
        errors.append(str(NOT_A_REVIEWER))
    user_ids = [a.user.pk for a in appointments]
    if len(set(user_ids)) != len(user_ids) or call.committee.filter(user__in=user_ids).exists():
        errors.append(str(ALREADY_ON_COMMITTEE))
    _raise_if(errors)
    recorded = _change_reason(call, reason, now)
    if any(a.is_chair for a in appointments):
        call.committee.update(is_chair=False)
    members = [
        CommitteeMember.objects.create(
            call=call, user=a.user, category=a.category, is_chair=a.is_chair
        )
        for a in appointments
    ]
    if recorded is not None:
        changed_at = now or timezone.now()
        CommitteeChange.objects.bulk_create(
            CommitteeChange(
                call=call,
                kind=CommitteeChange.Kind.APPOINTED,
                user=member.user,
                category=member.category,
                reason=recorded,
                changed_by=by,
                changed_at=changed_at,
            )
            for member in members
        )
    call.__dict__.pop("_committee_user_ids", None)
    for member in members:
        notices.notify_committee_appointed(member=member, by=by)
    return members


@transaction.atomic
@audited("selection.committee_appoint")
def committee_appoint(
    *,
    call: Call,
    by: User,
    user: User,
    category: str,
    is_chair: bool = False,
    reason: str = "",
    now=None,
) -> CommitteeMember:
    """Appoint one member. After applications close the change needs a reason (published)."""
    appointment = Appointment(user=user, category=category, is_chair=is_chair)
    return _appoint(call=call, by=by, appointments=[appointment], reason=reason, now=now)[0]


@transaction.atomic
@audited("selection.committee_appoint_many")
def committee_appoint_many(
    *, call: Call, by: User, appointments: list[Appointment], reason: str = "", now=None
) -> list[CommitteeMember]:
    """Appoint several members at once, all or none. After applications close the change needs
    a reason, which is published in the call's history with the date."""
    return _appoint(call=call, by=by, appointments=appointments, reason=reason, now=now)


@transaction.atomic
@audited("selection.committee_remove")
def committee_remove(*, member: CommitteeMember, by: User, reason: str = "", now=None) -> None:
    """Remove a member who has not scored. After applications close the removal needs a
    reason, which is published in the call's history with the date."""
    call = member.call
    check(can_change_committee(by, call))
    if Score.objects.filter(application__call=call, reviewer=member.user).exists():
        raise ValidationError(str(MEMBER_HAS_SCORED))
    recorded = _change_reason(call, reason, now)
    if recorded is not None:
        CommitteeChange.objects.create(
            call=call,
            kind=CommitteeChange.Kind.REMOVED,
            user=member.user,
            category=member.category,
            name_consented=member.publish_name,
            reason=recorded,
            changed_by=by,
            changed_at=now or timezone.now(),
        )
    ConflictDeclaration.objects.filter(application__call=call, reviewer=member.user).delete()
    member.delete()
    call.__dict__.pop("_committee_user_ids", None)


@transaction.atomic
@audited("selection.committee_set_consent")
def committee_set_consent(*, member: CommitteeMember, by: User, publish_name: bool):
    """Only the member decides whether their name is published."""
    if member.user_id != by.pk:
        raise PermissionDenied(str(NOT_A_REVIEWER))
    member.publish_name = publish_name
    member.save(update_fields=["publish_name"])
    return member
