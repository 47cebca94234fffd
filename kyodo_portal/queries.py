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


# --- reads shared by the parts of one read-only page ---------------------------------------------

_PAGE_READS = "_page_reads"


def share_page_reads(obj: Model) -> Model:
    """Let the gates and panels of one read-only page share their reads about ``obj``.

    The project page checks the next stage's gates and builds the apps' panels, and several of
    them read the same rows (the evaluation rounds and sheets, the carried-forward items). Only a
    page that changes nothing calls this, on the object it fetched for the request; everywhere
    else — services, forms, tests — ``page_read`` reads afresh each time, so a read made before a
    change can never be reused after it.
    """
    setattr(obj, _PAGE_READS, {})
    return obj


def shares_page_reads(obj: Model) -> bool:
    """Whether ``obj`` belongs to a read-only page whose parts share their reads."""
    return getattr(obj, _PAGE_READS, None) is not None


def page_read(obj: Model, key: str, read):
    """``read()``, done once per page when the page shares its reads about ``obj``."""
    reads = getattr(obj, _PAGE_READS, None)
    if reads is None:
        return read()
    if key not in reads:
        reads[key] = read()
    return reads[key]
