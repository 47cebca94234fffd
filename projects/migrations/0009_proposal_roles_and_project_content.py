from django.db import migrations, models


def roles_to_shared(apps, schema_editor):
    """The single free-text division of roles cannot be split by side reliably, so it is kept
    whole as the shared roles; the NPO or the office can move lines to a side afterwards."""
    Proposal = apps.get_model("projects", "Proposal")
    for proposal in Proposal.objects.exclude(proposed_roles="").only("pk", "proposed_roles"):
        Proposal.objects.filter(pk=proposal.pk).update(shared_roles=proposal.proposed_roles)


def shared_to_roles(apps, schema_editor):
    """Going back, the three texts are joined into the one they came from."""
    Proposal = apps.get_model("projects", "Proposal")
    labels = (("government_roles", "行政"), ("npo_roles", "NPO"), ("shared_roles", ""))
    for proposal in Proposal.objects.all():
        parts = []
        for name, label in labels:
            text = getattr(proposal, name).strip()
            if text:
                parts.append(f"{label}：{text}" if label else text)
        if parts:
            Proposal.objects.filter(pk=proposal.pk).update(proposed_roles="\n".join(parts))


class Migration(migrations.Migration):
    dependencies = [
        ("projects", "0008_agreement_dialogue"),
    ]

    operations = [
        migrations.AddField(
            model_name="project",
            name="content",
            field=models.TextField(blank=True, verbose_name="事業内容"),
        ),
        migrations.AddField(
            model_name="proposal",
            name="purpose",
            field=models.TextField(blank=True, verbose_name="目的"),
        ),
        migrations.AddField(
            model_name="proposal",
            name="government_roles",
            field=models.TextField(blank=True, verbose_name="行政の役割"),
        ),
        migrations.AddField(
            model_name="proposal",
            name="npo_roles",
            field=models.TextField(blank=True, verbose_name="NPOの役割"),
        ),
        migrations.AddField(
            model_name="proposal",
            name="shared_roles",
            field=models.TextField(blank=True, verbose_name="共同で行う役割"),
        ),
        migrations.RunPython(roles_to_shared, shared_to_roles),
        migrations.RemoveField(
            model_name="proposal",
            name="proposed_roles",
        ),
    ]
