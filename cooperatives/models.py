"""Temporary cooperatives and ten-day flashcoops: calendar, members and hours, the shared
ledger, cost sheets, the governance log and the closing split.

States and moves of a cooperative: ``cooperatives.workflows.COOPERATIVE``. Money columns are
django-money ``MoneyField`` (EUR), always quantized half-up by the services before saving.
Nothing with money in it is ever deleted: the ledger is corrected by reversal entries.
"""

import uuid
from decimal import Decimal
from pathlib import PurePath
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from djmoney.models.fields import MoneyField

from incubator.models import Cohort, Participant, PartnerOrganisation, Programme, User

MONEY = {"max_digits": 14, "decimal_places": 2, "default_currency": "EUR"}


class Cooperative(models.Model):
    class Kind(models.TextChoices):
        TEMPORARY = "temporary", _("Temporary cooperative")
        FLASHCOOP = "flashcoop", _("Flashcoop (ten days)")

    class Sector(models.TextChoices):
        COOKING = "cooking", _("Cooking")
        SEWING = "sewing", _("Sewing")
        OTHER = "other", _("Other")

    class State(models.TextChoices):
        PLANNED = "planned", _("Planned")
        RUNNING = "running", _("Running")
        CLOSING = "closing", _("Closing")
        CLOSED = "closed", _("Closed")

    class SplitRule(models.TextChoices):
        # Values are those of cooperatives.result_split.Rule.
        EQUAL = "equal", _("Equal parts")
        HOURS = "hours", _("In proportion to hours worked")
        WEIGHTS = "weights", _("Agreed weights")

    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind, default=Kind.FLASHCOOP)
    sector = models.CharField(_("sector"), max_length=16, choices=Sector, default=Sector.COOKING)
    sector_label = models.CharField(
        _("activity"), max_length=100, blank=True, help_text=_("Required for “Other”.")
    )
    programme = models.ForeignKey(
        Programme,
        on_delete=models.PROTECT,
        related_name="cooperatives",
        verbose_name=_("programme"),
    )
    cohort = models.ForeignKey(
        Cohort,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="cooperatives",
        verbose_name=_("cohort"),
    )
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(
        _("end date"),
        null=True,
        blank=True,
        help_text=_("Temporary cooperatives only; a flashcoop ends on its tenth day."),
    )
    weekdays = models.JSONField(
        _("weekdays"),
        default=list,
        blank=True,
        help_text=_("Days of the week a temporary cooperative meets (0 = Monday)."),
    )
    place = models.CharField(_("place"), max_length=200)
    host_partner = models.ForeignKey(
        PartnerOrganisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="hosted_cooperatives",
        verbose_name=_("host partner"),
    )
    capacity = models.PositiveSmallIntegerField(_("capacity"), default=8)
    lead_staff = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="led_cooperatives",
        verbose_name=_("lead staff member"),
        limit_choices_to={"role": User.Role.STAFF},
    )
    usual_hours = models.DecimalField(
        _("usual hours a day"),
        max_digits=4,
        decimal_places=2,
        default=Decimal("6.00"),
        help_text=_("Suggested in the hours grid."),
    )
    state = models.CharField(_("state"), max_length=16, choices=State, default=State.PLANNED)
    split_rule = models.CharField(
        _("split rule"), max_length=16, choices=SplitRule, default=SplitRule.HOURS
    )
    split_decision = models.ForeignKey(
        "Decision",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided at"),
    )
    description = models.TextField(_("description"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("cooperative")
        verbose_name_plural = _("cooperatives")
        ordering = ["-start_date", "name"]
        indexes = [models.Index(fields=["state", "start_date"])]
        constraints = [
            models.CheckConstraint(
                condition=~Q(sector="other") | ~Q(sector_label=""), name="coop_other_has_label"
            ),
            models.CheckConstraint(
                condition=Q(kind="flashcoop")
                | Q(end_date__isnull=False, end_date__gte=models.F("start_date")),
                name="coop_temporary_has_end_after_start",
            ),
            models.CheckConstraint(condition=Q(capacity__gte=1), name="coop_capacity_positive"),
            models.CheckConstraint(
                condition=Q(usual_hours__gt=0, usual_hours__lte=12), name="coop_usual_hours_range"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def sector_name(self) -> str:
        return self.sector_label if self.sector == self.Sector.OTHER else self.get_sector_display()

    @property
    def sector_icon(self) -> str:
        return {"cooking": "pot", "sewing": "needle"}.get(self.sector, "store")

    @property
    def is_flashcoop(self) -> bool:
        return self.kind == self.Kind.FLASHCOOP

    @property
    def books_open(self) -> bool:
        """Sales and expenses can be recorded until the result is split."""
        return self.state != self.State.CLOSED


class ActivityDay(models.Model):
    """A day the cooperative works. Cancelled days stay, struck through, for the record."""

    cooperative = models.ForeignKey(Cooperative, on_delete=models.PROTECT, related_name="days")
    date = models.DateField(_("date"))
    note = models.CharField(_("note"), max_length=200, blank=True)
    cancelled = models.BooleanField(_("cancelled"), default=False)
    cancel_reason = models.CharField(_("reason"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("activity day")
        verbose_name_plural = _("activity days")
        ordering = ["date", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["cooperative", "date"],
                condition=Q(cancelled=False),
                name="coop_one_active_day_per_date",
            )
        ]

    def __str__(self) -> str:
        return f"{self.cooperative} {self.date:%Y-%m-%d}"


class Membership(models.Model):
    class Role(models.TextChoices):
        MEMBER = "member", _("Member")
        CO_MANAGER = "co_manager", _("Co-manager")
        TREASURER = "treasurer", _("Treasurer")

    class Outcome(models.TextChoices):
        BUSINESS = "business", _("Went on with the business")
        EMPLOYMENT = "employment", _("Found employment")
        COOPERATIVE = "cooperative", _("Joined another cooperative")
        OTHER = "other", _("Other")

    cooperative = models.ForeignKey(
        Cooperative, on_delete=models.PROTECT, related_name="memberships"
    )
    participant = models.ForeignKey(
        Participant,
        on_delete=models.PROTECT,
        related_name="coop_memberships",
        verbose_name=_("participant"),
    )
    role = models.CharField(_("role"), max_length=16, choices=Role, default=Role.MEMBER)
    joined_on = models.DateField(_("joined on"))
    left_on = models.DateField(_("left on"), null=True, blank=True)
    leave_reason = models.CharField(_("reason for leaving"), max_length=200, blank=True)
    weight = models.DecimalField(
        _("weight"),
        max_digits=6,
        decimal_places=2,
        default=Decimal("1.00"),
        help_text=_("Used when the members chose to split by agreed weights."),
    )
    outcome = models.CharField(_("outcome"), max_length=16, choices=Outcome, blank=True)
    outcome_note = models.CharField(_("details"), max_length=300, blank=True)
    outcome_recorded_on = models.DateField(_("outcome recorded on"), null=True, blank=True)

    class Meta:
        verbose_name = _("member")
        verbose_name_plural = _("members")
        ordering = ["cooperative", "participant__last_name", "participant__first_name"]
        constraints = [
            models.UniqueConstraint(fields=["cooperative", "participant"], name="coop_member_once"),
            models.CheckConstraint(
                condition=Q(left_on__isnull=True) | Q(left_on__gte=models.F("joined_on")),
                name="coop_member_leaves_after_joining",
            ),
            models.CheckConstraint(condition=Q(weight__gte=0), name="coop_weight_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.participant} – {self.cooperative}"


class Attendance(models.Model):
    """Hours one member worked on one day (0 = absent). One row per day and member."""

    day = models.ForeignKey(ActivityDay, on_delete=models.PROTECT, related_name="attendances")
    membership = models.ForeignKey(Membership, on_delete=models.PROTECT, related_name="attendances")
    hours = models.DecimalField(_("hours"), max_digits=4, decimal_places=2)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("hours worked")
        verbose_name_plural = _("hours worked")
        constraints = [
            models.UniqueConstraint(fields=["day", "membership"], name="coop_hours_once_a_day"),
            models.CheckConstraint(
                condition=Q(hours__gte=0, hours__lte=12), name="coop_hours_in_a_day"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.membership_id}@{self.day_id}: {self.hours}"


def receipt_path(entry: "LedgerEntry", filename: str) -> str:
    """A random name under the cooperative's folder: the uploader's file name is not kept
    on disk (it may hold anything) but its extension is, lower-cased."""
    suffix = PurePath(filename).suffix.lower()[:8]
    return f"receipts/coop-{entry.cooperative_id}/{uuid.uuid4().hex}{suffix}"


class LedgerEntry(models.Model):
    """A sale or an expense of the cooperative. Append-only: a mistake is cancelled by a
    reversal entry (``reverses``) carrying the opposite quantity and amount."""

    class Kind(models.TextChoices):
        SALE = "sale", _("Sale")
        EXPENSE = "expense", _("Expense")

    class PaymentMethod(models.TextChoices):
        CASH = "cash", _("Cash")
        CARD = "card", _("Card")
        TRANSFER = "transfer", _("Bank transfer")

    class CustomerType(models.TextChoices):
        INDIVIDUAL = "individual", _("Individual")
        BUSINESS = "business", _("Business")
        ASSOCIATION = "association", _("Association")
        EVENT = "event", _("Event")

    class Category(models.TextChoices):
        INGREDIENTS = "ingredients", _("Ingredients")
        FABRIC = "fabric", _("Fabric and haberdashery")
        EQUIPMENT = "equipment", _("Equipment")
        RENT = "rent", _("Rent")
        TRANSPORT = "transport", _("Transport")
        OTHER = "other", _("Other")

    cooperative = models.ForeignKey(Cooperative, on_delete=models.PROTECT, related_name="entries")
    kind = models.CharField(_("kind"), max_length=8, choices=Kind)
    date = models.DateField(_("date"))
    # Sales
    product = models.CharField(_("product"), max_length=200, blank=True)
    quantity = models.DecimalField(
        _("quantity"), max_digits=10, decimal_places=2, null=True, blank=True
    )
    unit_price = MoneyField(_("unit price"), null=True, blank=True, **MONEY)
    payment_method = models.CharField(
        _("payment method"), max_length=16, choices=PaymentMethod, blank=True
    )
    customer_type = models.CharField(_("customer"), max_length=16, choices=CustomerType, blank=True)
    # Expenses
    supplier = models.CharField(_("supplier"), max_length=200, blank=True)
    category = models.CharField(_("category"), max_length=16, choices=Category, blank=True)
    receipt = models.FileField(_("receipt"), upload_to=receipt_path, blank=True, max_length=200)
    # Both
    description = models.CharField(_("description"), max_length=300, blank=True)
    amount = MoneyField(_("amount"), **MONEY)
    reverses = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reversal",
        verbose_name=_("cancels"),
    )
    idempotency_key = models.UUIDField(default=uuid.uuid4)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("ledger entry")
        verbose_name_plural = _("ledger entries")
        ordering = ["date", "pk"]
        indexes = [models.Index(fields=["cooperative", "kind", "date"])]
        constraints = [
            models.UniqueConstraint(
                fields=["cooperative", "idempotency_key"], name="coop_entry_idempotency"
            ),
            models.CheckConstraint(
                condition=~Q(kind="sale")
                | (~Q(product="") & Q(quantity__isnull=False) & ~Q(payment_method="")),
                name="coop_sale_has_product_quantity_payment",
            ),
            models.CheckConstraint(
                condition=~Q(kind="expense") | ~Q(category=""),
                name="coop_expense_has_category",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.date:%Y-%m-%d} {self.amount}"

    @property
    def is_reversal(self) -> bool:
        return self.reverses_id is not None

    @property
    def label(self) -> str:
        return self.product if self.kind == self.Kind.SALE else (self.supplier or "")


class CostSheet(models.Model):
    """What one unit of a product costs: a recipe (cooking) or a garment (sewing)."""

    cooperative = models.ForeignKey(
        Cooperative, on_delete=models.PROTECT, related_name="cost_sheets"
    )
    product = models.CharField(_("product"), max_length=200)
    yield_quantity = models.DecimalField(
        _("units per batch"),
        max_digits=10,
        decimal_places=2,
        default=Decimal("1.00"),
        help_text=_("How many units one batch makes (portions, pieces)."),
    )
    yield_unit = models.CharField(_("unit"), max_length=40, blank=True)
    selling_price = MoneyField(_("selling price per unit"), **MONEY)
    notes = models.TextField(_("notes"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("cost sheet")
        verbose_name_plural = _("cost sheets")
        ordering = ["product"]
        constraints = [
            models.UniqueConstraint(fields=["cooperative", "product"], name="coop_sheet_product"),
            models.CheckConstraint(condition=Q(yield_quantity__gt=0), name="coop_sheet_yield"),
        ]

    def __str__(self) -> str:
        return self.product


class CostLine(models.Model):
    class Unit(models.TextChoices):
        KG = "kg", _("kg")
        GRAM = "g", _("g")
        LITRE = "l", _("litre")
        METRE = "m", _("metre")
        PIECE = "piece", _("piece")

    sheet = models.ForeignKey(CostSheet, on_delete=models.CASCADE, related_name="lines")
    material = models.CharField(_("material"), max_length=200)
    quantity = models.DecimalField(_("quantity"), max_digits=10, decimal_places=3)
    unit = models.CharField(_("unit"), max_length=8, choices=Unit, default=Unit.PIECE)
    unit_cost = MoneyField(_("cost per unit"), **MONEY)

    class Meta:
        verbose_name = _("material")
        verbose_name_plural = _("materials")
        ordering = ["sheet", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(quantity__gte=0), name="coop_line_quantity"),
        ]

    def __str__(self) -> str:
        return self.material


class Meeting(models.Model):
    """A members' meeting: who came, what was on the agenda, what was said and decided."""

    cooperative = models.ForeignKey(Cooperative, on_delete=models.PROTECT, related_name="meetings")
    date = models.DateField(_("date"))
    agenda = models.TextField(_("agenda"))
    notes = models.TextField(_("notes"), blank=True)
    attendees = models.ManyToManyField(
        Membership, related_name="meetings", blank=True, verbose_name=_("present")
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["-date", "-pk"]

    def __str__(self) -> str:
        return f"{self.cooperative} {self.date:%Y-%m-%d}"


class Decision(models.Model):
    """A decision put to the vote at a meeting, with the show of hands."""

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="decisions")
    text = models.CharField(_("decision"), max_length=500)
    votes_for = models.PositiveSmallIntegerField(_("for"), default=0)
    votes_against = models.PositiveSmallIntegerField(_("against"), default=0)
    votes_abstain = models.PositiveSmallIntegerField(_("abstentions"), default=0)

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        ordering = ["meeting", "pk"]

    def __str__(self) -> str:
        return self.text

    @property
    def adopted(self) -> bool:
        """Adopted by a simple majority of the votes cast (abstentions are not cast)."""
        return self.votes_for > self.votes_against


class Closing(models.Model):
    """The result of a closed cooperative and how it was split. One per cooperative."""

    cooperative = models.OneToOneField(
        Cooperative, on_delete=models.PROTECT, related_name="closing"
    )
    rule = models.CharField(_("split rule"), max_length=16, choices=Cooperative.SplitRule)
    sales = MoneyField(_("sales"), **MONEY)
    expenses = MoneyField(_("expenses"), **MONEY)
    result = MoneyField(_("result"), **MONEY)
    total_hours = models.DecimalField(_("hours worked"), max_digits=8, decimal_places=2)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    closed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("closing")
        verbose_name_plural = _("closings")

    def __str__(self) -> str:
        return f"{self.cooperative}: {self.result}"


class MemberShare(models.Model):
    closing = models.ForeignKey(Closing, on_delete=models.PROTECT, related_name="shares")
    membership = models.OneToOneField(Membership, on_delete=models.PROTECT, related_name="share")
    days_worked = models.PositiveSmallIntegerField(_("days worked"))
    hours = models.DecimalField(_("hours worked"), max_digits=8, decimal_places=2)
    basis = models.DecimalField(_("basis"), max_digits=10, decimal_places=2)
    amount = MoneyField(_("share"), **MONEY)

    class Meta:
        verbose_name = _("member's share")
        verbose_name_plural = _("members' shares")
        ordering = ["closing", "pk"]

    def __str__(self) -> str:
        return f"{self.membership}: {self.amount}"


def money_amount(value: Any) -> Decimal:
    """The Decimal inside a Money (or a Decimal already)."""
    return Decimal(getattr(value, "amount", value))
