"""Every state change of a collaboration project goes through here."""

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from partners.models import Organization
from partners.services import PermissionDenied, check
from projects.models import Project, ProjectEvent, ProjectPartner
from projects.permissions import can_advance_project, can_edit_project
from projects.workflow import closed_gates, is_backward

__all__ = ["GateClosed", "PermissionDenied", "project_advance", "project_set_partner"]

REASON_REQUIRED_TO_GO_BACK = _("前の段階に戻す理由を記入してください。")


class GateClosed(Exception):
    """A stage change refused by the workflow; ``reasons`` says what is missing."""

    def __init__(self, reasons: list[str]):
        super().__init__("; ".join(reasons))
        self.reasons = reasons


@transaction.atomic
def project_advance(*, project: Project, to: str, by, comment: str = "") -> Project:
    """Move a project to another stage, if its gates are open, and record the event."""
    check(can_advance_project(by, project))
    project = Project.objects.select_for_update().get(pk=project.pk)
    backward = is_backward(project.stage, to)
    if backward and not comment.strip():
        raise GateClosed([str(REASON_REQUIRED_TO_GO_BACK)])
    if reasons := closed_gates(project, to):
        raise GateClosed(reasons)
    ProjectEvent.objects.create(
        project=project,
        actor=by,
        from_stage=project.stage,
        to_stage=to,
        comment=comment,
        is_backward=backward,
    )
    project.stage = to
    project.version += 1
    project.save(update_fields=["stage", "version", "updated_at"])
    return project


@transaction.atomic
def project_set_partner(
    *, project: Project, organization: Organization, by, via: str, comment: str = ""
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
