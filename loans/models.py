"""Microcredit: products, applications, loans, their installments and the repayment ledger.

The ledger follows Apache Fineract's shape: payments are append-only rows (a reversal is a new,
negative row pointing at the payment it cancels); allocations of payments to installments are
derived from the payments and recomputed in value-date order when history changes; the paid
amounts cached on each installment are re-verifiable from the allocations (``reconcile``).

Amounts are ``Decimal(14, 2)`` in the currency of their aggregate (product, application, loan),
quantized half-up by the services before every save: the database never rounds for us.
"""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from incubator.models import Participant

ZERO = Decimal("0.00")


def amount_field(verbose_name: str | object = "", **kwargs: object) -> models.DecimalField:
    return models.DecimalField(verbose_name, max_digits=14, decimal_places=2, **kwargs)


class Method(models.TextChoices):
    """The engine's schedule methods (``loans.engine.Method``), with labels."""

    DECLINING_EQUAL_INSTALLMENTS = "declining_equal_installments", _("Equal installments")
    DECLINING_EQUAL_PRINCIPAL = "declining_equal_principal", _("Equal principal")
    FLAT = "flat", _("Flat interest")


class Frequency(models.TextChoices):
    """``incubator.lib.periods.Frequency``, with labels."""

    MONTHLY = "monthly", _("Monthly")
    BIWEEKLY = "biweekly", _("Every two weeks")
    WEEKLY = "weekly", _("Weekly")


