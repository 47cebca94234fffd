from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from kyodo_portal.core.read_only_admin import ReadOnlyAdmin
from partners.models import (
    ActivityField,
    BodyGrant,
    GovernmentBody,
    Membership,
    Organization,
    User,
)


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["organization"]


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    fieldsets = (
        *BaseUserAdmin.fieldsets,
        (_("協働ポータル"), {"fields": ("name", "name_kana", "preferred_language")}),
    )
    list_display = ("username", "name", "email", "is_staff", "is_active")
    search_fields = ("username", "name", "name_kana", "email")
    inlines = [MembershipInline]


@admin.register(Organization)
class OrganizationAdmin(admin.ModelAdmin):
    list_display = ("display_name", "kind", "body", "legal_form", "area")
    list_filter = ("kind", "legal_form", "body__level", "body")
    search_fields = ("name", "name_kana", "body__name")
    filter_horizontal = ("fields",)
    autocomplete_fields = ["body"]
    list_select_related = ["body"]


@admin.register(GovernmentBody)
class GovernmentBodyAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "name_en", "slug", "level", "prefecture", "needs_review")
    list_filter = ("level", "needs_review")
    search_fields = ("code", "name", "name_en", "slug")
    list_select_related = ["prefecture"]
    autocomplete_fields = ["prefecture"]


@admin.register(ActivityField)
class ActivityFieldAdmin(admin.ModelAdmin):
    list_display = ("number", "name_ja", "name_en")


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ("user", "organization", "role")
    list_filter = ("role",)
    autocomplete_fields = ["user", "organization"]


@admin.register(BodyGrant)
class BodyGrantAdmin(ReadOnlyAdmin):
    """Read only: a grant is given and revoked by the municipality's manager on its own page,
    where it is checked and recorded in the audit trail."""

    list_display = ("granting_body", "grantee_body", "granted_at", "granted_by", "revoked_at")
    list_filter = ("grantee_body",)
    list_select_related = ["granting_body", "grantee_body", "granted_by"]
