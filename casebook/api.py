"""The casebook in the API: its cases (thirteen failure stories and the good practices), public
and read-only, in the caller's language,
filtered exactly as on the casebook page (``casebook.selectors.search_cases``)."""

import django_filters
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_field, extend_schema_view
from rest_framework import serializers

from casebook import permissions, selectors
from casebook.forms import CASE_STAGES
from casebook.models import Case
from kyodo_portal.core.api import opendata
from kyodo_portal.core.api.conditional import freshness
from kyodo_portal.core.api.fields import ChoiceSerializer, choices
from kyodo_portal.core.api.viewsets import PublicReadOnlyViewSet
from projects.choices import Method, Principle

TAG = "public"


class CaseSerializer(serializers.ModelSerializer):
    title = serializers.CharField(read_only=True)
    summary = serializers.CharField(read_only=True)
    story = serializers.CharField(read_only=True)
    problem = serializers.CharField(read_only=True)
    hints = serializers.ListField(child=serializers.CharField(), read_only=True)
    questions = serializers.ListField(child=serializers.CharField(), read_only=True)
    kind = serializers.SerializerMethodField()
    stages = serializers.SerializerMethodField()
    methods = serializers.SerializerMethodField()
    principles = serializers.SerializerMethodField()
    url = serializers.SerializerMethodField(help_text="事例のページ")

    class Meta:
        model = Case
        fields = [
            "number",
            "kind",
            "title",
            "summary",
            "story",
            "problem",
            "hints",
            "questions",
            "stages",
            "methods",
            "principles",
            "url",
            "updated_at",
        ]

    @extend_schema_field(ChoiceSerializer)
    def get_kind(self, case):
        return {"value": case.kind, "label": str(case.get_kind_display())}

    @extend_schema_field(ChoiceSerializer(many=True))
    def get_stages(self, case):
        return choices(case.stages)

    @extend_schema_field(ChoiceSerializer(many=True))
    def get_methods(self, case):
        return choices(case.methods)

    @extend_schema_field(ChoiceSerializer(many=True))
    def get_principles(self, case):
        return choices(case.principles)

    def get_url(self, case) -> str:
        return self.context["request"].build_absolute_uri(case.get_absolute_url())


class CaseFilter(django_filters.FilterSet):
    stage = django_filters.ChoiceFilter(
        choices=[(s.value, s.label) for s in CASE_STAGES], help_text=_("段階で絞り込む")
    )
    method = django_filters.ChoiceFilter(choices=Method.choices, help_text=_("協働方法で絞り込む"))
    principle = django_filters.ChoiceFilter(
        choices=Principle.choices, help_text=_("協働の原則で絞り込む")
    )
    kind = django_filters.ChoiceFilter(
        choices=Case.Kind.choices, help_text=_("事例の種類（失敗事例・良い実践例）で絞り込む")
    )
    q = django_filters.CharFilter(
        max_length=100,
        help_text=_(
            "キーワード（題名・本文から探す。送り仮名・かなの種類・全角半角の違いは区別しない）"
        ),
    )


@extend_schema_view(
    list=extend_schema(tags=[TAG], summary="事例集の一覧"),
    retrieve=extend_schema(tags=[TAG], summary="事例"),
)
class CaseViewSet(PublicReadOnlyViewSet):
    """The casebook: fictional cases (failures and good practices) tagged with stages, methods
    and principles."""

    serializer_class = CaseSerializer
    filterset_class = CaseFilter
    lookup_field = "number"
    lookup_value_regex = r"\d+"
    queryset = Case.objects.none()

    def get_queryset(self):
        return Case.objects.all()

    def apply_filters(self, queryset, cleaned: dict):
        return selectors.search_cases(
            stage=cleaned.get("stage", ""),
            method=cleaned.get("method", ""),
            principle=cleaned.get("principle", ""),
            kind=cleaned.get("kind", ""),
            query=(cleaned.get("q") or "").strip(),
        )

    def filter_queryset(self, queryset):
        if not permissions.can_view_casebook(self.request.user)[0]:
            raise Http404
        return super().filter_queryset(queryset)

    def get_object(self):
        if not permissions.can_view_casebook(self.request.user)[0]:
            raise Http404
        case = selectors.case_detail(int(self.kwargs["number"]), with_related=False)
        if case is None:
            raise Http404
        return case


# --- open data ---------------------------------------------------------------------------------


def _case_rows(request):
    for case in selectors.all_cases():
        yield {
            "number": case.number,
            "kind": str(case.get_kind_display()),
            "title": case.title,
            "summary": case.summary,
            "stages": [str(s.label) for s in case.stages],
            "methods": [str(m.label) for m in case.methods],
            "principles": [str(p.label) for p in case.principles],
            "url": request.build_absolute_uri(case.get_absolute_url()),
            "updated_at": case.updated_at,
        }


def _case_freshness():
    return freshness(Case.objects.all(), ("updated_at",))


C = opendata.Column
opendata.register(
    opendata.Dataset(
        slug="cases",
        title=_("協働の事例集"),
        description=_(
            "協働の進め方を学ぶための事例（架空）：よくある13の失敗事例と、手引の考え方を生かした"
            "良い実践例。各事例が扱う段階・協働方法・原則を示します。"
        ),
        columns=(
            C("number", _("番号"), _("事例の番号"), "integer"),
            C("kind", _("事例の種類"), _("失敗事例または良い実践例")),
            C("title", _("題名"), _("事例の題名")),
            C("summary", _("要旨"), _("事例の要旨")),
            C("stages", _("段階"), _("事例が扱う事業の段階（複数は「；」区切り）")),
            C("methods", _("協働方法"), _("事例が扱う協働方法（複数は「；」区切り）")),
            C("principles", _("協働の原則"), _("事例が扱う協働の原則（複数は「；」区切り）")),
            C("url", _("URL"), _("事例のページ"), "url"),
            C("updated_at", _("更新日時"), _("事例を最後に更新した日時"), "datetime"),
        ),
        rows=_case_rows,
        freshness=_case_freshness,
        keywords=(_("協働"), _("NPO"), _("事例")),
    )
)
