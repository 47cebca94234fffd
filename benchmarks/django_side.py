#!/usr/bin/env python
"""The harness's questions to the portal, answered inside its settings as JSON on stdout.

python benchmarks/django_side.py size     # number of projects in the database
python benchmarks/django_side.py pages    # the pages to drive, with sample objects
python benchmarks/django_side.py sweep    # the reminder sweep: time, queries, due reminders
python benchmarks/django_side.py export   # Excel workbook of all evaluations: time, peak memory
python benchmarks/django_side.py dashboard_cold  # the dashboard with each filter, cache cold
python benchmarks/django_side.py cpu 30   # each page N times in process: CPU ms, queries
python benchmarks/django_side.py data     # projects, bodies, database size
"""

import json
import os
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kyodo_portal.settings")

import django

django.setup()

from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402

MANAGER = "bench_manager"


def size() -> int:
    from projects.models import Project

    return Project.objects.count()


def pages() -> list[dict]:
    from devdata.scale.pages import benchmark_pages

    return benchmark_pages()


def data() -> dict:
    """What the database holds: projects, bodies, and its size on disk."""
    from partners.models import GovernmentBody
    from projects.models import Project

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_database_size(datname), shobj_description(oid, 'pg_database') "
            "FROM pg_database WHERE datname = current_database()"
        )
        size_bytes, comment = cursor.fetchone()
    # run.py leaves the seed's duration in the database's comment, so a later run can report it.
    try:
        seed_seconds = json.loads(comment or "{}").get("seed seconds")
    except ValueError:
        seed_seconds = None
    return {
        "projects": Project.objects.count(),
        "bodies": GovernmentBody.objects.count(),
        "database bytes": size_bytes,
        "seed seconds": seed_seconds,
    }


def cpu(requests: int = 30) -> list[dict]:
    """Each page requested ``requests`` times in this process through the whole middleware stack
    (Django's test client, signed in as the page's user), after three warm-up requests: the
    median CPU time of one request (time.process_time: this process only, so other work on the
    machine hardly moves it), the median wall time, the median time spent inside the SQL
    statements (waiting for PostgreSQL, and on a busy machine for a core) and the queries of one
    request. The worker's garbage-collector tuning
    is applied first, as gunicorn.conf.py does."""
    import statistics

    from django.test import Client

    from kyodo_portal.startup import tune_garbage_collector
    from partners.models import User

    clients: dict[str, Client] = {}

    def client_for(username: str) -> Client:
        if username not in clients:
            client = Client(HTTP_HOST="127.0.0.1")
            if username:
                client.force_login(User.objects.get(username=username))
            clients[username] = client
        return clients[username]

    page_list = pages()
    for page in page_list:
        client_for(page.get("user", ""))
    tune_garbage_collector()

    def measure(page: dict) -> dict:
        client = client_for(page.get("user", ""))
        for _ in range(3):
            client.get(page["path"])
        cpu_ms, wall_ms, sql_ms = [], [], []
        for _ in range(requests):
            sql = [0.0]

            def timed(execute, query, params, many, context, sql=sql):
                started = time.perf_counter()
                try:
                    return execute(query, params, many, context)
                finally:
                    sql[0] += time.perf_counter() - started

            with connection.execute_wrapper(timed):
                started_cpu, started = time.process_time(), time.perf_counter()
                client.get(page["path"])
                cpu_ms.append((time.process_time() - started_cpu) * 1000)
                wall_ms.append((time.perf_counter() - started) * 1000)
            sql_ms.append(sql[0] * 1000)
        # Counted on a request of its own: recording the queries costs CPU the timing leaves out.
        with CaptureQueriesContext(connection) as queries:
            response = client.get(page["path"])
        return {
            "status": response.status_code,
            "queries": len(queries),
            "cpu_ms": round(statistics.median(cpu_ms), 2),
            "wall_ms": round(statistics.median(wall_ms), 2),
            "sql_ms": round(statistics.median(sql_ms), 2),
        }

    from django.conf import settings

    rows = []
    for page in page_list:
        # As wrk sees it (a repeat view: the stored copy where a page has one), then built
        # afresh with the copies of whole pages turned off, as the first view after a change.
        row = {"name": page["name"], **measure(page)}
        stored = settings.PUBLIC_PAGE_CACHE_SECONDS, settings.PROJECT_PAGE_CACHE_SECONDS
        settings.PUBLIC_PAGE_CACHE_SECONDS = settings.PROJECT_PAGE_CACHE_SECONDS = 0
        try:
            built = measure(page)
        finally:
            settings.PUBLIC_PAGE_CACHE_SECONDS, settings.PROJECT_PAGE_CACHE_SECONDS = stored
        row.update(
            queries_built=built["queries"],
            cpu_built_ms=built["cpu_ms"],
            sql_built_ms=built["sql_ms"],
        )
        rows.append(row)
    return rows


