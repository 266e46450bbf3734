"""What a loan simulation accepts: the limits, the checks and the form of the simulate pages.

The schedule preview API (``loans.api.preview``) applies the same limits and the same
cross-field checks (``terms_errors``), so a page and the API refuse the same terms with the
same words. The engine's own limits are wider; these are the sane ones for microcredit:

- principal from 0.01 to 1,000,000.00 (a microcredit is a few thousand euros);
- nominal rate from 0 to 100 % a year (above, it is a typing error, not a loan);
- 1 to 120 installments (ten years of months), grace periods below the installments;
- fees from 0 to 50 % of the principal plus a fixed amount, together below the principal;
- dates from 2000 to 2100, a first due date after disbursement and at most a year later.
"""

import datetime
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from incubator.lib.periods import Frequency
from loans.engine import LoanTerms, Method, upfront_fees

MIN_PRINCIPAL = Decimal("0.01")
MAX_PRINCIPAL = Decimal("1000000.00")
MAX_RATE = Decimal(100)
MAX_INSTALLMENTS = 120
MAX_FEE_PERCENT = Decimal(50)
MAX_FIRST_PERIOD_DAYS = 366
EARLIEST = datetime.date(2000, 1, 1)
LATEST = datetime.date(2100, 12, 31)

METHOD_CHOICES = [
    (Method.DECLINING_EQUAL_INSTALLMENTS.value, _("Equal installments")),
    (Method.DECLINING_EQUAL_PRINCIPAL.value, _("Equal principal, decreasing installments")),
    (Method.FLAT.value, _("Flat interest")),
]
FREQUENCY_CHOICES = [
    (Frequency.MONTHLY.value, _("Every month")),
    (Frequency.BIWEEKLY.value, _("Every two weeks")),
    (Frequency.WEEKLY.value, _("Every week")),
]
ROUNDING_CHOICES = [("", _("No rounding")), ("1.00", _("To the euro")), ("5.00", _("To 5 euros"))]

# One message per limit, shared with the API so both speak the same words. No "%" in them:
# Django and DRF interpolate limit messages with %-formatting.
MESSAGES = {
    "principal": _("Enter an amount between 0.01 and 1,000,000."),
    "annual_rate": _("Enter a rate between 0 and 100 per cent a year."),
    "installments": _("Choose between 1 and 120 installments."),
    "grace_periods": _("The grace periods must be fewer than the installments."),
    "disbursement_date": _("Enter a date between 2000 and 2100."),
    "first_due_date_before": _("The first payment must come after the disbursement."),
    "first_due_date_far": _("The first payment must come within a year of the disbursement."),
    "fee_percent": _("Enter a fee between 0 and 50 per cent of the amount."),
    "fee_fixed": _("Enter a fixed fee of 0 or more."),
    "fees_too_high": _("The fees must be less than the amount borrowed."),
    "apr_absurd": _("With these fees and dates the APR would be absurd. Check them."),
}


def terms_errors(data: Mapping[str, Any]) -> dict[str, Any]:
    """The cross-field problems of otherwise valid fields, as {field: message}."""
    errors: dict[str, Any] = {}
    installments, grace = data.get("installments"), data.get("grace_periods") or 0
    if installments is not None and grace >= installments:
        errors["grace_periods"] = MESSAGES["grace_periods"]
    disbursed, first_due = data.get("disbursement_date"), data.get("first_due_date")
    if disbursed and first_due:
        if first_due <= disbursed:
            errors["first_due_date"] = MESSAGES["first_due_date_before"]
        elif (first_due - disbursed).days > MAX_FIRST_PERIOD_DAYS:
            errors["first_due_date"] = MESSAGES["first_due_date_far"]
    principal = data.get("principal")
    fee_percent, fee_fixed = data.get("fee_percent") or 0, data.get("fee_fixed") or 0
    if principal is not None and (fee_percent or fee_fixed):
        fees = upfront_fees(
            LoanTerms(
                principal=principal,
                annual_rate=Decimal(0),
                installments=1,
                frequency=Frequency.MONTHLY,
                method=Method.FLAT,
                disbursement_date=EARLIEST,
                fee_percent=Decimal(fee_percent),
                fee_fixed=Decimal(fee_fixed),
            )
        )
        if fees >= principal:
            errors["fee_fixed" if fee_fixed else "fee_percent"] = MESSAGES["fees_too_high"]
    return errors


