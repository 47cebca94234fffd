"""Collaboration projects and NPO proposals in the API, and the public project statistics.

Every read goes through ``projects.permissions`` (the same fetchers and lists as the pages) and
every change through ``projects.services``; a refusal there is the API's refusal too.
"""

import django_filters
from django.db.models import Count, Prefetch, Q
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_field, extend_schema_view
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied, ValidationError
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
from kyodo_portal.core.api.fields import (
    ID,
    ChoiceField,
    ChoiceSerializer,
    OrganizationRefSerializer,
)
from kyodo_portal.core.api.filters import IdFilter, SelectorFilterBackend
from kyodo_portal.core.fiscal import format_fiscal_year
from kyodo_portal.core.roles import Role
from partners.models import ActivityField, Organization
from partners.selectors import organization_ids_of
from projects import selectors, services
from projects.choices import ConfirmingSide, Method, ProposalStatus, Stage
from projects.facts import project_facts
from projects.models import (
    AgreementVersion,
    Project,
    ProjectEvent,
    ProjectPartner,
    Proposal,
    ProposalComment,
)
from projects.permissions import (
    can_advance_project,
    can_list_projects,
    can_list_proposals,
    get_project_for_view_or_404,
    get_proposal_for_view_or_404,
)
from projects.workflow import allowed_targets, closed_gates, is_backward

TAG_PROJECTS = "projects"
TAG_PROPOSALS = "proposals"
TAG_PUBLIC = "public"


class FieldSerializer(serializers.ModelSerializer):
    name = serializers.CharField(read_only=True, help_text="活動分野の名称")

    class Meta:
        model = ActivityField
        fields = ["id", "number", "name"]


