"""Event notices of the projects app: each change tells the other side (and never the person who
made it), in each recipient's language, and mails them once the change is committed."""

import datetime

import pytest
from django.core import mail

from kyodo_portal.core.models import Notification
from kyodo_portal.core.roles import Role
from projects import notices, selectors, services
from projects.choices import ConfirmingSide, Stage
from tests.factories import member
from tests.notices_support import assert_told_only, told
from tests.projects.conftest import confirm, project_at, save_agreement

pytestmark = pytest.mark.django_db


@pytest.fixture
def colleague(office):
    """A second member of staff of the owner office: told as well."""
    return member(Role.STAFF, office, username="colleague")


@pytest.fixture
def npo_colleague(npo):
    return member(Role.NPO, npo, username="npo_colleague")


@pytest.fixture
def draft(npo, npo_user, office):
    return services.proposal_create(
        by=npo_user,
        organization=npo,
        values={
            "addressed_office": office,
            "title": "親子の居場所づくり",
            "issue": "相談できる場がない",
            "idea": "週3回の子育て広場",
            "beneficiaries": "乳幼児と保護者",
            "expected_outcomes": "延べ3,000組の利用",
            "proposed_method": "cooperation",
            "rough_budget": 2_000_000,
        },
    )


@pytest.fixture
def submitted(draft, npo_user):
    return services.proposal_submit(proposal=draft, by=npo_user)


def test_a_submitted_proposal_is_told_to_the_addressed_office_and_mailed_after_commit(
    draft, npo_user, staff_user, colleague, other_staff_user, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.proposal_submit(proposal=draft, by=npo_user)
    assert told(notices.PROPOSAL_SUBMITTED) == {staff_user, colleague}
    assert not mail.outbox  # nothing is mailed before the transaction commits
    for callback in callbacks:
        callback()
    assert_told_only(notices.PROPOSAL_SUBMITTED, [staff_user, colleague])
    notice = Notification.objects.filter(recipient=staff_user).get()
    assert notice.title == "協働提案「親子の居場所づくり」が提出されました"
    assert notice.url == draft.get_absolute_url()


def test_a_comment_is_told_to_the_other_side_only(
    submitted, npo_user, npo_colleague, staff_user, colleague, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        comment = services.proposal_comment(proposal=submitted, by=staff_user, body="対象は？")
    assert_told_only(notices.PROPOSAL_COMMENTED, [npo_user, npo_colleague])
    assert Notification.objects.get(recipient=npo_user, kind=notices.PROPOSAL_COMMENTED).url == (
        f"{submitted.get_absolute_url()}#comment-{comment.pk}"
    )
    Notification.objects.all().delete()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.proposal_comment(proposal=submitted, by=npo_colleague, body="北部の3地区です。")
    assert_told_only(notices.PROPOSAL_COMMENTED, [staff_user, colleague])


def test_an_adoption_is_told_to_the_proposing_npo(
    submitted, npo_user, npo_colleague, staff_user, colleague, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.proposal_adopt(proposal=submitted, by=staff_user)
    assert_told_only(notices.PROPOSAL_ADOPTED, [npo_user, npo_colleague])


def test_a_decline_is_told_to_the_proposing_npo_with_its_reason(
    submitted, npo_user, staff_user, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.proposal_decline(proposal=submitted, by=staff_user, reason="今年度は予算がない")
    assert_told_only(notices.PROPOSAL_DECLINED, [npo_user])
    assert "今年度は予算がない" in Notification.objects.get(recipient=npo_user).body


@pytest.fixture
def agreeing(office, npo):
    return project_at(Stage.AGREEMENT, office, npo)


def test_an_agreement_version_waits_for_the_npo_and_its_confirmation_is_told_to_the_office(
    agreeing, staff_user, colleague, npo_user, npo_colleague, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        save_agreement(agreeing, staff_user)
    assert_told_only(notices.AGREEMENT_READY, [npo_user, npo_colleague])
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        confirm(agreeing, npo_user, ConfirmingSide.NPO)
    assert_told_only(notices.AGREEMENT_CONFIRMED, [staff_user, colleague])


def test_saving_the_same_agreement_again_tells_nobody_again(agreeing, staff_user, npo_user):
    save_agreement(agreeing, staff_user)
    save_agreement(agreeing, staff_user)
    assert Notification.objects.filter(kind=notices.AGREEMENT_READY).count() == 1


def test_an_implementation_note_is_told_to_the_other_side(
    office, npo, staff_user, colleague, npo_user, django_capture_on_commit_callbacks
):
    project = project_at(Stage.IMPLEMENTATION, office, npo)
    with django_capture_on_commit_callbacks(execute=True):
        services.note_add(
            project=project,
            by=npo_user,
            values={
                "kind": "progress",
                "held_on": datetime.date(2026, 6, 1),
                "title": "6月の広場",
                "body": "延べ120組が利用",
            },
        )
    assert_told_only(notices.NOTE_ADDED, [staff_user, colleague])


def test_a_stage_change_is_told_to_the_npo_in_each_persons_language(
    office, npo, staff_user, colleague, npo_user, open_evaluation_gates
):
    english = member(Role.NPO, npo, username="english", preferred_language="en")
    project = project_at(Stage.AGREEMENT, office, npo)
    save_agreement(project, staff_user)
    confirm(project, staff_user, ConfirmingSide.GOVERNMENT)
    confirm(project, npo_user, ConfirmingSide.NPO)
    mail.outbox.clear()
    services.project_advance(project=project, to=Stage.IMPLEMENTATION, by=staff_user)
    assert told(notices.PROJECT_ADVANCED) == {npo_user, english}
    titles = dict(
        Notification.objects.filter(kind=notices.PROJECT_ADVANCED).values_list(
            "recipient__username", "title"
        )
    )
    assert "「実施」" in titles["npo"] and "Implementation" not in titles["npo"]
    assert "Implementation" in titles["english"]


def test_a_return_is_its_own_kind_and_carries_the_reason(
    office, npo, staff_user, npo_user, django_capture_on_commit_callbacks
):
    project = project_at(Stage.METHOD, office, npo)
    with django_capture_on_commit_callbacks(execute=True):
        services.project_advance(
            project=project, to=Stage.SUITABILITY, by=staff_user, comment="前提が変わった"
        )
    assert_told_only(notices.PROJECT_RETURNED, [npo_user])
    assert "前提が変わった" in Notification.objects.get(recipient=npo_user).body
    assert not told(notices.PROJECT_ADVANCED)


def test_the_sides_of_a_project(office, npo, staff_user, npo_user, other_npo, other_npo_user):
    project = project_at(Stage.IMPLEMENTATION, office, npo)
    sides = selectors.project_sides(project)
    assert sides[ConfirmingSide.GOVERNMENT] == [staff_user]
    assert sides[ConfirmingSide.NPO] == [npo_user]
    assert selectors.other_side(project, staff_user) == [npo_user]
    assert selectors.other_side(project, npo_user) == [staff_user]