class LoanProduct(models.Model):
    """A kind of loan the organisation offers, with the ranges an application must fit in."""

    name = models.CharField(_("name"), max_length=120, unique=True)
    description = models.TextField(_("description"), blank=True)
    currency = models.CharField(
        _("currency"), max_length=3, choices=settings.CURRENCY_CHOICES, default="EUR"
    )
    min_amount = amount_field(_("smallest amount"))
    max_amount = amount_field(_("largest amount"))
    min_installments = models.PositiveSmallIntegerField(_("fewest installments"), default=1)
    max_installments = models.PositiveSmallIntegerField(_("most installments"), default=36)
    annual_rate = models.DecimalField(
        _("nominal annual rate (%)"), max_digits=6, decimal_places=3, default=Decimal(0)
    )
    method = models.CharField(
        _("method"), max_length=32, choices=Method, default=Method.DECLINING_EQUAL_INSTALLMENTS
    )
    frequency = models.CharField(
        _("frequency"), max_length=16, choices=Frequency, default=Frequency.MONTHLY
    )
    fee_percent = models.DecimalField(
        # xgettext:no-python-format
        _("fee (% of the amount)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal(0),
    )
    fee_fixed = amount_field(_("fixed fee"), default=ZERO)
    max_grace_periods = models.PositiveSmallIntegerField(_("longest grace (periods)"), default=0)
    guarantee_percent = models.DecimalField(
        # xgettext:no-python-format
        _("guarantee required (% of the amount)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal(0),
    )
    active = models.BooleanField(_("offered"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("loan product")
        verbose_name_plural = _("loan products")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(min_amount__gt=0) & Q(max_amount__gte=models.F("min_amount")),
                name="product_amount_range",
            ),
            models.CheckConstraint(
                condition=Q(min_installments__gte=1)
                & Q(max_installments__gte=models.F("min_installments"))
                & Q(max_installments__lte=120),
                name="product_installment_range",
            ),
            models.CheckConstraint(
                condition=Q(annual_rate__gte=0) & Q(annual_rate__lte=100),
                name="product_rate_range",
            ),
            models.CheckConstraint(
                condition=Q(fee_percent__gte=0)
                & Q(fee_percent__lt=100)
                & Q(fee_fixed__gte=0)
                & Q(guarantee_percent__gte=0)
                & Q(guarantee_percent__lte=100),
                name="product_fee_and_guarantee_range",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Application(models.Model):
    """A participant's request for a loan. States and moves: ``loans.workflows.APPLICATION``.

    The product's terms are copied onto the application while it can still be edited, so the
    committee decides on the terms it reads even if the product changes later.
    """

    class State(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")
        IN_REVIEW = "in_review", _("In review")
        READY_FOR_COMMITTEE = "ready_for_committee", _("Ready for committee")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")
        WITHDRAWN = "withdrawn", _("Withdrawn")
        DISBURSED = "disbursed", _("Disbursed")

    class Recommendation(models.TextChoices):
        FAVOURABLE = "favourable", _("Favourable")
        UNFAVOURABLE = "unfavourable", _("Unfavourable")

    participant = models.ForeignKey(
        Participant,
        on_delete=models.PROTECT,
        related_name="loan_applications",
        verbose_name=_("participant"),
    )
    product = models.ForeignKey(
        LoanProduct,
        on_delete=models.PROTECT,
        related_name="applications",
        verbose_name=_("product"),
    )
    currency = models.CharField(_("currency"), max_length=3, default="EUR")
    amount = amount_field(_("amount"))
    installments = models.PositiveSmallIntegerField(_("installments"))
    grace_periods = models.PositiveSmallIntegerField(_("grace periods"), default=0)
    purpose = models.TextField(_("what the loan is for"))
    adviser = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="advised_applications",
        verbose_name=_("adviser"),
    )
    state = models.CharField(_("state"), max_length=24, choices=State, default=State.DRAFT)

    # The product's terms, copied while the application is editable (see the class docstring).
    annual_rate = models.DecimalField(_("nominal annual rate (%)"), max_digits=6, decimal_places=3)
    method = models.CharField(_("method"), max_length=32, choices=Method)
    frequency = models.CharField(_("frequency"), max_length=16, choices=Frequency)
    fee_percent = models.DecimalField(_("fee (%)"), max_digits=5, decimal_places=2)
    fee_fixed = amount_field(_("fixed fee"))
    guarantee_percent = models.DecimalField(
        _("guarantee required (%)"), max_digits=5, decimal_places=2
    )

    # The review checklist (loans.workflows.checklist explains each item).
    identity_checked = models.BooleanField(_("identity checked"), default=False)
    plan_approved = models.BooleanField(
        _("business plan approved"),
        default=False,
        help_text=_("Ticked by the adviser until business plans are kept in Tremplin."),
    )
    guarantee_covered = models.BooleanField(
        _("guarantee coverage met"),
        default=False,
        help_text=_("Ticked by the adviser until guarantor pledges are kept in Tremplin."),
    )
    monthly_income = amount_field(_("monthly income"), null=True, blank=True)
    monthly_charges = amount_field(_("monthly charges"), null=True, blank=True)
    recommendation = models.CharField(
        _("adviser's recommendation"), max_length=16, choices=Recommendation, blank=True
    )
    recommendation_note = models.TextField(_("adviser's note"), blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reviewed by"),
    )
    reviewed_at = models.DateTimeField(_("reviewed on"), null=True, blank=True)

    # The committee's decision. Conditions and reason are told to the participant; the notes
    # stay inside the committee and the advisers.
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided on"), null=True, blank=True)
    decision_conditions = models.TextField(_("conditions"), blank=True)
    decision_reason = models.TextField(_("reason"), blank=True)
    committee_notes = models.TextField(_("committee's internal notes"), blank=True)

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created on"), auto_now_add=True)
    submitted_at = models.DateTimeField(_("submitted on"), null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("loan application")
        verbose_name_plural = _("loan applications")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["state", "created_at"])]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="application_amount_positive"),
            models.CheckConstraint(
                condition=Q(installments__gte=1) & Q(grace_periods__lt=models.F("installments")),
                name="application_grace_below_installments",
            ),
            # One open request per participant and product (a microcredit and an honour loan
            # may go together); a new one once the previous is decided, withdrawn or paid out.
            models.UniqueConstraint(
                fields=["participant", "product"],
                condition=Q(
                    state__in=["draft", "submitted", "in_review", "ready_for_committee", "approved"]
                ),
                name="one_open_application_per_product",
            ),
        ]

    def __str__(self) -> str:
        return _("Application %(number)s") % {"number": self.reference}

    @property
    def reference(self) -> str:
        return f"A-{self.pk:05d}" if self.pk else "A-new"


class Loan(models.Model):
    """A disbursed loan. States and moves: ``loans.workflows.LOAN``; the schedule lives in its
    installments (the current ones have ``superseded_by`` empty)."""

    class State(models.TextChoices):
        ACTIVE = "active", _("Active")
        REPAID = "repaid", _("Repaid")
        WRITTEN_OFF = "written_off", _("Written off")

    application = models.OneToOneField(
        Application, on_delete=models.PROTECT, related_name="loan", verbose_name=_("application")
    )
    participant = models.ForeignKey(
        Participant, on_delete=models.PROTECT, related_name="loans", verbose_name=_("participant")
    )
    product = models.ForeignKey(
        LoanProduct, on_delete=models.PROTECT, related_name="loans", verbose_name=_("product")
    )
    adviser = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="advised_loans",
        verbose_name=_("adviser"),
    )
    currency = models.CharField(_("currency"), max_length=3, default="EUR")
    principal = amount_field(_("amount lent"))
    annual_rate = models.DecimalField(_("nominal annual rate (%)"), max_digits=6, decimal_places=3)
    method = models.CharField(_("method"), max_length=32, choices=Method)
    frequency = models.CharField(_("frequency"), max_length=16, choices=Frequency)
    installments = models.PositiveSmallIntegerField(_("installments"))
    grace_periods = models.PositiveSmallIntegerField(_("grace periods"), default=0)
    fee_percent = models.DecimalField(_("fee (%)"), max_digits=5, decimal_places=2)
    fee_fixed = amount_field(_("fixed fee"))
    fees_total = amount_field(_("fees"))
    net_disbursed = amount_field(_("amount paid out"))
    apr = models.DecimalField(_("APR (%)"), max_digits=7, decimal_places=2)
    total_interest = amount_field(_("total interest"))
    disbursed_on = models.DateField(_("disbursed on"))
    first_due_date = models.DateField(_("first due date"))
    state = models.CharField(_("state"), max_length=16, choices=State, default=State.ACTIVE)
    arrears_since = models.DateField(
        _("in arrears since"),
        null=True,
        blank=True,
        help_text=_("Due date of the oldest unpaid installment, when it is past."),
    )
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    written_off_amount = amount_field(_("amount written off"), default=ZERO)
    # Optimistic lock (Fineract's @Version): every ledger write bumps it with
    # UPDATE ... WHERE ledger_version = <read>, which also holds on SQLite.
    ledger_version = models.PositiveIntegerField(default=0)
    disbursed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("loan")
        verbose_name_plural = _("loans")
        ordering = ["-disbursed_on", "-pk"]
        indexes = [
            models.Index(fields=["state", "arrears_since"]),
            models.Index(fields=["disbursed_on"]),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(principal__gt=0), name="loan_principal_positive"),
        ]

    def __str__(self) -> str:
        return _("Loan %(number)s") % {"number": self.reference}

    @property
    def reference(self) -> str:
        return f"L-{self.pk:05d}" if self.pk else "L-new"


