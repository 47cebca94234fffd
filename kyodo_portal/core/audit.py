"""The audit trail: every state-changing service records who did what to which object.

Services opt in with ``@audited("project.advance")``: after the service returns, in the same
transaction, an ``AuditEntry`` names the acting person (the service's ``by`` argument, or
``user``), the object (the service's return value unless ``target`` says otherwise) and what the
call changed.

The trail records identities, never content. Managers read it, and they may not open a draft
proposal, a draft application or a sealed evaluation sheet; so a title, a reason, an amount or a
comment is never copied into it. What an entry keeps of each argument of the service:
- an object (a project, an organisation, a person): its type and id;
- a dict of field values: the names of the fields given, not their values;
- a list: how many items it had;
- a value whose argument is named in ``RECORDED_VALUES``: the value itself — those arguments carry
  codes and counters chosen from fixed lists (a stage, a side, a version number), not text;
- anything else: only that it was given (its name in ``given``).
The object itself is named by its type and id (``target_repr`` is "<type> #<id>"), for the same
reason: the label of a draft is its title.
"""

import functools
from collections.abc import Callable

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.utils import translation

from kyodo_portal.core.models import AuditEntry

ACTOR_ARGUMENTS = ("by", "user", "actor")
# Arguments whose values are codes, flags and counters from fixed lists, never free text or
# amounts. Anything not named here is recorded by name only.
RECORDED_VALUES = frozenset(
    {
        "acknowledge_legal_status",
        "carry_forward",
        "category",
        "enabled",
        "enabled_kinds",
        "has_conflict",
        "is_chair",
        "kind",
        "language",
        "lead_days",
        "mandatory",
        "method",
        "number",
        "outcome",
        "owner",
        "publish_name",
        "replaced",
        "revision",
        "role",
        "route",
        "side",
        "submit",
        "to",
        "version",
        "via",
    }
)


def reference(obj: models.Model) -> dict:
    return {"type": obj._meta.label_lower, "id": obj.pk}


def target_label(obj: models.Model) -> str:
    """'協働提案 #12': the kind of object and its number, in the portal's own language."""
    with translation.override(settings.LANGUAGE_CODE):
        return f"{obj._meta.verbose_name} #{obj.pk}"


def _code(value):
    if isinstance(value, (set, frozenset, list, tuple)):
        return sorted(str(item) for item in value)[:50]
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value if not isinstance(value, str) else value[:80]
    return str(value)[:80]


def audit_details(arguments: dict) -> dict:
    """What an entry keeps of a service's keyword arguments (see the module's docstring)."""
    details: dict = {}
    given: list[str] = []
    for name, value in arguments.items():
        if isinstance(value, models.Model):
            details[name] = reference(value)
        elif name in RECORDED_VALUES:
            details[name] = _code(value)
        elif isinstance(value, dict):
            details[name] = {"fields": sorted(str(key) for key in value)[:50]}
        elif isinstance(value, (list, tuple)) and all(
            isinstance(item, models.Model) for item in value
        ):
            details[name] = [reference(item) for item in value[:50]]
        elif isinstance(value, (list, tuple)):
            details[name] = {"count": len(value)}
        elif value not in (None, ""):
            given.append(name)
    if given:
        details["given"] = sorted(given)
    return details


def audit_record(*, actor, action: str, target=None, details: dict | None = None) -> AuditEntry:
    is_person = actor is not None and getattr(actor, "is_authenticated", False)
    is_object = isinstance(target, models.Model)
    return AuditEntry.objects.create(
        actor=actor if is_person else None,
        actor_name=(actor.get_full_name() if is_person else "")[:150],
        action=action,
        target_type=ContentType.objects.get_for_model(target) if is_object else None,
        target_id=target.pk if is_object else None,
        target_repr=target_label(target) if is_object else "",
        details=audit_details(details or {}),
    )


# Called with the subject and the keyword arguments of every audited service that succeeded,
# inside its transaction: the portal's one place where every write is known (see
# projects/page_copies.py).
_AFTER_WRITE: list[Callable[[object, dict], None]] = []


def after_write(hook: Callable[[object, dict], None]) -> None:
    if hook not in _AFTER_WRITE:
        _AFTER_WRITE.append(hook)


def audited(
    action: str,
    *,
    target: Callable | None = None,
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
                    if key not in actor_arguments and value is not subject
                }
                audit_record(actor=person, action=action, target=subject, details=details)
                for hook in _AFTER_WRITE:
                    hook(subject, kwargs)
            return result

        return wrapper

    return decorator
