"""A Django admin page for looking records up only."""

from django.contrib import admin


class ReadOnlyAdmin(admin.ModelAdmin):
    """Lists and shows the records; adds, changes and deletes none. For records that are made
    and recorded only through the portal's own pages (the audit trail, grants between bodies,
    changes of a committee), where their rules are checked and their trail written."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
