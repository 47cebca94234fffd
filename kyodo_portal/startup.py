"""What the portal checks before it serves anything."""

from django.conf import settings
from django.core import checks
from django.core.exceptions import ImproperlyConfigured


def refuse_unsafe_secret_key() -> None:
    """Production refuses to start with a missing or weak SECRET_KEY (see settings)."""
    if settings.SECRET_KEY_PROBLEM:
        raise ImproperlyConfigured(settings.SECRET_KEY_PROBLEM)


@checks.register(checks.Tags.security, deploy=True)
def secret_key_check(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    if not settings.SECRET_KEY_PROBLEM:
        return []
    return [checks.Error(settings.SECRET_KEY_PROBLEM, id="kyodo_portal.E001")]
