"""The API's own endpoints (who am I, the open-data catalogue and its CSV files) and its two
pages (the documentation and the personal token page)."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.authtoken.models import Token
from rest_framework.exceptions import ValidationError
from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.permissions import AllowAny
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView

from kyodo_portal.api import services
from kyodo_portal.core.api import opendata
from kyodo_portal.core.api.conditional import conditional_schema, not_modified, validators
from partners.api import BODY_FILTER_HELP
from partners.selectors import UNKNOWN_BODY, body_by_slug, memberships_of

TAG_OPEN_DATA = "open-data"


class CSVDownloadNegotiation(DefaultContentNegotiation):
    """The CSV addresses answer CSV whatever the Accept header says (harvesters send all sorts);
    only their error bodies are rendered, always as JSON like everywhere else in the API. A body
    sent to them is parsed the usual way if anything reads it (without a parser choice, a POST
    with a body from a signed-in browser was a 500)."""

    def select_renderer(self, request, renderers, format_suffix=None):
        renderer = renderers[0]
        return renderer, renderer.media_type


# --- who am I ----------------------------------------------------------------------------------


class MembershipSerializer(serializers.Serializer):
    organization_id = serializers.IntegerField()
    organization = serializers.CharField(help_text="組織名")
    role = serializers.CharField(help_text="役割（staff, npo, reviewer, manager）")


class MeSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    username = serializers.CharField()
    name = serializers.CharField()
    memberships = MembershipSerializer(many=True)


class MeView(APIView):
    """The person the token belongs to, with their organisations and roles."""

    @extend_schema(tags=["me"], responses=MeSerializer, operation_id="me")
    def get(self, request):
        user = request.user
        return Response(
            {
                "id": user.pk,
                "username": user.get_username(),
                "name": user.get_full_name(),
                "memberships": [
                    {
                        "organization_id": m.organization_id,
                        "organization": m.organization.display_name,
                        "role": m.role,
                    }
                    for m in memberships_of(user)
                ],
            }
        )


# --- the open-data catalogue -------------------------------------------------------------------


class ColumnSerializer(serializers.Serializer):
    name = serializers.CharField(help_text="CSVの見出しに使う列名")
    title = serializers.CharField(help_text="列の名称")
    type = serializers.CharField(
        help_text="値の型（string, integer, date, datetime, url, boolean）"
    )
    type_label = serializers.CharField(help_text="値の型の説明")
    description = serializers.CharField(help_text="列の説明")


class LicenseSerializer(serializers.Serializer):
    name = serializers.CharField()
    url = serializers.URLField()


class DistributionSerializer(serializers.Serializer):
    format = serializers.CharField()
    media_type = serializers.CharField()
    url = serializers.URLField(help_text="データ本体")
    columns_url = serializers.URLField(help_text="列の説明（項目定義）のCSV")


class DatasetSerializer(serializers.Serializer):
    id = serializers.CharField()
    title = serializers.CharField()
    description = serializers.CharField()
    publisher = serializers.CharField()
    license = LicenseSerializer()
    modified = serializers.DateTimeField(allow_null=True, help_text="最後に変更された日時")
    keywords = serializers.ListField(child=serializers.CharField())
    distributions = DistributionSerializer(many=True)
    columns = ColumnSerializer(many=True)


class CatalogueSerializer(serializers.Serializer):
    publisher = serializers.CharField()
    license = LicenseSerializer()
    datasets = DatasetSerializer(many=True)


def _dataset_entry(request, dataset: opendata.Dataset) -> dict:
    _count, modified = dataset.freshness()
    return {
        "id": dataset.slug,
        "title": str(dataset.title),
        "description": str(dataset.description),
        "publisher": opendata.publisher(),
        "license": opendata.license_info(),
        "modified": modified,
        "keywords": [str(word) for word in dataset.keywords],
        "distributions": [
            {
                "format": "CSV",
                "media_type": "text/csv",
                "url": request.build_absolute_uri(
                    reverse("api:open_data_csv", args=[dataset.slug])
                ),
                "columns_url": request.build_absolute_uri(
                    reverse("api:open_data_columns", args=[dataset.slug])
                ),
            }
        ],
        "columns": [
            {
                "name": column.name,
                "title": str(column.title),
                "type": column.type,
                "type_label": str(opendata.COLUMN_TYPES[column.type]),
                "description": str(column.description),
            }
            for column in dataset.all_columns
        ],
    }


class CatalogueView(APIView):
    """Every open dataset with its licence, columns and download addresses."""

    permission_classes = [AllowAny]

    @extend_schema(tags=[TAG_OPEN_DATA], responses=CatalogueSerializer, operation_id="open_data")
    def get(self, request):
        return Response(
            {
                "publisher": opendata.publisher(),
                "license": opendata.license_info(),
                "datasets": [_dataset_entry(request, d) for d in opendata.DATASETS.values()],
            }
        )


def _dataset_or_404(slug: str) -> opendata.Dataset:
    dataset = opendata.DATASETS.get(slug)
    if dataset is None:
        raise Http404
    return dataset


CSV_RESPONSE = {
    (200, "text/csv"): OpenApiResponse(OpenApiTypes.STR, description="CSV（UTF-8、BOM付き）")
}


class DatasetCSVView(APIView):
    """One dataset as CSV: a header row of column names, then the data; licence on every row."""

    permission_classes = [AllowAny]
    renderer_classes = [JSONRenderer]
    content_negotiation_class = CSVDownloadNegotiation

    @conditional_schema
    @extend_schema(
        tags=[TAG_OPEN_DATA],
        responses=CSV_RESPONSE,
        operation_id="open_data_csv",
        parameters=[
            OpenApiParameter(
                "body",
                OpenApiTypes.STR,
                description=str(BODY_FILTER_HELP)
                + " "
                + "自治体でまとめられないデータ（事例集・統計）では 400 になります。",
            )
        ],
    )
    def get(self, request, slug: str):
        dataset = _dataset_or_404(slug)
        body = _body_of(request, dataset)
        count, modified = dataset.freshness()
        headers = validators(request, count, modified)
        if not_modified(request, headers):
            return Response(status=304, headers=headers)
        return opendata.csv_response(
            f"{dataset.slug}.csv",
            [column.name for column in dataset.all_columns],
            opendata.data_rows(dataset, request, body=body),
            headers,
        )


NOT_BY_BODY = _("このデータはすべての自治体で共通のため、自治体で絞り込めません。")


def _body_of(request, dataset: opendata.Dataset):
    """The government body ``?body=<slug>`` names, None without it; a 400 that says why for an
    unknown name or a dataset the deployment shares (never the whole file in their place)."""
    slug = request.query_params.get("body")
    if slug is None or slug == "":
        return None
    if not dataset.by_body:
        raise ValidationError({"body": [str(NOT_BY_BODY)]})
    body = body_by_slug(slug)
    if body is None:
        raise ValidationError({"body": [str(UNKNOWN_BODY) % {"value": slug}]})
    return body


class DatasetColumnsView(APIView):
    """The column descriptions of one dataset (項目定義) as CSV."""

    permission_classes = [AllowAny]
    renderer_classes = [JSONRenderer]
    content_negotiation_class = CSVDownloadNegotiation

    @extend_schema(
        tags=[TAG_OPEN_DATA], responses=CSV_RESPONSE, operation_id="open_data_columns_csv"
    )
    def get(self, request, slug: str):
        dataset = _dataset_or_404(slug)
        return opendata.csv_response(
            f"{dataset.slug}-columns.csv",
            opendata.COLUMN_FILE_HEADER,
            opendata.column_rows(dataset),
            {},
        )


# --- pages -------------------------------------------------------------------------------------


def docs(request):
    """The API documentation (Swagger UI from the portal's own static files, no CDN)."""
    return render(request, "api/docs.html")


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def tokens(request):
    """The person's API token: create (or replace) and revoke. The key is shown once, in the
    answer to the POST that created it, and never again."""
    new_key = None
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "create":
            new_key = services.api_token_create(user=request.user).key
        elif action == "revoke":
            services.api_token_revoke(user=request.user)
    token = Token.objects.filter(user=request.user).first()
    response = render(
        request,
        "api/tokens.html",
        {
            "token": token,
            "new_key": new_key,
            "revoked": request.method == "POST" and request.POST.get("action") == "revoke",
            "docs_url": reverse("api:docs"),
        },
    )
    response["Cache-Control"] = "no-store"
    return response
