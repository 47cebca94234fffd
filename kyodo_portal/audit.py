"""The audit trail: every state-changing service records who did what to which object.

Services opt in with ``@audited("project.advance")``: after the service returns, in the same
transaction, an ``AuditEntry`` names the acting person (the service's ``by`` argument, or
``user``), the object (the service's return value unless ``target`` says otherwise) and the
keyword arguments that describe the change. Arguments whose content is confidential to one side
(sealed evaluation answers, reviewers' scores, draft applications) are left out with ``skip``:
managers read the trail, and it must not open what the workflow keeps sealed.
"""

import functools
from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction

from kyodo_portal.models import AuditEntry

ACTOR_ARGUMENTS = ("by", "user", "actor")


def _plain(value):
    """A JSON-safe summary of an argument: objects become their label and id."""
    if isinstance(value, models.Model):
        return {"id": value.pk, "label": str(value)[:200]}
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, (list, tuple, set)):
        return [_plain(item) for item in list(value)[:50]]
    if isinstance(value, dict):
        return {str(key): _plain(item) for key, item in list(value.items())[:50]}
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value if not isinstance(value, str) else value[:500]
    return str(value)[:200]


def audit_record(*, actor, action: str, target=None, details: dict | None = None) -> AuditEntry:
    is_person = actor is not None and getattr(actor, "is_authenticated", False)
    return AuditEntry.objects.create(
        actor=actor if is_person else None,
        actor_name=(actor.get_full_name() if is_person else "")[:150],
        action=action,
        target_type=(
            ContentType.objects.get_for_model(target) if isinstance(target, models.Model) else None
        ),
        target_id=target.pk if isinstance(target, models.Model) else None,
        target_repr=str(target)[:300] if target is not None else "",
        details=_plain(details or {}),
    )


def audited(
    action: str,
    *,
    target: Callable | None = None,
    skip: tuple[str, ...] = (),
    actor: str | None = None,
):
    """Record an audit entry each time the decorated service succeeds.

    The acting person is the ``actor`` keyword argument when named, else the first of
    ``by``, ``user`` or ``actor`` that the service was called with.
    """
    actor_arguments = (actor,) if actor else ACTOR_ARGUMENTS

    def decorator(service):
        @functools.wraps(service)
        def wrapper(*args, **kwargs):
            with transaction.atomic():
                result = service(*args, **kwargs)
                person = next((kwargs[name] for name in actor_arguments if name in kwargs), None)
                subject = target(result, kwargs) if target else result
                details = {
                    key: value
                    for key, value in kwargs.items()
                    if key not in actor_arguments and key not in skip and value is not subject
                }
                audit_record(actor=person, action=action, target=subject, details=details)
            return result

        return wrapper

    return decorator
