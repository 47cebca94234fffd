"""The choice of collaboration method (協働方法の選択) and how each principle is assured."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction

from kyodo_portal.core.audit import audited
from kyodo_portal.core.errors import check
from projects.choices import Method, Principle
from projects.models import MethodPlan, Project
from projects.permissions import can_edit_method
from projects.services.base import (
    INVALID_METHOD,
    PRINCIPLE_REQUIRED,
    RATIONALE_REQUIRED,
    STALE_METHOD,
    _check_version,
)


@transaction.atomic
@audited("project.method_choose")
def method_choose(
    *,
    project: Project,
    by,
    method: str,
    rationale: str,
    statements: dict[str, str],
    version: int | None = None,
) -> MethodPlan:
    """Choose one of the six methods, say why, and how each principle will be assured."""
    check(can_edit_method(by, project))
    locked = Project.objects.select_for_update().get(pk=project.pk)
    plan = MethodPlan.objects.filter(project=project).first()
    _check_version(plan.version if plan else 0, version, STALE_METHOD)
    errors: dict[str, list[str]] = {}
    if method not in Method.values:
        errors["method"] = [str(INVALID_METHOD)]
    if not rationale.strip():
        errors["rationale"] = [str(RATIONALE_REQUIRED)]
    for principle in Principle:
        if not statements.get(principle.value, "").strip():
            errors[principle.value] = [str(PRINCIPLE_REQUIRED) % {"principle": principle.label}]
    if errors:
        raise ValidationError(errors)
    if plan is None:
        plan = MethodPlan(project=project, version=0)
    plan.rationale = rationale
    for principle in Principle:
        setattr(plan, principle.value, statements[principle.value])
    plan.updated_by = by
    plan.version += 1
    plan.save()
    # Only the method column: a concurrent edit of the basics must not be reported stale.
    locked.method = method
    locked.save(update_fields=["method", "updated_at"])
    project.method = method
    return plan
