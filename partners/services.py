"""State changes for people and organisations."""

from django.db import transaction

from kyodo_portal.core.audit import audited
from kyodo_portal.core.errors import PermissionDenied, check  # noqa: F401  (raised here)
from partners.models import ActivityField, Membership, Organization, User
from partners.permissions import can_edit_organization
from partners.selectors import forget_memberships

NPO_PROFILE_FIELDS = (
    "name",
    "name_kana",
    "legal_form",
    "area",
    "established_year",
    "representative",
    "description",
    "track_record",
    "contact_person",
    "email",
    "phone",
    "address",
    "website",
)
OFFICE_PROFILE_FIELDS = ("name", "name_kana", "email", "phone", "address", "website", "description")


@transaction.atomic
@audited("partners.organization_update")
def organization_update(
    *,
    organization: Organization,
    by: User,
    values: dict,
    fields: list[ActivityField] | None = None,
) -> Organization:
    """Update an organisation's profile; only its own members may."""
    check(can_edit_organization(by, organization))
    allowed = NPO_PROFILE_FIELDS if organization.is_npo else OFFICE_PROFILE_FIELDS
    for name, value in values.items():
        if name not in allowed:
            raise ValueError(f"{name} cannot be changed on this profile")
        setattr(organization, name, value)
    organization.full_clean()
    organization.save()
    if fields is not None and organization.is_npo:
        organization.fields.set(fields)
    return organization


@transaction.atomic
@audited("partners.user_update_profile")
def user_update_profile(
    *, user: User, name: str, name_kana: str, email: str, language: str
) -> User:
    user.name = name
    user.name_kana = name_kana
    user.email = email
    user.preferred_language = language
    user.full_clean(exclude=["password"])
    user.save(update_fields=["name", "name_kana", "email", "preferred_language"])
    return user


@transaction.atomic
@audited("partners.membership_grant", actor="by")
def membership_grant(
    *, user: User, organization: Organization, role: str, by: User | None = None
) -> Membership:
    """Give a person a role in an organisation (used by the admin and the demo data)."""
    from partners.models import ROLE_ORGANIZATION_KINDS

    if organization.kind not in ROLE_ORGANIZATION_KINDS[role]:
        raise ValueError(f"role {role} cannot be held in a {organization.kind} organisation")
    membership, _created = Membership.objects.get_or_create(
        user=user, organization=organization, role=role
    )
    forget_memberships(user)
    return membership
