"""The moved models' content types follow them from partners to selection.

Audit entries, reminders and permissions point at content type rows by id, so renaming the rows
keeps every one of them attached. A new database has no rows yet: Django creates them after
migrating, already under selection.
"""

from django.db import migrations

MOVED = (
    "application",
    "applicationattachment",
    "call",
    "callrevision",
    "committeemember",
    "conflictdeclaration",
    "criterion",
    "designation",
    "score",
)


def _relabel(apps, schema_editor, source: str, target: str) -> None:
    content_types = apps.get_model("contenttypes", "ContentType").objects.using(
        schema_editor.connection.alias
    )
    for model in MOVED:
        # A row under the target label already exists only if Django created it in between;
        # then the old row stays as it is rather than break the unique (app_label, model).
        if content_types.filter(app_label=target, model=model).exists():
            continue
        content_types.filter(app_label=source, model=model).update(app_label=target)


def forwards(apps, schema_editor):
    _relabel(apps, schema_editor, "partners", "selection")


def backwards(apps, schema_editor):
    _relabel(apps, schema_editor, "selection", "partners")


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("selection", "0001_initial"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
