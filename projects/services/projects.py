"""Creating and editing a project, moving it between stages, and recording its partner."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction

from kyodo_portal.core.audit import audited
from kyodo_portal.core.errors import PermissionDenied, check
from kyodo_portal.core.fiscal import fiscal_year_of
from kyodo_portal.core.roles import Role
from partners.models import ActivityField, Organization
from partners.selectors import organization_ids_of
from projects import notices
from projects.choices import Origin, Stage
from projects.facts import project_facts
from projects.models import Project, ProjectEvent, ProjectPartner
from projects.permissions import (
    can_advance_project,
    can_continue_project,
    can_create_project,
    can_edit_project,
)
from projects.services.base import (
    DATES_REVERSED,
    FISCAL_YEARS_REVERSED,
    NOT_YOUR_OFFICE,
    REASON_REQUIRED_TO_GO_BACK,
    STALE_PROJECT,
    GateClosed,
    _check_version,
)
from projects.workflow import PROJECT_WORKFLOW, closed_gates, is_backward

PROJECT_FIELDS = (
    "title",
    "background",
    "purpose",
    "content",
    "beneficiaries",
    "outcome_targets",
    "responsible_staff",
    "fiscal_year_start",
    "fiscal_year_end",
    "start_date",
    "end_date",
    "budget",
    "predecessor",
)


def _validate_project(project: Project) -> None:
    if project.fiscal_year_end < project.fiscal_year_start:
        raise ValidationError({"fiscal_year_end": str(FISCAL_YEARS_REVERSED)})
    if project.start_date and project.end_date and project.end_date < project.start_date:
        raise ValidationError({"end_date": str(DATES_REVERSED)})


@transaction.atomic
@audited("project.project_create")
def project_create(
    *,
    by,
    owner_office: Organization,
    values: dict,
    fields: Iterable[ActivityField] = (),
) -> Project:
    """A new project at the draft stage (構想), owned by one of the creator's offices."""
    check(can_create_project(by))
    if owner_office.pk not in organization_ids_of(by, Role.STAFF):
        raise PermissionDenied(str(NOT_YOUR_OFFICE))
    project = Project(owner_office=owner_office, created_by=by, origin=Origin.GOVERNMENT)
    for name in PROJECT_FIELDS:
        if name in values:
            setattr(project, name, values[name])
    if project.responsible_staff is None:
        project.responsible_staff = by
    _validate_project(project)
    project.save()
    project.fields.set(list(fields))
    return project


# What a continuation carries from its predecessor: the same issue and aim in the same office.
# The partner is not carried: the next year's partner is chosen fairly again.
CONTINUED_FIELDS = ("title", "background", "purpose", "content", "beneficiaries")


@transaction.atomic
@audited("project.project_continue")
def project_continue(*, project: Project, by) -> Project:
    """A continuation project (継続事業) of a closed one: a draft in the same office for the next
    fiscal year, linked to its predecessor (whose improvement items then wait in its planning)."""
    check(can_continue_project(by, project))
    project = Project.objects.select_for_update().get(pk=project.pk)
    check(can_continue_project(by, project))  # a second click waited for the lock
    year = max(project.fiscal_year_end + 1, fiscal_year_of())
    successor = Project(
        owner_office_id=project.owner_office_id,
        responsible_staff=by,
        created_by=by,
        origin=Origin.GOVERNMENT,
        predecessor=project,
        fiscal_year_start=year,
        fiscal_year_end=year,
    )
    for name in CONTINUED_FIELDS:
        setattr(successor, name, getattr(project, name))
    successor.save()
    successor.fields.set(project.fields.all())
    return successor


@transaction.atomic
@audited("project.project_update")
def project_update(
    *,
    project: Project,
    by,
    values: dict,
    fields: Iterable[ActivityField] | None = None,
    version: int | None = None,
) -> Project:
    """Change the project's basic information; refused if someone saved in between."""
    check(can_edit_project(by, project))
    project = Project.objects.select_for_update().get(pk=project.pk)
    _check_version(project.version, version, STALE_PROJECT)
    for name, value in values.items():
        if name not in PROJECT_FIELDS:
            raise ValueError(f"{name} cannot be changed here")
        setattr(project, name, value)
    _validate_project(project)
    project.version += 1
    project.save()
    if fields is not None:
        project.fields.set(list(fields))
    return project


@transaction.atomic
@audited("project.project_advance")
def project_advance(
    *, project: Project, to: str, by, comment: str = "", note: dict | None = None
) -> Project:
    """Move a project to another stage, if its gates are open, and record the event."""
    check(can_advance_project(by, project))
    original = project
    project = Project.objects.select_for_update().get(pk=project.pk)
    # The gates read a snapshot taken after the lock, never what the caller read before.
    facts = project_facts(project)
    backward = is_backward(project.stage, to)
    if backward and not comment.strip():
        raise GateClosed([str(REASON_REQUIRED_TO_GO_BACK)])
    if reasons := closed_gates(facts, to):
        raise GateClosed(reasons)
    event = ProjectEvent.objects.create(
        project=project,
        actor=by,
        from_stage=project.stage,
        to_stage=to,
        comment=comment,
        note=note or {},
        is_backward=backward,
    )
    if to == Stage.ENDED:
        # The suitability conclusion says why the project ends (government alone / NPO alone /
        # reconsider); the gate has checked it is not "collaborate".
        project.end_outcome = facts.suitability.outcome
    project.version += 1
    PROJECT_WORKFLOW.transition(project, to, facts=facts, also=("end_outcome", "version"))
    # The caller's object follows, so a service called next with it sees the new stage.
    original.stage, original.end_outcome = project.stage, project.end_outcome
    original.version, original.updated_at = project.version, project.updated_at
    notices.notify_project_moved(project=project, event=event, by=by)
    return project


@transaction.atomic
@audited("project.project_set_partner")
def project_set_partner(
    *, project: Project, organization: Organization, by, via: str
) -> ProjectPartner:
    """Record the NPO chosen as the project's partner (by open call, designation or proposal)."""
    check(can_edit_project(by, project))
    if not organization.is_npo:
        raise ValueError("a partner must be an NPO")
    partner, _created = ProjectPartner.objects.update_or_create(
        project=project,
        organization=organization,
        defaults={"status": ProjectPartner.Status.PARTNER, "via": via},
    )
    return partner
