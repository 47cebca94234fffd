"""one_or_none: the row by a unique key, without the ORDER BY that first() adds."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kyodo_portal.queries import one_or_none
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


def test_page_reads_are_shared_only_where_a_page_shares_them():
    from kyodo_portal.queries import page_read, share_page_reads

    project, reads = ProjectFactory(), []

    def read():
        reads.append(1)
        return len(reads)

    assert [page_read(project, "k", read) for _ in range(2)] == [1, 2]  # afresh each time
    share_page_reads(project)
    assert [page_read(project, "k", read) for _ in range(2)] == [3, 3]
    assert page_read(project, "other", read) == 4
    assert page_read(ProjectFactory(), "k", read) == 5  # another object shares nothing
