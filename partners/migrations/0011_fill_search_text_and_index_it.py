"""Fill the directory's search key of existing organisations, and index it instead of the four
columns the directory used to search one by one.

The trigram index (PostgreSQL only, as in 0004) now covers the single ``search_text`` column the
directory matches with ``contains``; where pg_trgm is refused the search still works, unindexed.
"""

import logging

from django.db import migrations, transaction

logger = logging.getLogger(__name__)

OLD_INDEX = "partners_org_search_trgm"
INDEX = "partners_org_search_text_trgm"
BATCH = 500


def fill(apps, schema_editor):
    from partners.models.people import organization_search_text

    Organization = apps.get_model("partners", "Organization")
    batch = []
    for organization in Organization.objects.only(
        "name", "name_kana", "description", "track_record"
    ).iterator(chunk_size=BATCH):
        organization.search_text = organization_search_text(organization)
        batch.append(organization)
        if len(batch) >= BATCH:
            Organization.objects.bulk_update(batch, ["search_text"])
            batch = []
    Organization.objects.bulk_update(batch, ["search_text"])


def create_index(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor != "postgresql":
        return
    try:
        # A savepoint: a refusal must not abort the rest of the migration's transaction.
        with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
            cursor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
            cursor.execute(
                f"CREATE INDEX IF NOT EXISTS {INDEX} ON partners_organization "
                "USING gin (search_text gin_trgm_ops)"
            )
            cursor.execute(f"DROP INDEX IF EXISTS {OLD_INDEX}")
    except Exception as error:  # noqa: BLE001 — the search works without the index
        logger.warning("NPO directory search left unindexed: %s", error)


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("partners", "0010_organization_search_text")]

    operations = [
        migrations.RunPython(fill, migrations.RunPython.noop),
        migrations.RunPython(create_index, drop_index),
    ]
