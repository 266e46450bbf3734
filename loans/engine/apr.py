"""The annual percentage rate (APR, French TAEG) of the EU consumer-credit directive.

Directive 2008/48/EC, Annex I: the APR is the X that balances what the borrower actually
receives against what they pay back, each payment discounted by (1 + X)^−t:

    amount received (principal − upfront fees) = Σ_k installment_k × (1 + X)^−t_k

with t_k the time of payment k in years from disbursement. Annex I, part I (c)–(d): a year
has 365 days, 52 weeks or 12 equal months. So a monthly installment k falls at t = k / 12, a
weekly one at k / 52 and a biweekly one at 2k / 52. An irregular first period (a first due
date other than one period after disbursement) counts its actual days, t_1 = days / 365, and
every later installment whole periods after it: t_k = days / 365 + (k − 1) / ppy. A payment
off the period grid adds its days past the last whole period, / 365.

Solving. With v = (1 + X)^(−1/ppy), the equation is a sum of powers of v; the regular case
is a polynomial, Σ T_k v^k = amount, increasing in v. It is solved by Newton's method kept
inside a bisection bracket, in ``Decimal`` at 40 digits (an explicit context), until a Newton
step moves v by less than 10^−8 (the error left is then below 10^−13). Then X = v^−ppy − 1,
shown in percent, rounded half-up to two decimals: far more precise than the 0.01 point asked.

Example (a month = 1/12 year): 1000 received, 12 monthly installments of 88.85 (1000 at
12 % a year, the annuity 88.8488… rounded) give 12.69 %: the effective rate of 1 % a month,
1.01^12 − 1 = 12.68 %, plus the rounded-up cent.

>>> annual_percentage_rate(amount_received=Decimal(1000), disbursement_date=date(2026, 1, 5),
...     cash_flows=[(step(date(2026, 2, 5), Frequency.MONTHLY, k), Decimal("88.85"))
...                 for k in range(12)],
...     frequency=Frequency.MONTHLY, first_due_date=date(2026, 2, 5))
Decimal('12.69')
"""

from collections.abc import Sequence
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from itertools import groupby

from incubator.lib.periods import Frequency, add_months, step

from .terms import CTX, DAYS_PER_YEAR, ZERO

_HUNDREDTH = Decimal("0.01")
_ABSURD = Decimal(10) ** 9
# Newton's error after a step of d is about (f''/2f')·d², below 10^−13 for a step under
# 10^−8 (f''/2f' is about the number of periods); a bisection bracket of width d leaves X
# within ppy·d. Either way far finer than the 0.005 point that rounding to two decimals needs.
_NEWTON_TOLERANCE = Decimal("1e-8")
_BISECTION_TOLERANCE = Decimal("1e-16")
_MAX_STEPS = 400


def _percent(v: Decimal, periods_per_year: int) -> Decimal:
    """X = v^−ppy − 1, in percent, half-up to two decimals."""
    percent = CTX.multiply(CTX.subtract(CTX.power(v, -periods_per_year), 1), Decimal(100))
    if percent >= _ABSURD:
        # Only fees kept on a loan of a few days get here (a 3 % fee for one day is already
        # 4.8 million percent); no page or contract can show such a figure.
        raise ValueError("the APR is beyond a billion percent: check the fees and dates")
    return percent.quantize(_HUNDREDTH, rounding=ROUND_HALF_UP, context=CTX)


Series = tuple[Decimal, Sequence[Decimal]]  # (e_g, dense coefficients c_0, c_1, …)


def _runs(coefficients: Sequence[Decimal]) -> list[tuple[int, int, Decimal]]:
    """Runs of equal consecutive coefficients as (start, length, amount)."""
    runs: list[tuple[int, int, Decimal]] = []
    start = 0
    for amount, group in groupby(coefficients):
        length = sum(1 for _ in group)
        runs.append((start, length, amount))
        start += length
    return runs


def _horner(coefficients: Sequence[Decimal], v: Decimal) -> tuple[Decimal, Decimal]:
    """p(v) = Σ c_m v^m and p'(v), together."""
    mul, add = CTX.multiply, CTX.add
    p = dp = ZERO
    for c in reversed(coefficients):
        dp = add(mul(dp, v), p)
        p = add(mul(p, v), c)
    return p, dp


