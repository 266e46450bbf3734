"""Django admin for staff. The audit trail and the outbox are read-only there."""

from typing import Any

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from incubator.models import AuditEntry, OutboundEmail, User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ("username", "first_name", "last_name", "email", "role", "language", "is_active")
    list_filter = ("role", "language", "is_active", "is_staff")
    fieldsets = (
        *BaseUserAdmin.fieldsets,
        (_("Tremplin"), {"fields": ("role", "language", "phone")}),
    )
    add_fieldsets = (
        *BaseUserAdmin.add_fieldsets,
        (_("Tremplin"), {"fields": ("role", "language", "email", "first_name", "last_name")}),
    )


class ReadOnlyAdmin(admin.ModelAdmin):
    """Rows that are history: shown, never added, changed or deleted through the admin."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyAdmin):
    list_display = (
        "created_at",
        "subject_type",
        "subject_id",
        "action",
        "from_state",
        "to_state",
        "actor",
    )
    list_filter = ("subject_type", "action")
    search_fields = ("reason", "actor__username")
    list_select_related = ("subject_type", "actor")
    date_hierarchy = "created_at"


@admin.register(OutboundEmail)
class OutboundEmailAdmin(ReadOnlyAdmin):
    list_display = ("created_at", "key", "to", "status", "attempts", "sent_at")
    list_filter = ("status", "language")
    search_fields = ("key", "to", "subject")
