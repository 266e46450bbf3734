"""POST /api/v1/schedule-preview/: a repayment schedule for terms, computed and not saved.

Any signed-in user may ask (participants simulate, advisers prepare offers). The limits and
the cross-field checks are those of the simulate pages (``loans.simulate_forms``); a refusal
is HTTP 400 with a translated message per field, and nothing is ever written.

Amounts leave as strings with the currency's decimals, rounded half-up here: DRF's own
DecimalField would quantize half-even (10.005 → "10.00"), which is not the house rule.
"""

from decimal import Decimal
from typing import Any

from django.conf import settings
from drf_spectacular.utils import OpenApiExample, OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from incubator.lib.money import quantize
from loans.engine import Schedule, TermsError, build_schedule
from loans.simulate_forms import (
    EARLIEST,
    FREQUENCY_CHOICES,
    LATEST,
    MAX_FEE_PERCENT,
    MAX_INSTALLMENTS,
    MAX_PRINCIPAL,
    MAX_RATE,
    MESSAGES,
    METHOD_CHOICES,
    MIN_PRINCIPAL,
    terms_errors,
    to_terms,
)

_EXAMPLE_IN = {
    "principal": "5000.00",
    "currency": "EUR",
    "annual_rate": "7.45",
    "installments": 36,
    "frequency": "monthly",
    "method": "declining_equal_installments",
    "grace_periods": 0,
    "disbursement_date": "2026-01-05",
    "first_due_date": None,
    "fee_percent": "0",
    "fee_fixed": "0",
}
_EXAMPLE_OUT = {
    "installment_amount": "155.42",
    "total_interest": "594.94",
    "total_fees": "0.00",
    "total_cost": "594.94",
    "apr": "7.71",
    "rows": [
        {
            "number": 1,
            "due_date": "2026-02-05",
            "principal": "124.38",
            "interest": "31.04",
            "total": "155.42",
            "balance": "4875.62",
        },
        # … rows 2 to 35 …
        {
            "number": 36,
            "due_date": "2029-01-05",
            "principal": "154.28",
            "interest": "0.96",
            "total": "155.24",
            "balance": "0.00",
        },
    ],
}


def _amount(message: Any, *, low: Decimal, high: Decimal, **kwargs: Any) -> serializers.Field:
    errors = {
        "min_value": message,
        "max_value": message,
        "max_digits": message,
        "max_whole_digits": message,
    }
    return serializers.DecimalField(
        max_digits=12,
        decimal_places=2,
        min_value=low,
        max_value=high,
        error_messages=errors,
        **kwargs,
    )


def _bounded_date(value: Any) -> None:
    if not EARLIEST <= value <= LATEST:
        raise serializers.ValidationError(MESSAGES["disbursement_date"])


class SchedulePreviewInputSerializer(serializers.Serializer):
    principal = _amount(
        MESSAGES["principal"],
        low=MIN_PRINCIPAL,
        high=MAX_PRINCIPAL,
        help_text="Amount lent, 0.01 to 1,000,000.00, at most two decimals.",
    )
    currency = serializers.ChoiceField(
        choices=list(settings.CURRENCIES), default=settings.DEFAULT_CURRENCY
    )
    annual_rate = _amount(
        MESSAGES["annual_rate"],
        low=Decimal(0),
        high=MAX_RATE,
        help_text="Nominal yearly rate in percent, 0 to 100.",
    )
    installments = serializers.IntegerField(
        min_value=1,
        max_value=MAX_INSTALLMENTS,
        error_messages={
            "min_value": MESSAGES["installments"],
            "max_value": MESSAGES["installments"],
        },
        help_text="Number of installments, 1 to 120.",
    )
    frequency = serializers.ChoiceField(choices=FREQUENCY_CHOICES)
    method = serializers.ChoiceField(choices=METHOD_CHOICES)
    grace_periods = serializers.IntegerField(
        min_value=0,
        default=0,
        error_messages={"min_value": MESSAGES["grace_periods"]},
        help_text="Interest-only periods at the start, fewer than the installments.",
    )
    disbursement_date = serializers.DateField(validators=[_bounded_date])
    first_due_date = serializers.DateField(
        required=False,
        allow_null=True,
        default=None,
        validators=[_bounded_date],
        help_text="Default (null): one period after disbursement. At most a year after it.",
    )
    fee_percent = _amount(
        MESSAGES["fee_percent"],
        low=Decimal(0),
        high=MAX_FEE_PERCENT,
        default=Decimal(0),
        help_text="Upfront fee in percent of the principal, 0 to 50.",
    )
    fee_fixed = _amount(
        MESSAGES["fee_fixed"],
        low=Decimal(0),
        high=MAX_PRINCIPAL,
        default=Decimal(0),
        help_text="Upfront fixed fee.",
    )
    round_installment_to = serializers.ChoiceField(
        choices=["1.00", "5.00"],
        required=False,
        allow_null=True,
        default=None,
        help_text="Round the installment up to this multiple; the last takes the difference.",
    )

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        errors = terms_errors(attrs)
        if errors:
            raise serializers.ValidationError({field: [msg] for field, msg in errors.items()})
        return attrs


