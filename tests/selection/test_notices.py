"""Event notices of the selection app: applications tell the office, the committee hears of its
appointment and of scoring, applicants hear the decision and the published results."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from kyodo_portal.core.models import Notification
from kyodo_portal.core.roles import Role
from selection import notices, services
from selection.models import Application, Call
from tests.factories import member
from tests.notices_support import assert_told_only, told
from tests.selection.support import apply, make_call, score_all, seat, selection_project

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def project(office):
    return selection_project(office, title="子育て広場運営事業")


@pytest.fixture
def colleague(office):
    return member(Role.STAFF, office, username="colleague")


@pytest.fixture
def open_call(project):
    return make_call(project, status=Call.Status.OPEN)


@pytest.fixture
def scoring_call(project):
    return make_call(
        project, status=Call.Status.SCORING, deadline=timezone.now() - datetime.timedelta(days=1)
    )


def test_an_application_received_and_withdrawn_is_told_to_the_office(
    open_call,
    npo,
    npo_user,
    staff_user,
    colleague,
    other_staff_user,
    django_capture_on_commit_callbacks,
):
    application = apply(open_call, npo, status=Application.Status.DRAFT)
    with django_capture_on_commit_callbacks(execute=True):
        services.application_submit(application=application, by=npo_user)
    assert_told_only(notices.APPLICATION_RECEIVED, [staff_user, colleague])
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.application_withdraw(application=application, by=npo_user)
    assert_told_only(notices.APPLICATION_WITHDRAWN, [staff_user, colleague])


def test_an_appointed_reviewer_is_told_and_nobody_else(
    open_call, staff_user, reviewer_user, django_capture_on_commit_callbacks
):
    other_reviewer = member(Role.REVIEWER, username="other_reviewer")
    seat(open_call, other_reviewer)
    with django_capture_on_commit_callbacks(execute=True):
        services.committee_appoint(
            call=open_call, by=staff_user, user=reviewer_user, category="academic"
        )
    assert_told_only(notices.COMMITTEE_APPOINTED, [reviewer_user])


def test_the_committee_is_told_when_scoring_opens(
    project, staff_user, reviewer_user, npo_user, django_capture_on_commit_callbacks
):
    call = make_call(
        project, status=Call.Status.OPEN, deadline=timezone.now() - datetime.timedelta(seconds=1)
    )
    second = seat(call)
    seat(call, reviewer_user)
    with django_capture_on_commit_callbacks(execute=True):
        services.call_start_scoring(call=call, by=staff_user)
    assert_told_only(notices.SCORING_OPENED, [reviewer_user, second])


def test_a_declared_conflict_is_told_to_the_office_but_no_conflict_is_not(
    scoring_call,
    npo,
    other_npo,
    staff_user,
    colleague,
    reviewer_user,
    django_capture_on_commit_callbacks,
):
    seat(scoring_call, reviewer_user)
    first, second = apply(scoring_call, npo), apply(scoring_call, other_npo)
    with django_capture_on_commit_callbacks(execute=True):
        services.conflict_declare(application=first, by=reviewer_user, has_conflict=False)
    assert not told(notices.CONFLICT_DECLARED)
    with django_capture_on_commit_callbacks(execute=True):
        services.conflict_declare(
            application=second, by=reviewer_user, has_conflict=True, reason="理事を務めている"
        )
    assert_told_only(notices.CONFLICT_DECLARED, [staff_user, colleague])


def test_each_applicant_hears_the_decision_on_its_own_application_and_then_the_results(
    scoring_call,
    npo,
    other_npo,
    npo_user,
    other_npo_user,
    staff_user,
    django_capture_on_commit_callbacks,
):
    drafter = member(Role.NPO, username="drafter")
    r1, r2 = seat(scoring_call), seat(scoring_call)
    first, second = apply(scoring_call, npo), apply(scoring_call, other_npo)
    apply(scoring_call, drafter.memberships.get().organization, status=Application.Status.DRAFT)
    score_all(first, r1, [5, 5, 4, 4, 4])
    score_all(first, r2, [4, 5, 4, 5, 4])
    score_all(second, r1, [3, 3, 3, 3, 3])
    score_all(second, r2, [3, 4, 3, 3, 3])
    with django_capture_on_commit_callbacks(execute=True):
        services.call_decide(call=scoring_call, by=staff_user, application=first, reason="実績")
    assert_told_only(notices.CALL_DECIDED, [npo_user, other_npo_user])
    chosen = Notification.objects.get(recipient=npo_user, kind=notices.CALL_DECIDED)
    passed_over = Notification.objects.get(recipient=other_npo_user, kind=notices.CALL_DECIDED)
    assert chosen.url == first.get_absolute_url() and "選ばれました" in chosen.body
    assert passed_over.url == second.get_absolute_url() and "選ばれませんでした" in passed_over.body
    mail.outbox.clear()
    scoring_call.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        services.call_publish_results(
            call=scoring_call,
            by=staff_user,
            now=timezone.make_aware(
                datetime.datetime.combine(scoring_call.announcement_date, datetime.time(9))
            ),
        )
    assert_told_only(notices.RESULTS_PUBLISHED, [npo_user, other_npo_user])
