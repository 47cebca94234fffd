"""Serializer pieces every app's API uses, so the schema names each shape once."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

# IDs in addresses are digits only: anything else is an unknown address (404), never a query.
ID = r"[0-9]+"


class ChoiceSerializer(serializers.Serializer):
    value = serializers.CharField(help_text="識別子（言語によらず一定）")
    label = serializers.CharField(help_text="表示名（Accept-Language の言語）")


@extend_schema_field(ChoiceSerializer(allow_null=True))
class ChoiceField(serializers.Field):
    """A model choice as {"value", "label"}, or null when blank."""

    def __init__(self, **kwargs):
        kwargs.setdefault("read_only", True)
        super().__init__(**kwargs)

    def get_attribute(self, instance):
        return instance

    def to_representation(self, instance):
        name = self.source or self.field_name
        value = getattr(instance, name)
        if not value:
            return None
        return {"value": value, "label": str(getattr(instance, f"get_{name}_display")())}


def choices(items) -> list[dict]:
    return [{"value": item.value, "label": str(item.label)} for item in items]


class OrganizationRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField(source="display_name", help_text="組織名")