class ScheduleRowSerializer(serializers.Serializer):
    number = serializers.IntegerField()
    due_date = serializers.DateField()
    principal = serializers.CharField(help_text="Two decimals, e.g. 124.38")
    interest = serializers.CharField()
    total = serializers.CharField(help_text="principal + interest")
    balance = serializers.CharField(help_text="Principal outstanding after this installment")


class SchedulePreviewOutputSerializer(serializers.Serializer):
    installment_amount = serializers.CharField(help_text="The regular installment after grace")
    total_interest = serializers.CharField()
    total_fees = serializers.CharField(help_text="Upfront fees, kept at disbursement")
    total_cost = serializers.CharField(help_text="Interest plus fees")
    apr = serializers.CharField(help_text="Annual percentage rate (EU 2008/48/EC), percent")
    rows = ScheduleRowSerializer(many=True)


def schedule_json(schedule: Schedule) -> dict[str, Any]:
    """The schedule as the API shows it: amounts as strings, half-up to the minor unit."""
    currency = schedule.terms.currency

    def amount(value: Decimal) -> str:
        return str(quantize(value, currency))

    return {
        "installment_amount": amount(schedule.installment_amount),
        "total_interest": amount(schedule.total_interest),
        "total_fees": amount(schedule.total_fees),
        "total_cost": amount(schedule.total_cost),
        "apr": str(quantize(schedule.apr)),  # percent, always two decimals
        "rows": [
            {
                "number": row.number,
                "due_date": row.due_date.isoformat(),
                "principal": amount(row.principal),
                "interest": amount(row.interest),
                "total": amount(row.total),
                "balance": amount(row.balance),
            }
            for row in schedule.rows
        ],
    }


class SchedulePreviewView(APIView):
    """Compute a schedule without saving anything."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        operation_id="schedule_preview",
        summary="Preview a repayment schedule",
        description=(
            "The schedule, totals and APR of loan terms, computed by the loan engine and not "
            "saved. Amounts are strings rounded half-up to the cent. Bad terms get HTTP 400 "
            "with a message per field, in the caller's language."
        ),
        request=SchedulePreviewInputSerializer,
        responses={
            200: SchedulePreviewOutputSerializer,
            400: OpenApiResponse(description="A message per field at fault"),
        },
        examples=[
            OpenApiExample("5000 € at 7.45 % over 36 months", value=_EXAMPLE_IN, request_only=True),
            OpenApiExample(
                "Its schedule (first and last rows)", value=_EXAMPLE_OUT, response_only=True
            ),
        ],
        tags=["loans"],
    )
    def post(self, request: Request) -> Response:
        serializer = SchedulePreviewInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            schedule = build_schedule(to_terms(serializer.validated_data))
        except TermsError as error:
            # The limits above keep the engine's refusals rare; an absurd APR (big fees on a
            # loan of a few days) is the one left.
            field = error.field if error.field in serializer.fields else "non_field_errors"
            raise serializers.ValidationError({field: [MESSAGES["apr_absurd"]]}) from None
        return Response(schedule_json(schedule))
