"""Read queries for the casebook, shared by its own pages and by the project workflow.

Every function here returns cases with their tags prefetched, so a page costs a fixed number of
queries however many cases and tags it shows.
"""

from __future__ import annotations

from django.core.cache import cache
from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet

from casebook.models import Case, CaseTag, active_lang
from kyodo_portal.core import caching
from kyodo_portal.core.japanese_search import search_q


def _with_tags(queryset: QuerySet[Case]) -> QuerySet[Case]:
    return queryset.prefetch_related(Prefetch("tags", queryset=CaseTag.objects.order_by("pk")))


def keyword_q(query: str, lang: str | None = None) -> Q:
    """Substring match (no word segmentation, so it works for Japanese) of the query's search
    keys in the cases' stored keys of the active language: 引き継ぎ finds 引継ぎ, ＮＰＯ finds NPO,
    ボランティア finds ぼらんてぃあ. Every space-separated term must occur."""
    return search_q(f"search_{lang or active_lang()}", query)


def search_cases(
    *, stage: str = "", method: str = "", principle: str = "", query: str = "", kind: str = ""
) -> list[Case]:
    """Cases matching all the given filters (empty filters are ignored), in number order."""
    queryset = Case.objects.all()
    if kind:
        queryset = queryset.filter(kind=kind)
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
    """The cases a project page shows at ``stage``: those tagged with the stage and, once the
    project has chosen its ``method``, with that method too.

    Before a method is chosen, or when no case teaches this stage with the project's method, the
    page shows every case of the stage rather than nothing; then no case carries
    ``method_match=True``, and the template says the list is not narrowed to the method.
    Used by the project page at every stage. Two queries: the cases, and their tags.
    """
    queryset = Case.objects.filter(
        Exists(CaseTag.objects.filter(case=OuterRef("pk"), kind=CaseTag.Kind.STAGE, value=stage))
    ).order_by("number")
    if method:
        queryset = queryset.annotate(
            method_match=Exists(
                CaseTag.objects.filter(case=OuterRef("pk"), kind=CaseTag.Kind.METHOD, value=method)
            )
        )
    cases = list(_with_tags(queryset))
    narrowed = [case for case in cases if getattr(case, "method_match", False)]
    return narrowed or cases


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
