"""Who may see or change collaboration projects. Access is decided here and only here.

- staff of the owner office: read and edit, move the stages;
- members of a partner NPO (prospective or confirmed, not withdrawn): read, add implementation
  notes, confirm the agreement;
- managers: read everything;
- everyone else, including other NPOs: 404, exactly as for a project that does not exist.
"""

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from kyodo_portal.roles import Role
from partners.selectors import has_role, organization_ids_of
from projects.models import Project, ProjectPartner

Decision = tuple[bool, str]

NOT_SIGNED_IN = _("ログインしてください。")
NOT_OWNER_STAFF = _("この事業を編集できるのは、担当課の職員だけです。")
NOT_PARTNER = _("この事業の協働相手のNPOではありません。")
NOT_VISIBLE = _("この事業を閲覧する権限がありません。")


def _active_partner_ids(project: Project) -> set[int]:
    cached = getattr(project, "_active_partner_ids", None)
    if cached is None:
        cached = set(
            ProjectPartner.objects.filter(project=project)
            .exclude(status=ProjectPartner.Status.WITHDRAWN)
            .values_list("organization_id", flat=True)
        )
        project._active_partner_ids = cached
    return cached


def is_owner_staff(user, project: Project) -> bool:
    return project.owner_office_id in organization_ids_of(user, Role.STAFF)


def is_partner_member(user, project: Project) -> bool:
    return bool(organization_ids_of(user, Role.NPO) & _active_partner_ids(project))


def can_view_project(user, project: Project) -> Decision:
    if not user.is_authenticated:
        return False, str(NOT_SIGNED_IN)
    if is_owner_staff(user, project) or has_role(user, Role.MANAGER):
        return True, ""
    if is_partner_member(user, project):
        return True, ""
    return False, str(NOT_VISIBLE)


def can_edit_project(user, project: Project) -> Decision:
    if not user.is_authenticated:
        return False, str(NOT_SIGNED_IN)
    if is_owner_staff(user, project):
        return True, ""
    return False, str(NOT_OWNER_STAFF)


def can_advance_project(user, project: Project) -> Decision:
    """Moving a stage is the owner office's decision."""
    return can_edit_project(user, project)


def can_act_as_partner(user, project: Project) -> Decision:
    """Adding implementation notes and confirming the agreement for the NPO side."""
    if not user.is_authenticated:
        return False, str(NOT_SIGNED_IN)
    if is_partner_member(user, project):
        return True, ""
    return False, str(NOT_PARTNER)


def visible_projects_filter(user) -> Q | None:
    """A filter for the projects a person may read; None means all of them (managers)."""
    if has_role(user, Role.MANAGER):
        return None
    office_ids = organization_ids_of(user, Role.STAFF)
    npo_ids = organization_ids_of(user, Role.NPO)
    return Q(owner_office_id__in=office_ids) | Q(
        pk__in=ProjectPartner.objects.filter(organization_id__in=npo_ids)
        .exclude(status=ProjectPartner.Status.WITHDRAWN)
        .values("project_id")
    )


def projects_visible_to(user) -> QuerySet[Project]:
    if not user.is_authenticated:
        return Project.objects.none()
    condition = visible_projects_filter(user)
    return Project.objects.all() if condition is None else Project.objects.filter(condition)


def get_project_for_view_or_404(
    user, pk: int, queryset: QuerySet[Project] | None = None
) -> Project:
    """The project if the person may read it; 404 alike for missing and forbidden."""
    project = (queryset if queryset is not None else Project.objects).filter(pk=pk).first()
    if project is None or not can_view_project(user, project)[0]:
        raise Http404
    return project


def get_project_for_edit_or_404(
    user, pk: int, queryset: QuerySet[Project] | None = None
) -> Project:
    project = get_project_for_view_or_404(user, pk, queryset)
    if not can_edit_project(user, project)[0]:
        raise Http404
    return project
