"""The NPO directory shown again from the cache to the same person while no organisation and no
project changed (kyodo_portal/core/person_pages.py)."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from projects.choices import Stage
from tests.factories import ProjectFactory, add_partner

pytestmark = pytest.mark.django_db


def without_tokens(page: str) -> str:
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", page)


def view(client) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("partners:directory"))
    assert response.status_code == 200
    return len(queries), response.content.decode()


def test_an_organisation_or_a_project_changing_shows_at_once(client, staff_user, npo, office):
    client.force_login(staff_user)
    built, page = view(client)
    again, same = view(client)
    assert again < built
    assert without_tokens(same) == without_tokens(page)
    npo.name = "改名したNPO法人"
    npo.save()
    assert "改名したNPO法人" in view(client)[1]
    stored = view(client)[0]
    from projects.page_copies import projects_changed

    project = ProjectFactory(owner_office=office, stage=Stage.IMPLEMENTATION)
    add_partner(project, npo)
    projects_changed({project.pk})  # what every audited write to the project does
    assert view(client)[0] > stored
