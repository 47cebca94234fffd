"""Read queries about collaboration projects, shared by views, dashboards and tasks."""

from kyodo_portal.roles import Role
from projects.choices import Stage
from projects.permissions import projects_visible_to

__all__ = ["home_context", "projects_visible_to"]

ACTIVE_STAGES = [s for s in Stage if s not in (Stage.CLOSED, Stage.ENDED)]


def home_context(user, roles: set[str]) -> dict:
    context: dict = {}
    if Role.STAFF in roles:
        from partners.selectors import organization_ids_of

        context["office_projects"] = list(
            projects_visible_to(user)
            .filter(
                owner_office_id__in=organization_ids_of(user, Role.STAFF),
                stage__in=ACTIVE_STAGES,
            )
            .only("pk", "title", "stage")[:20]
        )
    return context
