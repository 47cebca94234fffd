"""ETag and Last-Modified on the public lists and CSV downloads.

Open-data harvesters poll the same lists again and again; answering "unchanged" (304) saves
them and us the work. The validators come from one aggregate query over the same filtered
rows the list shows: how many there are and when the latest of them (or of the related rows the
list prints) changed. The address and the language go into the ETag, since both change the
body.
"""

import hashlib
from datetime import datetime

from django.db.models import Count, Max
from django.utils.cache import get_conditional_response
from django.utils.http import http_date, parse_http_date_safe
from django.utils.translation import get_language
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.response import Response

# Marks an operation in the schema; the schema hook documents the validators and the 304.
CONDITIONAL = {"x-conditional": True}
conditional_schema = extend_schema(extensions=CONDITIONAL)


def freshness(queryset, fields: tuple[str, ...]) -> tuple[int, datetime | None]:
    """(row count, latest change) of the rows, in one query."""
    aggregates = {f"m{index}": Max(field) for index, field in enumerate(fields)}
    values = queryset.order_by().aggregate(n=Count("pk", distinct=True), **aggregates)
    stamps = [value for key, value in values.items() if key != "n" and value is not None]
    return values["n"], max(stamps) if stamps else None


def validators(request, count: int, last_modified: datetime | None, salt: str = "") -> dict:
    seed = "|".join(
        [
            request.get_full_path(),
            get_language() or "",
            str(count),
            last_modified.isoformat() if last_modified else "-",
            salt,
        ]
    )
    digest = hashlib.sha256(seed.encode()).hexdigest()[:32]
    headers = {"ETag": f'"{digest}"'}
    if last_modified is not None:
        headers["Last-Modified"] = http_date(last_modified.timestamp())
    # Caches may keep it but must ask again each time (the ETag makes asking cheap).
    headers["Cache-Control"] = "public, max-age=0, must-revalidate"
    return headers


def not_modified(request, headers: dict) -> bool:
    last_modified = headers.get("Last-Modified")
    timestamp = parse_http_date_safe(last_modified) if last_modified else None
    response = get_conditional_response(request, etag=headers["ETag"], last_modified=timestamp)
    return response is not None and response.status_code == status.HTTP_304_NOT_MODIFIED


class ConditionalListMixin:
    """For list viewsets: ``freshness_fields`` are the timestamps whose latest value dates the
    list (the rows' own ``updated_at`` and those of related rows printed with them). A view whose
    filtering yields a list rather than a queryset is dated from the list itself."""

    freshness_fields: tuple[str, ...] = ("updated_at",)

    def get_freshness(self, objects) -> tuple[int, datetime | None]:
        if isinstance(objects, list):
            stamps = [getattr(obj, self.freshness_fields[0]) for obj in objects]
            return len(objects), max(stamps) if stamps else None
        return freshness(objects, self.freshness_fields)

    @conditional_schema
    def list(self, request, *args, **kwargs):
        objects = self.filter_queryset(self.get_queryset())
        count, last_modified = self.get_freshness(objects)
        headers = validators(request, count, last_modified)
        # Bad paging is refused even when the caller's copy is current (If-None-Match: *).
        if check_paging := getattr(self.paginator, "check_request", None):
            check_paging(request, count)
        if not_modified(request, headers):
            return Response(status=status.HTTP_304_NOT_MODIFIED, headers=headers)
        page = self.paginate_queryset(objects)
        response = self.get_paginated_response(self.get_serializer(page, many=True).data)
        for key, value in headers.items():
            response[key] = value
        return response
