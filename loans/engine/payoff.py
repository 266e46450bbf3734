"""What it takes to repay a loan in full at a date (a payoff quote).

The quote is the sum of three things:

- ``unpaid_due``: everything still unpaid on installments due on or before the date
  (fees, interest and principal);
- ``outstanding_principal``: the principal of the installments not yet due (their interest
  and fees are not owed when the loan is repaid early);
- ``accrued_interest``: interest of the current period (from the last due date on or before
  the date, or from disbursement) to the date, on the outstanding principal, actual/365,
  rounded half-up, less any interest already paid on the next installment
  (``InstallmentBalance.interest_paid``), never below 0.

Example: 3000.00 of principal outstanding at 12 %, the last installment fell due on 5 March
and the quote is for 20 March: 15 days, round(3000 × 0.12 × 15 / 365) = round(14.79452…) =
14.79.

>>> quote = payoff_quote(
...     installments=[InstallmentBalance(1, date(2026, 3, 5), Decimal(0), Decimal(0), Decimal(0)),
...                   InstallmentBalance(2, date(2026, 4, 5), Decimal(0), Decimal("30.00"),
...                                      Decimal("1500.00")),
...                   InstallmentBalance(3, date(2026, 5, 5), Decimal(0), Decimal("15.00"),
...                                      Decimal("1500.00"))],
...     as_of=date(2026, 3, 20), annual_rate=Decimal(12), frequency=Frequency.MONTHLY,
...     disbursement_date=date(2026, 2, 5))
>>> quote.outstanding_principal, quote.accrued_interest, quote.total
(Decimal('3000.00'), Decimal('14.79'), Decimal('3014.79'))
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from incubator.lib.money import minor_unit
from incubator.lib.periods import Frequency

from .schedule import days_interest
from .terms import ZERO


@dataclass(frozen=True)
class InstallmentBalance:
    """What is left to pay on one installment."""

    number: int
    due_date: date
    fees: Decimal
    interest: Decimal
    principal: Decimal
    interest_paid: Decimal = ZERO  # interest already paid on it (matters for the next one)


@dataclass(frozen=True)
class PayoffQuote:
    as_of: date
    unpaid_due: Decimal  # fees + interest + principal of installments due by as_of, unpaid
    outstanding_principal: Decimal  # principal of installments not yet due
    accrued_interest: Decimal  # interest of the current period accrued to as_of (actual days)
    total: Decimal


def payoff_quote(
    *,
    installments: Sequence[InstallmentBalance],
    as_of: date,
    annual_rate: Decimal,
    frequency: Frequency,
    disbursement_date: date,
    currency: str = "EUR",
) -> PayoffQuote:
    """The amount that repays the loan in full on ``as_of`` (see the module docstring).

    Pass every installment of the schedule, the settled ones too (with zeros left to pay):
    the current period starts at the last due date on or before ``as_of`` among them.

    ``frequency`` is accepted for symmetry with the schedule: the current period is found
    from the due dates themselves, which also covers irregular first periods.
    """
    if as_of < disbursement_date:
        raise ValueError("a payoff cannot be quoted before disbursement")
    unit = minor_unit(currency)
    ordered = sorted(installments, key=lambda row: row.due_date)
    due = [row for row in ordered if row.due_date <= as_of]
    future = [row for row in ordered if row.due_date > as_of]
    unpaid_due = sum((row.fees + row.interest + row.principal for row in due), ZERO)
    outstanding = sum((row.principal for row in future), ZERO)
    accrued = ZERO.quantize(unit)
    if future and outstanding > 0:
        period_start = due[-1].due_date if due else disbursement_date
        days = (as_of - period_start).days
        accrued = days_interest(outstanding, Decimal(annual_rate), days, unit)
        accrued = max(accrued - future[0].interest_paid, ZERO.quantize(unit))
    return PayoffQuote(
        as_of=as_of,
        unpaid_due=unpaid_due,
        outstanding_principal=outstanding,
        accrued_interest=accrued,
        total=unpaid_due + outstanding + accrued,
    )
