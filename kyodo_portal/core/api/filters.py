"""Filtering the API's lists with the same selectors, and the same meaning, as the pages.

A view declares a django-filter ``FilterSet`` (which validates the query string and documents the
parameters in the schema) and an ``apply_filters(queryset, cleaned_data)`` that hands the valid
values to the selector its page uses. So a filter means the same on the page and in the API, and
a bad value is a 400 with the reason rather than silently ignored.
"""

import django_filters
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework.exceptions import ValidationError


class SelectorFilterBackend(DjangoFilterBackend):
    def get_filterset_class(self, view, queryset=None):
        return getattr(view, "filterset_class", None)

    def filter_queryset(self, request, queryset, view):
        filterset_class = self.get_filterset_class(view, queryset)
        if filterset_class is None:
            return queryset
        filterset = filterset_class(request.query_params, queryset=queryset, request=request)
        if not filterset.is_valid():
            raise ValidationError(filterset.errors)
        cleaned = {k: v for k, v in filterset.form.cleaned_data.items() if v not in (None, "")}
        return view.apply_filters(queryset, cleaned)


@extend_schema_field(OpenApiTypes.INT)
class IdFilter(django_filters.ModelChoiceFilter):
    """A filter by the ID of a related row (documented as an integer)."""


@extend_schema_field(OpenApiTypes.STR)
class SlugFilter(django_filters.ModelChoiceFilter):
    """A filter by the URL name (slug) of a related row (documented as a string)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("to_field_name", "slug")
        super().__init__(*args, **kwargs)
