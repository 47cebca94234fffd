"""Signed in: an NPO's own applications (and any application the person may open on the page),
and submitting one, through the same services and permissions as the pages."""

import django_filters
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_field, extend_schema_view
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response

from kyodo_portal.core.api.conditional import ConditionalListMixin
from kyodo_portal.core.api.fields import (
    ID,
    ChoiceField,
    ChoiceSerializer,
    OrganizationRefSerializer,
)
from kyodo_portal.core.api.filters import SelectorFilterBackend
from partners.selectors import npos_of
from selection import permissions as perms
from selection import selectors, services
from selection.models import Application
from selection.scoring import outcome_of

TAG_APPLICATIONS = "applications"
NOT_NPO_MEMBER = _("応募の一覧を見られるのは、NPOの会員だけです。")


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
    result = serializers.SerializerMethodField(
        help_text="採択（selected）・不採択（not_selected）：選定結果の公表後だけ（以前は null）"
    )

    class Meta:
        model = Application
        fields = [
            "id",
            "call",
            "organization",
            "status",
            "result",
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

    @extend_schema_field(ChoiceSerializer(allow_null=True))
    def get_result(self, application):
        # As the applicant learns it: on the publication of the results (the public rule).
        if application.status != Application.Status.SUBMITTED:
            return None
        if not application.call.results_are_public:
            return None
        outcome = outcome_of(application.call, application.pk)
        return {"value": outcome.value, "label": str(outcome.label)} if outcome else None


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
        if not npos_of(self.request.user):
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
