"""Portal-wide pages: the public landing page, the role-aware home page and /healthz."""

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from kombu import Connection

from kyodo_portal import home as home_panels


def landing(request):
    """Public landing page: what the portal is, and the published information anyone may read."""
    return render(request, "landing.html", home_panels.public_context())


@login_required
def home(request):
    return render(request, "home.html", home_panels.collect(request.user))


def _database_status() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        return "ok"
    except Exception as error:  # any failure means unhealthy; the type is reported
        return f"error: {type(error).__name__}"


def _broker_status() -> str | None:
    """None when no broker is configured (eager Celery), else 'ok' or the error."""
    if settings.CELERY_TASK_ALWAYS_EAGER or settings.CELERY_BROKER_URL.startswith("memory://"):
        return None
    try:
        with Connection(settings.CELERY_BROKER_URL, connect_timeout=2) as conn:
            conn.ensure_connection(max_retries=1, timeout=2)
        return "ok"
    except Exception as error:  # the broker being down is exactly what we report
        return f"error: {type(error).__name__}"


@never_cache
@require_GET
def healthz(request):
    """Liveness and dependencies as JSON; 503 when a configured dependency is down."""
    checks = {"database": _database_status()}
    broker = _broker_status()
    checks["broker"] = broker if broker is not None else "not configured"
    healthy = checks["database"] == "ok" and broker in (None, "ok")
    return JsonResponse(
        {"status": "ok" if healthy else "unavailable", "checks": checks},
        status=200 if healthy else 503,
    )
