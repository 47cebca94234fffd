"""Navigation: each person sees only the parts of the portal their roles may use."""

from django.conf import settings

from kyodo_portal.core.roles import Role
from kyodo_portal.selectors import unread_notification_count
from partners.selectors import roles_of


def portal(request):
    roles = roles_of(request.user) if hasattr(request, "user") else set()
    return {
        "nav": {
            "staff": Role.STAFF in roles,
            "npo": Role.NPO in roles,
            "reviewer": Role.REVIEWER in roles,
            "manager": Role.MANAGER in roles,
            "platform_admin": Role.PLATFORM_ADMIN in roles,
        },
        "SITE_URL": settings.SITE_URL,
        "unread_notifications": (
            unread_notification_count(request.user) if hasattr(request, "user") else 0
        ),
    }
