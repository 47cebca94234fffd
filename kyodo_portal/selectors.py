"""Read queries for notifications and the reminder history."""

from django.apps import apps
from django.db.models import Q, QuerySet

from kyodo_portal.core import events
from kyodo_portal.core.models import (
    AuditEntry,
    Notification,
    Reminder,
    ReminderKind,
    ReminderPreference,
)
from kyodo_portal.core.reminders import specs
from kyodo_portal.services import mandatory_kinds_for, notice_kinds_for


def unread_notification_count(user) -> int:
    if not user.is_authenticated:
        return 0
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


def notifications_for(user) -> QuerySet[Notification]:
    return Notification.objects.filter(recipient=user)


def reminder_settings_for(user) -> list[dict]:
    """Each kind that can reach the person (by their roles) with whether they receive it and
    whether a manager of the person's body made it mandatory."""
    mandatory = mandatory_kinds_for(user)
    offered = notice_kinds_for(user)
    switched_off = set(
        ReminderPreference.objects.filter(user=user, enabled=False).values_list("kind", flat=True)
    )
    return [
        {
            "kind": kind,
            "label": label,
            "mandatory": kind in mandatory,
            "enabled": kind in mandatory or kind not in switched_off,
        }
        for kind, label in sorted(ReminderKind.choices)
        if kind in specs() and kind in offered
    ]


def event_settings_for(user) -> list[dict]:
    """The event kinds that can reach the person (by their roles), grouped by the app that sends
    them, each with whether the person receives it; a mandatory kind is always received."""
    offered = notice_kinds_for(user)
    switched_off = set(
        ReminderPreference.objects.filter(user=user, enabled=False).values_list("kind", flat=True)
    )
    groups: dict[str, list[dict]] = {}
    for kind in events.kinds().values():
        if kind.kind not in offered:
            continue
        groups.setdefault(kind.app, []).append(
            {
                "kind": kind.kind,
                "label": kind.label,
                "mandatory": kind.mandatory,
                "enabled": kind.mandatory or kind.kind not in switched_off,
            }
        )
    return [{"app": app, "label": _app_label(app), "rows": rows} for app, rows in groups.items()]


def _app_label(app: str):
    try:
        return apps.get_app_config(app).verbose_name
    except LookupError:
        return app


# What each kind of subject (of a reminder) or target (of an audit entry) belongs to: the path from
# it to the office whose body owns it. Anything else belongs to no body and is shown to none.
_OFFICE_PATHS = {
    ("projects", "project"): "owner_office",
    ("projects", "proposal"): "addressed_office",
    ("projects", "agreement"): "project__owner_office",
    ("projects", "agreementversion"): "agreement__project__owner_office",
    ("evaluation", "evaluationround"): "project__owner_office",
    ("evaluation", "evaluation"): "round__project__owner_office",
    ("selection", "call"): "project__owner_office",
    ("selection", "application"): "call__project__owner_office",
    ("selection", "designation"): "project__owner_office",
    ("selection", "committeemember"): "call__project__owner_office",
    ("selection", "paperscoresheet"): "call__project__owner_office",
    ("evaluation", "improvementitem"): "project__owner_office",
    ("partners", "organization"): "",
}


def _in_bodies_q(body_ids, type_field: str, id_field: str) -> Q:
    """Rows whose subject (``type_field``/``id_field``, a generic relation) belongs to one of the
    bodies; subqueries only, so the list stays one query whatever the number of kinds."""
    from django.contrib.contenttypes.models import ContentType

    from partners.selectors import bodies_of_offices_q

    models = [apps.get_model(app, model) for app, model in _OFFICE_PATHS]
    types = ContentType.objects.get_for_models(*models)
    condition = Q(pk__in=[])
    for model in models:
        path = _OFFICE_PATHS[(model._meta.app_label, model._meta.model_name)]
        owned = model.objects.filter(
            bodies_of_offices_q(body_ids, path) if path else Q(body_id__in=sorted(body_ids))
        )
        condition |= Q(**{type_field: types[model], f"{id_field}__in": owned.values("pk")})
    return condition


def reminders_in_bodies(body_ids) -> QuerySet[Reminder]:
    """Reminders about the bodies' projects, proposals, rounds, calls and applications."""
    return Reminder.objects.filter(_in_bodies_q(body_ids, "subject_type", "subject_id"))


def audit_entries_in_bodies(body_ids) -> QuerySet[AuditEntry]:
    """Entries about the bodies' records, and entries by the people who work for them."""
    from partners.models import Membership

    workers = Membership.objects.filter(organization__body_id__in=sorted(body_ids)).values(
        "user_id"
    )
    return AuditEntry.objects.filter(
        _in_bodies_q(body_ids, "target_type", "target_id") | Q(actor_id__in=workers)
    )


def reminder_history(
    *, bodies, status: str = "", kind: str = "", since=None, until=None, query: str = ""
):
    """The reminders of the given bodies (a manager's own), newest first."""
    reminders = (
        reminders_in_bodies(bodies).select_related("recipient").order_by("-created_at", "-pk")
    )
    if status:
        reminders = reminders.filter(status=status)
    if kind:
        reminders = reminders.filter(kind=kind)
    if since:
        reminders = reminders.filter(due_date__gte=since)
    if until:
        reminders = reminders.filter(due_date__lte=until)
    if query:
        reminders = reminders.filter(
            Q(recipient__name__icontains=query) | Q(recipient__username__icontains=query)
        )
    return reminders


def audit_entries(*, bodies, action="", actor="", target="", since=None, until=None):
    """The audit entries of the given bodies (a manager's own), newest first."""
    entries = (
        audit_entries_in_bodies(bodies).select_related("target_type").order_by("-created_at", "-pk")
    )
    if action:
        entries = entries.filter(action__startswith=action)
    if actor:
        entries = entries.filter(actor_name__icontains=actor)
    if target:
        entries = entries.filter(target_repr__icontains=target)
    if since:
        entries = entries.filter(created_at__date__gte=since)
    if until:
        entries = entries.filter(created_at__date__lte=until)
    return entries
