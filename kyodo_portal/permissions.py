"""Access to the portal-wide pages: notifications belong to their recipient; the reminder
history and the reminder settings are for managers."""

from django.utils.translation import gettext_lazy as _

from kyodo_portal.roles import Role
from partners.selectors import has_role

Decision = tuple[bool, str]

MANAGERS_ONLY = _("この画面は管理職・推進担当の方だけが利用できます。")
NOT_SIGNED_IN = _("ログインしてください。")


def can_manage_reminders(user) -> Decision:
    if not user.is_authenticated:
        return False, str(NOT_SIGNED_IN)
    if has_role(user, Role.MANAGER):
        return True, ""
    return False, str(MANAGERS_ONLY)


def can_view_reminder_history(user) -> Decision:
    return can_manage_reminders(user)


def can_use_notifications(user) -> Decision:
    if not user.is_authenticated:
        return False, str(NOT_SIGNED_IN)
    return True, ""


def can_view_audit_trail(user) -> Decision:
    return can_manage_reminders(user)
