"""Read queries for notifications and the reminder history."""

from django.apps import apps
from django.db.models import Q, QuerySet

from kyodo_portal.core import events
from kyodo_portal.core.models import AuditEntry, Notification, Reminder, ReminderPreference
from kyodo_portal.services import reminder_policies


def unread_notification_count(user) -> int:
    if not user.is_authenticated:
        return 0
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


def notifications_for(user) -> QuerySet[Notification]:
    return Notification.objects.filter(recipient=user)


def reminder_settings_for(user) -> list[dict]:
    """Each kind with whether the person receives it and whether a manager made it mandatory."""
    policies = reminder_policies()
    switched_off = set(
        ReminderPreference.objects.filter(user=user, enabled=False).values_list("kind", flat=True)
    )
    return [
        {
            "kind": kind,
            "label": policy.get_kind_display(),
            "mandatory": policy.mandatory,
            "enabled": policy.mandatory or kind not in switched_off,
        }
        for kind, policy in sorted(policies.items())
    ]


def event_settings_for(user) -> list[dict]:
    """The event kinds grouped by the app that sends them, each with whether the person receives
    it; a mandatory kind is always received."""
    switched_off = set(
        ReminderPreference.objects.filter(user=user, enabled=False).values_list("kind", flat=True)
    )
    groups: dict[str, list[dict]] = {}
    for kind in events.kinds().values():
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


def reminder_history(*, status: str = "", kind: str = "", since=None, until=None, query: str = ""):
    reminders = Reminder.objects.select_related("recipient").order_by("-created_at", "-pk")
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


def audit_entries(*, action="", actor="", target="", since=None, until=None):
    entries = AuditEntry.objects.select_related("target_type").order_by("-created_at", "-pk")
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
