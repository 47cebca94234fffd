"""Partner selection in the API.

Public (no login): published calls with their criteria, weights, method and timeline; selection
results with their reasons; designations with their justification. Never: drafts, application
contents, individual scores, reviewers' comments, conflict declarations or contact details.

Signed in: an NPO's own applications (and any application the person may open on the page), and
submitting one — through ``partners.selection_services`` and ``partners.permissions``, as the
pages do.
"""

import django_filters
from django.db.models import Q
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_field, extend_schema_view
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response

from kyodo_portal.api import opendata
from kyodo_portal.api.conditional import ConditionalListMixin, freshness
from kyodo_portal.api.fields import ID, ChoiceField, OrganizationRefSerializer
from kyodo_portal.api.filters import IdFilter, SelectorFilterBackend
from kyodo_portal.api.viewsets import PublicReadOnlyViewSet
from partners import permissions as perms
from partners import selection_services as services
from partners import selectors
from partners.models import Organization
from selection.models import Application, Call, CallRevision, Criterion, Designation
from selection.scoring import METHOD_TEXT, TIE_RULE, compute_ranking

TAG_PUBLIC = "public"
TAG_APPLICATIONS = "applications"
NOT_NPO_MEMBER = _("応募の一覧を見られるのは、NPOの会員だけです。")


def office_name(project) -> str:
    return project.owner_office.display_name


# --- public: calls -----------------------------------------------------------------------------


class CriterionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Criterion
        fields = ["position", "name", "description", "weight", "concerns_legal_status"]


class ResultSerializer(serializers.Serializer):
    chosen_organization = serializers.CharField(allow_null=True, help_text="選定した団体")
    decision_reason = serializers.CharField(help_text="選定理由")
    not_top_reason = serializers.CharField(help_text="最高得点以外を選定した理由")
    committee_summary = serializers.CharField(help_text="審査の講評")
    decided_at = serializers.DateTimeField(allow_null=True)
    results_published_at = serializers.DateTimeField(allow_null=True)


def call_result(call) -> dict | None:
    """The published decision of a call (None until its results are public)."""
    if not call.results_are_public:
        return None
    chosen = call.chosen_application
    return {
        "chosen_organization": chosen.organization.display_name if chosen else None,
        "decision_reason": call.decision_reason,
        "not_top_reason": call.not_top_reason,
        "committee_summary": call.committee_summary,
        "decided_at": call.decided_at,
        "results_published_at": call.results_published_at,
    }


def _with_local_times(data: dict | None) -> dict | None:
    """Datetimes as the serializers write them (ISO 8601 in Asia/Tokyo)."""
    if data is None:
        return None
    field = serializers.DateTimeField()
    return {
        key: field.to_representation(value) if key.endswith("_at") and value else value
        for key, value in data.items()
    }


class PublicCallSerializer(serializers.ModelSerializer):
    status = ChoiceField(help_text="公募の状態")
    method = ChoiceField(help_text="選定方法")
    project_title = serializers.CharField(source="project.title", help_text="協働事業")
    office = serializers.SerializerMethodField(help_text="担当課")
    accepting = serializers.SerializerMethodField(help_text="いま応募を受け付けているか")
    criteria = CriterionSerializer(many=True, read_only=True, help_text="選定基準と配点")
    result = serializers.SerializerMethodField(help_text="選定結果（公表後のみ）")
    url = serializers.SerializerMethodField(help_text="公募のページ")

    class Meta:
        model = Call
        fields = [
            "id",
            "title",
            "status",
            "revision",
            "project_title",
            "office",
            "purpose",
            "eligibility",
            "budget_cap",
            "method",
            "method_notes",
            "total_points",
            "scale_min",
            "scale_max",
            "application_deadline",
            "scoring_deadline",
            "announcement_date",
            "published_at",
            "accepting",
            "criteria",
            "result",
            "url",
        ]

    def get_office(self, call) -> str:
        return office_name(call.project)

    def get_accepting(self, call) -> bool:
        return call.status == Call.Status.OPEN and timezone.now() <= call.application_deadline

    @extend_schema_field(ResultSerializer(allow_null=True))
    def get_result(self, call):
        return _with_local_times(call_result(call))

    def get_url(self, call) -> str:
        return self.context["request"].build_absolute_uri(call.get_public_url())


