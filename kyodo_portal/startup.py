"""What the portal checks before it serves anything."""

from django.conf import settings
from django.core import checks
from django.core.exceptions import ImproperlyConfigured


def refuse_unsafe_secret_key() -> None:
    """Production refuses to start with a missing or weak SECRET_KEY (see settings)."""
    if settings.SECRET_KEY_PROBLEM:
        raise ImproperlyConfigured(settings.SECRET_KEY_PROBLEM)


def refuse_missing_broker() -> None:
    """With eager tasks off, a process without a broker would queue reminders and exports into
    nothing; it stops instead (gunicorn through wsgi.py, Celery through kyodo_portal.celery).
    manage.py commands say the same through the system check kyodo_portal.E002."""
    if settings.CELERY_BROKER_PROBLEM:
        raise ImproperlyConfigured(settings.CELERY_BROKER_PROBLEM)


def refuse_unsafe_configuration() -> None:
    """Everything a serving process refuses to start with."""
    refuse_unsafe_secret_key()
    refuse_missing_broker()


@checks.register(checks.Tags.security, deploy=True)
def secret_key_check(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    if not settings.SECRET_KEY_PROBLEM:
        return []
    return [checks.Error(settings.SECRET_KEY_PROBLEM, id="kyodo_portal.E001")]


# Not a deploy-only check: migrate, runserver and every other command that runs the checks stop
# here, so the misconfiguration shows on the first command a deployment runs.
@checks.register()
def broker_check(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    if not settings.CELERY_BROKER_PROBLEM:
        return []
    return [checks.Error(settings.CELERY_BROKER_PROBLEM, id="kyodo_portal.E002")]


# A request to a project page allocates tens of thousands of objects (query compilation, model
# instances, template nodes), so with the interpreter's default first threshold of 700 the
# collector runs dozens of times per request and each full run walks every module, class and
# template the worker loaded at start. The loaded code never becomes garbage: it is moved out of
# the collector's sight once, and collections come less often.
GC_THRESHOLDS = (50_000, 20, 100)


def tune_garbage_collector() -> None:
    """For a long-running web worker, once its application is loaded (gunicorn.conf.py)."""
    import gc

    gc.collect()
    gc.freeze()
    gc.set_threshold(*GC_THRESHOLDS)
