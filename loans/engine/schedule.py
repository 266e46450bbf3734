"""Repayment schedules, to the cent, following DESIGN.md ("The repayment schedule convention").

Terms: principal P, nominal annual rate R (percent), n installments, ``ppy`` periods a year
(monthly 12, biweekly 26, weekly 52), g grace periods (0 <= g < n). The periodic rate is
i = R / 100 / ppy. Every rounding is half-up to the currency's minor unit, stated in code.

- declining, equal installments: A = P·i / (1 − (1+i)^−(n−g)), or P / (n−g) when i = 0.
- declining, equal principal: a principal part of round(P / (n−g)).
- flat: interest round(P·i) each period, the last one taking F = round(P·i·n) minus the
  others; a principal part of round(P / (n−g)). (On a loan of a few cents, where the
  rounded-up round(P·i) would add up to more than F, the periods stop charging once F is
  reached, so no interest is ever negative and the total stays F.)

Row k: interest = round(balance × i) (flat: as above); the first g rows repay no principal;
then the principal is A − interest (annuity) or the fixed part; the last row takes the whole
remaining balance, so the principal parts sum exactly to P. A principal part is never
negative and never more than the balance. Interest is computed as round(balance × R / (100 ×
ppy)) in one division, so an exact half cent (120.00 at 7.45 % a month = 0.745) rounds up
instead of being lost to a truncated i.

Due dates step from the first due date by whole periods (``incubator.lib.periods``: months by
calendar month, clamped to the month's end). The first due date defaults to one period after
disbursement.

Irregular first period. When the first due date is not exactly one period after disbursement,
the first row's interest is charged for the actual days, actual/365:
round(balance × R / 100 × days / 365). The annuity A stays computed on the regular periodic
rate i over n − g periods (the usual practice of loan systems): the first row still totals A,
its principal part being A − (interest of the actual days), and the last row absorbs the
difference. Flat loans charge round(P × R / 100 × days / 365) in the first period and their
total becomes F = round(P × R / 100 × (days / 365 + (n − 1) / ppy)).

Worked example: 1000.00 at 12 % monthly over 3 installments, disbursed on 5 January 2026,
first due on 20 February (46 days instead of one month). i = 0.01 and
A = 1000 × 0.01 / (1 − 1.01^−3) = 340.0221… → 340.02.

    row  due         interest                          principal           balance
    1    2026-02-20  round(1000 × 0.12 × 46/365) 15.12  340.02 − 15.12 = 324.90  675.10
    2    2026-03-20  round(675.10 × 0.01)         6.75  340.02 − 6.75 = 333.27   341.83
    3    2026-04-20  round(341.83 × 0.01)         3.42  the balance     341.83     0.00

>>> from datetime import date
>>> s = build_schedule(LoanTerms(principal=Decimal("1000.00"), annual_rate=Decimal(12),
...     installments=3, frequency="monthly", method="declining_equal_installments",
...     disbursement_date=date(2026, 1, 5), first_due_date=date(2026, 2, 20)))
>>> [(str(r.interest), str(r.principal), str(r.total), str(r.balance)) for r in s.rows]
... # doctest: +NORMALIZE_WHITESPACE
[('15.12', '324.90', '340.02', '675.10'), ('6.75', '333.27', '340.02', '341.83'),
 ('3.42', '341.83', '345.25', '0.00')]

Installment rounded up (``round_installment_to``, e.g. 1.00): the annuity A, the flat
installment (fixed part + round(P·i)), or the equal principal part is rounded UP to a
multiple of it; the last row takes the difference. A multiple so large that the loan is
repaid early leaves the later rows at 0.00.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_CEILING, ROUND_HALF_UP, Decimal

from incubator.lib.money import minor_unit
from incubator.lib.periods import due_dates

from .apr import grid_apr
from .terms import (
    CTX,
    DAYS_PER_YEAR,
    ZERO,
    LoanTerms,
    Method,
    Row,
    Schedule,
    TermsError,
    upfront_fees,
    validate_terms,
)

_HUNDRED = Decimal(100)


@dataclass(frozen=True)
class Plan:
    """The per-method constants of a schedule, fixed before its rows are computed."""

    method: Method
    annual_rate: Decimal
    periods_per_year: int
    installment: Decimal  # annuity A; flat: fixed part + round(P·i); equal principal: the part
    principal_part: Decimal  # equal principal and flat: the fixed principal part
    flat_interest: Decimal  # flat: round(P·i), the interest of a regular period
    flat_first_interest: Decimal  # flat: the first period's interest (actual days if irregular)
    flat_total: Decimal  # flat: F, the total interest


def _round(value: Decimal, unit: Decimal) -> Decimal:
    return value.quantize(unit, rounding=ROUND_HALF_UP)


def _round_up_to(value: Decimal, multiple: Decimal | None, unit: Decimal) -> Decimal:
    if multiple is None:
        return value
    units = CTX.divide(value, multiple).to_integral_value(rounding=ROUND_CEILING)
    return _round(CTX.multiply(units, multiple), unit)


def period_interest(
    balance: Decimal, annual_rate: Decimal, periods_per_year: int, unit: Decimal
) -> Decimal:
    """round(balance × R / (100 × ppy)), one division at full precision, half-up.

    >>> period_interest(Decimal("120.00"), Decimal("7.45"), 12, Decimal("0.01"))
    Decimal('0.75')
    """
    exact = CTX.divide(CTX.multiply(balance, annual_rate), _HUNDRED * periods_per_year)
    return _round(exact, unit)


def days_interest(balance: Decimal, annual_rate: Decimal, days: int, unit: Decimal) -> Decimal:
    """round(balance × R / 100 × days / 365), actual/365, half-up.

    >>> days_interest(Decimal("1000.00"), Decimal(12), 46, Decimal("0.01"))
    Decimal('15.12')
    """
    exact = CTX.divide(
        CTX.multiply(CTX.multiply(balance, annual_rate), Decimal(days)),
        Decimal(100 * DAYS_PER_YEAR),
    )
    return _round(exact, unit)


def annuity(
    principal: Decimal, annual_rate: Decimal, periods_per_year: int, count: int, unit: Decimal
) -> Decimal:
    """A = P·i / (1 − (1+i)^−count), or P / count when i = 0, rounded half-up.

    >>> annuity(Decimal("5000.00"), Decimal("7.45"), 12, 36, Decimal("0.01"))  # 155.4163
    Decimal('155.42')
    >>> annuity(Decimal("100.00"), Decimal(0), 12, 3, Decimal("0.01"))
    Decimal('33.33')
    """
    if annual_rate == 0:
        return _round(CTX.divide(principal, Decimal(count)), unit)
    rate = CTX.divide(annual_rate, _HUNDRED * periods_per_year)
    discount = CTX.power(CTX.add(1, rate), -count)
    exact = CTX.divide(CTX.multiply(principal, rate), CTX.subtract(1, discount))
    return _round(exact, unit)


def make_plan(
    *,
    principal: Decimal,
    annual_rate: Decimal,
    periods_per_year: int,
    method: Method,
    count: int,
    grace: int,
    first_period_days: int | None,
    round_to: Decimal | None,
    unit: Decimal,
) -> Plan:
    """The constants of a schedule of ``count`` rows, ``grace`` of them interest only."""
    amortizing = count - grace
    flat_interest = flat_first = flat_total = ZERO
    if method is Method.DECLINING_EQUAL_INSTALLMENTS:
        installment = _round_up_to(
            annuity(principal, annual_rate, periods_per_year, amortizing, unit), round_to, unit
        )
        part = ZERO
    else:
        part = _round(CTX.divide(principal, Decimal(amortizing)), unit)
        if method is Method.FLAT:
            flat_interest = period_interest(principal, annual_rate, periods_per_year, unit)
            if first_period_days is None:
                flat_first = flat_interest
                # F = round(P·R·n / (100·ppy)): one division, no rounded i.
                flat_total = period_interest(
                    CTX.multiply(principal, Decimal(count)), annual_rate, periods_per_year, unit
                )
            else:
                flat_first = days_interest(principal, annual_rate, first_period_days, unit)
                years = CTX.add(
                    CTX.divide(Decimal(first_period_days), Decimal(DAYS_PER_YEAR)),
                    CTX.divide(Decimal(count - 1), Decimal(periods_per_year)),
                )
                flat_total = _round(
                    CTX.divide(CTX.multiply(CTX.multiply(principal, annual_rate), years), _HUNDRED),
                    unit,
                )
            installment = _round_up_to(part + flat_interest, round_to, unit)
            part = installment - flat_interest
        else:
            part = _round_up_to(part, round_to, unit)
            installment = part
    return Plan(
        method=method,
        annual_rate=annual_rate,
        periods_per_year=periods_per_year,
        installment=installment,
        principal_part=part,
        flat_interest=flat_interest,
        flat_first_interest=flat_first,
        flat_total=flat_total,
    )


def amortize(
    *,
    plan: Plan,
    balance: Decimal,
    dates: Sequence[date],
    grace: int,
    first_period_days: int | None,
    unit: Decimal,
    first_number: int = 1,
    extra_first_interest: Decimal = ZERO,
    stop_when_repaid: bool = False,
) -> list[Row]:
    """The rows of ``plan`` over ``dates`` (one row per date) for an opening ``balance``.

    ``extra_first_interest`` is added to the first row's interest (interest accrued before a
    prepayment); ``stop_when_repaid`` ends the rows once the balance is 0 (shorter term).
    """
    rows: list[Row] = []
    append = rows.append
    method = plan.method
    annuity_method = method is Method.DECLINING_EQUAL_INSTALLMENTS
    flat = method is Method.FLAT
    installment, part = plan.installment, plan.principal_part
    # round(balance × R / (100 × ppy)), inlined: this loop is the engine's hot path.
    multiply, divide, rate = CTX.multiply, CTX.divide, plan.annual_rate
    denominator = _HUNDRED * plan.periods_per_year
    last = len(dates) - 1
    flat_charged = nothing = ZERO.quantize(unit)
    for k, due in enumerate(dates):
        if flat:
            if k == last:
                interest = plan.flat_total - flat_charged
            else:
                interest = plan.flat_first_interest if k == 0 else plan.flat_interest
                # Never more than what is left of F: a tiny loan whose round(P·i) rounds
                # up (0.005 → 0.01) would otherwise leave the last period a negative interest.
                if interest > plan.flat_total - flat_charged:
                    interest = plan.flat_total - flat_charged
            flat_charged += interest
        elif k == 0 and first_period_days is not None:
            interest = days_interest(balance, rate, first_period_days, unit)
        else:
            interest = divide(multiply(balance, rate), denominator).quantize(
                unit, rounding=ROUND_HALF_UP
            )
        if k == 0:
            interest += extra_first_interest
        if k < grace:
            principal = nothing
        elif k == last:
            principal = balance
        else:
            principal = installment - interest if annuity_method else part
            if principal > balance:
                principal = balance
            elif principal < 0:
                principal = nothing
        balance -= principal
        append(Row(first_number + k, due, principal, interest, principal + interest, balance))
        if stop_when_repaid and k >= grace and balance == 0:
            break
    return rows


def build_schedule(terms: LoanTerms) -> Schedule:
    """The full schedule of ``terms``; raises ``TermsError`` (a ``ValueError``) on bad terms.

    >>> from datetime import date
    >>> s = build_schedule(LoanTerms(principal=Decimal("5000.00"), annual_rate=Decimal("7.45"),
    ...     installments=36, frequency="monthly", method="declining_equal_installments",
    ...     disbursement_date=date(2026, 1, 5)))
    >>> s.installment_amount, s.rows[0], s.rows[-1].total, s.total_interest, s.apr
    ... # doctest: +NORMALIZE_WHITESPACE
    (Decimal('155.42'), Row(number=1, due_date=datetime.date(2026, 2, 5),
     principal=Decimal('124.38'), interest=Decimal('31.04'), total=Decimal('155.42'),
     balance=Decimal('4875.62')), Decimal('155.24'), Decimal('594.94'), Decimal('7.71'))
    """
    validate_terms(terms)
    unit = minor_unit(terms.currency)
    ppy = terms.frequency.periods_per_year
    first_days = terms.first_period_days
    plan = make_plan(
        principal=terms.principal,
        annual_rate=terms.annual_rate,
        periods_per_year=ppy,
        method=terms.method,
        count=terms.installments,
        grace=terms.grace_periods,
        first_period_days=first_days,
        round_to=terms.round_installment_to,
        unit=unit,
    )
    dates = due_dates(terms.effective_first_due_date, terms.frequency, terms.installments)
    rows = amortize(
        plan=plan,
        balance=terms.principal,
        dates=dates,
        grace=terms.grace_periods,
        first_period_days=first_days,
        unit=unit,
    )
    return assemble(terms, rows, plan, first_days)


def assemble(
    terms: LoanTerms,
    rows: Sequence[Row],
    plan: Plan,
    first_days: int | None,
    apr: Decimal | None = None,
) -> Schedule:
    """Totals and APR around computed rows (the APR from disbursement, fees deducted)."""
    fees = upfront_fees(terms)
    interest = sum((row.interest for row in rows), ZERO)
    installment = plan.installment
    if plan.method is Method.DECLINING_EQUAL_PRINCIPAL:
        # The regular installment of a declining-principal loan is its first after grace,
        # the largest one.
        after_grace = rows[min(terms.grace_periods, len(rows) - 1)] if rows else None
        installment = after_grace.total if after_grace else ZERO
    if apr is None:
        try:
            apr = grid_apr(
                amount_received=terms.principal - fees,
                totals=[row.total for row in rows],
                periods_per_year=terms.frequency.periods_per_year,
                first_period_days=first_days,
                nominal_rate=terms.annual_rate,
            )
        except ValueError as error:
            field = "fee_percent" if terms.fee_percent else "fee_fixed"
            raise TermsError(field, str(error)) from None
    return Schedule(
        terms=terms,
        rows=tuple(rows),
        installment_amount=installment,
        total_interest=interest,
        total_fees=fees,
        total_cost=interest + fees,
        apr=apr,
    )
