"""A stage's own page offers the move to the next stage once its work lets the project move on,
to whoever may move it; elsewhere, and while a gate is closed, it does not."""

import pytest
from django.urls import reverse

from kyodo_portal.core.roles import Role
from projects.choices import Stage
from tests.factories import ProjectFactory, add_partner, member
from tests.projects.conftest import answer_suitability

pytestmark = pytest.mark.django_db

BUTTON = "「方法選択」へ進む"


def suitability_page(client, user, project):
    client.force_login(user)
    return client.get(reverse("projects:suitability", args=[project.pk])).content.decode()


def test_the_suitability_page_offers_the_method_stage_once_collaboration_is_decided(
    client, office, staff_user
):
    project = ProjectFactory(owner_office=office, stage=Stage.SUITABILITY)
    assert BUTTON not in suitability_page(client, staff_user, project)  # nothing decided yet

    answer_suitability(project, staff_user)
    page = suitability_page(client, staff_user, project)
    assert BUTTON in page
    assert reverse("projects:project_advance", args=[project.pk]) in page

    response = client.post(
        reverse("projects:project_advance", args=[project.pk]), {"to": Stage.METHOD}
    )
    assert response.status_code == 302
    project.refresh_from_db()
    assert project.stage == Stage.METHOD
    # The suitability page no longer holds the current stage's work.
    assert BUTTON not in suitability_page(client, staff_user, project)


def test_only_the_owner_office_is_offered_the_move(client, office, npo, npo_user, manager_user):
    project = ProjectFactory(owner_office=office, stage=Stage.SUITABILITY)
    add_partner(project, npo)
    answer_suitability(project, member(Role.STAFF, office))
    for outsider in (npo_user, manager_user):
        assert BUTTON not in suitability_page(client, outsider, project)
