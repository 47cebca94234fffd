"""Partners in the public API: the deployment's government bodies, and the ``?body=<slug>``
filter the public lists of the other apps share."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers, viewsets
from rest_framework.permissions import AllowAny

from kyodo_portal.core.api.conditional import ConditionalListMixin
from kyodo_portal.core.api.fields import ChoiceField
from kyodo_portal.core.api.filters import SlugFilter
from partners.models import GovernmentBody
from partners.models.bodies import body_by_id
from partners.selectors import UNKNOWN_BODY, public_bodies

BODY_FILTER_HELP = _("自治体のURL名（/b/ の一覧のページのアドレスにある名前）。例：saitama-city")


def body_filter() -> SlugFilter:
    """``?body=<slug>``: only one government body's rows; an unknown name is a 400 that says so
    (the list is never quietly the whole deployment's)."""
    return SlugFilter(
        queryset=GovernmentBody.objects.all(),
        help_text=BODY_FILTER_HELP,
        error_messages={"invalid_choice": UNKNOWN_BODY},
    )


# --- public: the bodies on the deployment ------------------------------------------------------


class PublicBodySerializer(serializers.ModelSerializer):
    level = ChoiceField(help_text="区分（都道府県・市町村）")
    prefecture = serializers.SerializerMethodField(help_text="市町村の都道府県のURL名")
    url = serializers.SerializerMethodField(help_text="自治体のページ")

    class Meta:
        model = GovernmentBody
        fields = ["slug", "code", "name", "name_en", "level", "prefecture", "url"]

    def get_prefecture(self, body) -> str | None:
        prefecture = body_by_id(body.prefecture_id)
        return prefecture.slug if prefecture else None

    def get_url(self, body) -> str:
        return self.context["request"].build_absolute_uri(reverse("body_detail", args=[body.slug]))


@extend_schema_view(
    list=extend_schema(
        tags=["public"],
        summary="参加している自治体の一覧（各一覧の body パラメータに使う URL名つき）",
    )
)
class PublicBodyViewSet(ConditionalListMixin, viewsets.GenericViewSet):
    """The deployment's government bodies in the order of /b/: the URL names the ``body``
    parameter of the public lists and open-data files takes."""

    permission_classes = [AllowAny]
    serializer_class = PublicBodySerializer
    queryset = GovernmentBody.objects.none()

    def get_queryset(self):
        return public_bodies()

    def get_freshness(self, objects):
        # Bodies keep no change time (they change on mergers only); the ETag covers their number.
        return len(objects), None
