"""Celery application: configuration comes from Django settings under the CELERY_ namespace."""

import os

from celery import Celery, signals

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kyodo_portal.settings")

app = Celery("kyodo_portal")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@signals.worker_init.connect
@signals.beat_init.connect
def refuse_to_start_misconfigured(**kwargs) -> None:
    """A worker or beat without a broker (eager off, nothing configured) would wait on an
    in-memory queue no web process can reach: it stops with the reason instead. Celery logs and
    swallows an exception from a signal handler, so the refusal is an exit."""
    from django.core.exceptions import ImproperlyConfigured

    from kyodo_portal.startup import refuse_missing_broker

    try:
        refuse_missing_broker()
    except ImproperlyConfigured as problem:
        raise SystemExit(f"kyodo_portal: {problem}") from None
