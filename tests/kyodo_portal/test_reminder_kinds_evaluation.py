"""Evaluation reminders: due after the project ends, the other side pending, and carried-forward
improvement items that a new project has not acknowledged."""

import datetime

import pytest
from django.utils import timezone

from evaluation.models import Acknowledgement, Evaluation, EvaluationRound, ImprovementItem
from evaluation.selectors import open_improvements
from kyodo_portal import services
from kyodo_portal.core.models import Reminder, ReminderKind
from projects.choices import Method, Stage
from projects.models import ProjectEvent
from tests.evaluation.helpers import fill
from tests.factories import ProjectFactory, add_partner

pytestmark = pytest.mark.django_db

END = datetime.date(2026, 3, 31)


def at(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(10, 0)))


def due(kind, today) -> list[str]:
    services.reminders_sweep(today=today)
    return sorted(
        Reminder.objects.filter(kind=kind, status="pending").values_list(
            "recipient__username", flat=True
        )
    )


@pytest.fixture
def ended_project(office, npo, staff_user, npo_user, other_npo_user, other_staff_user):
    project = ProjectFactory(
        owner_office=office,
        stage=Stage.EVALUATION,
        method=Method.COMMISSION,
        fiscal_year_start=2025,
        fiscal_year_end=2025,
        start_date=datetime.date(2025, 4, 1),
        end_date=END,
    )
    add_partner(project, npo)
    return project


def test_final_evaluation_due_after_the_end_date(ended_project):
    kind = ReminderKind.EVALUATION_DUE
    assert due(kind, END + datetime.timedelta(days=29)) == []
    assert due(kind, END + datetime.timedelta(days=30)) == ["npo", "staff"]
    assert set(Reminder.objects.values_list("due_date", flat=True)) == {
        END + datetime.timedelta(days=30)
    }


def test_a_side_that_submitted_is_not_reminded(ended_project, office, staff_user):
    fill(ended_project, office, staff_user)
    assert due(ReminderKind.EVALUATION_DUE, END + datetime.timedelta(days=40)) == ["npo"]


def test_evaluation_due_cancelled_when_submitted_before_sending(
    ended_project, office, staff_user, npo, npo_user
):
    services.reminders_sweep(today=END + datetime.timedelta(days=30))
    staff_reminder = Reminder.objects.get(kind=ReminderKind.EVALUATION_DUE, recipient=staff_user)
    npo_reminder = Reminder.objects.get(kind=ReminderKind.EVALUATION_DUE, recipient=npo_user)
    fill(ended_project, office, staff_user)
    assert services.reminder_send(reminder_id=staff_reminder.pk) == "cancelled"
    assert services.reminder_send(reminder_id=npo_reminder.pk) == "sent"


def test_other_side_pending_after_one_side_submitted(
    ended_project, office, staff_user, npo, npo_user
):
    evaluation = fill(ended_project, office, staff_user)
    Evaluation.objects.filter(pk=evaluation.pk).update(submitted_at=at(END))
    kind = ReminderKind.EVALUATION_OTHER_SIDE
    assert due(kind, END + datetime.timedelta(days=6)) == []
    assert due(kind, END + datetime.timedelta(days=7)) == ["npo"]
    reminder = Reminder.objects.get(kind=kind)
    fill(ended_project, npo, npo_user)
    assert EvaluationRound.objects.get(project=ended_project).is_unsealed
    assert services.reminder_send(reminder_id=reminder.pk) == "cancelled"
    Reminder.objects.all().delete()
    assert due(kind, END + datetime.timedelta(days=30)) == []


@pytest.fixture
def carried_item(office, ended_project):
    round_ = EvaluationRound.objects.create(project=ended_project, kind="final")
    return ImprovementItem.objects.create(
        round=round_,
        project=ended_project,
        text="NPOの人件費を委託料に正しく見込む",
        owner="both",
        carry_forward=True,
    )


def new_project_at_method(office, entered: datetime.date, **fields):
    project = ProjectFactory(owner_office=office, stage=Stage.METHOD, **fields)
    event = ProjectEvent.objects.create(
        project=project, from_stage=Stage.SUITABILITY, to_stage=Stage.METHOD
    )
    ProjectEvent.objects.filter(pk=event.pk).update(created_at=at(entered))
    return project


def test_unacknowledged_feedback_reminds_the_office(carried_item, office):
    day = datetime.date(2026, 6, 1)
    project = new_project_at_method(office, day, method=Method.COMMISSION)
    unrelated = new_project_at_method(office, day, method=Method.SUBSIDY)
    assert list(open_improvements(project)) == [carried_item]
    assert list(open_improvements(unrelated)) == []
    kind = ReminderKind.FEEDBACK_UNACKNOWLEDGED
    assert due(kind, day + datetime.timedelta(days=6)) == []
    assert due(kind, day + datetime.timedelta(days=7)) == ["staff"]
    assert set(Reminder.objects.filter(kind=kind).values_list("subject_id", flat=True)) == {
        project.pk
    }


def test_a_continuation_and_a_shared_npo_count_too(carried_item, office, npo, ended_project):
    day = datetime.date(2026, 6, 1)
    continuation = new_project_at_method(office, day, predecessor=ended_project)
    sharing = new_project_at_method(office, day, method=Method.SUBSIDY)
    add_partner(sharing, npo, status="prospective")
    services.reminders_sweep(today=day + datetime.timedelta(days=7))
    reminded = set(
        Reminder.objects.filter(kind=ReminderKind.FEEDBACK_UNACKNOWLEDGED).values_list(
            "subject_id", flat=True
        )
    )
    assert reminded == {continuation.pk, sharing.pk}


def test_acknowledgement_resolves_the_feedback_reminder(carried_item, office, staff_user):
    day = datetime.date(2026, 6, 1)
    project = new_project_at_method(office, day, method=Method.COMMISSION)
    services.reminders_sweep(today=day + datetime.timedelta(days=7))
    reminder = Reminder.objects.get(kind=ReminderKind.FEEDBACK_UNACKNOWLEDGED)
    Acknowledgement.objects.create(
        item=carried_item, project=project, note="人件費を積算に含めた", acknowledged_by=staff_user
    )
    assert services.reminder_send(reminder_id=reminder.pk) == "cancelled"
    Reminder.objects.all().delete()
    assert due(ReminderKind.FEEDBACK_UNACKNOWLEDGED, day + datetime.timedelta(days=30)) == []
