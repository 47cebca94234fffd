"""Each reminder kind is found when due and not before, goes to the right people, and is
cancelled once its condition is resolved."""

import datetime

import pytest
from django.utils import timezone

from kyodo_portal import services
from kyodo_portal.core.models import Reminder, ReminderKind
from projects.choices import ConfirmingSide, ProposalStatus, Stage
from projects.models import (
    Agreement,
    AgreementConfirmation,
    AgreementVersion,
    Proposal,
    ProposalComment,
)
from tests.factories import ProjectFactory, add_partner

pytestmark = pytest.mark.django_db

DAY = datetime.date(2026, 10, 1)


def at(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(10, 0)))


def due(kind, today) -> list[tuple[str, datetime.date]]:
    services.reminders_sweep(today=today)
    return sorted(
        Reminder.objects.filter(kind=kind, status="pending").values_list(
            "recipient__username", "due_date"
        )
    )


@pytest.fixture
def agreement_version(office, npo, staff_user, npo_user, other_npo_user):
    project = ProjectFactory(owner_office=office, stage=Stage.AGREEMENT)
    add_partner(project, npo)
    agreement = Agreement.objects.create(project=project, current_number=1)
    return AgreementVersion.objects.create(agreement=agreement, number=1)


def confirm(version, side, organization, day):
    confirmation = AgreementConfirmation.objects.create(
        version=version, side=side, organization=organization
    )
    AgreementConfirmation.objects.filter(pk=confirmation.pk).update(confirmed_at=at(day))


def test_agreement_confirmed_by_the_office_reminds_the_npo(agreement_version, office):
    confirm(agreement_version, ConfirmingSide.GOVERNMENT, office, DAY)
    kind = ReminderKind.AGREEMENT_CONFIRMATION
    assert due(kind, DAY + datetime.timedelta(days=2)) == []
    assert due(kind, DAY + datetime.timedelta(days=3)) == [
        ("npo", DAY + datetime.timedelta(days=3))
    ]


def test_agreement_confirmed_by_the_npo_reminds_the_office(agreement_version, npo):
    confirm(agreement_version, ConfirmingSide.NPO, npo, DAY)
    assert due(ReminderKind.AGREEMENT_CONFIRMATION, DAY + datetime.timedelta(days=5)) == [
        ("staff", DAY + datetime.timedelta(days=3))
    ]


def test_agreement_reminder_cancelled_once_both_confirm(agreement_version, office, npo):
    confirm(agreement_version, ConfirmingSide.GOVERNMENT, office, DAY)
    services.reminders_sweep(today=DAY + datetime.timedelta(days=3))
    reminder = Reminder.objects.get(kind=ReminderKind.AGREEMENT_CONFIRMATION)
    confirm(agreement_version, ConfirmingSide.NPO, npo, DAY + datetime.timedelta(days=3))
    assert services.reminder_send(reminder_id=reminder.pk) == "cancelled"


def test_unconfirmed_or_old_versions_are_not_reminded(agreement_version, office):
    assert due(ReminderKind.AGREEMENT_CONFIRMATION, DAY + datetime.timedelta(days=30)) == []
    confirm(agreement_version, ConfirmingSide.GOVERNMENT, office, DAY)
    AgreementVersion.objects.create(agreement=agreement_version.agreement, number=2)
    Agreement.objects.filter(pk=agreement_version.agreement_id).update(current_number=2)
    assert due(ReminderKind.AGREEMENT_CONFIRMATION, DAY + datetime.timedelta(days=30)) == []


@pytest.fixture
def submitted_proposal(office, npo, staff_user, other_staff_user, npo_user):
    proposal = Proposal.objects.create(
        organization=npo,
        addressed_office=office,
        title="子育て広場の協働提案",
        issue="課題",
        idea="内容",
        status=ProposalStatus.SUBMITTED,
        submitted_at=at(DAY),
    )
    return proposal


def test_proposal_without_response_reminds_the_addressed_office(submitted_proposal):
    kind = ReminderKind.PROPOSAL_NO_RESPONSE
    assert due(kind, DAY + datetime.timedelta(days=13)) == []
    assert due(kind, DAY + datetime.timedelta(days=14)) == [
        ("staff", DAY + datetime.timedelta(days=14))
    ]


def test_a_reply_from_the_office_resolves_it(submitted_proposal, staff_user, npo_user):
    ProposalComment.objects.create(
        proposal=submitted_proposal, author=npo_user, side=ConfirmingSide.NPO, body="補足です"
    )
    assert due(ReminderKind.PROPOSAL_NO_RESPONSE, DAY + datetime.timedelta(days=20)) != []
    reminder = Reminder.objects.get(kind=ReminderKind.PROPOSAL_NO_RESPONSE)
    ProposalComment.objects.create(
        proposal=submitted_proposal,
        author=staff_user,
        side=ConfirmingSide.GOVERNMENT,
        body="拝見しました",
    )
    assert services.reminder_send(reminder_id=reminder.pk) == "cancelled"
    Reminder.objects.all().delete()
    assert due(ReminderKind.PROPOSAL_NO_RESPONSE, DAY + datetime.timedelta(days=20)) == []


def test_decided_proposals_are_not_reminded(submitted_proposal):
    Proposal.objects.filter(pk=submitted_proposal.pk).update(
        status=ProposalStatus.DECLINED, decline_reason="予算の都合"
    )
    assert due(ReminderKind.PROPOSAL_NO_RESPONSE, DAY + datetime.timedelta(days=30)) == []
