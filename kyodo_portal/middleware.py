"""The site's own middleware: health probes answered first, private answers kept out of caches,
and (for the benchmark harness only, QUERY_COUNT_HEADER=true) the number of SQL statements of
each request."""

from django.db import connections
from django.utils.cache import patch_cache_control


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