class RevisionSerializer(serializers.ModelSerializer):
    changes = serializers.ListField(
        child=serializers.DictField(child=serializers.CharField(allow_blank=True)),
        help_text="変更内容（label, before, after）",
    )

    class Meta:
        model = CallRevision
        fields = ["number", "notice", "changes", "published_at"]


class CompositionSerializer(serializers.Serializer):
    category = serializers.CharField()
    label = serializers.CharField()
    count = serializers.IntegerField()


class NamedMemberSerializer(serializers.Serializer):
    name = serializers.CharField()
    category = serializers.CharField()


class CommitteeSerializer(serializers.Serializer):
    composition = CompositionSerializer(many=True, help_text="委員の区分ごとの人数")
    named_members = NamedMemberSerializer(
        many=True, help_text="氏名の公表に同意した委員（本人の同意がある場合だけ）"
    )


class RankingCriterionSerializer(serializers.Serializer):
    name = serializers.CharField()
    mean = serializers.FloatField(allow_null=True, help_text="委員の平均点")


class RankingRowSerializer(serializers.Serializer):
    rank = serializers.IntegerField(allow_null=True)
    shares_rank = serializers.BooleanField()
    organization = serializers.CharField()
    total = serializers.FloatField(allow_null=True, help_text="合計点")
    chosen = serializers.BooleanField()
    criteria = RankingCriterionSerializer(many=True)


class RankingSerializer(serializers.Serializer):
    method = serializers.CharField(help_text="集計の方法")
    tie_rule = serializers.CharField(help_text="同点の場合の扱い")
    rows = RankingRowSerializer(many=True)


class PublicCallDetailSerializer(PublicCallSerializer):
    revisions = RevisionSerializer(many=True, read_only=True, help_text="公表の履歴と訂正")
    committee = serializers.SerializerMethodField(help_text="選定委員会の構成")
    ranking = serializers.SerializerMethodField(help_text="順位と合計点（結果の公表後のみ）")

    class Meta(PublicCallSerializer.Meta):
        fields = [*PublicCallSerializer.Meta.fields, "revisions", "committee", "ranking"]

    @extend_schema_field(CommitteeSerializer)
    def get_committee(self, call):
        members = list(call.committee.select_related("user"))
        composition: dict = {}
        for member in members:
            entry = composition.setdefault(
                member.category,
                {
                    "category": member.category,
                    "label": str(member.get_category_display()),
                    "count": 0,
                },
            )
            entry["count"] += 1
        return {
            "composition": list(composition.values()),
            # Only names their holders agreed to publish (CommitteeMember.publish_name).
            "named_members": [
                {"name": m.user.get_full_name(), "category": str(m.get_category_display())}
                for m in members
                if m.publish_name
            ],
        }

    @extend_schema_field(RankingSerializer(allow_null=True))
    def get_ranking(self, call):
        if not call.results_are_public:
            return None
        ranking = compute_ranking(call)
        return {
            "method": str(METHOD_TEXT) % {"total": call.total_points},
            "tie_rule": str(TIE_RULE),
            "rows": [
                {
                    "rank": row.rank,
                    "shares_rank": row.shares_rank,
                    "organization": row.application.organization.display_name,
                    "total": float(row.total_display) if row.total is not None else None,
                    "chosen": call.chosen_application_id == row.application.pk,
                    "criteria": [
                        {
                            "name": stat.criterion.name,
                            "mean": float(stat.mean_display) if stat.count else None,
                        }
                        for stat in row.stats
                    ],
                }
                for row in ranking.rows
            ],
        }


CALL_STATES = [
    ("accepting", _("応募受付中")),
    ("in_review", _("審査中")),
    ("results", _("結果公表済み")),
]


