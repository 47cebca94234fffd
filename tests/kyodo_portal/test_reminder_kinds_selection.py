"""Selection reminders: reviewers with scoring left before the deadline; NPOs whose application
is still a draft as the call's deadline nears."""

import datetime

import pytest
from django.utils import timezone

from kyodo_portal import services
from kyodo_portal.core.models import Reminder, ReminderKind
from kyodo_portal.core.roles import Role
from selection.models import Application, Call
from tests.factories import member
from tests.selection.support import (
    apply,
    declare,
    make_call,
    score_all,
    seat,
    selection_project,
)

pytestmark = pytest.mark.django_db


def due(kind, today) -> list[str]:
    services.reminders_sweep(today=today)
    return sorted(
        Reminder.objects.filter(kind=kind, status="pending").values_list(
            "recipient__username", flat=True
        )
    )


@pytest.fixture
def scoring_call(office, npo, other_npo):
    """A call under review whose scoring deadline is five days away, with two applications."""
    today = timezone.localdate()
    deadline = timezone.make_aware(
        datetime.datetime.combine(today + datetime.timedelta(days=5), datetime.time(17, 0))
    )
    call = make_call(
        selection_project(office),
        status=Call.Status.SCORING,
        deadline=deadline - datetime.timedelta(days=14),
    )
    first = apply(call, npo)
    second = apply(call, other_npo)
    done = seat(call, member(Role.REVIEWER, username="reviewer_done"))
    recused = seat(call, member(Role.REVIEWER, username="reviewer_recused"))
    pending = seat(call, member(Role.REVIEWER, username="reviewer_pending"))
    score_all(first, done, [4, 4, 4, 4, 4])
    score_all(second, done, [3, 3, 3, 3, 3])
    declare(first, recused, conflict=True)
    score_all(second, recused, [5, 5, 5, 5, 5])
    score_all(first, pending, [4, 4, 4, 4, 4])  # the second still to score
    return {"call": call, "today": today, "second": second, "pending": pending}


def test_reviewers_with_unfinished_scoring_are_reminded_within_the_lead_time(scoring_call):
    today = scoring_call["today"]
    kind = ReminderKind.SCORING_DUE
    assert due(kind, today) == []  # five days out, lead time three
    assert due(kind, today + datetime.timedelta(days=2)) == ["reviewer_pending"]
    assert Reminder.objects.get(kind=kind).due_date == today + datetime.timedelta(days=5)


def test_scoring_reminder_cancelled_once_the_reviewer_finishes(scoring_call):
    services.reminders_sweep(today=scoring_call["today"] + datetime.timedelta(days=3))
    reminder = Reminder.objects.get(kind=ReminderKind.SCORING_DUE)
    score_all(scoring_call["second"], scoring_call["pending"], [2, 2, 2, 2, 2])
    assert services.reminder_send(reminder_id=reminder.pk) == "cancelled"


def test_a_draft_application_is_reminded_before_the_deadline(office, npo, npo_user, other_npo):
    today = timezone.localdate()
    deadline = timezone.make_aware(
        datetime.datetime.combine(today + datetime.timedelta(days=4), datetime.time(17, 0))
    )
    call = make_call(selection_project(office), status=Call.Status.OPEN, deadline=deadline)
    draft = apply(call, npo, status=Application.Status.DRAFT)
    member(Role.NPO, other_npo, username="submitted_npo")
    apply(call, other_npo)
    kind = ReminderKind.CALL_DEADLINE
    assert due(kind, today) == []
    assert due(kind, today + datetime.timedelta(days=1)) == ["npo"]
    reminder = Reminder.objects.get(kind=kind)
    assert reminder.due_date == today + datetime.timedelta(days=4)
    Application.objects.filter(pk=draft.pk).update(
        status=Application.Status.SUBMITTED, submitted_at=timezone.now()
    )
    assert services.reminder_send(reminder_id=reminder.pk) == "cancelled"
