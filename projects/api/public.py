"""The public project statistics (open data): counts by method, activity field, year and stage."""

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from kyodo_portal.core.api import opendata
from kyodo_portal.core.api.conditional import (
    conditional_schema,
    freshness,
    not_modified,
    validators,
)
from kyodo_portal.core.fiscal import format_fiscal_year
from partners.models import ActivityField
from projects.api.common import TAG_PUBLIC
from projects.choices import Method, Stage
from projects.models import Project

# Only projects whose collaboration has been decided and made public (from partner selection
# on); plans under consideration and projects that ended at the suitability check are internal.
STATS_STAGES = [
    Stage.PARTNER_SELECTION,
    Stage.AGREEMENT,
    Stage.IMPLEMENTATION,
    Stage.EVALUATION,
    Stage.CLOSED,
]
STATS_SCOPE = _(
    "協働相手の選定以降の段階にある協働事業（構想・検討中の事業と、見送りになった事業は含みません）。"
    "年度は事業の開始年度です。1つの事業が複数の活動分野に当たる場合は、それぞれの分野に数えます。"
)


class CountSerializer(serializers.Serializer):
    key = serializers.CharField(help_text="識別子（協働方法・段階の値、活動分野の番号、年度）")
    label = serializers.CharField(help_text="表示名")
    projects = serializers.IntegerField(help_text="事業数")


class StatisticsSerializer(serializers.Serializer):
    scope = serializers.CharField(help_text="集計の対象")
    total = serializers.IntegerField(help_text="対象の事業数")
    by_method = CountSerializer(many=True)
    by_field = CountSerializer(many=True)
    by_fiscal_year = CountSerializer(many=True)
    by_stage = CountSerializer(many=True)


def stats_projects():
    return Project.objects.filter(stage__in=STATS_STAGES)


def statistics() -> dict:
    """Project counts by method, activity field, starting fiscal year and stage (4 queries)."""
    projects = stats_projects()
    by_method = dict(projects.values_list("method").annotate(n=Count("pk")).order_by())
    by_stage = dict(projects.values_list("stage").annotate(n=Count("pk")).order_by())
    by_year = (
        projects.values_list("fiscal_year_start")
        .annotate(n=Count("pk"))
        .order_by("fiscal_year_start")
    )
    fields = ActivityField.objects.annotate(
        n=Count("projects", filter=Q(projects__stage__in=STATS_STAGES), distinct=True)
    ).order_by("number")
    rows_method = [
        {"key": m.value, "label": str(m.label), "projects": by_method.get(m.value, 0)}
        for m in Method
    ]
    if by_method.get(""):
        rows_method.append({"key": "", "label": str(_("未定")), "projects": by_method[""]})
    return {
        "scope": str(STATS_SCOPE),
        "total": sum(by_stage.values()),
        "by_method": rows_method,
        "by_field": [{"key": str(f.number), "label": f.name, "projects": f.n} for f in fields],
        "by_fiscal_year": [
            {"key": str(year), "label": format_fiscal_year(year), "projects": n}
            for year, n in by_year
        ],
        "by_stage": [
            {"key": s.value, "label": str(s.label), "projects": by_stage.get(s.value, 0)}
            for s in STATS_STAGES
        ],
    }


def _stats_freshness():
    return freshness(stats_projects(), ("updated_at",))


class StatisticsView(APIView):
    """Aggregate statistics of collaboration projects (open data)."""

    permission_classes = [AllowAny]

    @conditional_schema
    @extend_schema(
        tags=[TAG_PUBLIC],
        summary="協働事業の統計（協働方法・活動分野・年度・段階ごとの事業数）",
        responses=StatisticsSerializer,
        operation_id="public_statistics",
    )
    def get(self, request):
        count, modified = _stats_freshness()
        headers = validators(request, count, modified)
        if not_modified(request, headers):
            return Response(status=304, headers=headers)
        return Response(statistics(), headers=headers)


DIMENSIONS = {
    "by_method": _("協働方法"),
    "by_field": _("活動分野"),
    "by_fiscal_year": _("開始年度"),
    "by_stage": _("段階"),
}


def _stats_rows(request):
    data = statistics()
    for dimension, title in DIMENSIONS.items():
        for row in data[dimension]:
            yield {
                "dimension": dimension.removeprefix("by_"),
                "dimension_label": str(title),
                "key": row["key"],
                "label": row["label"],
                "projects": row["projects"],
            }


C = opendata.Column
opendata.register(
    opendata.Dataset(
        slug="project-statistics",
        title=_("協働事業の統計"),
        description=STATS_SCOPE,
        columns=(
            C(
                "dimension",
                _("集計の観点"),
                _("method（協働方法）、field（活動分野）、fiscal_year（開始年度）、stage（段階）"),
            ),
            C("dimension_label", _("集計の観点（名称）"), _("集計の観点の表示名")),
            C(
                "key",
                _("区分"),
                _("協働方法・段階の識別子、活動分野の番号（1〜20）、または西暦の年度"),
            ),
            C("label", _("区分の名称"), _("区分の表示名")),
            C("projects", _("事業数"), _("この区分に当たる協働事業の数"), "integer"),
        ),
        rows=_stats_rows,
        freshness=_stats_freshness,
        keywords=(_("協働"), _("NPO"), _("統計")),
    )
)
