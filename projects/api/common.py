"""What the project and proposal endpoints share: their schema tags and the activity field."""

from rest_framework import serializers

from partners.models import ActivityField

TAG_PROJECTS = "projects"
TAG_PROPOSALS = "proposals"
TAG_PUBLIC = "public"


class FieldSerializer(serializers.ModelSerializer):
    name = serializers.CharField(read_only=True, help_text="活動分野の名称")

    class Meta:
        model = ActivityField
        fields = ["id", "number", "name"]
