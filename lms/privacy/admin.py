from django.contrib import admin

from .models import ErasureRecord


@admin.register(ErasureRecord)
class ErasureRecordAdmin(admin.ModelAdmin):
    """Read only: a record proves an erasure happened and is never edited or removed."""

    list_display = ["pseudonym", "erased_at", "on_own_request"]
    readonly_fields = ["user", "pseudonym", "erased_at", "actor", "on_own_request", "summary"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
