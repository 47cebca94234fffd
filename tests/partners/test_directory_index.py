"""The NPO directory's keyword search is indexed on PostgreSQL (trigram index of its columns)."""

import pytest
from django.db import connection

from partners.models import Organization
from partners.selectors import directory_search
from tests.factories import NpoFactory

pytestmark = pytest.mark.django_db

COLUMNS = ("name", "name_kana", "description", "track_record")


def test_each_searched_column_can_use_the_trigram_index():
    if connection.vendor != "postgresql":
        pytest.skip("the trigram index exists on PostgreSQL only")
    NpoFactory(name="子育て応援ネット")
    NpoFactory(name="まちの防災会")
    assert [org.name for org in directory_search(keywords="子育て")] == ["子育て応援ネット"]
    with connection.cursor() as cursor:
        # A tiny table is cheaper to read whole, or along another index; forbid both, leaving
        # only bitmap scans (the only kind a GIN index offers), to see whether the index
        # applies to the exact SQL Django writes for the directory's icontains.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
        for column in COLUMNS:
            queryset = Organization.objects.filter(**{f"{column}__icontains": "子育て"}).order_by()
            sql, params = queryset.query.sql_with_params()
            cursor.execute("EXPLAIN " + sql, params)
            plan = "\n".join(row[0] for row in cursor.fetchall())
            assert "partners_org_search_trgm" in plan, (column, plan)
