"""継続事業: a closed project's office creates its continuation for the next fiscal year, linked to
it, with the same aim but no partner (the next partner is chosen fairly again)."""

import pytest
from django.urls import reverse

from kyodo_portal.core.fiscal import fiscal_year_of
from partners.models import ActivityField
from projects import services
from projects.choices import Stage
from projects.models import Project
from projects.permissions import (
    CONTINUATION_EXISTS,
    NOT_CLOSED_FOR_CONTINUATION,
    NOT_OWNER_STAFF,
    can_continue_project,
)
from projects.services import PermissionDenied
from tests.projects.conftest import project_at

pytestmark = pytest.mark.django_db


@pytest.fixture
def closed(office, npo):
    project = project_at(Stage.CLOSED, office, npo, title="子育て広場の運営", method="commission")
    project.fields.set(ActivityField.objects.filter(number__in=[1, 2]))
    return project


def test_who_and_when(closed, office, staff_user, other_staff_user, npo_user, manager_user):
    assert can_continue_project(staff_user, closed) == (True, "")
    assert can_continue_project(other_staff_user, closed) == (False, str(NOT_OWNER_STAFF))
    assert can_continue_project(npo_user, closed)[0] is False
    assert can_continue_project(manager_user, closed)[0] is False
    running = project_at(Stage.IMPLEMENTATION, office)
    assert can_continue_project(staff_user, running) == (
        False,
        str(NOT_CLOSED_FOR_CONTINUATION),
    )
    ended = project_at(Stage.ENDED, office, end_outcome="government_alone")
    assert can_continue_project(staff_user, ended)[0] is False


def test_the_continuation_carries_the_aim_but_not_the_partner(closed, office, staff_user):
    successor = services.project_continue(project=closed, by=staff_user)
    assert successor.predecessor == closed
    assert successor.stage == Stage.DRAFT
    assert successor.owner_office == office
    assert (successor.title, successor.purpose) == (closed.title, closed.purpose)
    assert set(successor.fields.all()) == set(closed.fields.all())
    year = max(closed.fiscal_year_end + 1, fiscal_year_of())
    assert successor.fiscal_year_start == successor.fiscal_year_end == year
    assert not successor.project_partners.exists() and successor.method == ""
    assert successor.responsible_staff == staff_user
    # Once only.
    with pytest.raises(PermissionDenied) as error:
        services.project_continue(project=closed, by=staff_user)
    assert str(error.value) == str(CONTINUATION_EXISTS)


def test_refused_for_another_office(closed, other_staff_user):
    with pytest.raises(PermissionDenied):
        services.project_continue(project=closed, by=other_staff_user)
    assert Project.objects.count() == 1


def test_the_button_creates_it_and_opens_its_edit_page(client, closed, staff_user, npo_user):
    client.force_login(npo_user)
    assert "継続事業を作成" not in client.get(closed.get_absolute_url()).content.decode()
    assert client.post(reverse("projects:project_continue", args=[closed.pk])).status_code == 404
    client.force_login(staff_user)
    assert "継続事業を作成" in client.get(closed.get_absolute_url()).content.decode()
    response = client.post(reverse("projects:project_continue", args=[closed.pk]))
    successor = Project.objects.get(predecessor=closed)
    assert response.url == reverse("projects:project_edit", args=[successor.pk])
    page = client.get(response.url).content.decode()
    assert "継続事業を作成しました" in page
    # Asked again: the reason, and no second continuation.
    response = client.post(reverse("projects:project_continue", args=[closed.pk]), follow=True)
    assert str(CONTINUATION_EXISTS) in response.content.decode()
    assert Project.objects.filter(predecessor=closed).count() == 1
    assert "継続事業を作成" not in client.get(closed.get_absolute_url()).content.decode()


def test_the_predecessor_choice_lists_closed_projects_of_the_office_with_year_and_stage(
    client, closed, office, other_office, staff_user
):
    project_at(Stage.IMPLEMENTATION, office, title="実施中の事業")
    project_at(Stage.CLOSED, other_office, title="他課の完了事業")
    client.force_login(staff_user)
    page = client.get(reverse("projects:project_create")).content.decode()
    assert "子育て広場の運営（令和8年度（2026年度）・完了）" in page
    assert "実施中の事業" not in page and "他課の完了事業" not in page


def test_an_earlier_link_to_a_project_not_closed_stays_valid(client, office, staff_user):
    earlier = project_at(Stage.IMPLEMENTATION, office, title="前の事業")
    project = project_at(Stage.DRAFT, office, predecessor=earlier)
    client.force_login(staff_user)
    page = client.get(reverse("projects:project_edit", args=[project.pk])).content.decode()
    assert "前の事業（" in page
