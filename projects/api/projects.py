"""Collaboration projects in the API: the list and detail a person may read, stage moves and the
agreement, through ``projects.permissions`` and ``projects.services`` as the pages do.
"""

import django_filters
from django.db.models import Prefetch
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_field, extend_schema_view
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response

from kyodo_portal.core.api.fields import (
    ID,
    ChoiceField,
    ChoiceSerializer,
    OrganizationRefSerializer,
)
from kyodo_portal.core.api.filters import IdFilter, SelectorFilterBackend
from kyodo_portal.core.roles import Role
from partners.models import ActivityField, Organization
from partners.selectors import organization_ids_of
from projects import selectors, services
from projects.api.common import TAG_PROJECTS, FieldSerializer
from projects.choices import ConfirmingSide, Method, Stage
from projects.facts import project_facts
from projects.models import AgreementVersion, Project, ProjectEvent, ProjectPartner
from projects.permissions import can_advance_project, can_list_projects, get_project_for_view_or_404
from projects.workflow import allowed_targets, closed_gates, is_backward


class PartnerSerializer(serializers.ModelSerializer):
    organization = OrganizationRefSerializer(read_only=True)
    status = ChoiceField()
    via = ChoiceField()

    class Meta:
        model = ProjectPartner
        fields = ["organization", "status", "via"]


class ProjectSerializer(serializers.ModelSerializer):
    stage = ChoiceField(help_text="段階")
    method = ChoiceField(help_text="協働方法")
    origin = ChoiceField(help_text="発案")
    owner_office = OrganizationRefSerializer(read_only=True, help_text="担当課")
    partners = serializers.SerializerMethodField(help_text="協働相手（辞退・解消を除く）")
    url = serializers.SerializerMethodField(help_text="事業のページ")

    class Meta:
        model = Project
        fields = [
            "id",
            "title",
            "stage",
            "method",
            "origin",
            "owner_office",
            "fiscal_year_start",
            "fiscal_year_end",
            "partners",
            "version",
            "updated_at",
            "url",
        ]

    @extend_schema_field(PartnerSerializer(many=True))
    def get_partners(self, project):
        return PartnerSerializer(project.active_partners, many=True).data

    def get_url(self, project) -> str:
        return self.context["request"].build_absolute_uri(project.get_absolute_url())


class EventSerializer(serializers.ModelSerializer):
    from_stage = ChoiceField()
    to_stage = ChoiceField()
    actor = serializers.SerializerMethodField()
    note = serializers.CharField(
        source="note_text", read_only=True, help_text="ポータルが記録した移動の理由（読み手の言語）"
    )

    class Meta:
        model = ProjectEvent
        fields = ["from_stage", "to_stage", "comment", "note", "is_backward", "actor", "created_at"]

    def get_actor(self, event) -> str | None:
        return event.actor.get_full_name() if event.actor else None


class MoveSerializer(serializers.Serializer):
    to = ChoiceSerializer(help_text="移れる段階")
    backward = serializers.BooleanField(help_text="前の段階に戻る移動か（理由の記入が必要）")
    reasons = serializers.ListField(
        child=serializers.CharField(), help_text="まだ満たされていない条件（空なら移れます）"
    )


