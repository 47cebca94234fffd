"""The errors every app's services and views share."""

Decision = tuple[bool, str]
OK: Decision = (True, "")


class PermissionDenied(Exception):
    """Raised by a service when the acting person may not do what was asked."""


def check(decision: Decision) -> None:
    """Raise PermissionDenied with the permission's reason when it refuses."""
    allowed, reason = decision
    if not allowed:
        raise PermissionDenied(reason)
