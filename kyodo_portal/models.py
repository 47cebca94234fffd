"""The kyodo_portal app's models live in the core (kyodo_portal.core.models); Django finds an
app's models in its ``models`` module, so they are named here."""

from kyodo_portal.core.models import (  # noqa: F401
    AuditEntry,
    Notification,
    Reminder,
    ReminderKind,
    ReminderPolicy,
    ReminderPreference,
)
