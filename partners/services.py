"""State changes for people and organisations."""

from django.db import transaction
from django.utils import timezone

from kyodo_portal.core.audit import audited
from kyodo_portal.core.errors import PermissionDenied, check  # noqa: F401  (raised here)
from kyodo_portal.core.roles import Role
from partners.models import (
    ActivityField,
    BodyGrant,
    GovernmentBody,
    Membership,
    Organization,
    User,
)
from partners.permissions import (
    can_administer_platform,
    can_edit_organization,
    can_manage_body_grants,
)
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


# --- Grants: a municipality lets its prefecture read its aggregate figures ---------------------


@transaction.atomic
@audited("partners.body_grant_give")
def body_grant_give(*, body: GovernmentBody, by: User) -> BodyGrant:
    """Let the municipality's own prefecture read its published results and aggregate figures.
    Giving it again while one is in force changes nothing (the one in force comes back)."""
    check(can_manage_body_grants(by, body))
    # One grant in force per municipality: lock the body so two managers clicking at once do
    # not both insert (the unique constraint would refuse the second with an error page).
    GovernmentBody.objects.select_for_update().filter(pk=body.pk).first()
    existing = BodyGrant.objects.filter(granting_body=body, revoked_at__isnull=True).first()
    if existing is not None:
        return existing
    grant = BodyGrant(granting_body=body, grantee_body_id=body.prefecture_id, granted_by=by)
    grant.full_clean()
    grant.save()
    return grant


@transaction.atomic
@audited("partners.body_grant_revoke")
def body_grant_revoke(*, body: GovernmentBody, by: User) -> BodyGrant | None:
    """End the grant in force; the prefecture loses the view at once (its next page)."""
    check(can_manage_body_grants(by, body))
    grant = (
        BodyGrant.objects.select_for_update()
        .filter(granting_body=body, revoked_at__isnull=True)
        .first()
    )
    if grant is None:
        return None
    grant.revoked_at = timezone.now()
    grant.revoked_by = by
    grant.save(update_fields=["revoked_at", "revoked_by"])
    return grant


# --- The platform administrator: new bodies and their first manager ---------------------------


@transaction.atomic
@audited("partners.body_create", target=lambda result, kwargs: result[0])
def body_create(
    *, body: GovernmentBody, office_name: str, manager: User, by: User
) -> tuple[GovernmentBody, Organization, User]:
    """Add a government body with its first office (課) and that office's first manager.

    ``body`` and ``manager`` come unsaved from the form. The manager gets no password: they set
    their own through a one-time link (``partners.selectors.password_set_link``), so nobody else
    ever knows it.
    """
    check(can_administer_platform(by))
    body.full_clean()
    body.save()
    office = Organization(kind=Organization.Kind.GOVERNMENT, body=body, name=office_name)
    office.full_clean()
    office.save()
    manager.set_unusable_password()
    manager.full_clean(exclude=["password"])
    manager.save()
    membership_grant(user=manager, organization=office, role=Role.MANAGER, by=by)
    return body, office, manager