class ProjectDetailSerializer(ProjectSerializer):
    responsible_staff = serializers.SerializerMethodField(help_text="担当職員の氏名")
    fields = FieldSerializer(many=True, read_only=True, help_text="活動分野")
    end_outcome = ChoiceField(help_text="見送りの理由（見送りのときだけ）")
    timeline = serializers.SerializerMethodField(help_text="段階の変更の記録")
    moves = serializers.SerializerMethodField(
        help_text="この人が行える段階の移動と、それぞれの未達の条件（担当課の職員だけ）"
    )

    class Meta(ProjectSerializer.Meta):
        fields = [
            *ProjectSerializer.Meta.fields[:-2],
            "background",
            "purpose",
            "content",
            "beneficiaries",
            "outcome_targets",
            "responsible_staff",
            "start_date",
            "end_date",
            "budget",
            "fields",
            "end_outcome",
            "predecessor",
            "timeline",
            "moves",
            "created_at",
            "updated_at",
            "url",
        ]

    def get_responsible_staff(self, project) -> str | None:
        staff = project.responsible_staff
        return staff.get_full_name() if staff else None

    @extend_schema_field(EventSerializer(many=True))
    def get_timeline(self, project):
        return EventSerializer(project.events.all(), many=True).data

    @extend_schema_field(MoveSerializer(many=True))
    def get_moves(self, project):
        facts = project_facts(project)  # one snapshot for every move's gates
        if not can_advance_project(self.context["request"].user, facts)[0]:
            return []
        return [
            {
                "to": {"value": target, "label": str(Stage(target).label)},
                "backward": is_backward(project.stage, target),
                "reasons": []
                if is_backward(project.stage, target)
                else closed_gates(facts, target),
            }
            for target in allowed_targets(project)
        ]


def _offices():
    return Organization.objects.filter(kind=Organization.Kind.GOVERNMENT)


class ProjectFilter(django_filters.FilterSet):
    """The filters of the project list page (projects.forms.ProjectFilterForm)."""

    q = django_filters.CharFilter(max_length=200, help_text=_("事業名に含まれる語"))
    stage = django_filters.ChoiceFilter(choices=Stage.choices, help_text=_("段階"))
    method = django_filters.ChoiceFilter(choices=Method.choices, help_text=_("協働方法"))
    field = IdFilter(queryset=ActivityField.objects.all(), help_text=_("活動分野のID"))
    fiscal_year = django_filters.NumberFilter(
        min_value=1989, max_value=2200, help_text=_("年度（その年度に実施される事業）")
    )
    office = IdFilter(queryset=_offices(), help_text=_("担当課のID"))


class AdvanceSerializer(serializers.Serializer):
    to = serializers.ChoiceField(choices=Stage.choices, help_text="移る段階")
    comment = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=2000,
        help_text="コメント（前の段階に戻すときは理由が必要）",
    )


class RoleLineSerializer(serializers.Serializer):
    task = serializers.CharField()
    side = ChoiceField()
    deliverable = serializers.CharField()
    due_date = serializers.DateField(allow_null=True)


class CostLineSerializer(serializers.Serializer):
    item = serializers.CharField()
    category = ChoiceField()
    amount = serializers.IntegerField(help_text="金額（円）")
    borne_by = ChoiceField()
    note = serializers.CharField()


class ResponsibilityLineSerializer(serializers.Serializer):
    topic = ChoiceField()
    side = ChoiceField()
    text = serializers.CharField()


class ConfirmationSerializer(serializers.Serializer):
    side = ChoiceField()
    organization = serializers.CharField(source="organization.display_name")
    confirmed_by = serializers.SerializerMethodField()
    confirmed_at = serializers.DateTimeField()

    def get_confirmed_by(self, confirmation) -> str | None:
        person = confirmation.confirmed_by
        return person.get_full_name() if person else None


class AgreementSerializer(serializers.ModelSerializer):
    revision = serializers.IntegerField(source="agreement.revision")
    roles = RoleLineSerializer(many=True)
    costs = CostLineSerializer(many=True)
    responsibilities = ResponsibilityLineSerializer(many=True)
    confirmations = ConfirmationSerializer(many=True)
    payment_method = ChoiceField(
        help_text="支払方法（前金払・概算払・精算払・部分払。未定は null）"
    )
    payment_schedule = serializers.CharField(help_text="支払の時期と方法")

    class Meta:
        model = AgreementVersion
        fields = [
            "number",
            "revision",
            "roles",
            "costs",
            "responsibilities",
            "payment_method",
            "payment_schedule",
            "confirmations",
            "created_at",
            "updated_at",
        ]


