"""Django admin for cooperatives: browsing for staff. Money rows are read-only there, since
corrections go through reversal entries (the services), never through edits or deletes."""

from django.contrib import admin

from cooperatives.models import (
    ActivityDay,
    Closing,
    Cooperative,
    CostLine,
    CostSheet,
    Decision,
    LedgerEntry,
    Meeting,
    MemberShare,
    Membership,
)
from incubator.admin import ReadOnlyAdmin


class ActivityDayInline(admin.TabularInline):
    model = ActivityDay
    extra = 0
    can_delete = False
    fields = ("date", "note", "cancelled", "cancel_reason")
    readonly_fields = fields


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    can_delete = False
    fields = ("participant", "role", "joined_on", "left_on", "weight", "outcome")
    readonly_fields = fields


@admin.register(Cooperative)
class CooperativeAdmin(ReadOnlyAdmin):
    list_display = ("name", "kind", "sector", "state", "start_date", "place", "lead_staff")
    list_filter = ("state", "kind", "sector", "programme")
    search_fields = ("name", "place")
    list_select_related = ("lead_staff",)
    inlines = [ActivityDayInline, MembershipInline]


@admin.register(LedgerEntry)
class LedgerEntryAdmin(ReadOnlyAdmin):
    list_display = ("date", "cooperative", "kind", "product", "category", "amount", "reverses")
    list_filter = ("kind", "category", "payment_method")
    search_fields = ("product", "supplier", "description")
    list_select_related = ("cooperative", "reverses")
    exclude = ("receipt",)  # served only through the authorised view of the ledger page


class CostLineInline(admin.TabularInline):
    model = CostLine
    extra = 0


@admin.register(CostSheet)
class CostSheetAdmin(ReadOnlyAdmin):
    list_display = ("product", "cooperative", "yield_quantity", "selling_price")
    inlines = [CostLineInline]


class DecisionInline(admin.TabularInline):
    model = Decision
    extra = 0


@admin.register(Meeting)
class MeetingAdmin(ReadOnlyAdmin):
    list_display = ("date", "cooperative")
    inlines = [DecisionInline]


class MemberShareInline(admin.TabularInline):
    model = MemberShare
    extra = 0


@admin.register(Closing)
class ClosingAdmin(ReadOnlyAdmin):
    list_display = ("cooperative", "rule", "sales", "expenses", "result", "closed_at")
    inlines = [MemberShareInline]
