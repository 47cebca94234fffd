"""Reload the casebook: fills the search keys of the existing cases and adds the good-practice
cases (良い実践例). The same loader backs ``manage.py load_casebook``."""

from django.db import migrations


def load(apps, schema_editor):
    from casebook.services import casebook_load

    casebook_load(
        case_model=apps.get_model("casebook", "Case"),
        tag_model=apps.get_model("casebook", "CaseTag"),
    )


def unload_good_practice(apps, schema_editor):
    apps.get_model("casebook", "Case").objects.filter(kind="good_practice").delete()


class Migration(migrations.Migration):
    dependencies = [("casebook", "0003_case_kind_and_search_keys")]

    operations = [migrations.RunPython(load, unload_good_practice)]
