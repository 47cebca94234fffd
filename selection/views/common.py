"""What the selection pages share: 404 for a person who may not use a page at all. (A
service's refusal is shown through ``kyodo_portal.core.web.service_call``.)"""

from django.http import Http404

from projects.models import Project
from selection import permissions as perms


def require(decision: tuple[bool, str]) -> None:
    """404 for a person who may not use the page at all (same as for a missing page)."""
    if not decision[0]:
        raise Http404


def get_project_for_selection(user, project_pk) -> Project:
    project = Project.objects.select_related("owner_office").filter(pk=project_pk).first()
    if project is None or not perms.can_view_selection(user, project)[0]:
        raise Http404
    return project
