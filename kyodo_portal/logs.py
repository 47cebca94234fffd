"""Logs as one JSON object a line on stdout, each carrying the id of the request or task it belongs
to, so that the lines of one request can be found again across several web nodes and workers.

``LOG_FORMAT=json`` (the default without DEBUG) or ``text`` (the default with DEBUG: a developer
reads the console). The request id comes from the proxy's ``X-Request-ID`` when it is well formed,
else it is made here (``kyodo_portal.middleware.RequestIdMiddleware``); a task enqueued during a
request carries it in its message headers (``kyodo_portal.celery``).

What a line may hold is a fixed list of fields: ids, never names or what people wrote, and the
path without its query string (a search may hold a name).
"""

import json
import logging
import re
import uuid
from contextvars import ContextVar
from datetime import UTC, datetime

current_request_id: ContextVar[str | None] = ContextVar("current_request_id", default=None)

# What a proxy's id may look like: nginx's $request_id (32 hex), a UUID, or a load balancer's
# trace id (letters, digits and . _ : = + / -). Anything else — control characters that would
# forge a log line, or a megabyte of text — is replaced by an id of our own.
_REQUEST_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:=+/-]{7,127}")

# The fields a line may carry beside time, level, logger and message, in this order.
CONTEXT_FIELDS = (
    "request_id",
    "task_id",
    "task_name",
    "method",
    "path",
    "status",
    "duration_ms",
    "user_id",
)


def valid_request_id(value: str | None) -> str | None:
    """The id if it is one we may write into a log line, else None."""
    if value and _REQUEST_ID.fullmatch(value):
        return value
    return None


def new_request_id() -> str:
    return uuid.uuid4().hex


def _current_task():
    try:
        from celery import current_task
    except ImportError:  # pragma: no cover - celery is a dependency
        return None
    task = current_task
    return task if task and getattr(task.request, "id", None) else None


class ContextFilter(logging.Filter):
    """Puts the current request id, and inside a Celery task its id and name, on every record
    (without replacing what the caller gave in ``extra``)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "request_id", None) is None:
            record.request_id = current_request_id.get()
        task = _current_task()
        if task is not None:
            if getattr(record, "task_id", None) is None:
                record.task_id = task.request.id
            if getattr(record, "task_name", None) is None:
                record.task_name = task.name
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object a line: time (UTC, ISO 8601), level, logger, message, then the context
    fields that are set, then the traceback of an exception."""

    def format(self, record: logging.LogRecord) -> str:
        line = {
            "time": datetime.fromtimestamp(record.created, tz=UTC).isoformat(
                timespec="milliseconds"
            ),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        for field in CONTEXT_FIELDS:
            value = getattr(record, field, None)
            if value is not None:
                line[field] = value
        if record.exc_info:
            line["exception"] = self.formatException(record.exc_info)
        elif record.exc_text:
            line["exception"] = record.exc_text
        if record.stack_info:
            line["stack"] = self.formatStack(record.stack_info)
        # ensure_ascii=False: Japanese messages stay readable in the log viewer.
        return json.dumps(line, ensure_ascii=False, default=str)


class TextFormatter(logging.Formatter):
    """The developer's console: the usual line, with the request or task id when there is one."""

    def __init__(self):
        super().__init__("%(asctime)s %(levelname)s %(name)s%(context)s %(message)s")

    def format(self, record: logging.LogRecord) -> str:
        ids = [getattr(record, "request_id", None), getattr(record, "task_id", None)]
        record.context = "".join(f" [{value[:8]}]" for value in ids if value)
        return super().format(record)


def logging_config(*, log_format: str, level: str) -> dict:
    """The LOGGING setting: every record through one stdout handler in the chosen format."""
    if log_format not in {"json", "text"}:
        raise ValueError(f"LOG_FORMAT must be json or text, not {log_format!r}")
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"context": {"()": "kyodo_portal.logs.ContextFilter"}},
        "formatters": {
            "json": {"()": "kyodo_portal.logs.JsonFormatter"},
            "text": {"()": "kyodo_portal.logs.TextFormatter"},
        },
        "handlers": {
            "console": {
                "class": "logging.StreamHandler",
                "stream": "ext://sys.stdout",
                "formatter": log_format,
                "filters": ["context"],
            }
        },
        "root": {"handlers": ["console"], "level": level},
        "loggers": {
            # Django's own handlers (a second console in DEBUG, mail to ADMINS, which the portal
            # does not set) are replaced: its records reach the one handler above.
            "django": {"level": "INFO", "handlers": [], "propagate": True},
            "django.db.backends": {"level": "INFO"},
            "axes": {"level": "WARNING"},
            # The access line of each request is written by RequestIdMiddleware; Django's own
            # (runserver) would repeat it.
            "django.server": {"level": "WARNING", "handlers": [], "propagate": True},
        },
    }
