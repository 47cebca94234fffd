from django.db import migrations


def load(apps, schema_editor):
    from partners.reference import load_activity_fields

    load_activity_fields(apps.get_model("partners", "ActivityField"))


class Migration(migrations.Migration):
    dependencies = [("partners", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
