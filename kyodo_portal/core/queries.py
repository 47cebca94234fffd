"""Query helpers shared by every app."""

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Model, QuerySet


def one_or_none(queryset: QuerySet, **lookup) -> Model | None:
    """The row matching a primary or unique key, or None.

    Unlike ``filter(...).first()`` it adds no ORDER BY: ordering makes Django build an ordering
    reference for every selected column, which costs milliseconds on a row with several
    select_related joins — on every page that fetches its object this way.
    """
    return next(iter(queryset.filter(**lookup).order_by()[:1]), None)


def joined_or_none(obj: Model, name: str) -> Model | None:
    """The one-to-one row ``name`` of ``obj`` that select_related() read along with it, or None
    when there is none (without select_related it is read now)."""
    try:
        return getattr(obj, name)
    except ObjectDoesNotExist:
        return None
