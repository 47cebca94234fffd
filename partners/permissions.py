"""Who may see or change people and organisations. Access is decided here and only here."""

from django.http import Http404
from django.utils.translation import gettext_lazy as _

from kyodo_portal.core.roles import Role
from partners.models import Organization
from partners.selectors import has_role, memberships_of, organization_ids_of

NOT_YOUR_ORGANIZATION = _("この団体の情報を編集できるのは、その団体の会員だけです。")
NOT_SIGNED_IN = _("ログインしてください。")

Decision = tuple[bool, str]


def can_edit_organization(user, organization: Organization) -> Decision:
    """An NPO's members edit its profile; an office's staff edit the office's details."""
    if not user.is_authenticated:
        return False, str(NOT_SIGNED_IN)
    editor_role = Role.NPO if organization.is_npo else Role.STAFF
    if organization.pk in organization_ids_of(user, editor_role):
        return True, ""
    return False, str(NOT_YOUR_ORGANIZATION)


def can_view_contact_details(user, organization: Organization) -> Decision:
    """An NPO's contact person, mail and phone are personal data: shown to its own members and to
    government staff, managers and reviewers who need them for their work, never to the public."""
    if not user.is_authenticated:
        return False, str(NOT_SIGNED_IN)
    if organization.pk in {m.organization_id for m in memberships_of(user)}:
        return True, ""
    if any(has_role(user, role) for role in (Role.STAFF, Role.MANAGER, Role.REVIEWER)):
        return True, ""
    return False, str(_("連絡先は関係者にのみ表示されます。"))


def can_view_organization(user, organization: Organization) -> Decision:
    """Organisation profiles (without contact details) are readable by every signed-in person."""
    if not user.is_authenticated:
        return False, str(NOT_SIGNED_IN)
    return True, ""


def get_organization_for_edit_or_404(user, pk: int) -> Organization:
    """The organisation if the person may edit it; 404 alike for missing and forbidden."""
    organization = Organization.objects.filter(pk=pk).first()
    if organization is None or not can_edit_organization(user, organization)[0]:
        raise Http404
    return organization


NOT_STAFF_FOR_DIRECTORY = _("NPOの検索は、行政の職員と管理職が利用できます。")


def can_use_directory(user) -> Decision:
    """The NPO directory is the government side's tool for finding partners."""
    if not user.is_authenticated:
        return False, str(NOT_SIGNED_IN)
    if organization_ids_of(user, Role.STAFF) or has_role(user, Role.MANAGER):
        return True, ""
    return False, str(NOT_STAFF_FOR_DIRECTORY)


NOT_MUNICIPALITY_MANAGER = _(
    "都道府県への集計の閲覧許可を設定できるのは、市町村の管理職・推進担当だけです。"
)


def can_manage_body_grants(user, body=None) -> Decision:
    """A municipality's manager grants or revokes its prefecture's read view of its aggregate
    figures; for ``body``, a manager of that very municipality."""
    from partners.selectors import managed_municipalities

    if not user.is_authenticated:
        return False, str(NOT_SIGNED_IN)
    municipalities = managed_municipalities(user)
    if not municipalities or (body is not None and body.pk not in {b.pk for b in municipalities}):
        return False, str(NOT_MUNICIPALITY_MANAGER)
    return True, ""


NOT_PLATFORM_ADMIN = _("この画面を利用できるのは、ポータル運営管理者だけです。")


def can_administer_platform(user) -> Decision:
    """The deployment's operator adds bodies and their first manager. A role of its own: neither
    a body's manager nor Django's superuser passes, and it opens no body's projects."""
    if not user.is_authenticated:
        return False, str(NOT_SIGNED_IN)
    if has_role(user, Role.PLATFORM_ADMIN):
        return True, ""
    return False, str(NOT_PLATFORM_ADMIN)
