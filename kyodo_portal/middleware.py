"""Middleware used by the benchmark harness only (QUERY_COUNT_HEADER=true)."""

from django.db import connections


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
