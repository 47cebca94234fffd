"""Base classes for the apps' viewsets."""

from rest_framework import mixins, viewsets
from rest_framework.permissions import AllowAny

from kyodo_portal.core.api.conditional import ConditionalListMixin
from kyodo_portal.core.api.filters import SelectorFilterBackend


class PublicReadOnlyViewSet(
    ConditionalListMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """Published information: readable by anyone, never changed through the API."""

    permission_classes = [AllowAny]
    filter_backends = [SelectorFilterBackend]

    def apply_filters(self, queryset, cleaned: dict):
        return queryset
