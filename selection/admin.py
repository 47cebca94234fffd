"""Partner selection in the admin.

The admin is for looking things up and fixing reference data; every change of state (publish,
correct, score, decide) goes through the portal's own pages so that its rules and records hold.
"""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from kyodo_portal.core.read_only_admin import ReadOnlyAdmin
from selection.models import (
    Application,
    ApplicationAttachment,
    Call,
    CallRevision,
    CommitteeChange,
    CommitteeMember,
    ConflictDeclaration,
    Criterion,
    Designation,
    PaperScoreSheet,
    Score,
)


class CriterionInline(admin.TabularInline):
    model = Criterion
    extra = 0


class CommitteeInline(admin.TabularInline):
    model = CommitteeMember
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Call)
class CallAdmin(admin.ModelAdmin):
    list_display = ("title", "project", "status", "revision", "application_deadline")
    list_filter = ("status", "method")
    search_fields = ("title", "project__title")
    readonly_fields = ("status", "revision", "version", "published_at", "decided_at")
    raw_id_fields = ("project", "chosen_application")
    inlines = [CriterionInline, CommitteeInline]


@admin.register(CallRevision)
class CallRevisionAdmin(admin.ModelAdmin):
    list_display = ("call", "number", "published_at")
    readonly_fields = ("call", "number", "notice", "changes", "snapshot", "published_by")


@admin.register(CommitteeChange)
class CommitteeChangeAdmin(ReadOnlyAdmin):
    """Read only: a change is published in the call's history with its reason, so it is made
    and recorded only through the committee page (a reason is required after the deadline)."""

    list_display = ("call", "changed_at", "kind", "category", "user", "changed_by")
    list_filter = ("kind", "category")
    search_fields = ("call__title", "reason")
    list_select_related = ("call", "user", "changed_by")
    date_hierarchy = "changed_at"


@admin.register(Application)
class ApplicationAdmin(admin.ModelAdmin):
    list_display = ("organization", "call", "status", "submitted_at")
    list_filter = ("status",)
    search_fields = ("organization__name", "call__title", "title")
    raw_id_fields = ("call", "organization")


@admin.register(ApplicationAttachment)
class ApplicationAttachmentAdmin(admin.ModelAdmin):
    list_display = ("original_name", "application", "content_type", "size", "uploaded_at")
    raw_id_fields = ("application",)
    # The file itself is not shown as a field: Django would link it to the storage's own address
    # (a signed URL on object storage), a way out around the portal's download page, and would
    # let a file in without the upload policy. Files come and go through the application's page.
    exclude = ("file",)
    readonly_fields = ("stored_as",)

    @admin.display(description=_("ファイル"))
    def stored_as(self, attachment):
        return attachment.file.name

    def has_add_permission(self, request):
        return False


@admin.register(ConflictDeclaration)
class ConflictDeclarationAdmin(admin.ModelAdmin):
    list_display = ("reviewer", "application", "has_conflict", "declared_at")
    list_filter = ("has_conflict",)
    raw_id_fields = ("application", "reviewer")


@admin.register(Score)
class ScoreAdmin(admin.ModelAdmin):
    list_display = ("application", "reviewer", "criterion", "value")
    raw_id_fields = ("application", "reviewer", "criterion")


@admin.register(Designation)
class DesignationAdmin(admin.ModelAdmin):
    list_display = ("project", "organization", "route", "decided_at")
    list_filter = ("route",)
    raw_id_fields = ("project", "organization")


@admin.register(PaperScoreSheet)
class PaperScoreSheetAdmin(admin.ModelAdmin):
    """Scans of signed paper score sheets: read here, added only from the progress grid (the
    upload policy and the scores they carry come in together)."""

    list_display = ("original_name", "call", "member", "uploaded_by", "uploaded_at")
    exclude = ("file",)  # as for application attachments: no way around the download page
    readonly_fields = (
        "call",
        "member",
        "original_name",
        "content_type",
        "size",
        "uploaded_by",
        "stored_as",
    )

    @admin.display(description=_("ファイル"))
    def stored_as(self, sheet):
        return sheet.file.name

    def has_add_permission(self, request):
        return False
