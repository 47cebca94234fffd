"""Joint evaluation in the API.

Public (no login): the published summaries of closed projects — both sides' scores per item and
the conclusions they agreed — exactly what the public summary page shows. Never the reasons or
comments written on the sheets, never a sheet of a round that is still sealed, never drafts.

Signed in: a project's rounds and sheets as the evaluation pages show them (the sealed rule of
``evaluation.permissions`` applies), and filling in or submitting one's own side's sheet through
``evaluation.services.evaluation_save``.
"""

import django_filters
from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_field, extend_schema_view
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response

from evaluation import selectors
from evaluation import sheet as sheet_data
from evaluation.models import (
    ANSWER_TEXT_MAX_LENGTH,
    OVERALL_COMMENT_MAX_LENGTH,
    TEXT_TOO_LONG,
    Answer,
    Evaluation,
    EvaluationRound,
    RoundKind,
)
from evaluation.permissions import (
    can_view_sheet,
    get_project_facts_or_404,
    get_project_or_404,
    get_published_round_or_404,
    get_sheet_or_404,
)
from evaluation.services import AnswerInput, evaluation_save
from kyodo_portal.core.api import opendata
from kyodo_portal.core.api.conditional import freshness
from kyodo_portal.core.api.fields import (
    ID,
    ChoiceField,
    ChoiceSerializer,
    OrganizationRefSerializer,
)
from kyodo_portal.core.api.filters import IdFilter
from kyodo_portal.core.api.viewsets import PublicReadOnlyViewSet
from partners.models import Organization
from projects.choices import Method
from projects.models import Project, ProjectPartner

TAG_PUBLIC = "public"
TAG_EVALUATIONS = "evaluations"


def _partner_names(project) -> list[str]:
    return [p.organization.display_name for p in project.confirmed_partners]


# --- public summaries --------------------------------------------------------------------------


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


def published_rounds():
    return selectors.published_rounds().prefetch_related(
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


# --- signed in: rounds and sheets --------------------------------------------------------------


class SheetStatusSerializer(serializers.Serializer):
    organization = OrganizationRefSerializer()
    side = serializers.CharField(help_text="government（行政）または npo")
    status = serializers.SerializerMethodField(help_text="未着手（null）・下書き・提出済み")
    submitted_at = serializers.SerializerMethodField()
    sheet_id = serializers.SerializerMethodField(
        help_text="開ける評価シートのID（封がされていれば null）"
    )
    mine = serializers.BooleanField(help_text="自分が記入する立場のシートか")

    @extend_schema_field(ChoiceSerializer(allow_null=True))
    def get_status(self, status):
        if status.sheet is None:
            return None
        return {"value": status.sheet.status, "label": str(status.sheet.get_status_display())}

    def get_submitted_at(self, status) -> str | None:
        if status.sheet is None or status.sheet.submitted_at is None:
            return None
        return serializers.DateTimeField().to_representation(status.sheet.submitted_at)

    def get_sheet_id(self, status) -> int | None:
        return status.sheet.pk if status.sheet is not None and status.viewable else None


class RoundStatusSerializer(serializers.Serializer):
    kind = serializers.SerializerMethodField()
    window_open = serializers.BooleanField(help_text="いまこの回のシートを記入できる段階か")
    unsealed = serializers.BooleanField(help_text="双方の評価がそろい、相手の評価を見られるか")
    published_at = serializers.SerializerMethodField()
    sheets = SheetStatusSerializer(many=True)

    @extend_schema_field(ChoiceSerializer)
    def get_kind(self, status):
        return {"value": status.kind, "label": str(status.label)}

    def get_published_at(self, status) -> str | None:
        if status.round is None or status.round.published_at is None:
            return None
        return serializers.DateTimeField().to_representation(status.round.published_at)


class ProjectEvaluationSerializer(serializers.Serializer):
    project = serializers.IntegerField(source="project.pk")
    project_title = serializers.CharField(source="project.title")
    rounds = RoundStatusSerializer(many=True)


class AnswerSerializer(serializers.ModelSerializer):
    label = serializers.SerializerMethodField()

    class Meta:
        model = Answer
        fields = ["item", "label", "group", "principle", "score", "reason", "comment"]

    def get_label(self, answer) -> str:
        item = sheet_data.ITEMS_BY_KEY.get(answer.item) or sheet_data.RETIRED_ITEMS.get(answer.item)
        return item.label if item else answer.item


class SheetSerializer(serializers.ModelSerializer):
    project = serializers.IntegerField(source="round.project_id")
    kind = serializers.SerializerMethodField()
    side = ChoiceField()
    status = ChoiceField()
    organization = OrganizationRefSerializer()
    answers = AnswerSerializer(many=True)

    class Meta:
        model = Evaluation
        fields = [
            "id",
            "project",
            "kind",
            "side",
            "organization",
            "status",
            "overall_comment",
            "comment_on_other",
            "submitted_at",
            "version",
            "answers",
            "updated_at",
        ]

    @extend_schema_field(ChoiceSerializer)
    def get_kind(self, sheet):
        return {"value": sheet.round.kind, "label": str(sheet.round.get_kind_display())}


class AnswerInputSerializer(serializers.Serializer):
    score = serializers.IntegerField(
        min_value=1, max_value=5, allow_null=True, help_text="評点（1〜5。1・2は理由が必要）"
    )
    reason = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=ANSWER_TEXT_MAX_LENGTH,
        error_messages={"max_length": TEXT_TOO_LONG},
    )
    comment = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=ANSWER_TEXT_MAX_LENGTH,
        error_messages={"max_length": TEXT_TOO_LONG},
    )


class SheetInputSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=RoundKind.choices, help_text="中間評価・最終評価")
    organization = serializers.PrimaryKeyRelatedField(
        queryset=Organization.objects.all(),
        help_text="評価する立場の組織のID（担当課、または協働相手のNPO）",
    )
    answers = serializers.DictField(
        child=AnswerInputSerializer(),
        help_text="評価項目の識別子ごとの回答",
    )
    overall_comment = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=OVERALL_COMMENT_MAX_LENGTH,
        error_messages={"max_length": TEXT_TOO_LONG},
    )
    version = serializers.IntegerField(
        required=False, allow_null=True, min_value=0, help_text="もとにしたシートの版（新規は省略）"
    )
    submit = serializers.BooleanField(
        default=False, help_text="true なら提出（以後は修正できません）、false なら下書き保存"
    )


@extend_schema_view(
    retrieve=extend_schema(
        tags=[TAG_EVALUATIONS], summary="事業の評価の状況（回ごとのシートの状態。評点は含まない）"
    ),
)
class ProjectEvaluationViewSet(mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """A project's evaluation rounds, keyed by the project's ID."""

    lookup_value_regex = ID

    serializer_class = ProjectEvaluationSerializer
    queryset = Project.objects.none()

    def get_object(self):
        return get_project_or_404(self.request.user, self.kwargs["pk"])

    def retrieve(self, request, pk=None):
        facts = get_project_facts_or_404(request.user, pk)
        return Response(
            ProjectEvaluationSerializer(
                {"project": facts.project, "rounds": selectors.round_statuses(request.user, facts)}
            ).data
        )

    @extend_schema(
        tags=[TAG_EVALUATIONS],
        summary="自分の立場の評価シートを保存・提出する",
        request=SheetInputSerializer,
        responses=SheetSerializer,
        description="画面の評価シートと同じ処理です。提出すると修正できず、双方がそろうまで相手には"
        "見えません。",
    )
    @action(detail=True, methods=["post"])
    def sheet(self, request, pk=None):
        project = self.get_object()
        body = SheetInputSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        saved = evaluation_save(
            project=project,
            kind=data["kind"],
            organization=data["organization"],
            by=request.user,
            answers={
                key: AnswerInput(
                    score=answer.get("score"),
                    reason=answer.get("reason", ""),
                    comment=answer.get("comment", ""),
                )
                for key, answer in data["answers"].items()
            },
            overall_comment=data.get("overall_comment", ""),
            version=data.get("version"),
            submit=data["submit"],
        )
        return Response(SheetSerializer(_sheet(saved.pk)).data)


def _sheet(pk: int) -> Evaluation:
    return (
        Evaluation.objects.select_related("round", "organization")
        .prefetch_related("answers")
        .get(pk=pk)
    )


@extend_schema_view(retrieve=extend_schema(tags=[TAG_EVALUATIONS], summary="評価シート"))
class EvaluationSheetViewSet(mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """One sheet: one's own side's always, the other side's once the round is unsealed."""

    lookup_value_regex = ID

    serializer_class = SheetSerializer
    queryset = Evaluation.objects.none()

    def get_object(self):
        sheet = get_sheet_or_404(self.request.user, self.kwargs["pk"])
        allowed, reason = can_view_sheet(self.request.user, sheet)
        if not allowed:
            raise PermissionDenied(reason)
        return _sheet(sheet.pk)


# --- open data ---------------------------------------------------------------------------------


def _round_freshness():
    return freshness(selectors.published_rounds(), ROUND_FRESHNESS)


def _summary_rows(request):
    for round_ in published_rounds():
        project = round_.project
        yield {
            "evaluation_id": round_.pk,
            "project_title": project.title,
            "office": project.owner_office.display_name,
            "partners": _partner_names(project),
            "method": str(project.get_method_display()) if project.method else "",
            "fiscal_year_start": project.fiscal_year_start,
            "fiscal_year_end": project.fiscal_year_end,
            "purpose": project.purpose,
            "outcome_targets": project.outcome_targets,
            "meeting_date": round_.meeting_date,
            "conclusions": round_.conclusions,
            "third_party_name": round_.third_party_name,
            "third_party_comment": round_.third_party_comment,
            "published_at": round_.published_at,
            "url": request.build_absolute_uri(round_.get_public_url()),
        }


def _score_rows(request):
    answers = (
        Answer.objects.filter(
            evaluation__round__in=selectors.published_rounds().values("pk"),
            evaluation__status=Evaluation.Status.SUBMITTED,
        )
        .select_related("evaluation__organization", "evaluation__round__project")
        .order_by("evaluation__round_id", "evaluation__side", "evaluation__organization_id", "pk")
    )
    for answer in answers.iterator(chunk_size=2000):
        item = sheet_data.ITEMS_BY_KEY.get(answer.item) or sheet_data.RETIRED_ITEMS.get(answer.item)
        group = sheet_data.GROUPS_BY_KEY.get(answer.group)
        sheet = answer.evaluation
        yield {
            "evaluation_id": sheet.round_id,
            "project_title": sheet.round.project.title,
            "side": str(sheet.get_side_display()),
            "organization": sheet.organization.display_name,
            "item": answer.item,
            "item_label": item.label if item else answer.item,
            "group": answer.group,
            "group_label": group.label if group else answer.group,
            "score": answer.score,
        }


C = opendata.Column
EVALUATION_ID = C(
    "evaluation_id", _("評価ID"), _("公表された評価を識別する番号（2つのデータで共通）"), "integer"
)
opendata.register(
    opendata.Dataset(
        slug="evaluation-summaries",
        title=_("協働事業の評価の概要"),
        description=_(
            "完了した協働事業について、行政とNPOが共同で行った最終評価の概要（公表したもの）。"
            "評点は「協働事業の評価の評点」にあります。"
        ),
        columns=(
            EVALUATION_ID,
            C("project_title", _("協働事業"), _("評価した協働事業の名称")),
            C("office", _("担当課"), _("事業を担当した自治体と課の名称")),
            C("partners", _("協働相手"), _("協働したNPO（複数は「；」区切り）")),
            C("method", _("協働方法"), _("6つの協働方法のいずれか")),
            C("fiscal_year_start", _("開始年度"), _("事業の開始年度（西暦）"), "integer"),
            C("fiscal_year_end", _("終了年度"), _("事業の終了年度（西暦）"), "integer"),
            C("purpose", _("目的"), _("事業の目的")),
            C(
                "outcome_targets",
                _("成果目標・指標"),
                _("事業を始める前に双方で合意した目標と指標"),
            ),
            C("meeting_date", _("振り返り会議の開催日"), _("双方で評価を話し合った日"), "date"),
            C("conclusions", _("合意した結論"), _("振り返り会議で双方が合意した結論")),
            C("third_party_name", _("第三者の名称"), _("第三者のコメントを寄せた委員会などの名称")),
            C("third_party_comment", _("第三者のコメント"), _("第三者による評価へのコメント")),
            C("published_at", _("公表日時"), _("評価の概要を公表した日時"), "datetime"),
            C("url", _("URL"), _("評価の概要のページ"), "url"),
        ),
        rows=_summary_rows,
        freshness=_round_freshness,
        keywords=(_("協働"), _("NPO"), _("評価")),
    )
)
opendata.register(
    opendata.Dataset(
        slug="evaluation-scores",
        title=_("協働事業の評価の評点"),
        description=_(
            "公表した最終評価について、評価項目ごとの行政とNPOそれぞれの評点（1〜5、事前に合意した"
            "期待に対して 5 大きく上回った〜3 期待どおり〜1 大きく下回った）。"
        ),
        columns=(
            EVALUATION_ID,
            C("project_title", _("協働事業"), _("評価した協働事業の名称")),
            C("side", _("立場"), _("評価した側（行政（担当課）またはNPO）")),
            C("organization", _("評価した組織"), _("評価シートを提出した組織")),
            C("item", _("評価項目の識別子"), _("評価項目を識別する英字の名前")),
            C("item_label", _("評価項目"), _("評価項目の名称")),
            C("group", _("項目のまとまりの識別子"), _("評価項目のまとまりを識別する英字の名前")),
            C("group_label", _("項目のまとまり"), _("評価項目のまとまりの名称")),
            C("score", _("評点"), _("1〜5の評点（未回答は空欄）"), "integer"),
        ),
        rows=_score_rows,
        freshness=_round_freshness,
        keywords=(_("協働"), _("評価")),
    )
)
