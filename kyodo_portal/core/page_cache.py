"""Whole public pages served from the cache to anonymous visitors, per language.

A public page (the landing page, the casebook, published calls, results and evaluations, the
bodies' pages) is the same for every anonymous visitor who reads it in the same language, so
after the first visitor has had it built, the next ones get a copy in one cache round trip,
before the session, authentication, CSRF and template machinery run at all.

Fresh, because:

* Each entry holds the generations its page was built under: the casebook's, the ranking's
  (every write to a call, its criteria, committee, applications, declarations and scores), the
  dashboard's (every write to a project, its partners or an evaluation) and the public records'
  (designations, government bodies, organizations, published revisions of calls). The lookup
  reads the entry and the current generations in one ``get_many``; a write anywhere has moved one
  of them on, and the page is built again. A view that reads only what some of them cover says
  so (``@public_page(depends_on=...)``, the casebook's pages) and keeps its copies through the
  other writes.
* Time alone changes some pages (a call's deadline passes), and no write marks that: entries
  live ``PUBLIC_PAGE_CACHE_SECONDS`` (60 s by default) at most.

Private, because only these requests are served from it or stored in it:

* ``GET`` without a session, messages or ``Authorization``: nobody signed in, nothing waiting to
  be shown to this one browser;
* to a view marked ``@public_page`` (marking is the view's own statement that its page reads
  nothing of the visitor but the language and the query string);
* answered ``200`` without setting a cookie (a page that handed out a CSRF token is never
  stored), on a host ``ALLOWED_HOSTS`` accepts, and not one that the https redirect would have
  turned away.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import DisallowedHost
from django.http import HttpResponse
from django.utils import translation

from kyodo_portal.core import caching

PUBLIC_RECORDS_GENERATION_KEY = "public:records:generation"
_MAX_QUERY_STRING = 300


def public_page(view=None, *, depends_on: tuple[str, ...] | None = None):
    """Marks a view whose page is the same for every anonymous visitor in one language.

    ``depends_on`` names the generations the page's content follows, when it reads only what
    they cover (the casebook's pages read only the casebook): a write elsewhere, such as a
    project saved, then leaves its copies in place. Without it the page follows every public
    generation. The public records' generation is always followed."""

    def mark(view):
        view.public_page = True
        if depends_on is not None:
            view.public_page_generations = (PUBLIC_RECORDS_GENERATION_KEY, *depends_on)
        return view

    return mark if view is None else mark(view)


def public_records_changed(**_kwargs) -> None:
    caching.bump_generation(PUBLIC_RECORDS_GENERATION_KEY)


# Every generation a public page may depend on: the public records' own, and those the apps
# add when they are ready (the casebook's, the ranking's, the dashboard's).
_GENERATIONS: list[str] = [PUBLIC_RECORDS_GENERATION_KEY]


def public_pages_depend_on(*keys: str) -> None:
    for key in keys:
        if key not in _GENERATIONS:
            _GENERATIONS.append(key)


def generation_keys() -> tuple[str, ...]:
    return tuple(_GENERATIONS)


class PublicPageCacheMiddleware:
    """Answers anonymous ``GET`` requests for public pages from the cache (see the module)."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.generation_keys = generation_keys()
        self.private_cookies = (settings.SESSION_COOKIE_NAME, "messages")

    def __call__(self, request):
        seconds = settings.PUBLIC_PAGE_CACHE_SECONDS
        key = seconds and self._key(request)
        if not key:
            return self.get_response(request)
        # Every generation is read with the entry (one round trip); the entry says which of them
        # its page follows.
        found = cache.get_many([key, *self.generation_keys])
        entry = found.get(key)
        if entry is not None and entry[1] == tuple(found.get(name) for name in entry[0]):
            return _response(entry[2:])
        response = self.get_response(request)
        if names := self._storable(request, response):
            generations = tuple(found.get(name) for name in names)
            if None in generations:
                # A counter the cache did not have: start it, and store under the values it
                # now has (a write that bumped it meanwhile only makes this entry stale).
                generations = tuple(caching.generation(name) for name in names)
            cache.set(key, (names, generations, *_frozen(response)), seconds)
        return response

    def _key(self, request) -> str | None:
        if request.method != "GET" or "HTTP_AUTHORIZATION" in request.META:
            return None
        if any(name in request.COOKIES for name in self.private_cookies):
            return None
        query = request.META.get("QUERY_STRING", "")
        if len(query) > _MAX_QUERY_STRING:
            return None
        if settings.SECURE_SSL_REDIRECT and not request.is_secure():
            return None  # SecurityMiddleware redirects it to https
        try:
            host = request.get_host()
        except DisallowedHost:
            return None  # the rest of the stack answers 400
        language = translation.get_language_from_request(request)
        address = f"{host}{request.path}?{query}".encode()
        return f"page:{language}:{hashlib.sha256(address).hexdigest()}"

    def _storable(self, request, response) -> tuple[str, ...] | None:
        """The generations the page follows when it may be stored, else None."""
        match = getattr(request, "resolver_match", None)
        user = getattr(request, "user", None)
        if (
            response.status_code == 200
            and not response.streaming
            and not response.cookies
            and match is not None
            and getattr(match.func, "public_page", False)
            and not (user is not None and user.is_authenticated)
        ):
            return getattr(match.func, "public_page_generations", self.generation_keys)
        return None


def _frozen(response) -> tuple:
    return response.status_code, list(response.items()), response.content


def _response(frozen) -> HttpResponse:
    status, headers, content = frozen
    response = HttpResponse(content, status=status)
    for name, value in headers:
        response[name] = value
    return response