def _offices():
    return Organization.objects.filter(kind=Organization.Kind.GOVERNMENT)


class PublicCallFilter(django_filters.FilterSet):
    state = django_filters.ChoiceFilter(
        choices=CALL_STATES, help_text=_("公募・選定結果のページと同じ区分で絞り込む")
    )
    office = IdFilter(queryset=_offices(), help_text=_("担当課のID"))


def filter_calls(calls, cleaned: dict):
    """The grouping of the public calls page (partners.selection_views.public_calls)."""
    now = timezone.now()
    state = cleaned.get("state")
    if state == "accepting":
        calls = calls.filter(status=Call.Status.OPEN, application_deadline__gte=now)
    elif state == "in_review":
        calls = calls.filter(
            Q(status__in=[Call.Status.SCORING, Call.Status.DECIDED])
            | Q(status=Call.Status.OPEN, application_deadline__lt=now)
        )
    elif state == "results":
        calls = calls.filter(status=Call.Status.PUBLISHED)
    if cleaned.get("office"):
        calls = calls.filter(project__owner_office=cleaned["office"])
    return calls


CALL_FRESHNESS = (
    "updated_at",
    "project__updated_at",
    "project__owner_office__updated_at",
    "chosen_application__organization__updated_at",
)


@extend_schema_view(
    list=extend_schema(tags=[TAG_PUBLIC], summary="公表された公募の一覧"),
    retrieve=extend_schema(tags=[TAG_PUBLIC], summary="公表された公募（結果の公表後は順位も）"),
)
class PublicCallViewSet(PublicReadOnlyViewSet):
    """Published calls (公募): criteria, weights, method and timeline; results once published."""

    lookup_value_regex = ID

    filterset_class = PublicCallFilter
    freshness_fields = CALL_FRESHNESS
    queryset = Call.objects.none()

    def get_queryset(self):
        return selectors.public_calls().select_related("project").prefetch_related("criteria")

    def get_serializer_class(self):
        return PublicCallDetailSerializer if self.action == "retrieve" else PublicCallSerializer

    def apply_filters(self, queryset, cleaned):
        return filter_calls(queryset, cleaned)

    def get_object(self):
        call = perms.get_public_call_or_404(self.request.user, self.kwargs["pk"])
        return (
            Call.objects.filter(pk=call.pk)
            .select_related("project__owner_office", "chosen_application__organization")
            .prefetch_related("criteria", "revisions")
            .get()
        )


# --- public: results and designations ----------------------------------------------------------


class PublicResultSerializer(ResultSerializer):
    call_id = serializers.IntegerField()
    call_title = serializers.CharField()
    project_title = serializers.CharField()
    office = serializers.CharField()
    url = serializers.URLField()

    def to_representation(self, call):
        return _with_local_times(result_row(self.context["request"], call))


class ResultFilter(django_filters.FilterSet):
    office = IdFilter(queryset=_offices(), help_text=_("担当課のID"))


@extend_schema_view(
    list=extend_schema(tags=[TAG_PUBLIC], summary="公募の選定結果の一覧（理由つき）"),
    retrieve=extend_schema(tags=[TAG_PUBLIC], summary="公募の選定結果"),
)
class PublicResultViewSet(PublicReadOnlyViewSet):
    """Selection results of calls whose results are published, with the reasons."""

    lookup_value_regex = ID

    serializer_class = PublicResultSerializer
    filterset_class = ResultFilter
    freshness_fields = CALL_FRESHNESS
    queryset = Call.objects.none()

    def get_queryset(self):
        return (
            selectors.public_calls()
            .filter(status=Call.Status.PUBLISHED)
            .select_related("project")
            .order_by("-results_published_at", "-pk")
        )

    def apply_filters(self, queryset, cleaned):
        return filter_calls(queryset, cleaned)

    def get_object(self):
        call = perms.get_public_call_or_404(self.request.user, self.kwargs["pk"])
        if not call.results_are_public:
            raise Http404
        return Call.objects.select_related(
            "project__owner_office", "chosen_application__organization"
        ).get(pk=call.pk)


