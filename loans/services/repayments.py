"""The repayment ledger: posting and reversing payments, prepayment and early payoff.

Defence in depth against a payment lost or counted twice (STACK.md, after Apache Fineract):

1. an idempotency key per command (a hidden UUID in the form, the ``Idempotency-Key`` header
   in the API); replaying a finished command returns its original payment;
2. on PostgreSQL a transaction-level advisory lock on (loan, key): a replay arriving while
   the first is still running is refused with a ConflictError (HTTP 409), as in Fineract;
3. the loan row locked (``select_for_update``) so payments on one loan are allocated one
   after the other; on SQLite the IMMEDIATE transactions serialise writers;
4. an optimistic check: every ledger write bumps ``Loan.ledger_version`` with a conditional
   UPDATE, which holds on SQLite too;
5. ``UniqueConstraint(loan, idempotency_key)``, the only guard that holds under any race: the
   loser's IntegrityError becomes a replay of the winner's payment.

Allocations are derived (``loans.ledger.replay``): a payment dated after every other one is
allocated on top of what is paid; a backdated payment or a reversal replays the whole loan in
value-date order. Old allocations are deactivated, not deleted.
"""

import datetime
import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from django.db import IntegrityError, connection, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from incubator.errors import ConflictError, DomainError
from incubator.lib import formats
from incubator.lib.money import quantize
from incubator.models import User
from incubator.services import audit_record, transition
from loans.engine import PrepaymentMode, prepay
from loans.ledger import Entry, Outcome, replay
from loans.models import Allocation, Installment, Loan, Payment, ScheduleChange
from loans.schedules import segment_schedule, slot_of, terms_to_json
from loans.selectors import language
from loans.services import changes
from loans.workflows import LOAN

P = Payment.Kind
ALLOCATED_KINDS = (P.REPAYMENT, P.PREPAYMENT, P.PAYOFF)
ZERO = Decimal("0.00")


@dataclass(frozen=True)
class PostResult:
    payment: Payment
    created: bool  # False: the replay of a command already done (same idempotency key)


# --- Guards -----------------------------------------------------------------------------------


def _claim_key(loan_id: int, key: str) -> None:
    """Refuse a command whose twin (same loan, same key) is still running (PostgreSQL).

    ``pg_try_advisory_xact_lock`` never waits and is released at commit or rollback, so a
    crash leaves nothing behind. SQLite serialises write transactions: no twin can be running.
    """
    if connection.vendor != "postgresql":
        return
    digest = hashlib.blake2b(f"loan-payment:{loan_id}:{key}".encode(), digest_size=8).digest()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_try_advisory_xact_lock(%s)", [int.from_bytes(digest, "big", signed=True)]
        )
        if not cursor.fetchone()[0]:
            raise ConflictError(
                _("This payment is being recorded right now. Wait a moment, then reload the page."),
                code="in_flight",
            )


def _previous(
    loan: Loan, key: str, *, kind: str, amount: Decimal, value_date: datetime.date
) -> PostResult | None:
    """The payment already recorded under ``key``, if any, checked to be the same command."""
    existing = Payment.objects.filter(loan=loan, idempotency_key=key).first()
    if existing is None:
        return None
    if (existing.kind, existing.amount, existing.value_date) != (kind, amount, value_date):
        raise DomainError(
            _("This request was already used for another payment. Reload the form."),
            code="idempotency_mismatch",
        )
    return PostResult(existing, False)


def _bump(loan: Loan) -> None:
    """Fineract's @Version: the write only counts if nobody else wrote since we read."""
    claimed = Loan.objects.filter(pk=loan.pk, ledger_version=loan.ledger_version).update(
        ledger_version=F("ledger_version") + 1
    )
    if claimed != 1:
        raise ConflictError(
            _("Someone else changed this in the meantime. Reload the page and try again."),
            code="concurrent_change",
        )
    loan.ledger_version += 1


def _check_amount(amount: Decimal, currency: str) -> Decimal:
    if amount <= 0:
        raise DomainError(_("The amount must be more than zero."), code="amount")
    if amount != quantize(amount, currency):
        raise DomainError(_("The amount has too many decimals."), code="amount")
    return amount


def _check_open(loan: Loan) -> None:
    if loan.state == Loan.State.WRITTEN_OFF:
        raise DomainError(
            _("This loan was written off: payments can no longer be recorded on it."),
            code="written_off",
        )
    if loan.state == Loan.State.REPAID:
        raise DomainError(_("This loan is fully repaid."), code="repaid")


def _check_date(loan: Loan, value_date: datetime.date, today: datetime.date) -> None:
    if value_date > today:
        raise DomainError(_("A payment cannot be dated in the future."), code="future_date")
    if value_date < loan.disbursed_on:
        raise DomainError(
            _("A payment cannot be dated before the payout (%(date)s).")
            % {"date": formats.date(loan.disbursed_on, language())},
            code="too_early",
        )


