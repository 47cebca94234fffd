"""The site's own middleware: the request id and access line of every request, health probes
answered first, private answers kept out of caches, and (for the benchmark harness only,
QUERY_COUNT_HEADER=true) the number of SQL statements of each request."""

import logging
import time

from django.db import connections
from django.utils.cache import patch_cache_control

from kyodo_portal import logs


class HealthCheckMiddleware:
    """Answers /healthz/live and /healthz before any other middleware.

    A probe comes from docker, a load balancer or the proxy, addressed by a container name or an
    IP that ALLOWED_HOSTS rightly leaves out, and over plain http: through the rest of the stack
    it would get 400 (host validation) or a redirect to https. These two answers read nothing
    from the request but its path, so skipping host validation for them is safe."""

    def __init__(self, get_response):
        from kyodo_portal import views

        self.get_response = get_response
        self.probes = {"/healthz/live": views.healthz_live, "/healthz": views.healthz}

    def __call__(self, request):
        probe = self.probes.get(request.path_info)
        if probe is not None:
            return probe(request)
        return self.get_response(request)


class PrivateNoStoreMiddleware:
    """Every answer to a signed-in request (a browser session, or an API token, which DRF
    resolves during the view) is ``Cache-Control: private, no-store`` unless the view chose its
    own caching: a page or file with someone's evaluations, names or projects must not stay in a
    shared office browser or a proxy. Anonymous answers are left as their views made them."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.has_header("Cache-Control"):
            return response
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            patch_cache_control(response, private=True, no_store=True)
        return response


class QueryCountHeaderMiddleware:
    """Adds ``X-Query-Count``: the SQL statements this request ran, so the harness can check that
    pages stay within a bounded number of queries at any data size."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        count = 0

        def counter(execute, sql, params, many, context):
            nonlocal count
            count += 1
            return execute(sql, params, many, context)

        with connections["default"].execute_wrapper(counter):
            response = self.get_response(request)
        response["X-Query-Count"] = str(count)
        return response


class RequestIdMiddleware:
    """Gives each request an id and writes its access line.

    The id is the proxy's ``X-Request-ID`` when it is well formed (the proxy should set it and
    overwrite one sent by the browser), else a new one; it goes back in the response's
    ``X-Request-ID``, onto every log line written during the request, and into the headers of the
    tasks the request enqueues. The access line says who (the user's id, never a name), what (the
    method and the path, without the query string, which may hold a search for a name), the status
    and how long it took. First in MIDDLEWARE, so redirects and refusals by the others count too.
    """

    header = "X-Request-ID"
    logger = logging.getLogger("kyodo_portal.request")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request_id = (
            logs.valid_request_id(request.headers.get(self.header)) or logs.new_request_id()
        )
        request.request_id = request_id
        token = logs.current_request_id.set(request_id)
        started = time.perf_counter()
        try:
            response = self.get_response(request)
            response[self.header] = request_id
            self._access_line(request, response.status_code, started)
            return response
        finally:
            logs.current_request_id.reset(token)

    def _access_line(self, request, status: int, started: float) -> None:
        # Load balancer probes every few seconds would drown the rest: they are logged below INFO.
        level = logging.DEBUG if request.path == "/healthz" and status == 200 else logging.INFO
        if not self.logger.isEnabledFor(level):
            return
        user = getattr(request, "user", None)
        duration_ms = round((time.perf_counter() - started) * 1000, 1)
        self.logger.log(
            level,
            "%s %s %s %.1fms",
            request.method,
            request.path,
            status,
            duration_ms,
            extra={
                "method": request.method,
                "path": request.path,
                "status": status,
                "duration_ms": duration_ms,
                # The user as the view resolved it (DRF's token authentication sets it on the
                # request too); an anonymous visitor has none.
                "user_id": user.pk if user is not None and user.is_authenticated else None,
            },
        )