def result_row(request, call) -> dict:
    return {
        "call_id": call.pk,
        "call_title": call.title,
        "project_title": call.project.title,
        "office": office_name(call.project),
        **call_result(call),
        "url": request.build_absolute_uri(call.get_public_url()),
    }


class PublicDesignationSerializer(serializers.ModelSerializer):
    route = ChoiceField(help_text="選定の方法（特命・協働提案）")
    project_title = serializers.CharField(source="project.title")
    office = serializers.SerializerMethodField()
    organization = serializers.CharField(source="organization.display_name", help_text="協働相手")
    url = serializers.SerializerMethodField()

    class Meta:
        model = Designation
        fields = [
            "id",
            "project_title",
            "office",
            "organization",
            "route",
            "justification",
            "decided_at",
            "url",
        ]

    def get_office(self, designation) -> str:
        return office_name(designation.project)

    def get_url(self, designation) -> str:
        return self.context["request"].build_absolute_uri(designation.get_public_url())


class DesignationFilter(django_filters.FilterSet):
    office = IdFilter(queryset=_offices(), help_text=_("担当課のID"))
    route = django_filters.ChoiceFilter(choices=Designation.Route.choices)


@extend_schema_view(
    list=extend_schema(tags=[TAG_PUBLIC], summary="特命・協働提案による選定の一覧（理由つき）"),
    retrieve=extend_schema(tags=[TAG_PUBLIC], summary="特命・協働提案による選定"),
)
class PublicDesignationViewSet(PublicReadOnlyViewSet):
    """Partners chosen without an open call, with the published justification."""

    lookup_value_regex = ID

    serializer_class = PublicDesignationSerializer
    filterset_class = DesignationFilter
    freshness_fields = ("decided_at", "project__updated_at", "organization__updated_at")
    queryset = Designation.objects.none()

    def get_queryset(self):
        return selectors.public_designations()

    def apply_filters(self, queryset, cleaned):
        if cleaned.get("office"):
            queryset = queryset.filter(project__owner_office=cleaned["office"])
        if cleaned.get("route"):
            queryset = queryset.filter(route=cleaned["route"])
        return queryset


# --- signed in: applications -------------------------------------------------------------------


class CallRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    application_deadline = serializers.DateTimeField()
    status = ChoiceField()


