"""Changing a loan's schedule without losing its history (prepayment, payoff, rescheduling).

A change at date D opens a new schedule version (``ScheduleChange``). The installments it
replaces are superseded, never deleted. Whatever they had already received is kept by a
*carried* installment of the new version, so that the replay of the ledger (which always runs
against the current installments) puts the same money back in the same place:

- an installment already due (partly paid) is carried with exactly what it received, on its
  own due date: that money keeps paying that period;
- an installment not yet due but paid ahead is carried on D with all of it as principal: the
  new schedule is computed on the balance net of that money, so paying ahead is never
  charged interest twice.

The new schedule's principal is then the balance still owed, net of everything received.

Reversing the payment that made a prepayment or a payoff undoes its change (``undo``): what the
change created is superseded by an UNDO change, what it replaced is current again, and the
replay of the ledger without that payment puts every other payment back in place.
"""

import datetime
from dataclasses import replace
from decimal import Decimal
from typing import Any

from django.db.models import Max
from django.utils.translation import gettext as _

from incubator.errors import DomainError
from incubator.lib import formats
from incubator.models import User
from loans.engine import InstallmentBalance, PayoffQuote, Schedule, payoff_quote
from loans.models import Installment, Loan, ScheduleChange
from loans.selectors import language

ZERO = Decimal("0.00")


def current_rows(loan: Loan) -> list[Installment]:
    return list(
        Installment.objects.filter(loan=loan, superseded_by__isnull=True).order_by(
            "due_date", "number"
        )
    )


def latest_change(loan: Loan) -> ScheduleChange:
    """The schedule version in force: the last change neither undone nor itself an undo."""
    change = (
        ScheduleChange.objects.filter(loan=loan, undone_by__isnull=True)
        .exclude(kind=ScheduleChange.Kind.UNDO)
        .order_by("-version")
        .first()
    )
    if change is None:  # pragma: no cover - every loan starts with its disbursement version
        raise ValueError(f"loan {loan.pk} has no schedule")
    return change


def check_after_change(change: ScheduleChange, on: datetime.date) -> None:
    if on < change.effective_date:
        raise DomainError(
            _("The schedule last changed on %(date)s: choose that date or a later one.")
            % {"date": formats.date(change.effective_date, language())},
            code="before_change",
        )


def new_version(
    loan: Loan, latest: ScheduleChange, *, kind: str, on: datetime.date, actor: User | None,
    **extra: Any,
) -> ScheduleChange:  # fmt: skip
    """The next version after every one written (an undone change keeps its number)."""
    last = ScheduleChange.objects.filter(loan=loan).aggregate(last=Max("version"))["last"]
    return ScheduleChange.objects.create(
        loan=loan, version=(last or latest.version) + 1, kind=kind, effective_date=on,
        created_by=actor, **extra,
    )  # fmt: skip


def undo(
    loan: Loan, change: ScheduleChange, *, on: datetime.date, actor: User | None
) -> ScheduleChange:
    """Put back the schedule ``change`` replaced: its installments are superseded by a new UNDO
    version, the ones it superseded are current again. The caller replays the ledger."""
    marker = new_version(
        loan,
        change,
        kind=ScheduleChange.Kind.UNDO,
        on=on,
        actor=actor,
        undoes=change,
        terms={"undone_version": change.version},
    )
    # In this order: a carried installment keeps the number of the one it stands for.
    Installment.objects.filter(loan=loan, created_in=change, superseded_by__isnull=True).update(
        superseded_by=marker
    )
    Installment.objects.filter(loan=loan, superseded_by=change).update(superseded_by=None)
    return marker


def installments_from(
    *,
    loan: Loan,
    schedule: Schedule,
    change: ScheduleChange,
    first_number: int = 1,
    kind: str = Installment.Kind.REGULAR,
) -> list[Installment]:
    """The engine's rows as installments of ``change``, numbered from ``first_number``."""
    return Installment.objects.bulk_create(
        [
            Installment(
                loan=loan,
                number=first_number + k,
                kind=kind,
                due_date=row.due_date,
                principal=row.principal,
                interest=row.interest,
                created_in=change,
            )
            for k, row in enumerate(schedule.rows)
        ]
    )


def close_out(rows: list[Installment], change: ScheduleChange, *, on: datetime.date) -> Decimal:
    """Supersede ``rows``, carrying what each received (see the module docstring). Returns the
    money paid ahead on rows not yet due."""
    Installment.objects.filter(pk__in=[row.pk for row in rows]).update(superseded_by=change)
    carried, ahead = [], ZERO
    for row in rows:
        if row.paid == 0:
            continue
        if row.due_date <= on:
            parts = {"principal": row.principal_paid, "interest": row.interest_paid,
                     "fees": row.fees_paid, "due_date": row.due_date}  # fmt: skip
        else:
            ahead += row.paid
            parts = {"principal": row.paid, "interest": ZERO, "fees": ZERO, "due_date": on}
        carried.append(
            Installment(
                loan_id=row.loan_id,
                number=row.number,
                kind=Installment.Kind.CARRIED,
                created_in=change,
                **parts,
            )
        )
    Installment.objects.bulk_create(carried)
    return ahead


def next_number(loan: Loan) -> int:
    last = (
        Installment.objects.filter(loan=loan, superseded_by__isnull=True)
        .order_by("-number")
        .values_list("number", flat=True)
        .first()
    )
    return (last or 0) + 1


def payoff_quote_for(loan: Loan, on: datetime.date) -> PayoffQuote:
    """What repays ``loan`` in full on ``on``, from ``loans.engine.payoff_quote``.

    The engine is given the unpaid installments due by ``on`` in the current version, and the
    principal not yet due, net of anything paid ahead, as one row; interest accrues from the
    current version's start (the payout, a prepayment, a rescheduling) or the last due date.
    Unpaid installments of earlier versions are added as due, and in the period of a
    prepayment the interest the old balance earned before it (which the next row carries).
    """
    latest = change = latest_change(loan)
    rows = current_rows(loan)
    due = [row for row in rows if row.due_date <= on]
    future = [row for row in rows if row.due_date > on]
    recent = [row for row in due if row.due_date >= change.effective_date]
    older = sum((row.remaining for row in due if row.due_date < change.effective_date), ZERO)
    ahead = sum((row.paid for row in future), ZERO)
    balances = [
        InstallmentBalance(
            number=row.number,
            due_date=row.due_date,
            fees=row.fees - row.fees_paid,
            interest=row.interest - row.interest_paid,
            principal=row.principal - row.principal_paid,
        )
        for row in recent
    ]
    if future:
        balances.append(
            InstallmentBalance(
                number=future[0].number,
                due_date=future[0].due_date,
                fees=ZERO,
                interest=ZERO,
                principal=sum((row.principal for row in future), ZERO) - ahead,
            )
        )
    quote = payoff_quote(
        installments=balances,
        as_of=on,
        annual_rate=Decimal(change.terms["annual_rate"]),
        frequency=loan.frequency,
        disbursement_date=change.effective_date,
        currency=loan.currency,
    )
    before = ZERO
    regular_since = [
        row
        for row in recent
        if row.kind == Installment.Kind.REGULAR and row.created_in_id == latest.pk
    ]
    if latest.kind == ScheduleChange.Kind.PREPAYMENT and not regular_since:
        before = Decimal(latest.terms.get("accrued_before", "0"))
    return replace(
        quote,
        unpaid_due=quote.unpaid_due + older,
        accrued_interest=quote.accrued_interest + before,
        total=quote.total + older + before,
    )
