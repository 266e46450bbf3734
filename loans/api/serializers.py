"""Output serializers of the loans API. Amounts are strings with two decimals beside their
currency (values are quantized half-up by the services before they get here, so DRF's own
half-even rendering never rounds anything).

Participants get their own, smaller shapes: no checklist, recommendation, reviewer, nor the
committee's internal notes.
"""

from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from loans.models import (
    Allocation,
    Application,
    Installment,
    Loan,
    LoanDocument,
    LoanProduct,
    Payment,
)


def money_field(**kwargs: Any) -> serializers.DecimalField:
    return serializers.DecimalField(max_digits=14, decimal_places=2, **kwargs)


class ErrorSerializer(serializers.Serializer):
    """A refusal: the message in the caller's language and a stable code."""

    detail = serializers.CharField()
    code = serializers.CharField()

    class Meta:
        ref_name = "LoanError"


class ProductSerializer(serializers.ModelSerializer):
    class Meta:
        model = LoanProduct
        fields = [
            "id", "name", "description", "currency", "min_amount", "max_amount",
            "min_installments", "max_installments", "annual_rate", "method", "frequency",
            "fee_percent", "fee_fixed", "max_grace_periods", "guarantee_percent", "active",
        ]  # fmt: skip


class PersonSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField(source="__str__")


class CheckItemSerializer(serializers.Serializer):
    code = serializers.CharField()
    ok = serializers.BooleanField()
    label = serializers.CharField()
    explanation = serializers.CharField()


class ApplicationSerializer(serializers.ModelSerializer):
    """An application as loan officers see it."""

    reference = serializers.CharField(read_only=True)
    participant = PersonSerializer(read_only=True)
    product = serializers.PrimaryKeyRelatedField(read_only=True)
    product_name = serializers.CharField(source="product.name", read_only=True)
    adviser = PersonSerializer(read_only=True, allow_null=True)
    reviewed_by = PersonSerializer(read_only=True, allow_null=True)
    decided_by = PersonSerializer(read_only=True, allow_null=True)
    checklist = serializers.SerializerMethodField()

    class Meta:
        model = Application
        fields = [
            "id", "reference", "state", "participant", "product", "product_name", "currency",
            "amount", "installments", "grace_periods", "purpose", "adviser", "annual_rate",
            "method", "frequency", "fee_percent", "fee_fixed", "guarantee_percent",
            "identity_checked", "plan_approved", "guarantee_covered", "monthly_income",
            "monthly_charges", "recommendation", "recommendation_note", "reviewed_by",
            "reviewed_at", "decided_by", "decided_at", "decision_conditions", "decision_reason",
            "committee_notes", "created_at", "submitted_at", "updated_at", "checklist",
        ]  # fmt: skip
        read_only_fields = fields

    @extend_schema_field(CheckItemSerializer(many=True))
    def get_checklist(self, application: Application) -> list[dict[str, Any]]:
        review = self.context.get("reviews", {}).get(application.pk)
        if review is None:
            return []
        return [
            {"code": i.code, "ok": i.ok, "label": str(i.label), "explanation": i.explanation}
            for i in review.items
        ]


class PortalApplicationSerializer(serializers.ModelSerializer):
    """An application as its participant sees it."""

    reference = serializers.CharField(read_only=True)
    product_name = serializers.CharField(source="product.name", read_only=True)

    class Meta:
        model = Application
        fields = [
            "id", "reference", "state", "product", "product_name", "currency", "amount",
            "installments", "grace_periods", "purpose", "annual_rate", "method", "frequency",
            "decision_conditions", "decision_reason", "created_at", "submitted_at",
        ]  # fmt: skip
        read_only_fields = fields


class InstallmentSerializer(serializers.ModelSerializer):
    total = money_field()
    paid = money_field()
    status = serializers.CharField(required=False)

    class Meta:
        model = Installment
        fields = [
            "number", "kind", "due_date", "principal", "interest", "fees", "total",
            "principal_paid", "interest_paid", "fees_paid", "paid", "settled_on", "status",
        ]  # fmt: skip


