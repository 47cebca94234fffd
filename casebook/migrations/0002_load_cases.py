"""Load the thirteen cases so that a fresh ``migrate`` has the whole casebook.

Uses the historical models; the content itself lives in casebook/content/cases.py and the same
loader backs ``manage.py load_casebook``.
"""

from django.db import migrations


def load(apps, schema_editor):
    from casebook.content.cases import CASES
    from casebook.services import casebook_load

    casebook_load(
        case_model=apps.get_model("casebook", "Case"),
        tag_model=apps.get_model("casebook", "CaseTag"),
        # The thirteen of that time; the good-practice cases come with 0004, once numbers above
        # thirteen and their kind exist.
        cases=[entry for entry in CASES if entry["number"] <= 13],
    )


def unload(apps, schema_editor):
    apps.get_model("casebook", "Case").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("casebook", "0001_initial")]

    operations = [migrations.RunPython(load, unload)]
