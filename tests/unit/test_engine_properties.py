"""Invariants of the engine over random terms (hypothesis), and agreement with an exact
rational re-implementation of DESIGN.md's convention."""

import math
from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from incubator.lib.periods import Frequency
from loans.engine import (
    Due,
    LoanTerms,
    Method,
    PrepaymentMode,
    allocate_payment,
    build_schedule,
    prepay,
)

D = Decimal

cents = st.integers(min_value=1, max_value=10**9).map(lambda c: D(c).scaleb(-2))
rates = st.integers(min_value=0, max_value=6000).map(lambda r: D(r).scaleb(-2))  # 0–60 %


@st.composite
def loan_terms(draw, *, fees=False, irregular=True):
    installments = draw(st.integers(min_value=1, max_value=120))
    disbursed = draw(st.dates(min_value=date(2020, 1, 1), max_value=date(2035, 12, 31)))
    first_due = None
    if irregular and draw(st.booleans()):
        first_due = disbursed + timedelta(days=draw(st.integers(min_value=1, max_value=70)))
    fee_percent = fee_fixed = D(0)
    if fees:
        fee_percent = D(draw(st.integers(min_value=100, max_value=500))).scaleb(-2)  # 1–5 %
        fee_fixed = D(draw(st.integers(min_value=0, max_value=5000))).scaleb(-2)
    return LoanTerms(
        principal=draw(cents),
        annual_rate=draw(rates),
        installments=installments,
        frequency=draw(st.sampled_from(list(Frequency))),
        method=draw(st.sampled_from(list(Method))),
        disbursement_date=disbursed,
        first_due_date=first_due,
        grace_periods=draw(st.integers(min_value=0, max_value=installments - 1)),
        fee_percent=fee_percent,
        fee_fixed=fee_fixed,
        round_installment_to=draw(st.sampled_from([None, None, None, D("1.00"), D("0.05")])),
    )


@settings(max_examples=300, deadline=None)
@given(loan_terms())
def test_principal_parts_sum_to_the_principal_and_rows_add_up(terms):
    schedule = build_schedule(terms)
    assert len(schedule.rows) == terms.installments
    assert sum(row.principal for row in schedule.rows) == terms.principal
    assert schedule.rows[-1].balance == 0
    assert schedule.total_interest == sum(row.interest for row in schedule.rows)
    for row in schedule.rows:
        assert row.total == row.principal + row.interest
        for amount in (row.principal, row.interest, row.balance):
            assert amount == amount.quantize(D("0.01"))  # whole cents, nothing hidden


@settings(max_examples=300, deadline=None)
@given(loan_terms())
def test_the_balance_never_goes_negative_nor_rises_and_stays_put_during_grace(terms):
    schedule = build_schedule(terms)
    previous = terms.principal
    for row in schedule.rows:
        assert D(0) <= row.balance <= previous
        assert row.principal >= 0 and row.interest >= 0
        if row.number <= terms.grace_periods:
            assert row.balance == terms.principal and row.principal == 0
        previous = row.balance


@settings(max_examples=200, deadline=None)
@given(loan_terms(fees=True), st.integers(min_value=10_000, max_value=10**9))
def test_with_fees_the_apr_exceeds_the_nominal_rate(terms, principal_cents):
    # Fees of 1 to 5 % (plus up to 1 % fixed) on at least 100.00, enough to show at two
    # decimals, and a first period of a week at least (a fee for a loan of one day is beyond
    # a billion percent: refused, see the test below).
    principal = D(principal_cents).scaleb(-2)
    first_due = terms.first_due_date
    if first_due is not None:
        first_due = max(first_due, terms.disbursement_date + timedelta(days=7))
    terms = replace(
        terms,
        principal=principal,
        fee_fixed=min(terms.fee_fixed, (principal / 100).quantize(D("0.01"))),
        first_due_date=first_due,
    )
    schedule = build_schedule(terms)
    assert schedule.total_fees > 0
    assert schedule.apr > terms.annual_rate


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.tuples(cents, cents, cents).map(lambda t: (t[0] % 1000, t[1] % 100000, t[2])),
        min_size=0,
        max_size=8,
    ),
    st.integers(min_value=0, max_value=10**10).map(lambda c: D(c).scaleb(-2)),
    st.permutations(["fees", "interest", "principal"]),
)
def test_allocation_never_exceeds_what_is_due_and_sums_to_the_payment(amounts, payment, order):
    dues = [Due(k + 1, f, i, p) for k, (f, i, p) in enumerate(amounts)]
    result = allocate_payment(dues, payment, order)
    by_number = {due.number: due for due in dues}
    assert sum(part.total for part in result.parts) + result.excess == payment
    assert result.excess >= 0
    for part in result.parts:
        due = by_number[part.number]
        assert 0 <= part.fees <= due.fees
        assert 0 <= part.interest <= due.interest
        assert 0 <= part.principal <= due.principal
        assert part.total > 0
    numbers = [part.number for part in result.parts]
    assert numbers == sorted(numbers)
    # Oldest first: every installment before the last one reached is paid in full.
    for part in result.parts[:-1]:
        assert part.total == by_number[part.number].total
    if result.excess > 0:
        assert sum(part.total for part in result.parts) == sum(due.total for due in dues)


