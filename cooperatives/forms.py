"""Forms of the back-office pages. They parse and check shapes; the services decide.

Amounts are typed as plain decimals (the currency is the cooperative's, EUR), limited to
cents; the services quantize them half-up before saving.
"""

import uuid
from decimal import Decimal
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cooperatives.models import Cooperative, CostLine, LedgerEntry, Membership
from incubator.models import Cohort, Participant, PartnerOrganisation, Programme, User

WEEKDAYS = [
    (0, _("Monday")),
    (1, _("Tuesday")),
    (2, _("Wednesday")),
    (3, _("Thursday")),
    (4, _("Friday")),
    (5, _("Saturday")),
    (6, _("Sunday")),
]


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


def money_field(label: Any, **kwargs: Any) -> forms.DecimalField:
    return forms.DecimalField(
        label=label,
        max_digits=12,
        decimal_places=2,
        min_value=Decimal("0"),
        widget=forms.NumberInput(attrs={"step": "0.01", "inputmode": "decimal"}),
        **kwargs,
    )


def staff_choices() -> Any:
    return User.objects.filter(role=User.Role.STAFF, is_active=True).order_by(
        "first_name", "last_name"
    )


class CooperativeForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    kind = forms.ChoiceField(
        label=_("Kind"), choices=Cooperative.Kind.choices, widget=forms.RadioSelect
    )
    sector = forms.ChoiceField(label=_("Sector"), choices=Cooperative.Sector.choices)
    sector_label = forms.CharField(
        label=_("Activity"), max_length=100, required=False, help_text=_("Required for “Other”.")
    )
    programme = forms.ModelChoiceField(label=_("Programme"), queryset=Programme.objects.all())
    cohort = forms.ModelChoiceField(
        label=_("Cohort"),
        queryset=Cohort.objects.select_related("programme"),
        required=False,
        help_text=_("Optional: the cohort whose participants make up the cooperative."),
    )
    start_date = forms.DateField(label=_("Start date"), widget=DateInput())
    end_date = forms.DateField(
        label=_("End date"),
        widget=DateInput(),
        required=False,
        help_text=_("Temporary cooperatives only: a flashcoop runs ten activity days."),
    )
    weekdays = forms.TypedMultipleChoiceField(
        label=_("Days of the week"),
        choices=WEEKDAYS,
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Temporary cooperatives only. Public holidays are skipped."),
    )
    place = forms.CharField(label=_("Place"), max_length=200)
    host_partner = forms.ModelChoiceField(
        label=_("Host partner"), queryset=PartnerOrganisation.objects.all(), required=False
    )
    capacity = forms.IntegerField(label=_("Capacity"), min_value=1, max_value=100, initial=8)
    lead_staff = forms.ModelChoiceField(label=_("Lead staff member"), queryset=User.objects.none())
    usual_hours = forms.DecimalField(
        label=_("Usual hours a day"),
        max_digits=4,
        decimal_places=2,
        min_value=Decimal("0.25"),
        max_value=Decimal("12"),
        initial=Decimal("6"),
        widget=forms.NumberInput(attrs={"step": "0.25"}),
    )
    description = forms.CharField(label=_("Description"), widget=forms.Textarea, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["lead_staff"].queryset = staff_choices()

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("sector") == Cooperative.Sector.OTHER and not data.get("sector_label"):
            self.add_error("sector_label", _("Name the activity of this cooperative."))
        if data.get("kind") == Cooperative.Kind.TEMPORARY:
            if not data.get("end_date"):
                self.add_error("end_date", _("A temporary cooperative needs an end date."))
            if not data.get("weekdays"):
                self.add_error("weekdays", _("Choose the days of the week the cooperative meets."))
        return data


class CooperativeEditForm(CooperativeForm):
    """The descriptive fields; dates live on the calendar page, the state in the workflow."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("kind", "programme", "cohort", "start_date", "end_date", "weekdays"):
            del self.fields[name]


class CalendarForm(forms.Form):
    start_date = forms.DateField(label=_("Start date"), widget=DateInput())
    end_date = forms.DateField(label=_("End date"), widget=DateInput(), required=False)
    weekdays = forms.TypedMultipleChoiceField(
        label=_("Days of the week"),
        choices=WEEKDAYS,
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )


class DayForm(forms.Form):
    date = forms.DateField(label=_("Date"), widget=DateInput())
    note = forms.CharField(label=_("Note"), max_length=200, required=False)


class DayCancelForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=200)


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=300, required=False)


class MemberAddForm(forms.Form):
    participant = forms.ModelChoiceField(
        label=_("Participant"), queryset=Participant.objects.none()
    )
    role = forms.ChoiceField(label=_("Role"), choices=Membership.Role.choices)
    joined_on = forms.DateField(label=_("Joined on"), widget=DateInput())
    weight = forms.DecimalField(
        label=_("Weight"), max_digits=6, decimal_places=2, min_value=0, initial=Decimal("1")
    )

    def __init__(self, *args: Any, cooperative: Cooperative, candidates: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["participant"].queryset = candidates.exclude(
            coop_memberships__cooperative=cooperative
        )
        self.fields["joined_on"].initial = max(cooperative.start_date, timezone.localdate())
        if cooperative.start_date > timezone.localdate():
            self.fields["joined_on"].initial = cooperative.start_date


class MemberEditForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=Membership.Role.choices)
    weight = forms.DecimalField(
        label=_("Weight"),
        max_digits=6,
        decimal_places=2,
        min_value=0,
        help_text=_("Used when the members chose to split by agreed weights."),
    )


class MemberLeaveForm(forms.Form):
    left_on = forms.DateField(label=_("Left on"), widget=DateInput())
    reason = forms.CharField(label=_("Reason"), max_length=200, required=False)


class OutcomeForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Outcome"), choices=Membership.Outcome.choices)
    note = forms.CharField(label=_("Details"), max_length=300, required=False)


class IdempotentForm(forms.Form):
    """A hidden key generated when the form is shown: submitting twice records once."""

    idempotency_key = forms.UUIDField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.fields["idempotency_key"].initial = uuid.uuid4()


class SaleForm(IdempotentForm):
    date = forms.DateField(label=_("Date"), widget=DateInput())
    product = forms.CharField(
        label=_("Product"),
        max_length=200,
        widget=forms.TextInput(attrs={"list": "coop-products", "autocomplete": "off"}),
    )
    quantity = forms.DecimalField(
        label=_("Quantity"),
        max_digits=10,
        decimal_places=2,
        min_value=Decimal("0.01"),
        widget=forms.NumberInput(attrs={"step": "any", "inputmode": "decimal"}),
    )
    unit_price = money_field(_("Unit price (€)"))
    payment_method = forms.ChoiceField(
        label=_("Payment"), choices=LedgerEntry.PaymentMethod.choices, widget=forms.RadioSelect
    )
    customer_type = forms.ChoiceField(label=_("Customer"), choices=LedgerEntry.CustomerType.choices)
    description = forms.CharField(label=_("Note"), max_length=300, required=False)


class ExpenseForm(IdempotentForm):
    date = forms.DateField(label=_("Date"), widget=DateInput())
    supplier = forms.CharField(label=_("Supplier"), max_length=200, required=False)
    category = forms.ChoiceField(label=_("Category"), choices=LedgerEntry.Category.choices)
    amount = money_field(_("Amount (€)"))
    description = forms.CharField(label=_("Description"), max_length=300, required=False)
    receipt = forms.FileField(
        label=_("Receipt"),
        required=False,
        help_text=_("A PDF or a photo, up to 5 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,image/*"}),
    )


class CostSheetForm(forms.Form):
    product = forms.CharField(label=_("Product"), max_length=200)
    yield_quantity = forms.DecimalField(
        label=_("Units per batch"), max_digits=10, decimal_places=2, min_value=Decimal("0.01")
    )
    yield_unit = forms.CharField(
        label=_("Unit"), max_length=40, required=False, help_text=_("e.g. portions, bags")
    )
    selling_price = money_field(_("Selling price per unit (€)"))
    notes = forms.CharField(label=_("Notes"), widget=forms.Textarea, required=False)


class CostLineForm(forms.Form):
    material = forms.CharField(label=_("Material"), max_length=200, required=False)
    quantity = forms.DecimalField(
        label=_("Quantity"), max_digits=10, decimal_places=3, min_value=0, required=False
    )
    unit = forms.ChoiceField(label=_("Unit"), choices=CostLine.Unit.choices, required=False)
    unit_cost = money_field(_("Cost per unit (€)"), required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        filled = [data.get(k) not in (None, "") for k in ("material", "quantity", "unit_cost")]
        if any(filled) and not all(filled):
            raise ValidationError(_("Fill in the material, its quantity and its cost."))
        return data


CostLineFormSet = forms.formset_factory(CostLineForm, extra=3, max_num=40)


class DecisionForm(forms.Form):
    text = forms.CharField(label=_("Decision"), max_length=500)
    votes_for = forms.IntegerField(label=_("For"), min_value=0, initial=0)
    votes_against = forms.IntegerField(label=_("Against"), min_value=0, initial=0)
    votes_abstain = forms.IntegerField(label=_("Abstentions"), min_value=0, initial=0)
    split_rule = forms.ChoiceField(
        label=_("This decision chooses the split rule"),
        choices=[("", _("No")), *Cooperative.SplitRule.choices],
        required=False,
    )


class MeetingForm(forms.Form):
    date = forms.DateField(label=_("Date"), widget=DateInput())
    agenda = forms.CharField(label=_("Agenda"), widget=forms.Textarea(attrs={"rows": 3}))
    notes = forms.CharField(
        label=_("Notes"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    attendees = forms.ModelMultipleChoiceField(
        label=_("Present"),
        queryset=Membership.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    decision = forms.CharField(label=_("Decision"), max_length=500, required=False)
    votes_for = forms.IntegerField(label=_("For"), min_value=0, initial=0)
    votes_against = forms.IntegerField(label=_("Against"), min_value=0, initial=0)
    votes_abstain = forms.IntegerField(label=_("Abstentions"), min_value=0, initial=0)
    split_rule = DecisionForm.base_fields["split_rule"]

    def __init__(self, *args: Any, cooperative: Cooperative, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        members = cooperative.memberships.select_related("participant").order_by(
            "participant__first_name"
        )
        self.fields["attendees"].queryset = members
        self.fields["attendees"].label_from_instance = lambda m: str(m.participant)
        self.fields["date"].initial = timezone.localdate()


class CloseForm(forms.Form):
    rule = forms.ChoiceField(
        label=_("Split rule"), choices=Cooperative.SplitRule.choices, widget=forms.RadioSelect
    )
    reason = forms.CharField(label=_("Comment"), max_length=300, required=False)


class CooperativeFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False)
    state = forms.ChoiceField(
        label=_("State"), choices=[("", _("All")), *Cooperative.State.choices], required=False
    )
    kind = forms.ChoiceField(
        label=_("Kind"), choices=[("", _("All")), *Cooperative.Kind.choices], required=False
    )
    sector = forms.ChoiceField(
        label=_("Sector"), choices=[("", _("All")), *Cooperative.Sector.choices], required=False
    )
    programme = forms.ModelChoiceField(
        label=_("Programme"), queryset=Programme.objects.all(), required=False
    )
