"""The errors every app's services and views share."""

from django.core.exceptions import ValidationError

Decision = tuple[bool, str]
OK: Decision = (True, "")


class PermissionDenied(Exception):
    """Raised by a service when the acting person may not do what was asked."""


class StaleEdit(ValidationError):
    """A save based on an older version of the record than the one now stored.

    Every app's stale-edit error derives from this one, so that a page shows it on the form
    with what was entered kept (it is a ValidationError) and the API answers 409 for all of
    them alike. Raise it with the message to show and ``code="stale"``.
    """


def check(decision: Decision) -> None:
    """Raise PermissionDenied with the permission's reason when it refuses."""
    allowed, reason = decision
    if not allowed:
        raise PermissionDenied(reason)