@settings(max_examples=150, deadline=None)
@given(
    loan_terms(irregular=False),
    st.integers(min_value=0, max_value=10**4),
    st.sampled_from(list(PrepaymentMode)),
    st.integers(min_value=0, max_value=40),
)
def test_a_prepayment_leaves_a_schedule_that_repays_exactly_the_new_balance(
    terms, paid_seed, mode, days
):
    schedule = build_schedule(terms)
    paid = paid_seed % len(schedule.rows)
    outstanding = schedule.rows[paid - 1].balance if paid else terms.principal
    if outstanding == 0:
        return
    amount = max(D("0.01"), (outstanding / 3).quantize(D("0.01")))
    previous = schedule.rows[paid - 1].due_date if paid else terms.disbursement_date
    on = min(previous + timedelta(days=days), schedule.rows[paid].due_date - timedelta(days=1))
    result = prepay(schedule=schedule, paid_installments=paid, amount=amount, on=on, mode=mode)
    assert sum(row.principal for row in result.rows) == outstanding - amount
    assert [row.number for row in result.rows] == list(range(paid + 1, paid + 1 + len(result.rows)))
    assert len(result.rows) <= len(schedule.rows) - paid
    assert all(row.total == row.principal + row.interest for row in result.rows)


# --- An exact re-implementation in fractions --------------------------------------------------


def half_up(value: Fraction) -> Fraction:
    """Round a non-negative rational half-up to the cent."""
    return Fraction(math.floor(value * 100 + Fraction(1, 2)), 100)


def reference_rows(terms: LoanTerms) -> list[tuple[Fraction, Fraction, Fraction]]:
    """DESIGN.md's convention for a regular first period, in exact rationals."""
    principal = Fraction(terms.principal)
    n, g = terms.installments, terms.grace_periods
    i = Fraction(terms.annual_rate) / 100 / terms.frequency.periods_per_year
    if terms.method is Method.DECLINING_EQUAL_INSTALLMENTS:
        fixed = half_up(
            principal / (n - g) if i == 0 else principal * i / (1 - (1 + i) ** -(n - g))
        )
    else:
        fixed = half_up(principal / (n - g))
    flat_interest, flat_total = half_up(principal * i), half_up(principal * i * n)
    balance, charged, rows = principal, Fraction(0), []
    for k in range(n):
        if terms.method is Method.FLAT:
            interest = (
                flat_total - charged if k == n - 1 else min(flat_interest, flat_total - charged)
            )
            charged += interest
        else:
            interest = half_up(balance * i)
        if k < g:
            part = Fraction(0)
        elif k == n - 1:
            part = balance
        elif terms.method is Method.DECLINING_EQUAL_INSTALLMENTS:
            part = min(max(fixed - interest, Fraction(0)), balance)
        else:
            part = min(fixed, balance)
        balance -= part
        rows.append((part, interest, balance))
    return rows


@settings(max_examples=300, deadline=None)
@given(loan_terms(irregular=False))
def test_the_engine_matches_exact_rational_arithmetic_to_the_cent(terms):
    terms = replace(terms, round_installment_to=None)
    schedule = build_schedule(terms)
    expected = reference_rows(terms)
    got = [
        (Fraction(row.principal), Fraction(row.interest), Fraction(row.balance))
        for row in schedule.rows
    ]
    assert got == expected