class ApplicationSerializer(serializers.ModelSerializer):
    call = CallRefSerializer(read_only=True)
    organization = OrganizationRefSerializer(read_only=True)
    status = ChoiceField(help_text="応募の状態")

    class Meta:
        model = Application
        fields = [
            "id",
            "call",
            "organization",
            "status",
            "title",
            "plan",
            "structure",
            "synergy",
            "track_record",
            "requested_amount",
            "version",
            "submitted_at",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields


class ApplicationFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(choices=Application.Status.choices)


@extend_schema_view(
    list=extend_schema(tags=[TAG_APPLICATIONS], summary="自団体の応募の一覧"),
    retrieve=extend_schema(tags=[TAG_APPLICATIONS], summary="応募"),
)
class ApplicationViewSet(ConditionalListMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Applications to open calls. The list is the NPO's own (as on 「自団体の応募」); one
    application opens for whoever may open it on the page."""

    lookup_value_regex = ID

    serializer_class = ApplicationSerializer
    filterset_class = ApplicationFilter
    filter_backends = [SelectorFilterBackend]
    queryset = Application.objects.none()

    def get_queryset(self):
        if not selectors.npos_of(self.request.user):
            raise PermissionDenied(str(NOT_NPO_MEMBER))
        return selectors.applications_of(self.request.user)

    def apply_filters(self, queryset, cleaned):
        if cleaned.get("status"):
            queryset = queryset.filter(status=cleaned["status"])
        return queryset

    def get_object(self):
        return perms.get_application_for_view_or_404(self.request.user, self.kwargs["pk"])

    @extend_schema(
        tags=[TAG_APPLICATIONS],
        summary="応募を提出する",
        request=None,
        responses=ApplicationSerializer,
    )
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        application = perms.get_application_for_applicant_or_404(request.user, pk)
        application = services.application_submit(application=application, by=request.user)
        return Response(self.get_serializer(application).data)


# --- open data ---------------------------------------------------------------------------------


def _call_rows(request):
    for call in selectors.public_calls().select_related("project").iterator(chunk_size=500):
        yield {
            "call_id": call.pk,
            "title": call.title,
            "project_title": call.project.title,
            "office": office_name(call.project),
            "status": str(call.get_status_display()),
            "revision": call.revision,
            "purpose": call.purpose,
            "eligibility": call.eligibility,
            "budget_cap": call.budget_cap,
            "method": str(call.get_method_display()),
            "total_points": call.total_points,
            "scale_min": call.scale_min,
            "scale_max": call.scale_max,
            "application_deadline": call.application_deadline,
            "scoring_deadline": call.scoring_deadline,
            "announcement_date": call.announcement_date,
            "published_at": call.published_at,
            "url": request.build_absolute_uri(call.get_public_url()),
        }


def _calls_freshness():
    return freshness(selectors.public_calls(), CALL_FRESHNESS)


def _criterion_rows(request):
    criteria = (
        Criterion.objects.filter(call__in=selectors.public_calls().values("pk"))
        .select_related("call")
        .order_by("call_id", "position")
    )
    for criterion in criteria.iterator(chunk_size=1000):
        yield {
            "call_id": criterion.call_id,
            "call_title": criterion.call.title,
            "position": criterion.position,
            "name": criterion.name,
            "description": criterion.description,
            "weight": criterion.weight,
            "concerns_legal_status": criterion.concerns_legal_status,
        }


def _result_rows(request):
    calls = selectors.public_calls().filter(status=Call.Status.PUBLISHED).select_related("project")
    for call in calls.iterator(chunk_size=500):
        row = result_row(request, call)
        yield row


def _results_freshness():
    return freshness(selectors.public_calls().filter(status=Call.Status.PUBLISHED), CALL_FRESHNESS)


def _designation_rows(request):
    for designation in selectors.public_designations().iterator(chunk_size=500):
        yield {
            "designation_id": designation.pk,
            "project_title": designation.project.title,
            "office": office_name(designation.project),
            "organization": designation.organization.display_name,
            "route": str(designation.get_route_display()),
            "justification": designation.justification,
            "decided_at": designation.decided_at,
            "url": request.build_absolute_uri(designation.get_public_url()),
        }


def _designations_freshness():
    return freshness(
        selectors.public_designations(),
        ("decided_at", "project__updated_at", "organization__updated_at"),
    )


C = opendata.Column
CALL_ID = C(
    "call_id", _("公募ID"), _("公募を識別する番号（公募の一覧と突き合わせられます）"), "integer"
)
CALL_TITLE = C("call_title", _("公募の名称"), _("公募の名称"))
OFFICE = C("office", _("担当課"), _("公募・事業を担当する自治体と課の名称"))
PROJECT_TITLE = C("project_title", _("協働事業"), _("公募の対象となる協働事業の名称"))

opendata.register(
    opendata.Dataset(
        slug="calls",
        title=_("協働相手の公募"),
        description=_(
            "公表された協働相手の公募（準備中のものは含みません）。選定基準と配点は"
            "「公募の選定基準」、選定結果は「公募の選定結果」にあります。"
        ),
        columns=(
            CALL_ID,
            C("title", _("公募の名称"), _("公募の名称")),
            PROJECT_TITLE,
            OFFICE,
            C("status", _("状態"), _("公募中・審査中・選定済み・結果公表済みのいずれか")),
            C("revision", _("版"), _("公表した版の番号（訂正のたびに1つ増えます）"), "integer"),
            C("purpose", _("事業の目的・内容"), _("公募する事業の目的と内容")),
            C("eligibility", _("応募資格"), _("応募できる団体の条件")),
            C("budget_cap", _("上限額（円）"), _("事業費の上限額（円）"), "integer"),
            C("method", _("選定方法"), _("書類審査・プレゼンテーション審査など")),
            C("total_points", _("配点の合計"), _("選定基準の配点の合計"), "integer"),
            C("scale_min", _("評点の下限"), _("委員がつける評点の下限"), "integer"),
            C("scale_max", _("評点の上限"), _("委員がつける評点の上限"), "integer"),
            C("application_deadline", _("応募締切"), _("応募の締切日時"), "datetime"),
            C("scoring_deadline", _("審査期限"), _("審査を終える期限"), "datetime"),
            C("announcement_date", _("結果公表予定日"), _("選定結果を公表する予定日"), "date"),
            C("published_at", _("公表日時"), _("公募を公表した日時"), "datetime"),
            C("url", _("URL"), _("公募のページ"), "url"),
        ),
        rows=_call_rows,
        freshness=_calls_freshness,
        keywords=(_("協働"), _("NPO"), _("公募")),
    )
)
opendata.register(
    opendata.Dataset(
        slug="call-criteria",
        title=_("公募の選定基準"),
        description=_("公表された公募ごとの選定基準（評価項目）と配点。"),
        columns=(
            CALL_ID,
            CALL_TITLE,
            C("position", _("順序"), _("公募の中での掲載順"), "integer"),
            C("name", _("評価項目"), _("選定基準の名称")),
            C("description", _("評価の視点"), _("何を評価するか")),
            C("weight", _("配点"), _("この評価項目の配点"), "integer"),
            C(
                "concerns_legal_status",
                _("法人格に関する基準"),
                _("法人格の有無や種類を評価する基準かどうか"),
                "boolean",
            ),
        ),
        rows=_criterion_rows,
        freshness=_calls_freshness,
        keywords=(_("協働"), _("公募"), _("選定基準")),
    )
)
opendata.register(
    opendata.Dataset(
        slug="selection-results",
        title=_("公募の選定結果"),
        description=_(
            "結果を公表した公募ごとの、選定した団体と選定理由・講評。"
            "応募団体ごとの順位と合計点は、公募ごとのAPI（/api/v1/public/calls/{id}/）にあります。"
        ),
        columns=(
            CALL_ID,
            CALL_TITLE,
            PROJECT_TITLE,
            OFFICE,
            C(
                "chosen_organization",
                _("選定した団体"),
                _("協働相手として選定した団体（該当なしは空欄）"),
            ),
            C("decision_reason", _("選定理由"), _("この団体を選定した理由")),
            C(
                "not_top_reason",
                _("最高得点以外を選定した理由"),
                _("最高得点ではない応募を選定した場合の理由"),
            ),
            C("committee_summary", _("審査の講評"), _("選定委員会の講評")),
            C("decided_at", _("決定日時"), _("選定を決定した日時"), "datetime"),
            C("results_published_at", _("結果公表日時"), _("選定結果を公表した日時"), "datetime"),
            C("url", _("URL"), _("公募のページ"), "url"),
        ),
        rows=_result_rows,
        freshness=_results_freshness,
        keywords=(_("協働"), _("公募"), _("選定結果")),
    )
)
opendata.register(
    opendata.Dataset(
        slug="designations",
        title=_("特命・協働提案による協働相手の選定"),
        description=_("公募によらずに協働相手を決めた事業と、その理由（公表するもの）。"),
        columns=(
            C("designation_id", _("選定ID"), _("選定を識別する番号"), "integer"),
            PROJECT_TITLE,
            OFFICE,
            C("organization", _("協働相手"), _("協働相手として選定した団体")),
            C("route", _("選定の方法"), _("特命（指名）または協働提案による選定")),
            C("justification", _("選定理由"), _("公募によらずにこの団体を選んだ理由")),
            C("decided_at", _("決定日時"), _("選定を決定した日時"), "datetime"),
            C("url", _("URL"), _("選定のページ"), "url"),
        ),
        rows=_designation_rows,
        freshness=_designations_freshness,
        keywords=(_("協働"), _("特命"), _("協働提案")),
    )
)
