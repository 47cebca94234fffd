"""Reminder kinds owned by partner selection (registered at start-up;
see kyodo_portal.core.reminders).

- a reviewer's scoring is due before the call's scoring deadline;
- a call's application deadline is near and an NPO still has only a draft.
"""

import datetime

from django.db.models import Count
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy

from kyodo_portal.core.dates import display_datetime
from kyodo_portal.core.models import ReminderKind
from kyodo_portal.core.reminders import BEFORE, ReminderSpec, due_reminders, register
from kyodo_portal.core.roles import Role
from partners.selectors import members_for
from selection.models import Application, Call, CommitteeMember, ConflictDeclaration, Score


def _end_of(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.max))


# --- A reviewer's scoring before the scoring deadline ------------------------------------------


def _unfinished_reviewers(call_ids) -> set[tuple[int, int]]:
    """(reviewer, call) pairs where the reviewer has an application left to declare or score.

    A constant number of queries: the work grows only with the calls under review now.
    """
    calls = dict(
        Call.objects.filter(pk__in=call_ids)
        .annotate(n_criteria=Count("criteria", distinct=True))
        .values_list("pk", "n_criteria")
    )
    seats = list(
        CommitteeMember.objects.filter(call_id__in=calls).values_list("user_id", "call_id")
    )
    applications = list(
        Application.objects.filter(
            call_id__in=calls, status=Application.Status.SUBMITTED
        ).values_list("pk", "call_id")
    )
    conflicted = set(
        ConflictDeclaration.objects.filter(
            application_id__in=[pk for pk, _call in applications], has_conflict=True
        ).values_list("reviewer_id", "application_id")
    )
    declared = set(
        ConflictDeclaration.objects.filter(
            application_id__in=[pk for pk, _call in applications]
        ).values_list("reviewer_id", "application_id")
    )
    scored = {
        (reviewer, application): count
        for reviewer, application, count in Score.objects.filter(
            application_id__in=[pk for pk, _call in applications]
        )
        .values("reviewer_id", "application_id")
        .annotate(count=Count("pk"))
        .values_list("reviewer_id", "application_id", "count")
    }
    by_call: dict[int, list[int]] = {}
    for application_id, call_id in applications:
        by_call.setdefault(call_id, []).append(application_id)
    unfinished = set()
    for reviewer, call_id in seats:
        for application_id in by_call.get(call_id, []):
            key = (reviewer, application_id)
            if key in conflicted:
                continue
            if key not in declared or scored.get(key, 0) < calls[call_id]:
                unfinished.add((reviewer, call_id))
                break
    return unfinished


def _scoring_due(today: datetime.date, lead_days: int, body_ids=None):
    scoring = Call.objects.filter(
        status=Call.Status.SCORING,
        scoring_deadline__gte=_end_of(today - datetime.timedelta(days=1)),
        scoring_deadline__lte=_end_of(today + datetime.timedelta(days=lead_days)),
    )
    if body_ids is not None:
        scoring = scoring.filter(project__owner_office__body_id__in=body_ids)
    calls = dict(scoring.values_list("pk", "scoring_deadline"))
    if not calls:
        return []
    return due_reminders(
        Call,
        sorted(_unfinished_reviewers(list(calls))),
        due_date=lambda call_id: timezone.localdate(calls[call_id]),
        url=lambda call_id: reverse("selection:review_call", args=[call_id]),
    )


def _scoring_still_due(reminder) -> bool:
    open_call = Call.objects.filter(
        pk=reminder.subject_id, status=Call.Status.SCORING, scoring_deadline__gte=timezone.now()
    ).exists()
    return open_call and (reminder.recipient_id, reminder.subject_id) in _unfinished_reviewers(
        [reminder.subject_id]
    )


def _scoring_message(reminder) -> tuple[str, str]:
    call = Call.objects.get(pk=reminder.subject_id)
    deadline = timezone.localtime(call.scoring_deadline)
    title = _("【協働ポータル】審査（採点）の期限が近づいています：%(title)s") % {
        "title": call.title
    }
    body = _(
        "公募「%(title)s」の審査期限は%(deadline)sです。まだ利害関係の申告または採点が済んでいない"
        "応募があります。利害関係のある応募は、申告すれば採点の対象から外れます。"
    ) % {"title": call.title, "deadline": display_datetime(deadline)}
    return title, body


register(
    ReminderSpec(
        kind=ReminderKind.SCORING_DUE,
        anchor=pgettext_lazy("リマインダーの起点", "採点期限"),
        timing=BEFORE,
        roles=frozenset({Role.REVIEWER}),
        default_lead_days=3,
        find_due=_scoring_due,
        still_due=_scoring_still_due,
        message=_scoring_message,
        body_path="project__owner_office__body_id",
    )
)


# --- An application still in draft as the deadline nears -------------------------------------


def _drafts(now: datetime.datetime, until: datetime.datetime):
    return Application.objects.filter(
        status=Application.Status.DRAFT,
        call__status=Call.Status.OPEN,
        call__application_deadline__gt=now,
        call__application_deadline__lte=until,
    )


def _call_deadline_due(today: datetime.date, lead_days: int, body_ids=None):
    open_drafts = _drafts(
        timezone.make_aware(datetime.datetime.combine(today, datetime.time.min)),
        _end_of(today + datetime.timedelta(days=lead_days)),
    )
    if body_ids is not None:
        open_drafts = open_drafts.filter(call__project__owner_office__body_id__in=body_ids)
    rows = open_drafts.values_list("pk", "organization_id", "call__application_deadline")
    drafts = {pk: deadline for pk, _organization, deadline in rows}
    recipients = members_for(Role.NPO, {(organization, pk) for pk, organization, _d in rows})
    return due_reminders(
        Application,
        ((user_id, application_id) for user_id, _organization, application_id in recipients),
        due_date=lambda application_id: timezone.localdate(drafts[application_id]),
        url=lambda application_id: reverse("selection:application_detail", args=[application_id]),
    )


def _call_deadline_still_due(reminder) -> bool:
    now = timezone.now()
    return _drafts(now, now + datetime.timedelta(days=366)).filter(pk=reminder.subject_id).exists()


def _call_deadline_message(reminder) -> tuple[str, str]:
    application = Application.objects.select_related("call").get(pk=reminder.subject_id)
    deadline = timezone.localtime(application.call.application_deadline)
    title = _("【協働ポータル】応募の締切が近づいています：%(title)s") % {
        "title": application.call.title
    }
    body = _(
        "公募「%(title)s」への応募は下書きのままです。締切は%(deadline)sです。"
        "締切を過ぎると提出できませんので、内容を確かめて提出してください。"
    ) % {"title": application.call.title, "deadline": display_datetime(deadline)}
    return title, body


register(
    ReminderSpec(
        kind=ReminderKind.CALL_DEADLINE,
        anchor=pgettext_lazy("リマインダーの起点", "応募締切"),
        timing=BEFORE,
        roles=frozenset({Role.NPO}),
        default_lead_days=3,
        find_due=_call_deadline_due,
        still_due=_call_deadline_still_due,
        message=_call_deadline_message,
        body_path="call__project__owner_office__body_id",
    )
)
