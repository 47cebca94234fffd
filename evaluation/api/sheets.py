"""Signed in: a project's rounds and sheets, and filling in one's own side's sheet."""

from drf_spectacular.utils import extend_schema, extend_schema_field, extend_schema_view
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response

from evaluation import selectors
from evaluation import sheet as sheet_data
from evaluation.api.public import TAG_EVALUATIONS
from evaluation.models import (
    ANSWER_TEXT_MAX_LENGTH,
    OVERALL_COMMENT_MAX_LENGTH,
    TEXT_TOO_LONG,
    Answer,
    Evaluation,
    RoundKind,
)
from evaluation.permissions import (
    can_view_sheet,
    get_project_facts_or_404,
    get_project_or_404,
    get_sheet_or_404,
)
from evaluation.services import AnswerInput, evaluation_save
from kyodo_portal.core.api.fields import (
    ID,
    ChoiceField,
    ChoiceSerializer,
    OrganizationRefSerializer,
)
from partners.models import Organization
from projects.models import Project


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
