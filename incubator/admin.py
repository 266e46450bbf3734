"""Django admin for staff. The audit trail and the outbox are read-only there.

The admin must not give staff what the pages refuse them: accounts and roles are changed by
superusers only, the outbox hides its bodies (they carry sign-in links) and the audit trail
shows staff only the records of models they may view (no loan decisions).
"""

from typing import Any

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.contenttypes.models import ContentType
from django.db.models import QuerySet
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

    # A role opens pages (the committee decides loans) and this form can grant superuser
    # status or set anyone's password: whoever may merely "change users" (the staff group)
    # would make themselves anything. Staff read accounts; superusers change them.
    def has_add_permission(self, request: HttpRequest) -> bool:
        return bool(request.user.is_superuser)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return bool(request.user.is_superuser)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return bool(request.user.is_superuser)


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

    def get_queryset(self, request: HttpRequest) -> QuerySet[AuditEntry]:
        """The trail of the models the user may view: staff hold no permission on loans, so
        the committee's decisions and their reasons stay out of their sight here too."""
        queryset = super().get_queryset(request)
        if request.user.is_superuser:
            return queryset
        viewable = [
            kind.pk
            for kind in ContentType.objects.all()
            if request.user.has_perm(f"{kind.app_label}.view_{kind.model}")
        ]
        return queryset.filter(subject_type__in=viewable)


@admin.register(OutboundEmail)
class OutboundEmailAdmin(ReadOnlyAdmin):
    list_display = ("created_at", "key", "to", "status", "attempts", "sent_at")
    list_filter = ("status", "language")
    search_fields = ("key", "to", "subject")

    def get_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        """Bodies carry sign-in links (invitations, password resets) and loan amounts: only
        superusers read them, or staff could sign in as an adviser whose reset they asked."""
        fields = super().get_fields(request, obj)
        return fields if request.user.is_superuser else [f for f in fields if f != "body"]
