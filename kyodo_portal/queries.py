"""Query helpers shared by every app."""

from django.db.models import Model, QuerySet


def one_or_none(queryset: QuerySet, **lookup) -> Model | None:
    """The row matching a primary or unique key, or None.

    Unlike ``filter(...).first()`` it adds no ORDER BY: ordering makes Django build an ordering
    reference for every selected column, which costs milliseconds on a row with several
    select_related joins — on every page that fetches its object this way.
    """
    return next(iter(queryset.filter(**lookup).order_by()[:1]), None)
