"""The exchange after both sides submitted: the meeting record, the third party's comment, and
publishing the summary."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from evaluation import notices
from evaluation.models import EvaluationRound, ThirdPartyRequest
from evaluation.permissions import (
    can_add_third_party_comment,
    can_publish,
    can_record_exchange,
    can_request_third_party_comment,
)
from evaluation.services.sheets import StaleEdit
from kyodo_portal.core.audit import audited
from kyodo_portal.core.errors import check

MEETING_DATE_REQUIRED = _("振り返り会議の開催日を入力してください。")
MEETING_DATE_IN_FUTURE = _("振り返り会議の開催日に、未来の日付は入力できません。")
ATTENDEES_REQUIRED = _("出席者を記入してください。")
CONCLUSIONS_REQUIRED = _("合意した結論を記入してください。")
THIRD_PARTY_REQUIRED = _("第三者の名称とコメントを記入してください。")


def _check_version(round_: EvaluationRound, version: int | None) -> EvaluationRound:
    locked = EvaluationRound.objects.select_for_update().get(pk=round_.pk)
    if version is not None and locked.version != version:
        raise StaleEdit
    locked.project = round_.project
    return locked


@transaction.atomic
@audited("evaluation.exchange_record")
def exchange_record(
    *,
    round_: EvaluationRound,
    by,
    meeting_date: datetime.date | None,
    attendees: str,
    conclusions: str,
    version: int | None = None,
) -> EvaluationRound:
    """Record the joint review meeting and the conclusions both sides agreed."""
    check(can_record_exchange(by, round_))
    errors: dict[str, list[str]] = {}
    if meeting_date is None:
        errors["meeting_date"] = [str(MEETING_DATE_REQUIRED)]
    elif meeting_date > timezone.localdate():
        errors["meeting_date"] = [str(MEETING_DATE_IN_FUTURE)]
    if not attendees.strip():
        errors["meeting_attendees"] = [str(ATTENDEES_REQUIRED)]
    if not conclusions.strip():
        errors["conclusions"] = [str(CONCLUSIONS_REQUIRED)]
    if errors:
        raise ValidationError(errors)
    round_ = _check_version(round_, version)
    round_.meeting_date = meeting_date
    round_.meeting_attendees = attendees.strip()
    round_.conclusions = conclusions.strip()
    round_.exchange_recorded_at = timezone.now()
    round_.exchange_recorded_by = by
    round_.version += 1
    round_.save()
    return round_


@transaction.atomic
@audited("evaluation.third_party_comment_save")
def third_party_comment_save(
    *, round_: EvaluationRound, by, name: str, comment: str
) -> EvaluationRound:
    """A committee's or coordinator's view on the two evaluations, entered by a manager."""
    check(can_add_third_party_comment(by, round_))
    if not name.strip() or not comment.strip():
        raise ValidationError({"__all__": [str(THIRD_PARTY_REQUIRED)]})
    round_ = _check_version(round_, None)
    round_.third_party_name = name.strip()
    round_.third_party_comment = comment.strip()
    round_.third_party_by = by
    round_.version += 1
    round_.save()
    asked = list(
        ThirdPartyRequest.objects.filter(round=round_, answered_at__isnull=True).select_related(
            "requested_by"
        )
    )
    ThirdPartyRequest.objects.filter(pk__in=[r.pk for r in asked]).update(
        answered_at=timezone.now()
    )
    notices.notify_third_party_given(round_, [r.requested_by for r in asked], actor=by)
    return round_


@transaction.atomic
@audited("evaluation.third_party_comment_request")
def third_party_comment_request(
    *, round_: EvaluationRound, by, message: str = ""
) -> ThirdPartyRequest:
    """The owner office's staff ask the managers (推進担当) for the third party's comment."""
    check(can_request_third_party_comment(by, round_))
    request = ThirdPartyRequest.objects.create(
        round=round_, requested_by=by, message=message.strip()
    )
    notices.notify_third_party_requested(request, actor=by)
    return request


@transaction.atomic
@audited("evaluation.round_publish")
def round_publish(*, round_: EvaluationRound, by) -> EvaluationRound:
    """Publish the summary (both sides' scores and the agreed conclusions) on the public pages."""
    check(can_publish(by, round_))
    round_ = _check_version(round_, None)
    round_.published_at = timezone.now()
    round_.published_by = by
    round_.version += 1
    round_.save()
    return round_


@transaction.atomic
@audited("evaluation.round_unpublish")
def round_unpublish(*, round_: EvaluationRound, by) -> EvaluationRound:
    check(can_publish(by, round_))
    round_ = _check_version(round_, None)
    round_.published_at = None
    round_.published_by = None
    round_.version += 1
    round_.save()
    return round_
