"""Public casebook and guide pages. Thin: check access, ask the selectors, render."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_GET

from casebook import permissions, selectors
from casebook.forms import CaseFilterForm
from casebook.guide_content import (
    GUIDE_BY_SLUG,
    GUIDE_SECTIONS,
    METHOD_PART_LABELS,
    METHOD_PARTS,
    METHODS,
    PARTS,
    PRINCIPLES,
    SOURCE_NOTE,
    localize,
)
from casebook.models import CaseTag
from kyodo_portal.core.page_cache import public_page
from projects.choices import Method, Principle, Stage


def _check(result: tuple[bool, str]) -> None:
    allowed, reason = result
    if not allowed:
        raise PermissionDenied(reason)


@public_page(depends_on=(selectors.GENERATION_KEY,))
@require_GET
def index(request):
    _check(permissions.can_view_casebook(request.user))
    form = CaseFilterForm(request.GET or None)
    filters = form.filters() if request.GET else {}
    cases = selectors.search_cases(**filters)
    return render(
        request,
        "casebook/index.html",
        {
            "form": form,
            "cases": cases,
            "filtered": any(filters.values()),
            "list_version": selectors.list_cache_version(cases),
        },
    )


def _get_case(number: int, *, with_related: bool = True):
    case = selectors.case_detail(number, with_related=with_related)
    if case is None:
        raise Http404
    return case


@public_page(depends_on=(selectors.GENERATION_KEY,))
@require_GET
def case_detail(request, number: int):
    _check(permissions.can_view_casebook(request.user))
    case = _get_case(number)
    return render(request, "casebook/case_detail.html", {"case": case})


@require_GET
def case_print(request, number: int):
    case = _get_case(number, with_related=False)
    _check(permissions.can_print_case(request.user, case))
    return render(request, "casebook/case_print.html", {"case": case})


def _section_view(section: dict) -> dict:
    """A guide section with its texts in the active language and its stages as Stage members."""
    return {
        "slug": section["slug"],
        "part": section["part"],
        "part_title": localize(PARTS[section["part"]]),
        "kind": section["kind"],
        "title": localize(section["title"]),
        "lead": localize(section["lead"]),
        "body": localize(section["body"]),
        "points": localize(section["points"]),
        "after": localize(section["after"]),
        "stages": [Stage(value) for value in section["stages"]],
        "case_numbers": section["cases"],
    }


@public_page(depends_on=(selectors.GENERATION_KEY,))
@require_GET
def guide(request):
    _check(permissions.can_view_guide(request.user))
    sections = [_section_view(section) for section in GUIDE_SECTIONS]
    parts = [
        {"number": number, "title": localize(PARTS[number]), "sections": []}
        for number in sorted(PARTS)
    ]
    for section in sections:
        parts[section["part"] - 1]["sections"].append(section)
    return render(
        request, "casebook/guide.html", {"parts": parts, "source_note": localize(SOURCE_NOTE)}
    )


@public_page(depends_on=(selectors.GENERATION_KEY,))
@require_GET
def guide_section(request, slug: str):
    _check(permissions.can_view_guide(request.user))
    raw = GUIDE_BY_SLUG.get(slug)
    if raw is None:
        raise Http404
    section = _section_view(raw)
    context = {"section": section, "source_note": localize(SOURCE_NOTE)}
    if section["kind"] == "methods":
        # One query for the cases and one for their tags, then grouped in Python.
        by_method = selectors.group_by_tag(selectors.all_cases(), CaseTag.Kind.METHOD)
        context["methods"] = [
            {
                "value": method.value,
                "label": method.label,
                "parts": [
                    {
                        "label": localize(METHOD_PART_LABELS[part]),
                        "items": localize(METHODS[method][part]).splitlines(),
                    }
                    for part in METHOD_PARTS
                ],
                "cases": by_method.get(method.value, []),
            }
            for method in Method
        ]
    elif section["kind"] == "principles":
        by_principle = selectors.group_by_tag(selectors.all_cases(), CaseTag.Kind.PRINCIPLE)
        context["principles"] = [
            {
                "value": principle.value,
                "label": principle.label,
                "text": localize(PRINCIPLES[principle]),
                "cases": by_principle.get(principle.value, []),
            }
            for principle in Principle
        ]
    else:
        context["cases"] = selectors.cases_by_numbers(section["case_numbers"])
    # Neighbours for reading the guide in order.
    index = GUIDE_SECTIONS.index(raw)
    if index > 0:
        context["previous"] = _section_view(GUIDE_SECTIONS[index - 1])
    if index + 1 < len(GUIDE_SECTIONS):
        context["next"] = _section_view(GUIDE_SECTIONS[index + 1])
    return render(request, "casebook/guide_section.html", context)
