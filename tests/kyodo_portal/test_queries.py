"""one_or_none: the row by a unique key, without the ORDER BY that first() adds."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kyodo_portal.core.queries import one_or_none
from projects.models import Project
from tests.factories import ProjectFactory

pytestmark = pytest.mark.django_db


def test_finds_the_row_or_none_without_ordering():
    project = ProjectFactory()
    with CaptureQueriesContext(connection) as queries:
        found = one_or_none(Project.objects.select_related("owner_office"), pk=project.pk)
        missing = one_or_none(Project.objects.all(), pk=project.pk + 1000)
    assert found == project and found.owner_office == project.owner_office
    assert missing is None
    assert len(queries) == 2
    assert all("ORDER BY" not in query["sql"] for query in queries.captured_queries)
