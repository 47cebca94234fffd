"""The published summaries of closed projects, readable without login."""

import django_filters
from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_field, extend_schema_view
from rest_framework import serializers

from evaluation import selectors
from evaluation.models import EvaluationRound
from evaluation.permissions import get_published_round_or_404
from kyodo_portal.core.api.fields import ID, ChoiceSerializer
from kyodo_portal.core.api.filters import IdFilter
from kyodo_portal.core.api.viewsets import PublicReadOnlyViewSet
from partners.api import body_filter
from partners.models import Organization
from projects.choices import Method
from projects.models import ProjectPartner

TAG_PUBLIC = "public"
TAG_EVALUATIONS = "evaluations"


def _partner_names(project) -> list[str]:
    return [p.organization.display_name for p in project.confirmed_partners]


class PublicEvaluationSerializer(serializers.ModelSerializer):
    project_title = serializers.CharField(source="project.title", help_text="協働事業")
    office = serializers.CharField(source="project.owner_office.display_name", help_text="担当課")
    partners = serializers.SerializerMethodField(help_text="協働相手")
    method = serializers.SerializerMethodField(help_text="協働方法")
    fiscal_year_start = serializers.IntegerField(source="project.fiscal_year_start")
    fiscal_year_end = serializers.IntegerField(source="project.fiscal_year_end")
    purpose = serializers.CharField(source="project.purpose", help_text="目的")
    outcome_targets = serializers.CharField(
        source="project.outcome_targets", help_text="事前に合意した成果目標・指標"
    )
    url = serializers.SerializerMethodField(help_text="評価の概要のページ")

    class Meta:
        model = EvaluationRound
        fields = [
            "id",
            "project_title",
            "office",
            "partners",
            "method",
            "fiscal_year_start",
            "fiscal_year_end",
            "purpose",
            "outcome_targets",
            "meeting_date",
            "conclusions",
            "third_party_name",
            "third_party_comment",
            "published_at",
            "url",
        ]

    def get_partners(self, round_) -> list[str]:
        return _partner_names(round_.project)

    @extend_schema_field(ChoiceSerializer(allow_null=True))
    def get_method(self, round_):
        project = round_.project
        if not project.method:
            return None
        return {"value": project.method, "label": str(project.get_method_display())}

    def get_url(self, round_) -> str:
        return self.context["request"].build_absolute_uri(round_.get_public_url())


class NpoScoreSerializer(serializers.Serializer):
    organization = serializers.CharField()
    score = serializers.IntegerField(allow_null=True)
    gap = serializers.IntegerField(allow_null=True, help_text="NPOの評点 − 行政の評点")


class ScoreRowSerializer(serializers.Serializer):
    item = serializers.CharField(help_text="評価項目の識別子")
    label = serializers.CharField(help_text="評価項目")
    group = serializers.CharField()
    group_label = serializers.CharField()
    government = serializers.IntegerField(allow_null=True, help_text="行政（担当課）の評点")
    npos = NpoScoreSerializer(many=True, help_text="NPOの評点")


class PublicEvaluationDetailSerializer(PublicEvaluationSerializer):
    scores = serializers.SerializerMethodField(help_text="双方の評点（1〜5）")

    class Meta(PublicEvaluationSerializer.Meta):
        fields = [*PublicEvaluationSerializer.Meta.fields, "scores"]

    @extend_schema_field(ScoreRowSerializer(many=True))
    def get_scores(self, round_):
        table = selectors.public_summary(round_)
        rows = []
        for group, group_rows in table["groups"]:
            for row in group_rows:
                rows.append(
                    {
                        "item": row.item.key,
                        "label": row.item.label,
                        "group": group.key,
                        "group_label": group.label,
                        "government": row.government.score if row.government else None,
                        "npos": [
                            {
                                "organization": sheet.organization.display_name,
                                "score": answer.score if answer else None,
                                "gap": gap,
                            }
                            for sheet, (answer, gap) in zip(table["npos"], row.pairs, strict=True)
                        ],
                    }
                )
        return rows


class PublicEvaluationFilter(django_filters.FilterSet):
    office = IdFilter(
        queryset=Organization.objects.filter(kind=Organization.Kind.GOVERNMENT),
        help_text=_("担当課のID"),
    )
    method = django_filters.ChoiceFilter(choices=Method.choices, help_text=_("協働方法"))
    fiscal_year = django_filters.NumberFilter(
        min_value=1989, max_value=2200, help_text=_("年度（その年度に実施された事業）")
    )
    body = body_filter()


def published_rounds(body=None):
    return selectors.published_rounds(body).prefetch_related(
        Prefetch(
            "project__project_partners",
            queryset=ProjectPartner.objects.filter(status=ProjectPartner.Status.PARTNER)
            .select_related("organization")
            .order_by("organization__name"),
            to_attr="confirmed_partners",
        )
    )


ROUND_FRESHNESS = ("updated_at", "project__updated_at", "project__owner_office__updated_at")


@extend_schema_view(
    list=extend_schema(tags=[TAG_PUBLIC], summary="公表された評価の概要の一覧"),
    retrieve=extend_schema(tags=[TAG_PUBLIC], summary="公表された評価の概要（双方の評点つき）"),
)
class PublicEvaluationViewSet(PublicReadOnlyViewSet):
    """Published evaluation summaries of closed projects."""

    lookup_value_regex = ID

    filterset_class = PublicEvaluationFilter
    freshness_fields = ROUND_FRESHNESS
    queryset = EvaluationRound.objects.none()

    def get_queryset(self):
        return published_rounds()

    def get_serializer_class(self):
        if self.action == "retrieve":
            return PublicEvaluationDetailSerializer
        return PublicEvaluationSerializer

    def apply_filters(self, queryset, cleaned):
        if cleaned.get("office"):
            queryset = queryset.filter(project__owner_office=cleaned["office"])
        if cleaned.get("method"):
            queryset = queryset.filter(project__method=cleaned["method"])
        if cleaned.get("body"):
            queryset = queryset.filter(project__owner_office__body=cleaned["body"])
        if cleaned.get("fiscal_year"):
            year = int(cleaned["fiscal_year"])
            queryset = queryset.filter(
                project__fiscal_year_start__lte=year, project__fiscal_year_end__gte=year
            )
        return queryset

    def get_object(self):
        # The same published-and-closed rule as the public page.
        round_ = get_published_round_or_404(self.kwargs["pk"])
        return published_rounds().get(pk=round_.pk)
