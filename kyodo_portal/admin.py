from django.contrib import admin

from kyodo_portal.core.models import AuditEntry, Notification, Reminder, ReminderPolicy
from kyodo_portal.core.read_only_admin import ReadOnlyAdmin


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyAdmin):
    """Read-only: the audit trail is never edited or deleted through the portal."""

    list_display = ("created_at", "actor_name", "action", "target_repr")
    list_filter = ("action",)
    search_fields = ("actor_name", "action", "target_repr")


@admin.register(Reminder)
class ReminderAdmin(admin.ModelAdmin):
    list_display = ("created_at", "kind", "recipient", "due_date", "status", "attempts")
    list_filter = ("status", "kind")
    readonly_fields = [f.name for f in Reminder._meta.fields]

    def has_add_permission(self, request):
        return False


@admin.register(ReminderPolicy)
class ReminderPolicyAdmin(admin.ModelAdmin):
    list_display = ("body", "kind", "lead_days", "mandatory", "enabled")
    list_filter = ("body", "kind")
    list_select_related = ("body",)


admin.site.register(Notification)
