"""Read queries for the casebook, shared by its own pages and by the project workflow.

Every function here returns cases with their tags prefetched, so a page costs a fixed number of
queries however many cases and tags it shows.
"""

from __future__ import annotations

import unicodedata

from django.core.cache import cache
from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet

from casebook.models import Case, CaseTag, active_lang
from kyodo_portal.core import caching

# Fields searched by keyword, in the active language.
SEARCH_FIELDS = ("title", "summary", "story", "problem", "hints")


def _with_tags(queryset: QuerySet[Case]) -> QuerySet[Case]:
    return queryset.prefetch_related(Prefetch("tags", queryset=CaseTag.objects.order_by("pk")))


def _variants(term: str) -> set[str]:
    """The term as typed and NFKC-normalised, so full-width ＮＰＯ or ２０１２ typed by a visitor
    finds the half-width NPO and 2012 of the text (and half-width kana finds full-width)."""
    return {term, unicodedata.normalize("NFKC", term)}


def keyword_q(query: str, lang: str | None = None) -> Q:
    """Substring match (no word segmentation, so it works for Japanese); every space-separated
    term must occur in at least one searched field."""
    lang = lang or active_lang()
    condition = Q()
    for term in query.split():
        any_field = Q()
        for variant in _variants(term):
            for field in SEARCH_FIELDS:
                any_field |= Q(**{f"{field}_{lang}__icontains": variant})
        condition &= any_field
    return condition


def search_cases(
    *, stage: str = "", method: str = "", principle: str = "", query: str = ""
) -> list[Case]:
    """Cases matching all the given filters (empty filters are ignored), in number order."""
    queryset = Case.objects.all()
    # One filter() per tag kind: each gets its own join, so a case must carry every tag asked for.
    for kind, value in (
        (CaseTag.Kind.STAGE, stage),
        (CaseTag.Kind.METHOD, method),
        (CaseTag.Kind.PRINCIPLE, principle),
    ):
        if value:
            queryset = queryset.filter(tags__kind=kind, tags__value=value)
    if query.strip():
        queryset = queryset.filter(keyword_q(query))
    return list(_with_tags(queryset.order_by("number")))


def cases_for_stage(stage: str, method: str = "") -> list[Case]:
    """Cases tagged with ``stage``; those also tagged with the project's ``method`` come first.

    Used by the project page at every stage. Two queries: the cases, and their tags.
    """
    queryset = Case.objects.filter(
        Exists(CaseTag.objects.filter(case=OuterRef("pk"), kind=CaseTag.Kind.STAGE, value=stage))
    )
    if method:
        queryset = queryset.annotate(
            method_match=Exists(
                CaseTag.objects.filter(case=OuterRef("pk"), kind=CaseTag.Kind.METHOD, value=method)
            )
        ).order_by("-method_match", "number")
    else:
        queryset = queryset.order_by("number")
    return list(_with_tags(queryset))


GENERATION_KEY = "casebook:generation"
CACHE_SECONDS = 3600


def casebook_changed() -> None:
    """Called on every write to cases, their tags or their links (see casebook.signals)."""
    caching.bump_generation(GENERATION_KEY)


def list_cache_version(cases: list[Case]) -> str:
    """What the index's rendered list of cases depends on: the casebook's generation and which
    cases are listed (the template caches the markup under it, per language)."""
    numbers = "-".join(str(case.number) for case in cases)
    return f"{caching.generation(GENERATION_KEY)}:{numbers}"


def cached_cases_for_stage(stage: str, method: str = "") -> list[Case]:
    """``cases_for_stage`` through the cache: every project page shows these cases, and the
    casebook changes only when it is reloaded or corrected (each write bumps the generation).
    The cases carry both languages, so one entry serves Japanese and English pages."""
    key = f"casebook:stage:{caching.generation(GENERATION_KEY)}:{stage}:{method}"
    return cache.get_or_set(key, lambda: cases_for_stage(stage, method), CACHE_SECONDS)


def case_detail(number: int, *, with_related: bool = True) -> Case | None:
    """One case with its tags (two queries) and, unless not needed, its related cases and their
    tags (two more)."""
    queryset = _with_tags(Case.objects.filter(number=number))
    if with_related:
        related = Prefetch("related", queryset=_with_tags(Case.objects.order_by("number")))
        queryset = queryset.prefetch_related(related)
    return queryset.first()


def cases_by_numbers(numbers: list[int]) -> list[Case]:
    """The given cases in the given order (for guide sections)."""
    found = {case.number: case for case in _with_tags(Case.objects.filter(number__in=numbers))}
    return [found[n] for n in numbers if n in found]


def all_cases() -> list[Case]:
    return list(_with_tags(Case.objects.order_by("number")))


def group_by_tag(cases: list[Case], kind: str) -> dict[str, list[Case]]:
    """{tag value: [cases]} from already-prefetched cases, without further queries."""
    grouped: dict[str, list[Case]] = {}
    for case in cases:
        for tag in case.tags.all():
            if tag.kind == kind:
                grouped.setdefault(tag.value, []).append(case)
    return grouped
