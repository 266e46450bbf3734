"""Loans in the Django admin: read only. Every change goes through the services (pages and
API), which check the workflow and write the audit trail; the admin would bypass both."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from loans import models


class ReadOnly(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(models.LoanProduct)
class ProductAdmin(ReadOnly):
    list_display = ["name", "min_amount", "max_amount", "annual_rate", "method", "active"]


@admin.register(models.Application)
class ApplicationAdmin(ReadOnly):
    list_display = ["pk", "participant", "product", "amount", "state", "adviser", "created_at"]
    list_filter = ["state", "product"]
    list_select_related = ["participant", "product", "adviser"]


@admin.register(models.Loan)
class LoanAdmin(ReadOnly):
    list_display = ["pk", "participant", "principal", "state", "disbursed_on", "arrears_since"]
    list_filter = ["state", "product"]
    list_select_related = ["participant"]


@admin.register(models.Payment)
class PaymentAdmin(ReadOnly):
    list_display = ["pk", "loan", "kind", "amount", "value_date", "method", "posted_at"]
    list_filter = ["kind", "method"]


@admin.register(models.LoanDocument)
class DocumentAdmin(ReadOnly):
    list_display = ["key", "kind", "language", "status", "progress", "updated_at"]
    exclude = ["content"]