class LoanSerializer(serializers.ModelSerializer):
    reference = serializers.CharField(read_only=True)
    participant = PersonSerializer(read_only=True)
    product_name = serializers.CharField(source="product.name", read_only=True)
    application = serializers.PrimaryKeyRelatedField(read_only=True)
    left = money_field(read_only=True, required=False, help_text="What is left to repay.")

    class Meta:
        model = Loan
        fields = [
            "id", "reference", "state", "participant", "application", "product", "product_name",
            "currency", "principal", "annual_rate", "method", "frequency", "installments",
            "grace_periods", "fees_total", "net_disbursed", "apr", "total_interest",
            "disbursed_on", "first_due_date", "arrears_since", "closed_on",
            "written_off_amount", "left",
        ]  # fmt: skip
        read_only_fields = fields


class LoanSummarySerializer(serializers.Serializer):
    outstanding_principal = money_field()
    outstanding_total = money_field()
    overdue = money_field()
    paid_total = money_field()
    credit = money_field()
    days_past_due = serializers.IntegerField()
    next_due_date = serializers.DateField(allow_null=True)
    next_amount = money_field(allow_null=True)


class LoanDetailSerializer(LoanSerializer):
    summary = LoanSummarySerializer(read_only=True)
    schedule = InstallmentSerializer(many=True, read_only=True, source="schedule_rows")

    class Meta(LoanSerializer.Meta):
        fields = [*LoanSerializer.Meta.fields, "summary", "schedule"]
        read_only_fields = fields


class AllocationSerializer(serializers.ModelSerializer):
    installment = serializers.IntegerField(
        source="installment.number", allow_null=True, read_only=True
    )

    class Meta:
        model = Allocation
        fields = ["installment", "fees", "interest", "principal", "credit"]


class PaymentSerializer(serializers.ModelSerializer):
    reverses = serializers.PrimaryKeyRelatedField(read_only=True, allow_null=True)
    reversed = serializers.SerializerMethodField()

    class Meta:
        model = Payment
        fields = [
            "id", "kind", "amount", "value_date", "method", "reference", "reverses", "reversed",
            "reason", "posted_at",
        ]  # fmt: skip
        read_only_fields = fields

    def get_reversed(self, payment: Payment) -> bool:
        return payment.pk in self.context.get("reversed_ids", set())


class PaymentResultSerializer(PaymentSerializer):
    """A recorded payment with what it paid (its active allocations)."""

    allocations = serializers.SerializerMethodField()

    class Meta(PaymentSerializer.Meta):
        fields = [*PaymentSerializer.Meta.fields, "allocations"]
        read_only_fields = fields

    @extend_schema_field(AllocationSerializer(many=True))
    def get_allocations(self, payment: Payment) -> list[dict[str, Any]]:
        rows = payment.allocations.filter(active=True).select_related("installment")
        return AllocationSerializer(rows, many=True).data  # type: ignore[return-value]


class DocumentSerializer(serializers.ModelSerializer):
    download = serializers.SerializerMethodField()

    class Meta:
        model = LoanDocument
        fields = ["id", "kind", "language", "status", "progress", "payment", "download"]
        read_only_fields = fields

    def get_download(self, document: LoanDocument) -> str | None:
        if document.status != LoanDocument.Status.READY:
            return None
        return f"/api/v1/loan-documents/{document.pk}/download/"


class BucketSerializer(serializers.Serializer):
    key = serializers.CharField()
    count = serializers.IntegerField()
    outstanding = money_field()
    share = serializers.DecimalField(max_digits=7, decimal_places=2)


class MonthSerializer(serializers.Serializer):
    month = serializers.DateField()
    count = serializers.IntegerField()
    amount = money_field()


class PortfolioSerializer(serializers.Serializer):
    as_of = serializers.DateField()
    start = serializers.DateField(allow_null=True)
    currency = serializers.CharField()
    loans = serializers.IntegerField()
    outstanding = money_field()
    par1 = serializers.DecimalField(max_digits=7, decimal_places=2)
    par30 = serializers.DecimalField(max_digits=7, decimal_places=2)
    par90 = serializers.DecimalField(max_digits=7, decimal_places=2)
    buckets = BucketSerializer(many=True)
    due = money_field()
    collected = money_field()
    repayment_rate = serializers.DecimalField(max_digits=7, decimal_places=2, allow_null=True)
    months = MonthSerializer(many=True)
    disbursed = money_field()
