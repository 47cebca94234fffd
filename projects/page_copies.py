"""A project's pages, and the lists of projects, shown again to the same person while unchanged
(the copies are kept by kyodo_portal.core.person_pages).

What makes the copies of a project's pages stale: the project's generation, which every audited
write to the project moves on — every state change in the portal goes through an audited service
(a test holds that), so the audit decorator is where a write is known, and ``project_id_of``
finds the project of the service's subject and arguments — and a correction in the admin site,
through its log entry. A write to a project also moves on its body's generation (the lists of
projects of that body) and the generation of all projects (pages that count projects across
bodies). Apps whose content the project pages show add their own generations
(``project_pages_depend_on``: the casebook's cases for the stage).
"""

from __future__ import annotations

from collections.abc import Callable

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.http import HttpResponse

from kyodo_portal.core.person_pages import ANY_PROJECT_GENERATION_KEY, bump, cached_person_page

# The foreign keys followed upwards from a written object to its project, nearest first.
PARENT_FIELDS = (
    "project",
    "agreement",
    "version",
    "round",
    "evaluation",
    "item",
    "call",
    "application",
    "proposal",
)
_PROJECT_PAGE_GENERATIONS: list[str] = []


def generation_key(project_id: int) -> str:
    return f"project:{project_id}:pages:generation"


def body_generation_key(body_id: int | None) -> str:
    """Moved on by a write to any project of the body: its lists of projects."""
    return f"body:{body_id}:projects:generation"


def project_pages_depend_on(*keys: str) -> None:
    for key in keys:
        if key not in _PROJECT_PAGE_GENERATIONS:
            _PROJECT_PAGE_GENERATIONS.append(key)


def project_id_of(obj, _depth: int = 0) -> int | None:
    """The project an object of the portal belongs to, or None (an organisation, a person)."""
    if not isinstance(obj, models.Model) or _depth > 4:
        return None
    if obj._meta.label == "projects.Project":
        return obj.pk
    for name in PARENT_FIELDS:
        try:
            field = obj._meta.get_field(name)
        except FieldDoesNotExist:
            continue
        if not (field.many_to_one or field.one_to_one) or not field.concrete:
            continue
        if field.related_model._meta.label == "projects.Project":
            return getattr(obj, field.attname)
        if getattr(obj, field.attname) is None:
            continue
        found = project_id_of(getattr(obj, name), _depth + 1)
        if found is not None:
            return found
    return None


def projects_of(objects) -> set[int]:
    found = set()
    for obj in objects:
        items = obj if isinstance(obj, (list, tuple, set)) else (obj,)
        for item in items:
            project_id = project_id_of(item)
            if project_id is not None:
                found.add(project_id)
    return found


def projects_changed(project_ids: set[int]) -> None:
    """Makes the stored pages of these projects, and their bodies' lists, stale."""
    from projects.models import Project

    if not project_ids:
        return
    body_ids = set(
        Project.objects.filter(pk__in=project_ids).values_list("owner_office__body_id", flat=True)
    )
    bump(
        [
            *(generation_key(project_id) for project_id in project_ids),
            *(body_generation_key(body_id) for body_id in body_ids),
            ANY_PROJECT_GENERATION_KEY,
        ]
    )


def after_audited_write(subject, arguments: dict) -> None:
    """The audit decorator's hook: every audited service's subject and arguments."""
    projects_changed(projects_of([subject, *arguments.values()]))


def after_admin_change(sender, instance, **_kwargs) -> None:
    """A change saved in the admin site (its log entry names the object)."""
    try:
        changed = instance.get_edited_object()
    except Exception:  # the object was deleted: its project cannot be told any more
        return
    projects_changed(projects_of([changed]))


def cached_project_page(
    request,
    project_id: int,
    build: Callable[[], HttpResponse],
    *,
    check: Callable[[], object] | None,
) -> HttpResponse:
    """``build()``'s answer for this person, from the cache while the project is unchanged;
    ``check``, the page's permission check on a light row, comes before a stored copy (None
    where the view checks before asking for the copy)."""
    return cached_person_page(
        request, (generation_key(project_id), *_PROJECT_PAGE_GENERATIONS), build, check=check
    )