# --- Allocation -------------------------------------------------------------------------------


def _entry(payment: Payment) -> Entry:
    return Entry(payment.pk, payment.kind, payment.amount, payment.value_date)


def _write(loan: Loan, installments: list[Installment], outcome: Outcome) -> None:
    Allocation.objects.bulk_create(
        [
            Allocation(
                loan=loan,
                payment_id=line.payment,
                installment_id=line.installment,
                fees=line.fees,
                interest=line.interest,
                principal=line.principal,
                credit=line.credit,
            )
            for line in outcome.lines
        ]
    )
    by_pk = {row.pk: row for row in installments}
    changed = []
    for slot in outcome.slots:
        row = by_pk[slot.key]
        values = (slot.fees_paid, slot.interest_paid, slot.principal_paid, slot.settled_on)
        if values != (row.fees_paid, row.interest_paid, row.principal_paid, row.settled_on):
            row.fees_paid, row.interest_paid, row.principal_paid, row.settled_on = values
            changed.append(row)
    if changed:
        Installment.objects.bulk_update(
            changed, ["fees_paid", "interest_paid", "principal_paid", "settled_on"]
        )


def allocate(loan: Loan, *, new: Payment | None = None) -> list[Installment]:
    """Allocate ``new`` on top of the ledger, or replay the whole loan when it is backdated
    (or when ``new`` is None: after a reversal or a change of schedule)."""
    installments = changes.current_rows(loan)
    if new is not None:
        later = (
            Payment.objects.filter(
                loan=loan,
                kind__in=ALLOCATED_KINDS,
                reversal__isnull=True,
                value_date__gt=new.value_date,
            )
            .exclude(pk=new.pk)
            .exists()
        )
        if not later:
            _write(loan, installments, replay([slot_of(i) for i in installments], [_entry(new)]))
            return installments
    Allocation.objects.filter(loan=loan, active=True).update(active=False)
    payments = Payment.objects.filter(
        loan=loan, kind__in=ALLOCATED_KINDS, reversal__isnull=True
    ).order_by("value_date", "pk")
    outcome = replay([slot_of(i).cleared() for i in installments], [_entry(p) for p in payments])
    _write(loan, installments, outcome)
    return installments


def _settle(loan: Loan, installments: list[Installment], actor: User | None, today: datetime.date):
    """Arrears date and state after the ledger moved: repaid when nothing is left, reopened
    when a reversal undid the payment that had closed it."""
    unpaid = [row for row in installments if row.remaining > 0]
    late = [row.due_date for row in unpaid if row.due_date < today]
    arrears_since = min(late) if late else None
    if arrears_since != loan.arrears_since:
        Loan.objects.filter(pk=loan.pk).update(arrears_since=arrears_since)
        loan.arrears_since = arrears_since
    system = actor if actor is not None and actor.role == User.Role.ADVISER else None
    if not unpaid and loan.state == Loan.State.ACTIVE:
        closed = max((row.settled_on for row in installments if row.settled_on), default=today)
        transition(
            instance=loan, workflow=LOAN, to=Loan.State.REPAID, actor=system, action="repaid",
            updates={"closed_on": closed},
        )  # fmt: skip
    elif unpaid and loan.state == Loan.State.REPAID:
        transition(
            instance=loan, workflow=LOAN, to=Loan.State.ACTIVE, actor=system, action="reopened",
            updates={"closed_on": None},
        )  # fmt: skip


# --- Commands ---------------------------------------------------------------------------------


def _post(
    *,
    loan: Loan,
    kind: str,
    amount: Decimal,
    value_date: datetime.date,
    method: str,
    reference: str,
    idempotency_key: str,
    actor: User,
    today: datetime.date | None,
    reshape: Callable[[Loan], ScheduleChange | None] | None = None,
) -> PostResult:
    today = today or timezone.localdate()
    _check_amount(amount, loan.currency)
    if method not in Payment.Channel.values:
        raise DomainError(_("Choose how the money was paid."), code="method")
    if not idempotency_key or len(idempotency_key) > 64:
        raise DomainError(_("The request has no valid idempotency key."), code="idempotency_key")
    try:
        with transaction.atomic():
            _claim_key(loan.pk, idempotency_key)
            previous = _previous(
                loan, idempotency_key, kind=kind, amount=amount, value_date=value_date
            )
            if previous:
                return previous
            locked = Loan.objects.select_for_update().get(pk=loan.pk)
            _check_open(locked)
            _check_date(locked, value_date, today)
            change = reshape(locked) if reshape is not None else None
            payment = Payment.objects.create(
                loan=locked,
                schedule_change=change,
                kind=kind,
                amount=amount,
                value_date=value_date,
                method=method,
                reference=reference.strip(),
                idempotency_key=idempotency_key,
                posted_by=actor,
            )
            installments = allocate(locked, new=None if reshape else payment)
            _settle(locked, installments, actor, today)
            _bump(locked)
            audit_record(
                subject=locked,
                actor=actor,
                action=f"payment_{kind}",
                reason=f"{payment.pk}: {amount} {locked.currency} {value_date.isoformat()}",
            )
            return PostResult(payment, True)
    except IntegrityError:
        # A concurrent twin won the unique constraint: answer with its payment.
        previous = _previous(loan, idempotency_key, kind=kind, amount=amount, value_date=value_date)
        if previous is None:
            raise
        return previous


