"""Forms of loans: they parse and validate input; the services decide and write.

Amounts are localized ("1 200,50" in French) and limited to cents; a command form carries a
hidden idempotency key generated when it is rendered, so a double submit posts once.
"""

import uuid
from decimal import Decimal
from typing import Any

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from incubator.models import Participant, User
from loans.models import Application, LoanProduct, Payment, ScheduleChange
from loans.services.applications import product_limit_errors
from loans.services.products import product_errors
from loans.simulate_forms import EARLIEST, LATEST, MESSAGES


def amount_field(
    label: Any, *, required: bool = True, min_value: Decimal = Decimal("0.01"), **kwargs: Any
) -> forms.DecimalField:
    return forms.DecimalField(
        label=label,
        required=required,
        max_digits=14,
        decimal_places=2,
        min_value=min_value,
        localize=True,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
        **kwargs,
    )


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


def date_field(label: Any, *, required: bool = True, **kwargs: Any) -> forms.DateField:
    return forms.DateField(label=label, required=required, widget=DateInput(), **kwargs)


class KeyedForm(forms.Form):
    """A command form: a fresh idempotency key each time it is rendered."""

    idempotency_key = forms.CharField(widget=forms.HiddenInput, max_length=64)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {}).setdefault("idempotency_key", uuid.uuid4().hex)
        super().__init__(*args, **kwargs)


# --- Products ---------------------------------------------------------------------------------


class ProductForm(forms.ModelForm):
    class Meta:
        model = LoanProduct
        fields = [
            "name", "description", "currency", "min_amount", "max_amount", "min_installments",
            "max_installments", "annual_rate", "method", "frequency", "fee_percent", "fee_fixed",
            "max_grace_periods", "guarantee_percent", "active",
        ]  # fmt: skip
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        for name, message in product_errors(data).items():
            self.add_error(name, message)
        return data


# --- Applications -----------------------------------------------------------------------------


class TermsMixin(forms.Form):
    """Checks the amount, term and grace against the chosen product, beside each field."""

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        product = data.get("product") or getattr(self, "fixed_product", None)
        if product is not None:
            errors = product_limit_errors(
                product=product,
                amount=data.get("amount"),
                installments=data.get("installments"),
                grace_periods=data.get("grace_periods") or 0,
            )
            for name, message in errors.items():
                self.add_error(name if name in self.fields else None, message)
        return data


class ApplicationForm(TermsMixin):
    """An adviser opens or edits an application for a participant."""

    participant = forms.ModelChoiceField(
        queryset=Participant.objects.none(), label=_("Participant")
    )
    product = forms.ModelChoiceField(queryset=LoanProduct.objects.none(), label=_("Product"))
    amount = amount_field(_("Amount"))
    installments = forms.IntegerField(label=_("Installments"), min_value=1, max_value=120)
    grace_periods = forms.IntegerField(
        label=_("Grace periods"),
        min_value=0,
        initial=0,
        help_text=_("Periods at the start when only interest is paid."),
    )
    purpose = forms.CharField(
        label=_("What the loan is for"), widget=forms.Textarea(attrs={"rows": 3})
    )
    adviser = forms.ModelChoiceField(
        queryset=User.objects.none(), label=_("Adviser"), required=False
    )

    def __init__(self, *args: Any, participants: Any, products: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["participant"].queryset = participants
        self.fields["product"].queryset = products
        self.fields["adviser"].queryset = User.objects.filter(
            role=User.Role.ADVISER, is_active=True
        ).order_by("first_name", "last_name")


class PortalApplicationForm(TermsMixin):
    """A participant asks for a loan on their phone: a few plain questions."""

    product = forms.ModelChoiceField(
        queryset=LoanProduct.objects.none(),
        label=_("Which loan?"),
        widget=forms.RadioSelect,
        empty_label=None,
    )
    amount = amount_field(_("How much do you need?"))
    installments = forms.IntegerField(
        label=_("In how many months do you want to repay?"), min_value=1, max_value=120
    )
    purpose = forms.CharField(
        label=_("What is the money for?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For example: a sewing machine, stock for a market stall."),
    )

    def __init__(self, *args: Any, products: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["product"].queryset = products


class ReviewForm(forms.Form):
    identity_checked = forms.BooleanField(label=_("I checked an identity document"), required=False)
    plan_approved = forms.BooleanField(label=_("The business plan is approved"), required=False)
    guarantee_covered = forms.BooleanField(
        label=_("The guarantee coverage is met"),
        required=False,
        help_text=_("Guarantor pledges are not kept in Tremplin yet: tick when you checked them."),
    )
    monthly_income = amount_field(
        _("Household income per month"), required=False, min_value=Decimal(0)
    )
    monthly_charges = amount_field(
        _("Fixed charges per month"),
        required=False,
        min_value=Decimal(0),
        help_text=_("Rent, energy, other loans: what is paid every month whatever happens."),
    )
    recommendation = forms.ChoiceField(
        label=_("Your recommendation"),
        choices=[("", "—"), *Application.Recommendation.choices],
        required=False,
    )
    recommendation_note = forms.CharField(
        label=_("Your note for the committee"), widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )  # fmt: skip


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))


class OptionalReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason (optional)"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )


class DecisionForm(forms.Form):
    """The committee's decision: the submit button says approve or reject."""

    decision = forms.ChoiceField(
        choices=[("approve", _("Approve")), ("reject", _("Reject"))], widget=forms.HiddenInput
    )
    conditions = forms.CharField(
        label=_("Conditions (told to the participant)"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )
    reason = forms.CharField(
        label=_("Reason for a refusal (told to the participant)"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )
    notes = forms.CharField(
        label=_("Internal notes (never shown to the participant)"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("decision") == "reject" and not (data.get("reason") or "").strip():
            self.add_error(
                "reason", _("Give the reason for the refusal: the participant will read it.")
            )
        return data


class DisburseForm(forms.Form):
    disbursed_on = date_field(_("Paid out on"))
    first_due_date = date_field(
        _("First due date"),
        required=False,
        help_text=_("Leave empty for one period after the payout."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {}).setdefault("disbursed_on", timezone.localdate())
        super().__init__(*args, **kwargs)


# --- Repayments -------------------------------------------------------------------------------


class RepaymentForm(KeyedForm):
    amount = amount_field(_("Amount"))
    value_date = date_field(_("Paid on"))
    method = forms.ChoiceField(
        label=_("How"), choices=Payment.Channel.choices, widget=forms.RadioSelect
    )
    reference = forms.CharField(label=_("Reference"), max_length=100, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        initial = kwargs.setdefault("initial", {})
        initial.setdefault("value_date", timezone.localdate())
        initial.setdefault("method", Payment.Channel.CASH)
        super().__init__(*args, **kwargs)


class PrepaymentForm(RepaymentForm):
    mode = forms.ChoiceField(
        label=_("After the prepayment"),
        choices=ScheduleChange.Mode.choices,
        widget=forms.RadioSelect,
        initial=ScheduleChange.Mode.SHORTER_TERM,
    )


class PayoffForm(RepaymentForm):
    pass


class ReverseForm(KeyedForm):
    reason = forms.CharField(label=_("Why is it reversed?"), max_length=500)


class RescheduleForm(forms.Form):
    effective_date = date_field(_("From"))
    installments = forms.IntegerField(
        label=_("New number of installments"), min_value=1, max_value=120
    )
    annual_rate = forms.DecimalField(
        label=_("Nominal annual rate (%)"), max_digits=6, decimal_places=3, min_value=0,
        max_value=100, localize=True,
    )  # fmt: skip
    first_due_date = date_field(_("First new due date"), required=False)
    reason = forms.CharField(
        label=_("The committee's reason"), widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {}).setdefault("effective_date", timezone.localdate())
        super().__init__(*args, **kwargs)


class DocumentForm(forms.Form):
    language = forms.ChoiceField(label=_("Language"), choices=settings.LANGUAGES)
    payment = forms.IntegerField(required=False, widget=forms.HiddenInput)


# --- Filters ----------------------------------------------------------------------------------


class ApplicationFilterForm(forms.Form):
    q = forms.CharField(label=_("Name"), required=False)
    product = forms.ModelChoiceField(
        label=_("Product"), queryset=LoanProduct.objects.all(), required=False
    )
    adviser = forms.ModelChoiceField(
        label=_("Adviser"),
        queryset=User.objects.filter(role=User.Role.ADVISER),
        required=False,
    )


class LoanFilterForm(ApplicationFilterForm):
    state = forms.ChoiceField(
        label=_("Show"),
        required=False,
        choices=[
            ("", _("All loans")),
            ("active", _("Active")),
            ("late", _("In arrears")),
            ("repaid", _("Repaid")),
            ("written_off", _("Written off")),
        ],
    )


class PortfolioFilterForm(forms.Form):
    product = forms.ModelChoiceField(
        label=_("Product"), queryset=LoanProduct.objects.all(), required=False
    )
    adviser = forms.ModelChoiceField(
        label=_("Adviser"),
        queryset=User.objects.filter(role=User.Role.ADVISER),
        required=False,
    )
    start = date_field(_("From"), required=False)
    end = date_field(_("To"), required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            self.add_error("end", _("The end must not be before the start."))
        for name in ("start", "end"):  # the report counts back from its dates (year 1: a 500)
            if data.get(name) and not EARLIEST <= data[name] <= LATEST:
                self.add_error(name, MESSAGES["disbursement_date"])
        return data
