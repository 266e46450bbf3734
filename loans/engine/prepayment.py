"""Partial prepayment and rescheduling: the remaining schedule recomputed.

A prepayment of ``amount`` on date ``on``, after ``paid_installments`` installments were paid,
reduces the outstanding principal B to B' = B − amount. The remaining rows keep their due
dates (the original period grid) and are recomputed from B' with the loan's method and rate:

- ``LOWER_INSTALLMENT`` keeps the term: the same number of remaining rows, a new regular
  installment computed on B' (annuity over the remaining rows, equal principal part
  round(B' / rows), flat interest round(B'·i)).
- ``SHORTER_TERM`` keeps the installment: the annuity A (or the flat installment, or the equal
  principal part) stays, and the rows stop once B' is repaid, the last one smaller.

Interest of the period in which the prepayment falls, charged on the next row: the old
balance B from the previous due date (or disbursement) to ``on`` and the new balance B' from
``on`` to the next due date, each for its actual days / 365, rounded half-up separately. A
prepayment on a due date itself leaves that period regular: round(B' × i).
Remaining grace periods stay interest only.

>>> from .schedule import build_schedule
>>> s = build_schedule(LoanTerms(principal=Decimal("1200.00"), annual_rate=Decimal(12),
...     installments=12, frequency="monthly", method="declining_equal_installments",
...     disbursement_date=date(2026, 1, 5)))
>>> r = prepay(schedule=s, paid_installments=3, amount=Decimal("300.00"), on=date(2026, 4, 5),
...            mode=PrepaymentMode.SHORTER_TERM)
>>> len(r.rows), r.rows[0].number, r.installment_amount == s.installment_amount
(6, 4, True)
"""

from dataclasses import replace
from datetime import date
from decimal import ROUND_CEILING, Decimal
from enum import StrEnum

from incubator.lib.money import minor_unit

from .apr import grid_apr
from .schedule import Plan, amortize, assemble, build_schedule, days_interest, make_plan
from .terms import CTX, ZERO, LoanTerms, Method, Row, Schedule


class PrepaymentMode(StrEnum):
    SHORTER_TERM = "shorter_term"
    LOWER_INSTALLMENT = "lower_installment"


def prepay(
    *,
    schedule: Schedule,
    paid_installments: int,
    amount: Decimal,
    on: date,
    mode: PrepaymentMode,
) -> Schedule:
    """The remaining schedule after prepaying ``amount`` of principal on ``on``.

    Its rows follow the last paid one and are numbered on from ``paid_installments + 1``.
    ``on`` must lie from the last paid due date (or disbursement) to before the next due date.
    Prepaying the whole outstanding principal leaves one row: the interest accrued to ``on``
    (none on a due date). Raises ``ValueError`` for anything else out of range.
    """
    mode = PrepaymentMode(mode)
    terms, rows = schedule.terms, schedule.rows
    if not 0 <= paid_installments < len(rows):
        raise ValueError("paid_installments must leave at least one installment to pay")
    outstanding = rows[paid_installments - 1].balance if paid_installments else terms.principal
    if not 0 < amount <= outstanding:
        raise ValueError("the prepayment must be positive and at most the outstanding principal")
    unit = minor_unit(terms.currency)
    if amount != amount.quantize(unit):
        raise ValueError(f"the prepayment must be a whole number of {unit}")
    previous = (
        rows[paid_installments - 1].due_date if paid_installments else terms.disbursement_date
    )
    remaining = rows[paid_installments:]
    next_due = remaining[0].due_date
    if not previous <= on < next_due:
        # On the next due date itself, that installment is paid first: the caller then
        # passes it as paid, and the prepayment falls on a due date (a regular period).
        raise ValueError("the prepayment date must fall in the current period")
    rate = terms.annual_rate
    balance = outstanding - amount
    if on == previous:
        accrued = ZERO
        first_days = terms.first_period_days if paid_installments == 0 else None
    else:
        accrued = days_interest(outstanding, rate, (on - previous).days, unit)
        first_days = (next_due - on).days
    grace = max(terms.grace_periods - paid_installments, 0)
    number = paid_installments + 1
    new_terms = replace(
        terms,
        principal=balance,
        disbursement_date=on,
        first_due_date=next_due,
        grace_periods=grace,
        fee_percent=ZERO,
        fee_fixed=ZERO,
    )
    if balance == 0:
        nothing = ZERO.quantize(unit)
        paid_off = (Row(number, next_due, nothing, accrued, accrued, nothing),) if accrued else ()
        return Schedule(
            terms=replace(new_terms, installments=len(paid_off)),
            rows=paid_off,
            installment_amount=accrued,
            total_interest=accrued,
            total_fees=ZERO.quantize(unit),
            total_cost=accrued,
            apr=Decimal("0.00"),
        )
    dates = [row.due_date for row in remaining]

    def plan_for(principal: Decimal, count: int, grace: int) -> Plan:
        return make_plan(
            principal=principal,
            annual_rate=rate,
            periods_per_year=terms.frequency.periods_per_year,
            method=terms.method,
            count=count,
            grace=grace,
            first_period_days=first_days,
            round_to=terms.round_installment_to,
            unit=unit,
        )

    plan = plan_for(balance, len(dates), grace)
    stop = mode is PrepaymentMode.SHORTER_TERM
    if stop:
        original = plan_for(terms.principal, terms.installments, terms.grace_periods)
        if terms.method is Method.DECLINING_EQUAL_INSTALLMENTS:
            plan = replace(plan, installment=schedule.installment_amount)
        elif terms.method is Method.DECLINING_EQUAL_PRINCIPAL:
            plan = replace(plan, principal_part=original.principal_part)
        else:
            # Flat: the installment stays, so the principal part grows by the interest saved;
            # the flat interest is then charged for the rows actually left.
            part = original.installment - plan.flat_interest
            if part > 0:  # (a loan of a few cents may have a 0.00 part: then keep the dates)
                count = grace + int(CTX.divide(balance, part).to_integral_value(ROUND_CEILING))
                dates = dates[: max(min(count, len(dates)), grace + 1)]
            plan = plan_for(balance, len(dates), grace)
            plan = replace(plan, installment=original.installment, principal_part=part)
    new_rows = amortize(
        plan=plan,
        balance=balance,
        dates=dates,
        grace=grace,
        first_period_days=first_days,
        unit=unit,
        first_number=number,
        extra_first_interest=accrued,
        stop_when_repaid=stop,
    )
    # The APR of what is left: B' received on ``on``, the rows paid back, without the interest
    # that accrued on the old balance before ``on``.
    totals = [row.total for row in new_rows]
    totals[0] -= accrued
    apr = grid_apr(
        amount_received=balance,
        totals=totals,
        periods_per_year=terms.frequency.periods_per_year,
        first_period_days=None if on == previous and first_days is None else (next_due - on).days,
        nominal_rate=rate,
    )
    return assemble(replace(new_terms, installments=len(new_rows)), new_rows, plan, first_days, apr)


def reschedule(*, outstanding: Decimal, terms: LoanTerms) -> Schedule:
    """A new schedule for an ``outstanding`` balance on new ``terms`` (their principal ignored).

    >>> s = reschedule(outstanding=Decimal("800.00"), terms=LoanTerms(
    ...     principal=Decimal("1.00"), annual_rate=Decimal(0), installments=4,
    ...     frequency="monthly", method="declining_equal_principal",
    ...     disbursement_date=date(2026, 6, 1)))
    >>> [str(row.total) for row in s.rows]
    ['200.00', '200.00', '200.00', '200.00']
    """
    return build_schedule(replace(terms, principal=outstanding))