def _geometric(runs: Sequence[tuple[int, int, Decimal]], v: Decimal) -> tuple[Decimal, Decimal]:
    """p(v) and p'(v) for runs of equal amounts, each a geometric sum c·v^s·(1 − v^L)/(1 − v).

    A level annuity is one or two runs, so its 48 installments cost a power and a few
    operations instead of 48 multiply-adds per Newton step.
    """
    mul, add, sub, div = CTX.multiply, CTX.add, CTX.subtract, CTX.divide
    one = Decimal(1)
    q = sub(one, v)
    p = dp = ZERO
    head = one  # v^start, carried from run to run
    for start, length, c in runs:
        # s = Σ_{j<L} v^j and ds = its derivative; head' = start·v^(start−1)
        if length == 1:
            s, ds, v_length = one, ZERO, v
        elif q == 0:  # v = 1: Σ 1 = L and Σ j = L(L−1)/2
            s, ds, v_length = Decimal(length), Decimal(length * (length - 1) // 2), one
        else:
            v_length = CTX.power(v, length)
            s = div(sub(one, v_length), q)
            ds = div(sub(s, div(mul(Decimal(length), v_length), v)), q)
        dhead = div(mul(Decimal(start), head), v) if start else ZERO
        p = add(p, mul(c, mul(head, s)))
        dp = add(dp, mul(c, add(mul(dhead, s), mul(head, ds))))
        head = mul(head, v_length)
    return p, dp


def _solve(
    amount: Decimal,
    groups: Sequence[Series],
    periods_per_year: int,
    start: Decimal | None = None,
) -> Decimal:
    """Solve Σ_g v^e_g · Σ_m c_gm v^m = amount for v > 0 and return X in percent.

    ``groups`` are (e_g, dense coefficients c_g0, c_g1, …) with e_g >= 0 in periods;
    ``start`` is a first guess of v in (0, 1], such as the nominal rate's (it saves steps).
    """
    if amount <= 0:
        raise ValueError("the amount received must be positive")
    repaid = ZERO
    for _, coefficients in groups:
        for c in coefficients:
            if c < 0:
                raise ValueError("cash flows must not be negative")
            repaid += c
    if repaid == 0:
        raise ValueError("there is nothing repaid: no APR")
    mul, add, div = CTX.multiply, CTX.add, CTX.divide
    # Each group is evaluated by Horner's rule, or as geometric runs when it has few of them
    # (a run costs about as much as eight Horner steps).
    plans: list[tuple[Decimal, Sequence[Decimal], list[tuple[int, int, Decimal]] | None]] = []
    for exponent, coefficients in groups:
        runs = _runs(coefficients)
        plans.append((exponent, coefficients, runs if 8 * len(runs) < len(coefficients) else None))

    def value_and_slope(v: Decimal) -> tuple[Decimal, Decimal]:
        total = slope = ZERO
        for exponent, coefficients, runs in plans:
            p, dp = _geometric(runs, v) if runs is not None else _horner(coefficients, v)
            if exponent == 1:
                w, w_slope = v, Decimal(1)
            elif exponent == 0:
                w, w_slope = Decimal(1), ZERO
            else:
                w = CTX.power(v, exponent)
                w_slope = div(mul(exponent, w), v)
            total = add(total, mul(w, p))
            slope = add(slope, add(mul(w_slope, p), mul(w, dp)))
        return CTX.subtract(total, amount), slope

    # f(v) = value − amount rises with v from −amount (at v = 0). The root lies in (0, 1]
    # when at least what was received is repaid (X >= 0); otherwise widen the bracket upwards.
    low, high = ZERO, Decimal(1)
    if repaid >= amount:
        v = start if start is not None and 0 < start <= 1 else high
        f_v, slope = value_and_slope(v)
    else:
        f_high, slope = value_and_slope(high)
        while f_high < 0:
            low, high = high, mul(high, 2)
            if high > 2**40:
                raise ValueError("no APR: the repayments are negligible")
            f_high, slope = value_and_slope(high)
        v, f_v = high, f_high
    for _ in range(_MAX_STEPS):
        if f_v == 0:
            break
        if f_v > 0:
            high = v
        else:
            low = v
        candidate = CTX.subtract(v, div(f_v, slope)) if slope > 0 else low
        if low < candidate < high:
            moved = abs(CTX.subtract(candidate, v))
            v = candidate
            if moved < _NEWTON_TOLERANCE:
                break
        else:
            v = div(add(low, high), 2)
            if CTX.subtract(high, low) < _BISECTION_TOLERANCE:
                break
        f_v, slope = value_and_slope(v)
    return _percent(v, periods_per_year)


def _first_exponent(first_period_days: int | None, periods_per_year: int) -> Decimal:
    """t_1 in periods: 1 for a regular first period, days × ppy / 365 otherwise."""
    if first_period_days is None:
        return Decimal(1)
    return CTX.divide(Decimal(first_period_days * periods_per_year), Decimal(DAYS_PER_YEAR))


def grid_apr(
    *,
    amount_received: Decimal,
    totals: Sequence[Decimal],
    periods_per_year: int,
    first_period_days: int | None,
    nominal_rate: Decimal | None = None,
) -> Decimal:
    """APR of installments falling one period apart from the first due date (a schedule).

    ``nominal_rate`` (percent a year), when given, is where the search starts.

    >>> grid_apr(amount_received=Decimal(1000), totals=[Decimal(600), Decimal(600)],
    ...          periods_per_year=1, first_period_days=None)
    Decimal('13.07')
    """
    if not totals:
        return ZERO
    exponent = _first_exponent(first_period_days, periods_per_year)
    start = None
    if nominal_rate is not None:
        start = CTX.divide(Decimal(100 * periods_per_year), 100 * periods_per_year + nominal_rate)
    return _solve(amount_received, [(exponent, list(totals))], periods_per_year, start)


def _whole_periods(first: date, day: date, frequency: Frequency) -> int:
    """The largest k with step(first, frequency, k) <= day (day >= first)."""
    if frequency is Frequency.MONTHLY:
        k = (day.year - first.year) * 12 + day.month - first.month
        while k > 0 and add_months(first, k) > day:
            k -= 1
        return k
    return (day - first).days // (14 if frequency is Frequency.BIWEEKLY else 7)


def annual_percentage_rate(
    *,
    amount_received: Decimal,
    disbursement_date: date,
    cash_flows: Sequence[tuple[date, Decimal]],
    frequency: Frequency,
    first_due_date: date,
) -> Decimal:
    """The APR in percent (two decimals) of ``cash_flows`` paid for ``amount_received``.

    Times as in the module docstring: t_1 = 1/ppy when the first due date is one period after
    disbursement, else days/365; a payment k whole periods after the first due date, plus d
    days, falls at t_1 + k/ppy + d/365; a payment before the first due date at days/365.
    Raises ``ValueError`` when no rate balances the flows (nothing repaid, negative flows).

    Directive 98/7/EC, Annex III, third example: 1000 lent, 600 repaid after one year and
    600 after two, 1 + X = (600 + √(600² + 4·1000·600)) / 2000 = 1.1306623:

    >>> annual_percentage_rate(amount_received=Decimal(1000),
    ...     disbursement_date=date(1994, 1, 1), frequency=Frequency.MONTHLY,
    ...     cash_flows=[(date(1995, 1, 1), Decimal(600)), (date(1996, 1, 1), Decimal(600))],
    ...     first_due_date=date(1995, 1, 1))
    Decimal('13.07')
    """
    frequency = Frequency(frequency)
    ppy = frequency.periods_per_year
    if first_due_date <= disbursement_date:
        raise ValueError("the first due date must be after the disbursement date")
    if any(day < disbursement_date for day, _ in cash_flows):
        raise ValueError("a cash flow falls before the disbursement date")
    regular = first_due_date == step(disbursement_date, frequency, 1)
    first_days = None if regular else (first_due_date - disbursement_date).days
    first_exponent = _first_exponent(first_days, ppy)
    # Group the flows by the fractional part of their time so each group is a polynomial in v.
    groups: dict[Decimal, list[Decimal]] = {}
    for day, amount in cash_flows:
        if day < first_due_date:
            exponent = CTX.divide(
                Decimal((day - disbursement_date).days * ppy), Decimal(DAYS_PER_YEAR)
            )
            k = 0
        else:
            k = _whole_periods(first_due_date, day, frequency)
            extra = (day - step(first_due_date, frequency, k)).days
            exponent = CTX.add(
                first_exponent, CTX.divide(Decimal(extra * ppy), Decimal(DAYS_PER_YEAR))
            )
        coefficients = groups.setdefault(exponent, [])
        coefficients.extend([ZERO] * (k + 1 - len(coefficients)))
        coefficients[k] = CTX.add(coefficients[k], amount)
    if not groups:
        raise ValueError("there is nothing repaid: no APR")
    return _solve(amount_received, list(groups.items()), ppy)
