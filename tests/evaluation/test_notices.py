"""Event notices of the evaluation app: a submitted sheet is told to the other side, the opened
exchange to both and the office's managers, a carried-forward item to whoever plans a project it
applies to."""

import pytest
from django.core import mail

from evaluation import notices, selectors, services
from evaluation.models import EvaluationRound
from kyodo_portal.core.models import Notification
from kyodo_portal.core.roles import Role
from projects.choices import Method, Stage
from tests.evaluation.helpers import fill
from tests.factories import OfficeFactory, ProjectFactory, member
from tests.notices_support import assert_told_only, told

pytestmark = pytest.mark.django_db


def test_a_submitted_sheet_is_told_to_the_other_side_and_a_draft_is_not(
    project, office, npo, staff_user, npo_user, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        fill(project, office, staff_user, submit=False)
    assert not told(notices.EVALUATION_SUBMITTED)
    with django_capture_on_commit_callbacks(execute=True):
        fill(project, office, staff_user)
    assert_told_only(notices.EVALUATION_SUBMITTED, [npo_user])
    assert not told(notices.ROUND_UNSEALED)


def test_the_second_sheet_opens_the_exchange_for_both_sides_and_the_managers(
    project, office, npo, staff_user, npo_user, manager_user, django_capture_on_commit_callbacks
):
    npo_colleague = member(Role.NPO, npo, username="npo_colleague")
    fill(project, office, staff_user)
    Notification.objects.all().delete()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        fill(project, npo, npo_user)
    assert told(notices.EVALUATION_SUBMITTED) == {staff_user}
    assert told(notices.ROUND_UNSEALED) == {staff_user, npo_colleague, manager_user}
    round_ = EvaluationRound.objects.get()
    assert (
        Notification.objects.get(kind=notices.ROUND_UNSEALED, recipient=manager_user).url
        == round_.get_absolute_url()
    )


def test_a_carried_forward_item_is_told_to_the_staff_planning_a_project_it_applies_to(
    project, office, npo, staff_user, npo_user, django_capture_on_commit_callbacks
):
    fill(project, office, staff_user)
    fill(project, npo, npo_user)
    round_ = EvaluationRound.objects.select_related("project").get()
    colleague = member(Role.STAFF, office, username="colleague")
    elsewhere = OfficeFactory()
    planner = member(Role.STAFF, elsewhere, username="planner")
    continuation = ProjectFactory(
        owner_office=elsewhere, stage=Stage.METHOD, predecessor=project, method=Method.SUBSIDY
    )
    ProjectFactory(owner_office=elsewhere, stage=Stage.IMPLEMENTATION, predecessor=project)
    Notification.objects.all().delete()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.improvement_add(
            round_=round_, by=staff_user, text="今回限りの事情", owner="both", carry_forward=False
        )
    assert not told(notices.IMPROVEMENT_TO_ACKNOWLEDGE)
    with django_capture_on_commit_callbacks(execute=True):
        services.improvement_add(
            round_=round_, by=colleague, text="概算払いにする", owner="government"
        )
    assert_told_only(notices.IMPROVEMENT_TO_ACKNOWLEDGE, [planner])
    notice = Notification.objects.get(recipient=planner)
    assert notice.url == continuation.get_absolute_url() and "概算払いにする" in notice.body


def test_the_items_reverse_matches_what_a_project_is_offered(project, office, npo):
    """projects_to_acknowledge is the reverse of applicable_improvements."""
    from evaluation.models import ImprovementItem
    from evaluation.selectors import applicable_improvements
    from tests.factories import add_partner

    item = ImprovementItem.objects.create(
        round=EvaluationRound.objects.create(project=project, kind="final"),
        project=project,
        text="t",
        owner="both",
    )
    same_npo = ProjectFactory(owner_office=office, stage=Stage.DRAFT, method=Method.SUBSIDY)
    add_partner(same_npo, npo)
    withdrawn = ProjectFactory(owner_office=office, stage=Stage.DRAFT, method=Method.SUBSIDY)
    add_partner(withdrawn, npo, status="withdrawn")
    same_method = ProjectFactory(
        owner_office=office, stage=Stage.SUITABILITY, method=project.method
    )
    other_office = ProjectFactory(stage=Stage.DRAFT, method=project.method)
    found = selectors.projects_to_acknowledge(item)
    assert found == [same_npo, same_method]
    for candidate in (same_npo, withdrawn, same_method, other_office):
        assert (candidate in found) == applicable_improvements(candidate).filter(
            pk=item.pk
        ).exists()
