"""What the selection pages share: refusals shown as messages or form errors, and 404 for a
person who may not use a page at all."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404

from projects.models import Project
from selection import permissions as perms


def _errors(error: Exception) -> list[str]:
    if isinstance(error, ValidationError):
        return list(error.messages)
    return [str(error)]


def refuse(request, error: Exception) -> None:
    for message in _errors(error):
        messages.error(request, message)


def form_refuse(form, error: Exception) -> None:
    for message in _errors(error):
        form.add_error(None, message)


def require(decision: tuple[bool, str]) -> None:
    """404 for a person who may not use the page at all (same as for a missing page)."""
    if not decision[0]:
        raise Http404


def get_project_for_selection(user, project_pk) -> Project:
    project = Project.objects.select_related("owner_office").filter(pk=project_pk).first()
    if project is None or not perms.can_view_selection(user, project)[0]:
        raise Http404
    return project
