"""A project's pages shown again from the cache while nothing on them has changed.

The project page, its agreement page and an evaluation round's exchange page are read far more
often than the project changes: by the office's staff, the partner NPO and the managers, each
coming back after every step. Building one costs 15–30 ms of CPU (the ORM compiling a dozen
queries and the template engine), so a repeat view of an unchanged project is served from a copy
made for the same person: their rights, their name in the navigation and their forms are on it.

What makes a copy stale:

* **The project's generation.** Every state change in the portal goes through an audited service
  (a test holds that), so the audit decorator is where a write is known: it finds the project of
  the service's subject and arguments (``project_id_of``) and bumps that project's generation,
  once in the transaction and again after commit (a reader who started before the commit may
  have stored the old page under the value bumped inside; the second bump makes that copy
  stale). A correction made in the admin site bumps it through the admin's log entry.
* **What the project's pages show from elsewhere:** the casebook's generation (the cases shown
  for the stage) and the public records' one (organisation and body names).
* **The person:** their memberships (rights follow roles), their unread notifications (the
  navigation shows the count), the language and the date (deadlines and overdue marks).
* **Time:** a copy lives ``PROJECT_PAGE_CACHE_SECONDS`` (300 s by default) at most.

Never from the cache: a page with messages waiting to be shown, an answer other than 200, a page
re-shown with a form's errors. Each copy carries a placeholder where the CSRF token goes; every
answer gets the person's own token there.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.core.cache import cache
from django.core.exceptions import FieldDoesNotExist
from django.db import models, transaction
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.utils import timezone
from django.utils.translation import get_language

from kyodo_portal.core import caching

# Stands in for the CSRF token in a stored copy; never a valid token itself.
CSRF_PLACEHOLDER = "project-page-csrf-placeholder-0000000000000000000000000000000000"
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


def generation_key(project_id: int) -> str:
    return f"project:{project_id}:pages:generation"


def body_generation_key(body_id: int | None) -> str:
    """Moved on by a write to any project of the body: its lists of projects."""
    return f"body:{body_id}:projects:generation"


# Moved on by a write to any project: pages that count projects across bodies (the directory's
# record of collaborations).
ANY_PROJECT_GENERATION_KEY = "projects:any:generation"


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
    """Makes the stored pages of these projects stale, now and again after the commit."""
    if not project_ids:
        return

    from projects.models import Project

    body_ids = set(
        Project.objects.filter(pk__in=project_ids).values_list("owner_office__body_id", flat=True)
    )
    keys = [generation_key(project_id) for project_id in project_ids]
    keys += [body_generation_key(body_id) for body_id in body_ids]
    keys.append(ANY_PROJECT_GENERATION_KEY)

    def bump():
        for key in keys:
            caching.bump_generation(key)

    bump()
    transaction.on_commit(bump)


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


def _person(request) -> tuple:
    """What of the person a page shows: rights, unread notifications, and today's date."""
    from kyodo_portal.selectors import unread_notification_count
    from partners.selectors import memberships_of

    return (
        tuple(sorted((m.organization_id, m.role) for m in memberships_of(request.user))),
        unread_notification_count(request.user),
        timezone.localdate().isoformat(),
    )


def cached_project_page(
    request, project_id: int, build: Callable[[], HttpResponse]
) -> HttpResponse:
    """``build()``'s answer for this person, from the cache while the project is unchanged."""
    from casebook.selectors import GENERATION_KEY as CASEBOOK

    return cached_person_page(request, (generation_key(project_id), CASEBOOK), build)


def cached_person_page(
    request, generation_keys: tuple[str, ...], build: Callable[[], HttpResponse]
) -> HttpResponse:
    """``build()``'s answer for this person, from the cache while none of ``generation_keys``
    (nor the public records' generation: names of organisations and bodies) has moved on."""
    from kyodo_portal.core.page_cache import PUBLIC_RECORDS_GENERATION_KEY

    seconds = settings.PROJECT_PAGE_CACHE_SECONDS
    if not seconds or request.method != "GET" or len(messages.get_messages(request)):
        return build()
    address = f"{request.user.pk}:{get_language()}:{request.get_full_path()}"
    key = "person-page:" + hashlib.sha256(address.encode()).hexdigest()
    generation_keys = (*generation_keys, PUBLIC_RECORDS_GENERATION_KEY)
    person = _person(request)
    found = cache.get_many([key, *generation_keys])
    generations = tuple(found.get(name) for name in generation_keys)
    stamp = (generations, person)
    entry = found.get(key)
    if entry is not None and entry[0] == stamp:
        return _with_token(request, HttpResponse(entry[1], content_type=entry[2]))
    if None in generations:
        generations = tuple(caching.generation(name) for name in generation_keys)
        stamp = (generations, person)
    # Only while this page is built: an error page rendered instead gets the real token.
    request.project_page_csrf_placeholder = True
    try:
        response = build()
    finally:
        request.project_page_csrf_placeholder = False
    if response.status_code == 200 and not response.streaming:
        cache.set(key, (stamp, response.content, response["Content-Type"]), seconds)
    return _with_token(request, response)


def page_context(request) -> dict:
    """Context for the page being built: the placeholder in place of the CSRF token."""
    if getattr(request, "project_page_csrf_placeholder", False):
        return {"csrf_token": CSRF_PLACEHOLDER}
    return {}


def _with_token(request, response: HttpResponse) -> HttpResponse:
    if CSRF_PLACEHOLDER.encode() in response.content:
        response.content = response.content.replace(
            CSRF_PLACEHOLDER.encode(), get_token(request).encode()
        )
    return response
