"""The public API of partner selection (no login): published calls with their criteria, weights,
method and timeline; selection results with their reasons; designations with their justification.
Never: drafts, application contents, individual scores, reviewers' comments, conflict declarations
or contact details."""

import django_filters
from django.db.models import Q
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_field, extend_schema_view
from rest_framework import serializers

from kyodo_portal.core.api.fields import ID, ChoiceField, ChoiceSerializer
from kyodo_portal.core.api.filters import IdFilter
from kyodo_portal.core.api.viewsets import PublicReadOnlyViewSet
from partners.api import body_filter
from partners.models import Organization
from selection import permissions as perms
from selection import selectors
from selection.defaults import criterion_text
from selection.models import Call, CallRevision, Criterion, Designation
from selection.scoring import METHOD_TEXT, TIE_RULE, outcome_of, published_ranking

TAG_PUBLIC = "public"


def office_name(project) -> str:
    return project.owner_office.display_name


# --- public: calls -----------------------------------------------------------------------------


class CriterionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Criterion
        fields = ["position", "name", "description", "weight", "concerns_legal_status"]

    def to_representation(self, criterion):
        data = super().to_representation(criterion)
        data["name"] = criterion_text(data["name"])
        data["description"] = criterion_text(data["description"])
        return data


class ResultSerializer(serializers.Serializer):
    chosen_organization = serializers.CharField(allow_null=True, help_text="選定した団体")
    decision_reason = serializers.CharField(help_text="選定理由")
    not_top_reason = serializers.CharField(help_text="最高得点以外を選定した理由")
    single_applicant_reason = serializers.CharField(
        help_text="応募が1団体だけで選定した理由（応募が1団体のときだけ）"
    )
    short_period_reason = serializers.CharField(
        help_text="応募期間が短い理由（定めた日数より短い期間で公募したときだけ）"
    )
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
        "single_applicant_reason": call.single_applicant_reason,
        "short_period_reason": call.short_period_reason,
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
            "short_period_reason",
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
        source="change_lines",
        child=serializers.DictField(child=serializers.CharField(allow_blank=True)),
        help_text="変更内容（label, before, after）：読み手の言語で",
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


class CommitteeChangeSerializer(serializers.Serializer):
    """A change of the committee after applications closed, as the call's public page lists it
    (selectors.committee_changes)."""

    changed_at = serializers.DateTimeField(help_text="変更日時")
    kind = ChoiceField(help_text="委員の追加（appointed）・委嘱の解除（removed）")
    category = ChoiceField(help_text="委員の区分")
    name = serializers.CharField(
        source="public_name",
        allow_null=True,
        help_text="委員の氏名（本人が公表に同意した場合だけ。同意がなければ null）",
    )
    reason = serializers.CharField(help_text="変更の理由")

    def to_representation(self, change):
        data = super().to_representation(change)
        data["name"] = data["name"] or None
        return data


class CommitteeSerializer(serializers.Serializer):
    composition = CompositionSerializer(many=True, help_text="委員の区分ごとの人数")
    named_members = NamedMemberSerializer(
        many=True, help_text="氏名の公表に同意した委員（本人の同意がある場合だけ）"
    )
    changes = CommitteeChangeSerializer(
        many=True, help_text="応募の締切後に行った委員の変更とその理由（古い順）"
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
    scoring_members = serializers.IntegerField(help_text="採点した委員の数")
    recused_members = serializers.IntegerField(
        help_text="利害関係により審査から外れた委員の数（氏名は公表しません）"
    )
    status = ChoiceSerializer(
        allow_null=True,
        help_text="採択（selected）・不採択（not_selected）：決定の前は null",
    )
    criteria = RankingCriterionSerializer(many=True)


class RankingSerializer(serializers.Serializer):
    method = serializers.CharField(help_text="集計の方法")
    tie_rule = serializers.CharField(help_text="同点の場合の扱い")
    rows = RankingRowSerializer(many=True)


def ranking_rows(call, ranking) -> list[dict]:
    """Each applicant as the public result page shows it (selection.scoring.published_ranking):
    rank, total, the criteria means, how many members scored it and how many stood aside."""
    rows = []
    for row in ranking.rows:
        outcome = outcome_of(call, row.application.pk)
        rows.append(
            {
                "rank": row.rank,
                "shares_rank": row.shares_rank,
                "organization": row.application.organization.display_name,
                "total": float(row.total_display) if row.total is not None else None,
                "chosen": call.chosen_application_id == row.application.pk,
                "scoring_members": row.completed_reviewers,
                "recused_members": row.recused_reviewers,
                "status": (
                    {"value": outcome.value, "label": str(outcome.label)} if outcome else None
                ),
                "criteria": [
                    {
                        "name": criterion_text(stat.criterion.name),
                        "mean": float(stat.mean_display) if stat.count else None,
                    }
                    for stat in row.stats
                ],
            }
        )
    return rows


def public_ranking(call) -> dict | None:
    if not call.results_are_public:
        return None
    return {
        "method": str(METHOD_TEXT) % {"total": call.total_points},
        "tie_rule": str(TIE_RULE),
        "rows": ranking_rows(call, published_ranking(call)),
    }


class PublicCallDetailSerializer(PublicCallSerializer):
    revisions = serializers.SerializerMethodField(help_text="公表の履歴と訂正")
    committee = serializers.SerializerMethodField(help_text="選定委員会の構成")
    ranking = serializers.SerializerMethodField(help_text="順位と合計点（結果の公表後のみ）")

    class Meta(PublicCallSerializer.Meta):
        fields = [*PublicCallSerializer.Meta.fields, "revisions", "committee", "ranking"]

    @extend_schema_field(RevisionSerializer(many=True))
    def get_revisions(self, call):
        return RevisionSerializer(selectors.revisions_with_changes(call), many=True).data

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
            "changes": CommitteeChangeSerializer(selectors.committee_changes(call), many=True).data,
        }

    @extend_schema_field(RankingSerializer(allow_null=True))
    def get_ranking(self, call):
        return public_ranking(call)


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
    body = body_filter()


def filter_calls(calls, cleaned: dict):
    """The grouping of the public calls page (selection.views.results.public_calls)."""
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
    if cleaned.get("body"):
        calls = calls.filter(project__owner_office__body=cleaned["body"])
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


class PublicResultDetailSerializer(PublicResultSerializer):
    ranking = RankingSerializer(
        help_text="応募団体ごとの順位・合計点・採点した委員の数・回避した委員の数と採択・不採択"
        "（公表した結果のページと同じ）"
    )

    def to_representation(self, call):
        return {**super().to_representation(call), "ranking": public_ranking(call)}


class ResultFilter(django_filters.FilterSet):
    office = IdFilter(queryset=_offices(), help_text=_("担当課のID"))
    body = body_filter()


@extend_schema_view(
    list=extend_schema(tags=[TAG_PUBLIC], summary="公募の選定結果の一覧（理由つき）"),
    retrieve=extend_schema(tags=[TAG_PUBLIC], summary="公募の選定結果"),
)
class PublicResultViewSet(PublicReadOnlyViewSet):
    """Selection results of calls whose results are published, with the reasons."""

    lookup_value_regex = ID

    serializer_class = PublicResultSerializer
    filterset_class = ResultFilter

    def get_serializer_class(self):
        return PublicResultDetailSerializer if self.action == "retrieve" else PublicResultSerializer

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
    body = body_filter()


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
        if cleaned.get("body"):
            queryset = queryset.filter(project__owner_office__body=cleaned["body"])
        return queryset
