"""Access to the portal-wide pages: notifications belong to their recipient; the reminder
history and the reminder settings are for managers."""

from django.utils.translation import gettext_lazy as _

from kyodo_portal.core.roles import Role
from partners.selectors import has_role, organization_ids_of

Decision = tuple[bool, str]

MANAGERS_ONLY = _("この画面は管理職・推進担当の方だけが利用できます。")
NOT_SIGNED_IN = _("ログインしてください。")


def can_manage_reminders(user) -> Decision:
    if not user.is_authenticated:
        return False, str(NOT_SIGNED_IN)
    if has_role(user, Role.MANAGER):
        return True, ""
    return False, str(MANAGERS_ONLY)


def can_edit_reminder_policy(user, policy) -> Decision:
    """A manager edits the reminder settings of their own body only."""
    from partners.selectors import managed_body_ids

    allowed, reason = can_manage_reminders(user)
    if not allowed:
        return allowed, reason
    if policy.body_id in managed_body_ids(user):
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


def can_download_personal_data(user) -> Decision:
    """Everyone signed in may take their own data (個人情報の開示)."""
    if not user.is_authenticated:
        return False, str(NOT_SIGNED_IN)
    return True, ""


ORGANIZATION_MEMBERS_ONLY = _("団体のデータは、その団体に所属する方だけがダウンロードできます。")


def can_download_organization_data(user, organization) -> Decision:
    """An organisation's records go to its own members only (staff of other bodies see the
    parts they need through the pages, not the whole file)."""
    if not user.is_authenticated:
        return False, str(NOT_SIGNED_IN)
    if organization.pk in organization_ids_of(user):
        return True, ""
    return False, str(ORGANIZATION_MEMBERS_ONLY)