def repayment_post(
    *,
    loan: Loan,
    amount: Decimal,
    value_date: datetime.date,
    method: str,
    idempotency_key: str,
    actor: User,
    reference: str = "",
    today: datetime.date | None = None,
) -> PostResult:
    """Record a repayment and allocate it: oldest installment first, fees, interest, principal;
    what exceeds the whole loan is kept as a credit."""
    return _post(
        loan=loan, kind=P.REPAYMENT, amount=amount, value_date=value_date, method=method,
        reference=reference, idempotency_key=idempotency_key, actor=actor, today=today,
    )  # fmt: skip


def payment_reverse(
    *,
    payment: Payment,
    actor: User,
    reason: str,
    idempotency_key: str,
    today: datetime.date | None = None,
) -> PostResult:
    """Cancel a payment with a reversing entry (never a delete nor an UPDATE of the payment),
    then replay the loan's allocations without it, in value-date order. A prepayment's or a
    payoff's reversal also puts back the schedule it replaced (``changes.undo``), and a loan
    the payoff had closed opens again."""
    today = today or timezone.localdate()
    if not reason.strip():
        raise DomainError(_("Say why the payment is reversed."), code="reason_required")
    loan = payment.loan
    try:
        with transaction.atomic():
            _claim_key(loan.pk, idempotency_key)
            existing = Payment.objects.filter(loan=loan, idempotency_key=idempotency_key).first()
            if existing is not None:
                if existing.reverses_id != payment.pk:
                    raise DomainError(
                        _("This request was already used for another payment. Reload the form."),
                        code="idempotency_mismatch",
                    )
                return PostResult(existing, False)
            locked = Loan.objects.select_for_update().get(pk=loan.pk)
            original = Payment.objects.get(pk=payment.pk, loan=locked)
            if original.kind == P.REVERSAL:
                raise DomainError(_("A reversal cannot itself be reversed."), code="reversal")
            if Payment.objects.filter(reverses=original).exists():
                raise ConflictError(_("This payment was already reversed."), code="reversed")
            if locked.state == Loan.State.WRITTEN_OFF:
                _check_open(locked)
            if original.schedule_change_id is not None:
                # A prepayment or payoff reshaped the schedule: put the old one back, unless
                # the schedule changed again since (that change must be undone first).
                latest = changes.latest_change(locked)
                if latest.pk != original.schedule_change_id:
                    raise DomainError(
                        _(
                            "The schedule changed again on %(date)s, after this payment: "
                            "reverse that change first."
                        )
                        % {"date": formats.date(latest.effective_date, language())},
                        code="schedule_changed_since",
                    )
                changes.undo(locked, latest, on=today, actor=actor)
            reversal = Payment.objects.create(
                loan=locked,
                kind=P.REVERSAL,
                amount=-original.amount,
                value_date=today,
                method=original.method,
                reference=original.reference,
                reverses=original,
                reason=reason.strip(),
                idempotency_key=idempotency_key,
                posted_by=actor,
            )
            installments = allocate(locked)
            _settle(locked, installments, actor, today)
            _bump(locked)
            audit_record(
                subject=locked,
                actor=actor,
                action="payment_reversed",
                reason=f"{original.pk}: {reason.strip()}",
            )
            return PostResult(reversal, True)
    except IntegrityError:
        existing = Payment.objects.filter(loan=loan, kind=P.REVERSAL, reverses=payment).first()
        if existing is None:
            raise
        if existing.idempotency_key == idempotency_key:
            return PostResult(existing, False)
        raise ConflictError(_("This payment was already reversed."), code="reversed") from None


# --- Prepayment and early payoff --------------------------------------------------------------


