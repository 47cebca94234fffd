"""Read queries about people and organisations."""

from django.db.models import QuerySet

from kyodo_portal.roles import Role
from partners.models import Membership, Organization

_CACHE_ATTR = "_portal_memberships"


def memberships_of(user) -> list[Membership]:
    """A person's memberships with their organisations, fetched once per request object."""
    if not getattr(user, "is_authenticated", False):
        return []
    cached = getattr(user, _CACHE_ATTR, None)
    if cached is None:
        cached = list(
            Membership.objects.filter(user=user)
            .select_related("organization")
            .order_by("organization__kind", "organization__name")
        )
        setattr(user, _CACHE_ATTR, cached)
    return cached


def forget_memberships(user) -> None:
    """Drop the per-request cache after memberships change."""
    if hasattr(user, _CACHE_ATTR):
        delattr(user, _CACHE_ATTR)


def roles_of(user) -> set[str]:
    return {membership.role for membership in memberships_of(user)}


def has_role(user, role: str) -> bool:
    return role in roles_of(user)


def organizations_of(user, role: str | None = None) -> list[Organization]:
    """The organisations a person acts for, optionally only in one role."""
    seen: dict[int, Organization] = {}
    for membership in memberships_of(user):
        if role is None or membership.role == role:
            seen.setdefault(membership.organization_id, membership.organization)
    return list(seen.values())


def organization_ids_of(user, role: str | None = None) -> set[int]:
    return {organization.pk for organization in organizations_of(user, role)}


def offices_of(user) -> list[Organization]:
    """Government offices the person works in as staff."""
    return organizations_of(user, Role.STAFF)


def npos_of(user) -> list[Organization]:
    """NPOs the person is a member of."""
    return organizations_of(user, Role.NPO)


def npos() -> QuerySet[Organization]:
    return Organization.objects.filter(kind=Organization.Kind.NPO)


def government_offices() -> QuerySet[Organization]:
    return Organization.objects.filter(kind=Organization.Kind.GOVERNMENT)


def organization_with_fields(pk: int) -> Organization:
    return Organization.objects.prefetch_related("fields").get(pk=pk)
