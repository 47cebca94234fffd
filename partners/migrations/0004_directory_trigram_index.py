"""A trigram index for the NPO directory's keyword search (PostgreSQL only).

The directory matches each keyword anywhere in the name, kana, description and track record
(``icontains``, which Django writes as ``UPPER(column::text) LIKE UPPER(...)``). Without an index
every search reads every NPO; with a GIN index of trigrams over the same expressions PostgreSQL
finds the candidates directly. pg_trgm ships with PostgreSQL and is a trusted extension, so the
database owner may enable it; where that is refused the search still works, only unindexed.
"""

import logging

from django.db import migrations, transaction

logger = logging.getLogger(__name__)

INDEX = "partners_org_search_trgm"
COLUMNS = ("name", "name_kana", "description", "track_record")


def create_index(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor != "postgresql":
        return
    expressions = ", ".join(f"UPPER({column}::text) gin_trgm_ops" for column in COLUMNS)
    try:
        # A savepoint: a refusal must not abort the rest of the migration's transaction.
        with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
            cursor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
            cursor.execute(
                f"CREATE INDEX IF NOT EXISTS {INDEX} ON partners_organization "
                f"USING gin ({expressions})"
            )
    except Exception as error:  # noqa: BLE001 — the search works without the index
        logger.warning("NPO directory search left unindexed: %s", error)


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("partners", "0003_selection")]

    operations = [migrations.RunPython(create_index, drop_index)]