def loan_prepay(
    *,
    loan: Loan,
    amount: Decimal,
    value_date: datetime.date,
    mode: str,
    method: str,
    idempotency_key: str,
    actor: User,
    reference: str = "",
    today: datetime.date | None = None,
) -> PostResult:
    """Prepay principal: the installments not yet due are superseded (kept as history) and the
    engine recomputes them from the lower balance, shorter or lower as the participant chose.
    Money already paid ahead on them counts as prepaid too (``changes.close_out``)."""
    try:
        mode = PrepaymentMode(mode)
    except ValueError:
        raise DomainError(_("Choose a shorter term or a lower installment."), code="mode") from None

    def reshape(locked: Loan) -> ScheduleChange:
        latest = changes.latest_change(locked)
        changes.check_after_change(latest, value_date)
        rows = changes.current_rows(locked)
        unpaid_due = sum((r.remaining for r in rows if r.due_date <= value_date), ZERO)
        if unpaid_due > 0:
            raise DomainError(
                _("Bring the loan up to date first: %(amount)s is due.")
                % {"amount": formats.money(unpaid_due, locked.currency, language())},
                code="arrears",
            )
        replaced = [r for r in rows if r.due_date > value_date]
        ahead = sum((r.paid for r in replaced), ZERO)
        outstanding = sum((r.principal for r in replaced), ZERO) - ahead
        if not replaced or amount >= outstanding:
            raise DomainError(
                _(
                    "A prepayment must be less than the principal still to repay (%(amount)s); "
                    "to repay everything, use the early payoff."
                )
                % {"amount": formats.money(outstanding, locked.currency, language())},
                code="too_much",
            )
        segment = [
            r for r in rows if r.created_in_id == latest.pk and r.kind == Installment.Kind.REGULAR
        ]
        paid = sum(1 for r in segment if r.due_date <= value_date)
        # Interest the old balance earned since the last due date: the engine carries it on
        # the next row; an early payoff in this period must still charge it.
        accrued_before = changes.payoff_quote_for(locked, value_date).accrued_interest
        try:
            schedule = prepay(
                schedule=segment_schedule(latest.terms, segment),
                paid_installments=paid,
                amount=amount + ahead,
                on=value_date,
                mode=mode,
            )
        except ValueError as exc:
            raise DomainError(
                _("The prepayment cannot be computed: %(problem)s") % {"problem": exc},
                code="engine",
            ) from None
        change = changes.new_version(
            locked, latest, kind=ScheduleChange.Kind.PREPAYMENT, on=value_date, actor=actor,
            mode=mode,
            terms={**terms_to_json(schedule), "prepaid": str(amount), "paid_ahead": str(ahead),
                   "accrued_before": str(accrued_before)},
        )  # fmt: skip
        changes.close_out(replaced, change, on=value_date)
        changes.installments_from(
            loan=locked, schedule=schedule, change=change, first_number=changes.next_number(locked)
        )
        return change

    return _post(
        loan=loan, kind=P.PREPAYMENT, amount=amount, value_date=value_date, method=method,
        reference=reference, idempotency_key=idempotency_key, actor=actor, today=today,
        reshape=reshape,
    )  # fmt: skip


payoff_quote_for = changes.payoff_quote_for


def loan_payoff(
    *,
    loan: Loan,
    amount: Decimal,
    value_date: datetime.date,
    method: str,
    idempotency_key: str,
    actor: User,
    reference: str = "",
    today: datetime.date | None = None,
) -> PostResult:
    """Repay everything on ``value_date``: the installments not yet due are replaced by one
    payoff line (their principal net of anything paid ahead, and the interest accrued to the
    date), the payment settles the loan and it closes. More than the quote is kept as credit."""

    def reshape(locked: Loan) -> ScheduleChange | None:
        latest = changes.latest_change(locked)
        changes.check_after_change(latest, value_date)
        quote = changes.payoff_quote_for(locked, value_date)
        if amount < quote.total:
            raise DomainError(
                _("Repaying everything on %(date)s takes %(total)s.")
                % {
                    "date": formats.date(value_date, language()),
                    "total": formats.money(quote.total, locked.currency, language()),
                },
                code="short_payoff",
            )
        future = [r for r in changes.current_rows(locked) if r.due_date > value_date]
        if not future:
            return None
        change = changes.new_version(
            locked, latest, kind=ScheduleChange.Kind.PAYOFF, on=value_date, actor=actor,
            terms={"annual_rate": latest.terms["annual_rate"],
                   "quote": {"total": str(quote.total),
                             "accrued_interest": str(quote.accrued_interest)}},
        )  # fmt: skip
        changes.close_out(future, change, on=value_date)
        Installment.objects.create(
            loan=locked,
            number=changes.next_number(locked),
            kind=Installment.Kind.PAYOFF,
            due_date=value_date,
            principal=quote.outstanding_principal,
            interest=quote.accrued_interest,
            created_in=change,
        )
        return change

    return _post(
        loan=loan, kind=P.PAYOFF, amount=amount, value_date=value_date, method=method,
        reference=reference, idempotency_key=idempotency_key, actor=actor, today=today,
        reshape=reshape,
    )  # fmt: skip