def sweep() -> dict:
    """The reminder sweep over the whole database, as the daily beat runs it.

    The send tasks are counted, not run: sending is one task per reminder and is measured by
    its own tests; this figure is the sweep's finding and recording.
    """
    from kyodo_portal import services, tasks
    from kyodo_portal.core.models import Reminder

    enqueued = []
    tasks.send_reminder.delay = enqueued.append  # count instead of sending
    before = Reminder.objects.count()
    started = time.monotonic()
    with CaptureQueriesContext(connection) as queries:
        result = services.reminders_sweep()
    elapsed = time.monotonic() - started
    return {
        "seconds": round(elapsed, 2),
        "queries": len(queries),
        "due found": result.found,
        "new ledger rows": Reminder.objects.count() - before,
        "sends enqueued": len(result.pending_ids),
    }


def export() -> dict:
    """The Excel workbook of every evaluation result, as the Celery task builds it when a manager
    asks for more rows than a request may take (run here in this process, to time it and read
    its peak memory)."""
    from evaluation import dashboard as dash
    from evaluation import exports, services
    from evaluation.models import ResultsExport
    from kyodo_portal.core import spreadsheet
    from partners.models import User

    manager = User.objects.get(username=MANAGER)
    export = ResultsExport.objects.create(requested_by=manager, filters={})
    baseline = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.monotonic()
    status = services.results_export_build(export_id=export.pk)
    elapsed = time.monotonic() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    export.refresh_from_db()
    size = export.file.size if export.file else 0
    figures = {
        "status": status,
        "rows": export.rows,
        "sheets": -(-export.rows // spreadsheet.SHEET_ROWS),
        "seconds": round(elapsed, 1),
        "bytes": size,
        "peak RSS MB": round(peak / 1024, 1),
        "growth over start MB": round((peak - baseline) / 1024, 1),
        "in-request limit (rows)": exports.EXCEL_MAX_ROWS,
        "all scored answers": dash.scored_answers(dash.Filters()).count(),
    }
    export.file.delete(save=False)
    export.delete()
    return figures


def dashboard_cold() -> dict:
    """The managers' dashboard as a first visitor after a change sees it: every filter value
    (each fiscal year, office, method, activity field and the midterm round) requested once with
    the cache made stale, as a manager's browser would, timing the whole request."""
    import statistics

    from django.test import Client

    from evaluation import dashboard as dash
    from evaluation.models import RoundKind
    from partners.models import ActivityField, Organization, User
    from projects.choices import Method
    from projects.models import Project

    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(User.objects.get(username=MANAGER))
    url = reverse("evaluation:dashboard")
    years = Project.objects.order_by().values_list("fiscal_year_start", flat=True).distinct()
    offices = Organization.objects.filter(kind=Organization.Kind.GOVERNMENT).order_by("pk")
    filters = (
        [{"fiscal_year": year} for year in sorted(years)]
        + [{"office": pk} for pk in offices.values_list("pk", flat=True)]
        + [{"method": code} for code in Method.values]
        + [{"field": pk} for pk in ActivityField.objects.values_list("pk", flat=True)]
        + [{"round": RoundKind.MIDTERM}]
    )

    def cold(params: dict) -> float:
        dash.bump_generation()
        started = time.monotonic()
        response = client.get(url, params)
        assert response.status_code == 200, response.status_code
        return (time.monotonic() - started) * 1000

    unfiltered = cold({})
    timed = [(cold(params), params) for params in filters]
    times = sorted(ms for ms, _params in timed)
    slowest = max(timed, key=lambda pair: pair[0])[1]
    return {
        "unfiltered ms": round(unfiltered),
        "filters": len(filters),
        "p50 ms": round(statistics.median(times)),
        "p99 ms": round(times[min(len(times) - 1, int(len(times) * 0.99))]),
        "max ms": round(times[-1]),
        "slowest filter": slowest,
    }


if __name__ == "__main__":
    command, arguments = sys.argv[1], [int(argument) for argument in sys.argv[2:]]
    print(
        json.dumps(
            {
                "size": size,
                "data": data,
                "cpu": cpu,
                "pages": pages,
                "sweep": sweep,
                "export": export,
                "dashboard_cold": dashboard_cold,
            }[command](*arguments)
        )
    )
