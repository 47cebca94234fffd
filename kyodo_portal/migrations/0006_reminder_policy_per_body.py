import django.db.models.deletion
from django.db import migrations, models

from kyodo_portal.core.models import ReminderKind


def copy_to_every_body(apps, schema_editor):
    """The deployment-wide settings become each body's starting settings, so nothing changes
    for anyone until a body's managers change their own."""
    ReminderPolicy = apps.get_model("kyodo_portal", "ReminderPolicy")
    GovernmentBody = apps.get_model("partners", "GovernmentBody")
    shared = list(ReminderPolicy.objects.filter(body__isnull=True))
    body_ids = list(GovernmentBody.objects.values_list("pk", flat=True))
    ReminderPolicy.objects.bulk_create(
        [
            ReminderPolicy(
                body_id=body_id,
                kind=policy.kind,
                lead_days=policy.lead_days,
                mandatory=policy.mandatory,
                enabled=policy.enabled,
            )
            for policy in shared
            for body_id in body_ids
        ]
    )
    ReminderPolicy.objects.filter(body__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("kyodo_portal", "0005_reminder_preference_any_kind"),
        ("partners", "0009_organization_ordering_by_body_id"),
    ]

    operations = [
        migrations.AlterField(
            model_name="reminderpolicy",
            name="kind",
            field=models.CharField(
                choices=ReminderKind.choices, max_length=40, verbose_name="種類"
            ),
        ),
        migrations.AddField(
            model_name="reminderpolicy",
            name="body",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="reminder_policies",
                to="partners.governmentbody",
                verbose_name="自治体",
            ),
        ),
        migrations.RunPython(copy_to_every_body, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="reminderpolicy",
            name="body",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="reminder_policies",
                to="partners.governmentbody",
                verbose_name="自治体",
            ),
        ),
        migrations.AddConstraint(
            model_name="reminderpolicy",
            constraint=models.UniqueConstraint(
                fields=("body", "kind"), name="reminder_policy_one_per_body"
            ),
        ),
    ]
