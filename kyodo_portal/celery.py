"""Celery application: configuration comes from Django settings under the CELERY_ namespace."""

import os

from celery import Celery, signals
from celery.signals import before_task_publish, task_postrun, task_prerun

from kyodo_portal import logs

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


@before_task_publish.connect
def _carry_request_id(headers=None, **kwargs):
    """A task enqueued while serving a request carries the request's id in its headers."""
    request_id = logs.current_request_id.get()
    if headers is not None and request_id and "request_id" not in headers:
        headers["request_id"] = request_id


_request_id_tokens: dict[str, object] = {}


@task_prerun.connect
def _restore_request_id(task_id=None, task=None, **kwargs):
    """The worker's log lines for that task carry the request id again (the task id they carry
    always: kyodo_portal.logs.ContextFilter). A task run in-process (eager) keeps the id of the
    request it runs in."""
    request = getattr(task, "request", None)
    carried = getattr(request, "request_id", None) or (getattr(request, "headers", None) or {}).get(
        "request_id"
    )
    request_id = logs.valid_request_id(carried) or logs.current_request_id.get()
    _request_id_tokens[task_id] = logs.current_request_id.set(request_id)


@task_postrun.connect
def _forget_request_id(task_id=None, **kwargs):
    token = _request_id_tokens.pop(task_id, None)
    if token is not None:
        logs.current_request_id.reset(token)