class ScheduleChange(models.Model):
    """One version of a loan's schedule: the disbursement, then each prepayment, early payoff
    and rescheduling. Installments it replaced point at it; nothing is deleted.

    Reversing the payment of a prepayment or a payoff writes an UNDO change: the installments
    that change created are superseded by the undo, the ones it had replaced are current again,
    and the change stays, marked ``undone_by``. The schedule in force is then the last change
    neither undone nor an undo (``loans.services.changes.latest_change``)."""

    class Kind(models.TextChoices):
        DISBURSEMENT = "disbursement", _("Disbursement")
        PREPAYMENT = "prepayment", _("Partial prepayment")
        PAYOFF = "payoff", _("Early payoff")
        RESCHEDULE = "reschedule", _("Rescheduling")
        UNDO = "undo", _("Payment reversed")

    class Mode(models.TextChoices):
        SHORTER_TERM = "shorter_term", _("Shorter term, same installment")
        LOWER_INSTALLMENT = "lower_installment", _("Same term, lower installment")

    loan = models.ForeignKey(Loan, on_delete=models.PROTECT, related_name="schedule_changes")
    version = models.PositiveSmallIntegerField()
    kind = models.CharField(_("kind"), max_length=16, choices=Kind)
    effective_date = models.DateField(_("date"))
    mode = models.CharField(_("option"), max_length=24, choices=Mode, blank=True)
    reason = models.TextField(_("reason"), blank=True)
    terms = models.JSONField(_("new terms"), default=dict, blank=True)
    undoes = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="undone_by",
        verbose_name=_("undoes"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("schedule change")
        verbose_name_plural = _("schedule changes")
        ordering = ["loan", "version"]
        constraints = [
            models.UniqueConstraint(fields=["loan", "version"], name="one_schedule_version"),
            models.CheckConstraint(
                condition=(Q(kind="undo") & Q(undoes__isnull=False))
                | (~Q(kind="undo") & Q(undoes__isnull=True)),
                name="an_undo_names_its_change",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.loan} v{self.version} {self.kind}"


class Installment(models.Model):
    """One due date of a loan: what is due (from the engine) and what has been paid (a cache of
    the active allocations, rewritten whenever the loan's ledger is replayed)."""

    class Kind(models.TextChoices):
        REGULAR = "regular", _("Installment")
        PAYOFF = "payoff", _("Early payoff")
        # What a replaced installment had received, kept in the new schedule version.
        CARRIED = "carried", _("Paid before the change")

    loan = models.ForeignKey(Loan, on_delete=models.PROTECT, related_name="schedule")
    number = models.PositiveSmallIntegerField(_("number"))
    kind = models.CharField(max_length=8, choices=Kind, default=Kind.REGULAR)
    due_date = models.DateField(_("due on"))
    principal = amount_field(_("principal"))
    interest = amount_field(_("interest"))
    fees = amount_field(_("fees"), default=ZERO)
    principal_paid = amount_field(default=ZERO)
    interest_paid = amount_field(default=ZERO)
    fees_paid = amount_field(default=ZERO)
    settled_on = models.DateField(
        _("paid on"), null=True, blank=True, help_text=_("Value date of the payment completing it.")
    )
    created_in = models.ForeignKey(
        ScheduleChange, on_delete=models.PROTECT, related_name="created_installments"
    )
    superseded_by = models.ForeignKey(
        ScheduleChange,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="superseded_installments",
    )

    class Meta:
        verbose_name = _("installment")
        verbose_name_plural = _("installments")
        ordering = ["due_date", "number", "pk"]
        indexes = [models.Index(fields=["loan", "superseded_by", "due_date"])]
        constraints = [
            models.UniqueConstraint(
                fields=["loan", "number"],
                condition=Q(superseded_by__isnull=True),
                name="one_current_installment_per_number",
            ),
            models.CheckConstraint(
                condition=Q(principal__gte=0) & Q(interest__gte=0) & Q(fees__gte=0),
                name="installment_dues_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(principal_paid__lte=models.F("principal"))
                & Q(interest_paid__lte=models.F("interest"))
                & Q(fees_paid__lte=models.F("fees")),
                name="installment_never_overpaid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.loan} #{self.number}"

    @property
    def total(self) -> Decimal:
        return self.principal + self.interest + self.fees

    @property
    def paid(self) -> Decimal:
        return self.principal_paid + self.interest_paid + self.fees_paid

    @property
    def remaining(self) -> Decimal:
        return self.total - self.paid


class LoanFee(models.Model):
    """An upfront fee, charged at disbursement and kept back from the amount paid out."""

    class Kind(models.TextChoices):
        PERCENT = "percent", _("Arrangement fee")
        FIXED = "fixed", _("Fixed fee")

    loan = models.ForeignKey(Loan, on_delete=models.PROTECT, related_name="fees")
    kind = models.CharField(_("kind"), max_length=8, choices=Kind)
    amount = amount_field(_("amount"))
    charged_on = models.DateField(_("charged on"))

    class Meta:
        verbose_name = _("loan fee")
        verbose_name_plural = _("loan fees")
        constraints = [
            models.UniqueConstraint(fields=["loan", "kind"], name="one_fee_of_each_kind"),
            models.CheckConstraint(condition=Q(amount__gt=0), name="fee_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.loan} {self.kind} {self.amount}"


class Payment(models.Model):
    """A line of the repayment ledger, never edited nor deleted.

    A reversal is a row of its own, negative, pointing at the payment it cancels; the loan's
    allocations are then replayed without the cancelled payment.
    """

    class Kind(models.TextChoices):
        REPAYMENT = "repayment", _("Repayment")
        PREPAYMENT = "prepayment", _("Partial prepayment")
        PAYOFF = "payoff", _("Early payoff")
        REVERSAL = "reversal", _("Reversal")

    class Channel(models.TextChoices):
        CASH = "cash", _("Cash")
        TRANSFER = "transfer", _("Bank transfer")
        CARD = "card", _("Card")

    loan = models.ForeignKey(Loan, on_delete=models.PROTECT, related_name="payments")
    kind = models.CharField(_("kind"), max_length=12, choices=Kind, default=Kind.REPAYMENT)
    amount = amount_field(_("amount"))
    value_date = models.DateField(_("paid on"))
    method = models.CharField(_("method"), max_length=10, choices=Channel)
    reference = models.CharField(_("reference"), max_length=100, blank=True)
    idempotency_key = models.CharField(max_length=64)
    reverses = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reversal",
        verbose_name=_("reverses"),
    )
    # The schedule version a prepayment or a payoff opened: its reversal undoes it.
    schedule_change = models.OneToOneField(
        ScheduleChange,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="payment",
        verbose_name=_("schedule change"),
    )
    reason = models.TextField(_("reason"), blank=True)
    posted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    posted_at = models.DateTimeField(_("recorded on"), auto_now_add=True)

    class Meta:
        verbose_name = _("payment")
        verbose_name_plural = _("payments")
        ordering = ["value_date", "pk"]
        constraints = [
            # The ledger's last line of defence against a double post (STACK.md).
            models.UniqueConstraint(
                fields=["loan", "idempotency_key"], name="one_payment_per_idempotency_key"
            ),
            models.CheckConstraint(
                condition=(Q(kind="reversal") & Q(reverses__isnull=False) & Q(amount__lt=0))
                | (~Q(kind="reversal") & Q(reverses__isnull=True) & Q(amount__gt=0)),
                name="payment_sign_matches_kind",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.loan} {self.kind} {self.amount} {self.value_date}"


class Allocation(models.Model):
    """What a payment paid: fees, interest and principal of one installment; or, without an
    installment, principal prepaid outside the schedule or a credit (an overpayment).

    Derived from the payments: a replay deactivates a loan's allocations and writes new ones,
    so the old ones stay as history.
    """

    loan = models.ForeignKey(Loan, on_delete=models.PROTECT, related_name="allocations")
    payment = models.ForeignKey(Payment, on_delete=models.PROTECT, related_name="allocations")
    installment = models.ForeignKey(
        Installment,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="allocations",
    )
    fees = amount_field(default=ZERO)
    interest = amount_field(default=ZERO)
    principal = amount_field(default=ZERO)
    credit = amount_field(default=ZERO)
    active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("allocation")
        verbose_name_plural = _("allocations")
        indexes = [models.Index(fields=["loan", "active"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(fees__gte=0)
                & Q(interest__gte=0)
                & Q(principal__gte=0)
                & Q(credit__gte=0),
                name="allocation_parts_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(credit=0) | Q(installment__isnull=True),
                name="credit_outside_installments",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.payment_id} → {self.installment_id or '-'}"

    @property
    def total(self) -> Decimal:
        return self.fees + self.interest + self.principal + self.credit


class LoanDocument(models.Model):
    """A PDF (the loan offer, a receipt) rendered by a task; the page shows its progress.

    The bytes live in the database: a second server behind the proxy sees them without shared
    files (DESIGN.md, run modes). ``key`` is its business identity, one per document and
    language.
    """

    class Kind(models.TextChoices):
        OFFER = "offer", _("Loan offer")
        RECEIPT = "receipt", _("Receipt")

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting")
        RUNNING = "running", _("Being prepared")
        READY = "ready", _("Ready")
        FAILED = "failed", _("Failed")

    key = models.CharField(max_length=120, unique=True)
    loan = models.ForeignKey(Loan, on_delete=models.PROTECT, related_name="documents")
    payment = models.ForeignKey(
        Payment, on_delete=models.PROTECT, null=True, blank=True, related_name="documents"
    )
    kind = models.CharField(_("document"), max_length=8, choices=Kind)
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    status = models.CharField(_("status"), max_length=8, choices=Status, default=Status.PENDING)
    progress = models.PositiveSmallIntegerField(default=0)
    content = models.BinaryField(default=b"", editable=False)
    error = models.TextField(blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("loan document")
        verbose_name_plural = _("loan documents")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.key

    @property
    def filename(self) -> str:
        number = self.payment_id if self.kind == self.Kind.RECEIPT else self.loan_id
        return f"{self.kind}-{number}-{self.language}.pdf"