class ConfirmSerializer(serializers.Serializer):
    side = serializers.ChoiceField(choices=ConfirmingSide.choices, help_text="確認する側")
    number = serializers.IntegerField(min_value=1, help_text="確認する版の番号（読んだ版）")


NOT_LISTABLE = _("協働事業の一覧を見られるのは、行政の職員・管理職と、協働相手のNPOの会員です。")
NO_AGREEMENT = _("この事業には、まだ協定案がありません。")

PROJECT_DETAIL = Project.objects.select_related(
    "owner_office", "responsible_staff", "predecessor"
).prefetch_related(
    "fields",
    Prefetch("events", queryset=ProjectEvent.objects.select_related("actor")),
    Prefetch(
        "project_partners",
        queryset=ProjectPartner.objects.exclude(status=ProjectPartner.Status.WITHDRAWN)
        .select_related("organization")
        .order_by("pk"),
        to_attr="active_partners",
    ),
)


@extend_schema_view(
    list=extend_schema(tags=[TAG_PROJECTS], summary="協働事業の一覧"),
    retrieve=extend_schema(tags=[TAG_PROJECTS], summary="協働事業"),
)
class ProjectViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Projects the person may read: the office's own (staff), all (managers), those their NPO
    takes part in (NPO members) — the lists of 「協働事業」 and 「参加している事業」."""

    lookup_value_regex = ID

    filterset_class = ProjectFilter
    filter_backends = [SelectorFilterBackend]
    queryset = Project.objects.none()

    def get_serializer_class(self):
        return ProjectSerializer if self.action == "list" else ProjectDetailSerializer

    def get_queryset(self):
        user = self.request.user
        if not (can_list_projects(user)[0] or organization_ids_of(user, Role.NPO)):
            raise PermissionDenied(str(NOT_LISTABLE))
        return Project.objects.none()

    def apply_filters(self, queryset, cleaned):
        return selectors.project_list(self.request.user, cleaned)

    def get_object(self):
        return get_project_for_view_or_404(self.request.user, self.kwargs["pk"], PROJECT_DETAIL)

    @extend_schema(
        tags=[TAG_PROJECTS],
        summary="段階を進める（戻す）",
        request=AdvanceSerializer,
        responses=ProjectDetailSerializer,
        description="画面の「次の段階へ」と同じ処理です。条件がそろっていなければ 409 "
        "（code: gate_closed）と、満たされていない条件の一覧（reasons）を返します。",
    )
    @action(detail=True, methods=["post"])
    def advance(self, request, pk=None):
        project = self.get_object()
        body = AdvanceSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        services.project_advance(
            project=project,
            to=body.validated_data["to"],
            by=request.user,
            comment=body.validated_data.get("comment", ""),
        )
        return Response(self.get_serializer(self.get_object()).data)

    @extend_schema(tags=[TAG_PROJECTS], summary="協定案（最新の版）", responses=AgreementSerializer)
    @action(detail=True, methods=["get"])
    def agreement(self, request, pk=None):
        project = self.get_object()
        version = selectors.agreement_version(project)
        if version is None:
            raise Http404(str(NO_AGREEMENT))
        return Response(AgreementSerializer(version).data)

    @extend_schema(
        tags=[TAG_PROJECTS],
        summary="協定案を確認する",
        request=ConfirmSerializer,
        responses=AgreementSerializer,
        description="画面の「この版を確認する」と同じ処理です。読んだ版が最新でなければ 409 "
        "（code: stale）を返します。",
    )
    @agreement.mapping.post
    def confirm_agreement(self, request, pk=None):
        project = self.get_object()
        body = ConfirmSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        services.agreement_confirm(
            project=project,
            by=request.user,
            side=body.validated_data["side"],
            number=body.validated_data["number"],
        )
        return Response(AgreementSerializer(selectors.agreement_version(project)).data)