# --- projects ----------------------------------------------------------------------------------


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

    class Meta:
        model = ProjectEvent
        fields = ["from_stage", "to_stage", "comment", "is_backward", "actor", "created_at"]

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

    class Meta:
        model = AgreementVersion
        fields = [
            "number",
            "revision",
            "roles",
            "costs",
            "responsibilities",
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


# --- proposals ---------------------------------------------------------------------------------


class CommentSerializer(serializers.ModelSerializer):
    side = ChoiceField()
    author = serializers.SerializerMethodField()

    class Meta:
        model = ProposalComment
        fields = ["side", "author", "body", "created_at"]

    def get_author(self, comment) -> str | None:
        return comment.author.get_full_name() if comment.author else None


class ProposalSerializer(serializers.ModelSerializer):
    organization = OrganizationRefSerializer(read_only=True, help_text="提案団体")
    addressed_office = OrganizationRefSerializer(read_only=True, help_text="提案先の担当課")
    status = ChoiceField(help_text="状態")
    proposed_method = ChoiceField(help_text="希望する協働方法")
    url = serializers.SerializerMethodField()

    class Meta:
        model = Proposal
        fields = [
            "id",
            "title",
            "organization",
            "addressed_office",
            "status",
            "proposed_method",
            "submitted_at",
            "decided_at",
            "version",
            "updated_at",
            "url",
        ]

    def get_url(self, proposal) -> str:
        return self.context["request"].build_absolute_uri(proposal.get_absolute_url())


class ProposalDetailSerializer(ProposalSerializer):
    fields = FieldSerializer(many=True, read_only=True)
    comments = CommentSerializer(many=True, read_only=True, help_text="事前協議のやりとり")

    class Meta(ProposalSerializer.Meta):
        fields = [
            *ProposalSerializer.Meta.fields,
            "issue",
            "idea",
            "beneficiaries",
            "expected_outcomes",
            "proposed_roles",
            "rough_budget",
            "fields",
            "decline_reason",
            "project",
            "created_at",
            "comments",
        ]


class ProposalWriteSerializer(serializers.ModelSerializer):
    """The fields of the proposal form; the service decides whether the person may."""

    addressed_office = serializers.PrimaryKeyRelatedField(
        queryset=_offices(), help_text="提案先の担当課のID"
    )
    fields = serializers.PrimaryKeyRelatedField(
        queryset=ActivityField.objects.all(), many=True, required=False, help_text="活動分野のID"
    )
    proposed_method = serializers.ChoiceField(
        choices=Method.choices, required=False, allow_blank=True
    )
    rough_budget = serializers.IntegerField(
        min_value=0, max_value=10**12, required=False, allow_null=True, help_text="概算事業費（円）"
    )

    class Meta:
        model = Proposal
        fields = [
            "addressed_office",
            "title",
            "issue",
            "idea",
            "beneficiaries",
            "expected_outcomes",
            "proposed_method",
            "proposed_roles",
            "rough_budget",
            "fields",
        ]

    def values(self) -> dict:
        return {k: v for k, v in self.validated_data.items() if k != "fields"}


class ProposalCreateSerializer(ProposalWriteSerializer):
    organization = serializers.PrimaryKeyRelatedField(
        queryset=Organization.objects.filter(kind=Organization.Kind.NPO),
        help_text="提案団体（自分が会員のNPO）のID",
    )

    class Meta(ProposalWriteSerializer.Meta):
        fields = ["organization", *ProposalWriteSerializer.Meta.fields]

    def values(self) -> dict:
        return {k: v for k, v in self.validated_data.items() if k not in ("fields", "organization")}


class ProposalUpdateSerializer(ProposalWriteSerializer):
    version = serializers.IntegerField(
        min_value=1, help_text="編集のもとにした版（他の人が先に更新していれば 409）"
    )

    class Meta(ProposalWriteSerializer.Meta):
        fields = [*ProposalWriteSerializer.Meta.fields, "version"]
        extra_kwargs = {"addressed_office": {"required": False}}

    def values(self) -> dict:
        return {k: v for k, v in self.validated_data.items() if k not in ("fields", "version")}


class ProposalFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(choices=ProposalStatus.choices, help_text=_("状態"))


VERSION_REQUIRED = _("編集のもとにした版（version）を送ってください。")
NOT_PROPOSAL_LISTER = _("協働提案の一覧を見られるのは、NPOの会員と行政の職員・管理職です。")

PROPOSAL_DETAIL = Proposal.objects.select_related(
    "organization", "addressed_office", "project"
).prefetch_related(
    "fields", Prefetch("comments", queryset=ProposalComment.objects.select_related("author"))
)


@extend_schema_view(
    list=extend_schema(tags=[TAG_PROPOSALS], summary="協働提案の一覧"),
    retrieve=extend_schema(tags=[TAG_PROPOSALS], summary="協働提案"),
)
class ProposalViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """NPO proposals (協働提案): the NPO's own, or those addressed to the office (once
    submitted). Created as drafts, edited while drafts, then submitted."""

    lookup_value_regex = ID

    filterset_class = ProposalFilter
    filter_backends = [SelectorFilterBackend]
    queryset = Proposal.objects.none()

    def get_serializer_class(self):
        return ProposalSerializer if self.action == "list" else ProposalDetailSerializer

    def get_queryset(self):
        allowed, _reason = can_list_proposals(self.request.user)
        if not allowed:
            raise PermissionDenied(str(NOT_PROPOSAL_LISTER))
        return selectors.proposals_of(self.request.user)

    def apply_filters(self, queryset, cleaned):
        if cleaned.get("status"):
            queryset = queryset.filter(status=cleaned["status"])
        return queryset

    def get_object(self):
        return get_proposal_for_view_or_404(self.request.user, self.kwargs["pk"], PROPOSAL_DETAIL)

    def _detail(self, proposal):
        fresh = get_proposal_for_view_or_404(self.request.user, proposal.pk, PROPOSAL_DETAIL)
        return ProposalDetailSerializer(fresh, context=self.get_serializer_context()).data

    @extend_schema(
        tags=[TAG_PROPOSALS],
        summary="協働提案を作成する（下書き）",
        request=ProposalCreateSerializer,
        responses={201: ProposalDetailSerializer},
    )
    def create(self, request):
        body = ProposalCreateSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        proposal = services.proposal_create(
            by=request.user,
            organization=body.validated_data["organization"],
            values=body.values(),
            fields=body.validated_data.get("fields", []),
        )
        return Response(self._detail(proposal), status=201)

    @extend_schema(
        tags=[TAG_PROPOSALS],
        summary="協働提案の下書きを修正する",
        request=ProposalUpdateSerializer,
        responses=ProposalDetailSerializer,
    )
    def partial_update(self, request, pk=None):
        proposal = self.get_object()
        body = ProposalUpdateSerializer(data=request.data, partial=True)
        body.is_valid(raise_exception=True)
        if "version" not in body.validated_data:
            raise ValidationError({"version": [str(VERSION_REQUIRED)]})
        services.proposal_update(
            proposal=proposal,
            by=request.user,
            values=body.values(),
            fields=body.validated_data.get("fields"),
            version=body.validated_data["version"],
        )
        return Response(self._detail(proposal))

    @extend_schema(
        tags=[TAG_PROPOSALS],
        summary="協働提案を提出する（事前協議の開始）",
        request=None,
        responses=ProposalDetailSerializer,
    )
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        proposal = self.get_object()
        services.proposal_submit(proposal=proposal, by=request.user)
        return Response(self._detail(proposal))


# --- public statistics -------------------------------------------------------------------------

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
