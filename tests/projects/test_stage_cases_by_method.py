"""A project page shows the casebook's cases for its stage narrowed to the project's method."""

import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from projects.choices import Stage
from tests.projects.conftest import project_at

pytestmark = pytest.mark.django_db

NOTE = "この段階の事例をすべて示しています"


@pytest.fixture(autouse=True)
def _fresh_cache():
    # The stage lists are cached across requests; each test starts without them.
    cache.clear()


def casebook_links(html: str) -> set[int]:
    return {int(n) for n in re.findall(r'href="/casebook/(\d+)/"', html)}


def page(client, user, project, name="projects:agreement"):
    client.force_login(user)
    response = client.get(reverse(name, args=[project.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_the_agreement_page_shows_only_the_cases_of_the_projects_method(client, office, staff_user):
    project = project_at(Stage.AGREEMENT, office, method="co_hosting")
    html = page(client, staff_user, project)
    # Co-hosting at the agreement stage: the injury at an event, and the agreement that
    # planned for one; not the commission or cooperation cases of the same stage.
    assert casebook_links(html) == {7, 16}
    assert NOTE not in html


def test_the_project_page_narrows_by_method_at_its_current_stage(client, office, staff_user):
    project = project_at(Stage.AGREEMENT, office, method="commission")
    html = page(client, staff_user, project, "projects:project_detail")
    assert {3, 4} <= casebook_links(html)
    assert not {7, 8, 9, 16} & casebook_links(html)


def test_without_a_method_the_whole_stage_is_shown(client, office, staff_user):
    project = project_at(Stage.SUITABILITY, office, method="")
    html = page(client, staff_user, project, "projects:suitability")
    assert {3, 6, 14} <= casebook_links(html)
    assert NOTE not in html


def test_a_method_no_case_of_the_stage_teaches_falls_back_to_the_stage_and_says_so(
    client, office, staff_user
):
    project = project_at(Stage.AGREEMENT, office, method="subsidy")
    html = page(client, staff_user, project)
    assert {3, 4, 7, 8, 9, 16} <= casebook_links(html)
    assert NOTE in html


def test_the_page_costs_no_more_queries_with_a_method(client, office, staff_user):
    with_method = project_at(Stage.AGREEMENT, office, method="co_hosting")
    without = project_at(Stage.AGREEMENT, office, method="")
    client.force_login(staff_user)

    counts = []
    for project in (without, with_method):
        cache.clear()
        with CaptureQueriesContext(connection) as queries:
            response = client.get(reverse("projects:agreement", args=[project.pk]))
        assert response.status_code == 200
        counts.append(len(queries))
    assert counts[1] <= counts[0]