def to_terms(data: Mapping[str, Any]) -> LoanTerms:
    """Cleaned data (form or API) to the engine's terms."""
    rounding = data.get("round_installment_to") or None
    return LoanTerms(
        principal=data["principal"],
        annual_rate=data["annual_rate"],
        installments=data["installments"],
        frequency=Frequency(data["frequency"]),
        method=Method(data["method"]),
        disbursement_date=data["disbursement_date"],
        first_due_date=data.get("first_due_date"),
        grace_periods=data.get("grace_periods") or 0,
        currency=data.get("currency") or settings.DEFAULT_CURRENCY,
        fee_percent=data.get("fee_percent") or Decimal(0),
        fee_fixed=data.get("fee_fixed") or Decimal(0),
        round_installment_to=Decimal(rounding) if rounding else None,
    )


class _DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self) -> None:
        super().__init__(format="%Y-%m-%d")


def _decimal(
    label: Any, message: Any, *, low: Decimal, high: Decimal | None, required: bool = True
) -> forms.DecimalField:
    errors = {"min_value": message, "max_value": message, "max_decimal_places": message}
    return forms.DecimalField(
        label=label,
        required=required,
        min_value=low,
        max_value=high,
        max_digits=12,
        decimal_places=2,
        localize=True,
        error_messages=errors,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
    )


class _BoundedDateField(forms.DateField):
    """A date between 2000 and 2100, entered with the browser's date picker."""

    widget = _DateInput

    def __init__(self, *, message: Any, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.message = message

    def validate(self, value: Any) -> None:
        super().validate(value)
        if value and not EARLIEST <= value <= LATEST:
            raise forms.ValidationError(self.message, code="out_of_range")


class SimulationForm(forms.Form):
    """The terms of a simulated loan, read from the query string (a GET form: shareable)."""

    principal = _decimal(
        _("Amount borrowed"), MESSAGES["principal"], low=MIN_PRINCIPAL, high=MAX_PRINCIPAL
    )
    annual_rate = _decimal(
        _("Yearly rate, in percent"),
        MESSAGES["annual_rate"],
        low=Decimal(0),
        high=MAX_RATE,
    )
    installments = forms.IntegerField(
        label=_("Number of installments"),
        min_value=1,
        max_value=MAX_INSTALLMENTS,
        error_messages={
            "min_value": MESSAGES["installments"],
            "max_value": MESSAGES["installments"],
        },
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    frequency = forms.ChoiceField(label=_("How often you pay"), choices=FREQUENCY_CHOICES)
    method = forms.ChoiceField(label=_("Repayment method"), choices=METHOD_CHOICES)
    disbursement_date = _BoundedDateField(
        label=_("Disbursement date"), message=MESSAGES["disbursement_date"]
    )
    first_due_date = _BoundedDateField(
        label=_("First payment date"),
        required=False,
        help_text=_("Leave empty: one period after the disbursement."),
        message=MESSAGES["disbursement_date"],
    )
    grace_periods = forms.IntegerField(
        label=_("Grace periods"),
        help_text=_("At the start, only the interest is paid."),
        min_value=0,
        max_value=MAX_INSTALLMENTS - 1,
        required=False,
        error_messages={
            "min_value": MESSAGES["grace_periods"],
            "max_value": MESSAGES["grace_periods"],
        },
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    fee_percent = _decimal(
        _("Fee, in percent"),
        MESSAGES["fee_percent"],
        low=Decimal(0),
        high=MAX_FEE_PERCENT,
        required=False,
    )
    fee_fixed = _decimal(
        _("Fixed fee"), MESSAGES["fee_fixed"], low=Decimal(0), high=MAX_PRINCIPAL, required=False
    )
    round_installment_to = forms.ChoiceField(
        label=_("Round the installment"), choices=ROUNDING_CHOICES, required=False
    )

    # The fields a participant's phone shows first; the others wait under "More options".
    MAIN_FIELDS = ("principal", "installments", "frequency", "annual_rate")

    @classmethod
    def defaults(cls) -> dict[str, Any]:
        """What the empty page proposes: a typical microcredit starting today."""
        return {
            "principal": Decimal("3000.00"),
            "annual_rate": Decimal("7.45"),
            "installments": 24,
            "frequency": Frequency.MONTHLY.value,
            "method": Method.DECLINING_EQUAL_INSTALLMENTS.value,
            "disbursement_date": timezone.localdate(),
            "grace_periods": 0,
        }

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        for field, message in terms_errors(cleaned).items():
            if field not in self.errors:
                self.add_error(field, message)
        return cleaned

    def terms(self) -> LoanTerms:
        return to_terms(self.cleaned_data)

    def main_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.MAIN_FIELDS]

    def more_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.fields if name not in self.MAIN_FIELDS]

    def more_has_errors(self) -> bool:
        return any(self[name].errors for name in self.fields if name not in self.MAIN_FIELDS)
