"""The NPO directory's keyword search is indexed on PostgreSQL (trigram index of its search key)."""

import pytest
from django.db import connection

from kyodo_portal.core.japanese_search import search_key
from partners.models import Organization
from partners.selectors import directory_search
from tests.factories import NpoFactory

pytestmark = pytest.mark.django_db


def test_the_searched_column_can_use_the_trigram_index():
    if connection.vendor != "postgresql":
        pytest.skip("the trigram index exists on PostgreSQL only")
    NpoFactory(name="子育て応援ネット")
    NpoFactory(name="まちの防災会")
    assert [org.name for org in directory_search(keywords="子育て")] == ["子育て応援ネット"]
    with connection.cursor() as cursor:
        # A tiny table is cheaper to read whole, or along another index; forbid both, leaving
        # only bitmap scans (the only kind a GIN index offers), to see whether the index
        # applies to the exact SQL Django writes for the directory's contains.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
        # The directory's condition as Django writes it, on the stored search key (the kind
        # filter is left out: on a tiny table the planner would rather use the kind index).
        key = search_key("子育て応援")
        queryset = Organization.objects.filter(search_text__contains=key).order_by()
        sql, params = queryset.query.sql_with_params()
        cursor.execute("EXPLAIN " + sql, params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
        assert "partners_org_search_text_trgm" in plan, plan
        # The index that covered the four raw columns is gone with them.
        cursor.execute("SELECT 1 FROM pg_indexes WHERE indexname = 'partners_org_search_trgm'")
        assert cursor.fetchone() is None
