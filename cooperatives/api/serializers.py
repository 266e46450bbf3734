"""Output serializers of the cooperatives API, and the money representation.

Amounts go out as ``{"amount": "12.30", "currency": "EUR"}``, the amount quantized half-up
by ``incubator.lib.money`` (DRF's own DecimalField would round half-even).
"""

from decimal import Decimal
from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from cooperatives.models import (
    ActivityDay,
    Closing,
    Cooperative,
    CostSheet,
    Decision,
    LedgerEntry,
    Meeting,
    MemberShare,
    Membership,
)
from incubator.lib.money import quantize


class MoneySerializer(serializers.Serializer):
    amount = serializers.DecimalField(max_digits=14, decimal_places=2)
    currency = serializers.CharField()


def money(value: Any) -> dict[str, str] | None:
    if value is None:
        return None
    amount = Decimal(getattr(value, "amount", value))
    currency = getattr(value, "currency", "EUR")
    code = str(getattr(currency, "code", currency))
    return {"amount": str(quantize(amount, code)), "currency": code}


@extend_schema_field(MoneySerializer)
class MoneyField(serializers.Field):
    """A djmoney Money (or a Decimal in EUR), read-only."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def to_representation(self, value: Any) -> dict[str, str] | None:
        return money(value)


class CooperativeSerializer(serializers.ModelSerializer):
    programme = serializers.StringRelatedField()
    cohort = serializers.StringRelatedField()
    host_partner = serializers.StringRelatedField()
    lead_staff = serializers.StringRelatedField()
    members_count = serializers.IntegerField(read_only=True, default=None)
    days_count = serializers.IntegerField(read_only=True, default=None)
    days_held = serializers.IntegerField(read_only=True, default=None)
    first_day = serializers.DateField(read_only=True, default=None)
    last_day = serializers.DateField(read_only=True, default=None)

    class Meta:
        model = Cooperative
        fields = [
            "id",
            "name",
            "kind",
            "sector",
            "sector_label",
            "programme",
            "programme_id",
            "cohort",
            "start_date",
            "end_date",
            "weekdays",
            "place",
            "host_partner",
            "capacity",
            "lead_staff",
            "usual_hours",
            "state",
            "split_rule",
            "members_count",
            "days_count",
            "days_held",
            "first_day",
            "last_day",
        ]
        read_only_fields = fields


class DaySerializer(serializers.ModelSerializer):
    class Meta:
        model = ActivityDay
        fields = ["id", "date", "note", "cancelled", "cancel_reason"]
        read_only_fields = fields


class MemberSerializer(serializers.ModelSerializer):
    participant_id = serializers.IntegerField(read_only=True)
    name = serializers.CharField(source="participant.__str__", read_only=True)
    hours = serializers.DecimalField(max_digits=8, decimal_places=2, read_only=True, default=None)
    days_worked = serializers.IntegerField(read_only=True, default=None)

    class Meta:
        model = Membership
        fields = [
            "id",
            "participant_id",
            "name",
            "role",
            "joined_on",
            "left_on",
            "leave_reason",
            "weight",
            "days_worked",
            "hours",
            "outcome",
            "outcome_note",
            "outcome_recorded_on",
        ]
        read_only_fields = fields


class HoursCellSerializer(serializers.Serializer):
    day = serializers.IntegerField(source="day_id")
    date = serializers.DateField()
    member = serializers.IntegerField(source="membership_id", help_text="A membership id.")
    hours = serializers.DecimalField(max_digits=4, decimal_places=2)


class EntrySerializer(serializers.ModelSerializer):
    amount = MoneyField()
    unit_price = MoneyField()
    reversed = serializers.BooleanField(read_only=True, default=False)
    balance = MoneyField(default=None)
    receipt = serializers.SerializerMethodField()

    class Meta:
        model = LedgerEntry
        fields = [
            "id",
            "kind",
            "date",
            "product",
            "quantity",
            "unit_price",
            "payment_method",
            "customer_type",
            "supplier",
            "category",
            "description",
            "amount",
            "reverses",
            "reversed",
            "balance",
            "receipt",
            "idempotency_key",
            "created_at",
        ]
        read_only_fields = fields

    def get_receipt(self, entry: LedgerEntry) -> bool:
        """Whether a receipt is attached (download it from the ledger page)."""
        return bool(entry.receipt)


class CostSheetSerializer(serializers.ModelSerializer):
    selling_price = MoneyField()
    lines = serializers.SerializerMethodField()
    figures = serializers.SerializerMethodField()

    class Meta:
        model = CostSheet
        fields = [
            "id",
            "product",
            "yield_quantity",
            "yield_unit",
            "selling_price",
            "notes",
            "lines",
            "figures",
        ]
        read_only_fields = fields

    class LineSerializer(serializers.Serializer):
        material = serializers.CharField()
        quantity = serializers.DecimalField(max_digits=10, decimal_places=3)
        unit = serializers.CharField()
        unit_cost = MoneyField()
        cost = MoneyField()

    class FiguresSerializer(serializers.Serializer):
        batch_cost = MoneyField()
        unit_cost = MoneyField()
        margin = MoneyField()
        margin_rate = serializers.DecimalField(max_digits=7, decimal_places=2, allow_null=True)
        batch_margin = MoneyField()

    @extend_schema_field(LineSerializer(many=True))
    def get_lines(self, sheet: CostSheet) -> list[dict[str, Any]]:
        figures = self._figures(sheet)
        return [
            {
                "material": line.material,
                "quantity": line.quantity,
                "unit": line.unit,
                "unit_cost": money(line.unit_cost),
                "cost": money(cost),
            }
            for line, cost in zip(sheet.lines.all(), figures.line_costs, strict=True)
        ]

    @extend_schema_field(FiguresSerializer)
    def get_figures(self, sheet: CostSheet) -> dict[str, Any]:
        figures = self._figures(sheet)
        return {
            "batch_cost": money(figures.batch_cost),
            "unit_cost": money(figures.unit_cost),
            "margin": money(figures.margin),
            "margin_rate": None if figures.margin_rate is None else str(figures.margin_rate),
            "batch_margin": money(figures.batch_margin),
        }

    def _figures(self, sheet: CostSheet) -> Any:
        from cooperatives.selectors import compute_sheet

        cache = self.context.setdefault("figures", {})
        if sheet.pk not in cache:
            cache[sheet.pk] = compute_sheet(sheet)
        return cache[sheet.pk]


class DecisionSerializer(serializers.ModelSerializer):
    adopted = serializers.BooleanField(read_only=True)

    class Meta:
        model = Decision
        fields = ["id", "text", "votes_for", "votes_against", "votes_abstain", "adopted"]
        read_only_fields = fields


class MeetingSerializer(serializers.ModelSerializer):
    attendees = serializers.SerializerMethodField()
    decisions = DecisionSerializer(many=True, read_only=True)

    class Meta:
        model = Meeting
        fields = ["id", "date", "agenda", "notes", "attendees", "decisions"]
        read_only_fields = fields

    def get_attendees(self, meeting: Meeting) -> list[int]:
        """Membership ids of the members present."""
        return [m.pk for m in meeting.attendees.all()]


class ShareSerializer(serializers.ModelSerializer):
    name = serializers.CharField(source="membership.participant.__str__", read_only=True)
    amount = MoneyField()

    class Meta:
        model = MemberShare
        fields = ["membership", "name", "days_worked", "hours", "basis", "amount"]
        read_only_fields = fields


class ClosingSerializer(serializers.ModelSerializer):
    sales = MoneyField()
    expenses = MoneyField()
    result = MoneyField()
    shares = serializers.SerializerMethodField()

    class Meta:
        model = Closing
        fields = ["rule", "sales", "expenses", "result", "total_hours", "closed_at", "shares"]
        read_only_fields = fields

    @extend_schema_field(ShareSerializer(many=True))
    def get_shares(self, closing: Closing) -> list[dict[str, Any]]:
        """Every share for staff and advisers; a participant gets only their own."""
        return ShareSerializer(self.context["shares"], many=True).data
