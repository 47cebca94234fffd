"""NPO proposals in the API: the proposals a person may read, drafting, submitting and comments."""

import django_filters
from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.response import Response

from kyodo_portal.core.api.fields import ID, ChoiceField, OrganizationRefSerializer
from kyodo_portal.core.api.filters import SelectorFilterBackend
from partners.models import ActivityField, Organization
from projects import selectors, services
from projects.api.common import TAG_PROPOSALS, FieldSerializer
from projects.api.projects import _offices
from projects.choices import Method, ProposalStatus
from projects.models import Proposal, ProposalComment
from projects.permissions import can_list_proposals, get_proposal_for_view_or_404


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
            "purpose",
            "idea",
            "beneficiaries",
            "expected_outcomes",
            "government_roles",
            "npo_roles",
            "shared_roles",
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
            "purpose",
            "idea",
            "beneficiaries",
            "expected_outcomes",
            "proposed_method",
            "government_roles",
            "npo_roles",
            "shared_roles",
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
