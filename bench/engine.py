"""How fast is the loan engine? 10,000 monthly schedules of 48 installments, with dates.

The yardstick is a plain Decimal loop doing the same arithmetic with no engine around it:
the annuity, each row's interest, principal and balance rounded half-up, its due date
stepped by calendar month, the totals. A second yardstick adds the APR solved the way the
engine solves it (Newton on v = (1 + X)^(-1/12)), since ``build_schedule`` returns the APR
too. The engine must stay within three times the first, stricter yardstick.

    .venv/bin/python bench/engine.py
"""

import os
import sys
import time
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from incubator.lib.periods import Frequency, add_months
from loans.engine import LoanTerms, Method, build_schedule

COUNT = 10_000
INSTALLMENTS = 48
RATE = Decimal("7.45")
START = date(2026, 1, 31)  # month-end clamping on every schedule
CENT = Decimal("0.01")
ROUNDS = 3


def principals() -> list[Decimal]:
    return [Decimal(1000 + 7 * k) + Decimal(k % 100) / 100 for k in range(COUNT)]


def engine(amounts: list[Decimal]) -> Decimal:
    check = Decimal(0)
    for principal in amounts:
        schedule = build_schedule(
            LoanTerms(
                principal=principal,
                annual_rate=RATE,
                installments=INSTALLMENTS,
                frequency=Frequency.MONTHLY,
                method=Method.DECLINING_EQUAL_INSTALLMENTS,
                disbursement_date=START,
                fee_percent=Decimal(1),
            )
        )
        check += schedule.rows[-1].total
    return check


def plain_rows(principal: Decimal) -> list[tuple[int, date, Decimal, Decimal, Decimal, Decimal]]:
    rate = RATE / 1200
    installment = (principal * rate / (1 - (1 + rate) ** -INSTALLMENTS)).quantize(
        CENT, rounding=ROUND_HALF_UP
    )
    balance = principal
    rows = []
    for k in range(1, INSTALLMENTS + 1):
        interest = (balance * RATE / 1200).quantize(CENT, rounding=ROUND_HALF_UP)
        part = balance if k == INSTALLMENTS else installment - interest
        balance -= part
        rows.append((k, add_months(START, k), part, interest, part + interest, balance))
    return rows


def plain(amounts: list[Decimal]) -> Decimal:
    check = Decimal(0)
    for principal in amounts:
        rows = plain_rows(principal)
        sum(row[3] for row in rows)
        check += rows[-1][4]
    return check


def plain_with_apr(amounts: list[Decimal]) -> Decimal:
    check = Decimal(0)
    for principal in amounts:
        rows = plain_rows(principal)
        totals = [row[4] for row in rows]
        received = principal - (principal / 100).quantize(CENT, rounding=ROUND_HALF_UP)
        v = Decimal(1)
        for _ in range(50):
            p = dp = Decimal(0)
            for c in reversed(totals):
                dp = dp * v + p
                p = p * v + c
            f, slope = p * v - received, p + dp * v
            step = f / slope
            v -= step
            if abs(step) < Decimal("1e-10"):
                break
        apr = ((v**-12 - 1) * 100).quantize(CENT, rounding=ROUND_HALF_UP)
        check += rows[-1][4] + apr * 0
    return check


def timed(function, amounts: list[Decimal]) -> float:
    started = time.perf_counter()
    function(amounts)
    return time.perf_counter() - started


def main() -> None:
    amounts = principals()
    if engine(amounts[:50]) != plain(amounts[:50]):
        sys.exit("the yardstick does not compute the engine's schedules")
    # Rounds interleave the three so a busy neighbour slows them alike; the best round counts.
    rounds = [
        (timed(plain, amounts), timed(plain_with_apr, amounts), timed(engine, amounts))
        for _ in range(ROUNDS)
    ]
    plain_time, apr_time, engine_time = (min(column) for column in zip(*rounds, strict=True))
    print(
        f"{COUNT} monthly schedules of {INSTALLMENTS} installments with dates "
        f"(best of {ROUNDS} rounds)"
    )
    print(f"  plain Decimal loop (yardstick):   {plain_time:7.3f} s")
    print(f"  plain loop + APR:                 {apr_time:7.3f} s")
    print(f"  loans.engine.build_schedule:      {engine_time:7.3f} s")
    ratio = engine_time / plain_time
    print(
        f"  engine / yardstick = {ratio:.2f} (limit 3.00); engine / loop+APR = "
        f"{engine_time / apr_time:.2f}"
    )
    if ratio > 3:
        sys.exit("the engine is more than three times slower than the plain loop")


if __name__ == "__main__":
    main()
