"""Following loans after payout: rescheduling and write-off (committee decisions), the nightly
arrears update, payment reminders and the ledger's reconciliation check."""

import datetime
import logging
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.db.models import (
    DecimalField,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Abs, Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from incubator.errors import DomainError
from incubator.lib.money import quantize
from incubator.models import OutboundEmail, User
from incubator.services import audit_record, email_queue_template, transition
from loans.engine import LoanTerms, Method, reschedule
from loans.models import Allocation, Installment, Loan, Payment, ScheduleChange
from loans.schedules import terms_to_json
from loans.services import changes
from loans.services.repayments import _bump, _settle, allocate
from loans.workflows import LOAN

log = logging.getLogger(__name__)
ZERO = Decimal("0.00")
MONEY = DecimalField(max_digits=14, decimal_places=2)


def _committee_only(actor: User) -> None:
    if actor.role != User.Role.COMMITTEE:
        raise DomainError(
            _("Only the credit committee decides reschedulings and write-offs."),
            code="forbidden_role",
        )


@transaction.atomic
def loan_reschedule(
    *,
    loan: Loan,
    actor: User,
    installments: int,
    annual_rate: Decimal,
    reason: str,
    effective_date: datetime.date | None = None,
    first_due_date: datetime.date | None = None,
    today: datetime.date | None = None,
) -> ScheduleChange:
    """A committee decision: what is left (arrears and interest accrued to the date included)
    becomes the principal of a new schedule. The replaced installments are superseded, not
    deleted, and every payment made on them is replayed onto the new ones."""
    today = today or timezone.localdate()
    effective_date = effective_date or today
    _committee_only(actor)
    if not reason.strip():
        raise DomainError(_("Record the committee's reason."), code="reason_required")
    locked = Loan.objects.select_for_update().get(pk=loan.pk)
    if locked.state != Loan.State.ACTIVE:
        raise DomainError(_("Only an active loan can be rescheduled."), code="not_active")
    if effective_date > today:
        raise DomainError(_("A rescheduling cannot be dated in the future."), code="future_date")
    latest = changes.latest_change(locked)
    changes.check_after_change(latest, effective_date)
    rows = changes.current_rows(locked)
    replaced = [r for r in rows if r.due_date > effective_date or r.remaining > 0]
    if not replaced:
        raise DomainError(_("Nothing is left to reschedule."), code="nothing_left")
    # What is left to pay on the date, arrears and accrued interest included, net of anything
    # already paid: the principal of the new schedule.
    quote = changes.payoff_quote_for(locked, effective_date)
    try:
        schedule = reschedule(
            outstanding=quote.total,
            terms=LoanTerms(
                principal=quote.total,
                annual_rate=annual_rate,
                installments=installments,
                frequency=locked.frequency,
                method=Method(locked.method),
                disbursement_date=effective_date,
                first_due_date=first_due_date,
                currency=locked.currency,
            ),
        )
    except ValueError as exc:
        raise DomainError(
            _("These terms do not give a valid schedule: %(problem)s") % {"problem": exc},
            code="invalid_terms",
        ) from None
    change = changes.new_version(
        locked, latest, kind=ScheduleChange.Kind.RESCHEDULE, on=effective_date, actor=actor,
        reason=reason.strip(),
        terms={**terms_to_json(schedule), "capitalised_interest": str(quote.accrued_interest),
               "capitalised_arrears": str(quote.unpaid_due)},
    )  # fmt: skip
    changes.close_out(replaced, change, on=effective_date)
    changes.installments_from(
        loan=locked, schedule=schedule, change=change, first_number=changes.next_number(locked)
    )
    _settle(locked, allocate(locked), None, today)
    _bump(locked)
    audit_record(
        subject=locked,
        actor=actor,
        action="rescheduled",
        reason=reason.strip(),
        from_state=f"v{latest.version}",
        to_state=f"v{change.version}",
    )
    return change


@transaction.atomic
def loan_write_off(
    *, loan: Loan, actor: User, reason: str, today: datetime.date | None = None
) -> Loan:
    """A committee decision: what is left is written off and the loan closes. Its history and
    payments stay as they were."""
    today = today or timezone.localdate()
    _committee_only(actor)
    if not reason.strip():
        raise DomainError(_("Record the committee's reason."), code="reason_required")
    locked = Loan.objects.select_for_update().get(pk=loan.pk)
    left = sum((r.remaining for r in changes.current_rows(locked)), ZERO)
    transition(
        instance=locked, workflow=LOAN, to=Loan.State.WRITTEN_OFF, actor=actor,
        action="written_off", reason=reason.strip(),
        updates={"closed_on": today, "written_off_amount": left, "arrears_since": None},
    )  # fmt: skip
    _bump(locked)
    return locked


# --- Arrears and reminders --------------------------------------------------------------------


def arrears_update(*, today: datetime.date | None = None) -> int:
    """Set every active loan's ``arrears_since`` (its oldest unpaid due date before today, or
    nothing) in ONE set-based UPDATE with a correlated subquery; returns the rows touched."""
    today = today or timezone.localdate()
    oldest = (
        Installment.objects.filter(
            loan=OuterRef("pk"),
            superseded_by__isnull=True,
            settled_on__isnull=True,
            due_date__lt=today,
        )
        .order_by("due_date")
        .values("due_date")[:1]
    )
    return Loan.objects.filter(state=Loan.State.ACTIVE).update(arrears_since=Subquery(oldest))


REMIND_BEFORE_DAYS = 3  # "your payment is due in a few days"
LATE_WINDOW_DAYS = 7  # the "missed payment" message goes out within a week (survives a missed run)


def _reminder_rows(today: datetime.date) -> list[tuple[str, Installment]]:
    rows = (
        Installment.objects.filter(
            superseded_by__isnull=True,
            settled_on__isnull=True,
            loan__state=Loan.State.ACTIVE,
        )
        .filter(
            Q(due_date__gte=today, due_date__lte=today + datetime.timedelta(REMIND_BEFORE_DAYS))
            | Q(due_date__lt=today, due_date__gte=today - datetime.timedelta(LATE_WINDOW_DAYS))
        )
        .exclude(loan__participant__email="")
        .select_related("loan__participant")
        .order_by("due_date", "pk")
    )
    return [("before" if row.due_date >= today else "late", row) for row in rows]


def reminders_queue(*, today: datetime.date | None = None) -> int:
    """Queue the reminders due today through the outbox and return how many are new.

    Each message's key names the loan, the installment, its due date and the kind, so
    running this twice (a retry, a duplicate delivery, two beats) queues nothing twice; the
    outbox then sends each key at most once.
    """
    today = today or timezone.localdate()
    created = 0
    for kind, row in _reminder_rows(today):
        participant = row.loan.participant
        key = f"reminder:loan-{row.loan_id}:inst-{row.number}:{row.due_date.isoformat()}:{kind}"
        if OutboundEmail.objects.filter(key=key).exists():
            continue
        with transaction.atomic():
            email_queue_template(
                key=key,
                to=participant.email,
                language=participant.preferred_language,
                template=f"loans/emails/reminder_{kind}",
                context={
                    "participant": participant,
                    "loan": row.loan,
                    "installment": row,
                    "amount": row.remaining,
                    "currency": row.loan.currency,
                    "days_late": (today - row.due_date).days,
                },
            )
        created += 1
    return created


# --- Reconciliation ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Discrepancy:
    loan_id: int
    problem: str


def reconcile(*, loans: list[int] | None = None) -> list[Discrepancy]:
    """Check the ledger in SQL, per loan (STACK.md, "Reconciliation query"):

    1. the active allocations sum to the payments net of reversals;
    2. each current installment's cached paid amounts equal its active allocations, and never
       exceed what it asks (the database's CHECK constraint also forbids it);
    3. no active allocation goes to a superseded installment.
    """
    scope = Q(loan_id__in=loans) if loans is not None else Q()
    found: list[Discrepancy] = []
    net = dict(
        Payment.objects.filter(scope)
        .values("loan_id")
        .annotate(total=Sum("amount"))
        .values_list("loan_id", "total")
    )
    allocated = dict(
        Allocation.objects.filter(scope, active=True)
        .values("loan_id")
        .annotate(
            total=Sum(
                ExpressionWrapper(
                    F("fees") + F("interest") + F("principal") + F("credit"), output_field=MONEY
                )
            )
        )
        .values_list("loan_id", "total")
    )
    for loan_id in sorted(set(net) | set(allocated)):
        # SQLite sums decimals as floats: compare to the cent.
        paid = quantize(net.get(loan_id) or ZERO)
        spread = quantize(allocated.get(loan_id) or ZERO)
        if paid != spread:
            found.append(Discrepancy(loan_id, f"payments {paid} != allocations {spread}"))

    def allocated_part(name: str) -> Coalesce:
        return Coalesce(
            Sum(f"allocations__{name}", filter=Q(allocations__active=True)),
            Value(ZERO),
            output_field=MONEY,
        )

    # Compared to within half a cent: SQLite stores and sums decimals as floats.
    cent = Decimal("0.005")
    annotations = {}
    wrong = Q()
    for part in ("fees", "interest", "principal"):
        annotations[f"gap_{part}"] = Abs(allocated_part(part) - F(f"{part}_paid"))
        annotations[f"over_{part}"] = ExpressionWrapper(
            allocated_part(part) - F(part), output_field=MONEY
        )
        wrong |= Q(**{f"gap_{part}__gt": cent}) | Q(**{f"over_{part}__gt": cent})
    rows = (
        Installment.objects.filter(scope, superseded_by__isnull=True)
        .annotate(**annotations)
        .filter(wrong)
        .values_list("loan_id", "number")
    )
    found += [Discrepancy(loan_id, f"installment {n}: allocations != paid") for loan_id, n in rows]
    stray = (
        Allocation.objects.filter(scope, active=True, installment__superseded_by__isnull=False)
        .values_list("loan_id", flat=True)
        .distinct()
    )
    found += [Discrepancy(loan_id, "allocation to a superseded installment") for loan_id in stray]
    for problem in found:
        log.error("ledger discrepancy on loan %s: %s", problem.loan_id, problem.problem)
    return found
