"""Pages shown again from the cache to the person who read them, while nothing on them changed.

A project's pages and the list of projects are read far more often than they change: by the
office's staff, the partner NPO and the managers, each coming back after every step. Building
one costs 15–30 ms of CPU (the ORM compiling a dozen queries, and the template engine), so a
repeat view is served from a copy made for the same person: their rights, their name in the
navigation and their forms are on it. The domain apps say which pages and what makes a copy stale
(projects/page_copies.py); this module keeps the copies.

What makes a copy stale:

* **The generations the page names** (``caching``), which the writes move on: ``bump`` moves
  them once at once and again after the commit, since a reader who started before the commit may
  have stored the old page under the value moved inside the transaction.
* **The public records' generation** (organisation and body names, see page_cache).
* **The person:** what the site registers with ``person_stamp`` (their memberships, since rights
  follow roles), the person's own generation (``people_changed``: moved on by what the navigation
  shows of them, such as their unread notifications and their name), the language and the date
  (deadlines and overdue marks).
* **Time:** a copy lives ``PROJECT_PAGE_CACHE_SECONDS`` (300 s by default) at most.

Never from the cache: a page with messages waiting to be shown, an answer other than 200. Each
copy carries a placeholder where the CSRF token goes; every answer gets the person's own token.

Access is checked on every answer, stored copy or not: the view passes its permission check as
``check``, which reads only what the rule needs. The generations make a copy stale after any write
made through the portal, but access must not depend on that: a row changed outside it (a script,
the database console) still ends a person's access at once.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable

from django.conf import settings
from django.contrib import messages
from django.core.cache import cache
from django.db import transaction
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.utils import timezone
from django.utils.translation import get_language

from kyodo_portal.core import caching
from kyodo_portal.core.page_cache import PUBLIC_RECORDS_GENERATION_KEY

# Stands in for the CSRF token in a stored copy; never a valid token itself.
CSRF_PLACEHOLDER = "person-page-csrf-placeholder-00000000000000000000000000000000000"

# Moved on by a write to any project (projects.page_copies): pages that count projects across
# bodies, such as the NPO directory's record of collaborations.
ANY_PROJECT_GENERATION_KEY = "projects:any:generation"

_PERSON_STAMPS: list[Callable] = []


def person_stamp(part: Callable) -> None:
    """Adds ``part(request)`` to what every copy depends on of its person."""
    if part not in _PERSON_STAMPS:
        _PERSON_STAMPS.append(part)


def person_generation_key(user_id: int) -> str:
    return f"person:{user_id}:pages:generation"


def people_changed(user_ids: Iterable[int]) -> None:
    """Makes the stored pages of these people stale (what the navigation shows of them moved)."""
    bump(person_generation_key(user_id) for user_id in set(user_ids) if user_id is not None)


def bump(keys: Iterable[str]) -> None:
    """Moves these generations on, now and again after the commit."""
    keys = list(keys)

    def now():
        for key in keys:
            caching.bump_generation(key)

    now()
    transaction.on_commit(now)


def _person(request, extra: tuple = ()) -> str:
    # A digest, so that an entry stays small when a part is long (a manager of every body has
    # 1,788 memberships); the same in every process, unlike hash().
    parts = (
        *(part(request) for part in _PERSON_STAMPS),
        timezone.localdate().isoformat(),
        *extra,
    )
    return hashlib.sha256(repr(parts).encode()).hexdigest()


def cached_person_page(
    request,
    generation_keys: tuple[str, ...],
    build: Callable[[], HttpResponse],
    *,
    check: Callable[[], object] | None = None,
    stamp: tuple = (),
) -> HttpResponse:
    """``build()``'s answer for this person, from the cache while none of ``generation_keys``
    (nor the public records' generation, nor the person's own) has moved on. ``check`` is the
    view's permission check, run before a stored copy is served: it raises (Http404) or returns
    the answer to give instead to refuse; ``build`` makes its own, on the full row it needs.
    ``stamp`` holds what else the page shows and no generation follows, read afresh for each
    answer (the dashboard's fingerprint of its tables)."""
    seconds = settings.PROJECT_PAGE_CACHE_SECONDS
    if not seconds or request.method != "GET" or len(messages.get_messages(request)):
        return build()
    address = f"{request.user.pk}:{get_language()}:{request.get_full_path()}"
    key = "person-page:" + hashlib.sha256(address.encode()).hexdigest()
    generation_keys = (
        *generation_keys,
        PUBLIC_RECORDS_GENERATION_KEY,
        person_generation_key(request.user.pk),
    )
    found = cache.get_many([key, *generation_keys])
    generations = tuple(found.get(name) for name in generation_keys)
    entry = found.get(key)
    person = None
    if entry is not None and entry[0][0] == generations:
        # The check first: it loads what the person's stamp then reads without a query.
        refused = check() if check is not None else None
        if isinstance(refused, HttpResponse):
            return refused
        person = _person(request, stamp)
        if entry[0][1] == person:
            return _with_token(request, HttpResponse(entry[1], content_type=entry[2]))
    person = person or _person(request, stamp)
    if None in generations:
        generations = tuple(caching.generation(name) for name in generation_keys)
    # Only while this page is built: an error page rendered instead gets the real token.
    request.person_page_csrf_placeholder = True
    try:
        response = build()
    finally:
        request.person_page_csrf_placeholder = False
    if response.status_code == 200 and not response.streaming:
        cache.set(key, ((generations, person), response.content, response["Content-Type"]), seconds)
    return _with_token(request, response)


def page_context(request) -> dict:
    """Context for the page being built: the placeholder in place of the CSRF token."""
    if getattr(request, "person_page_csrf_placeholder", False):
        return {"csrf_token": CSRF_PLACEHOLDER}
    return {}


def _with_token(request, response: HttpResponse) -> HttpResponse:
    if CSRF_PLACEHOLDER.encode() in response.content:
        response.content = response.content.replace(
            CSRF_PLACEHOLDER.encode(), get_token(request).encode()
        )
    return response
