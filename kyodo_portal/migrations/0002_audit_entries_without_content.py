"""Entries written before the trail stopped copying content keep only what it records now.

A frozen copy of the rule in kyodo_portal/audit.py (migrations do not import live code): objects
by type and id, codes from fixed lists as they were, field dicts as their names, lists as their
length, everything else by name only; the target as "<type> #<id>".
"""

from django.conf import settings
from django.db import migrations
from django.utils import translation

RECORDED_VALUES = frozenset(
    {
        "acknowledge_legal_status",
        "carry_forward",
        "category",
        "enabled",
        "enabled_kinds",
        "has_conflict",
        "is_chair",
        "kind",
        "language",
        "lead_days",
        "mandatory",
        "method",
        "number",
        "outcome",
        "owner",
        "publish_name",
        "replaced",
        "revision",
        "role",
        "route",
        "side",
        "submit",
        "to",
        "version",
        "via",
    }
)


def _is_reference(value) -> bool:
    return isinstance(value, dict) and "id" in value and set(value) <= {"id", "label", "type"}


def scrubbed(details: dict) -> dict:
    result, given = {}, []
    for name, value in (details or {}).items():
        if _is_reference(value):
            result[name] = {"id": value["id"]}
        elif name in RECORDED_VALUES and not isinstance(value, dict):
            result[name] = value
        elif isinstance(value, dict):
            result[name] = {"fields": sorted(str(key) for key in value)[:50]}
        elif isinstance(value, list) and value and all(_is_reference(v) for v in value):
            result[name] = [{"id": v["id"]} for v in value]
        elif isinstance(value, list):
            result[name] = {"count": len(value)}
        elif value not in (None, ""):
            given.append(name)
    if given:
        result["given"] = sorted(given)
    return result


def _type_name(apps, ContentType, pk: int) -> str:
    content_type = ContentType.objects.filter(pk=pk).first()
    try:
        model = apps.get_model(content_type.app_label, content_type.model)
    except (AttributeError, LookupError):
        return ""
    with translation.override(settings.LANGUAGE_CODE):
        return str(model._meta.verbose_name)


def forward(apps, schema_editor):
    AuditEntry = apps.get_model("kyodo_portal", "AuditEntry")
    ContentType = apps.get_model("contenttypes", "ContentType")
    names: dict[int, str] = {}
    changed = []
    for entry in AuditEntry.objects.all().iterator(chunk_size=2000):
        details = scrubbed(entry.details)
        label = entry.target_repr
        if entry.target_type_id:
            if entry.target_type_id not in names:
                names[entry.target_type_id] = _type_name(apps, ContentType, entry.target_type_id)
            label = f"{names[entry.target_type_id]} #{entry.target_id}".strip()
        if details != entry.details or label != entry.target_repr:
            entry.details, entry.target_repr = details, label
            changed.append(entry)
        if len(changed) >= 2000:
            AuditEntry.objects.bulk_update(changed, ["details", "target_repr"])
            changed = []
    AuditEntry.objects.bulk_update(changed, ["details", "target_repr"])


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("kyodo_portal", "0001_initial"),
    ]

    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
