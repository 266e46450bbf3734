"""Payoff quotes, partial prepayments and rescheduling, by hand.

The loan used throughout: 1200.00 at 12 % (i = 0.01 a month) over 12 monthly installments,
disbursed on 5 January 2026. A = 1200 × 0.01 / (1 − 1.01^−12) = 106.6185… → 106.62; after
three installments the balance is 913.29 (rows: 94.62, 95.57 and 96.52 of principal).
"""

from datetime import date
from decimal import Decimal

import pytest

from incubator.lib.periods import Frequency
from loans.engine import (
    InstallmentBalance,
    LoanTerms,
    Method,
    PrepaymentMode,
    build_schedule,
    payoff_quote,
    prepay,
    reschedule,
)

D = Decimal


@pytest.fixture
def schedule():
    return build_schedule(
        LoanTerms(
            principal=D("1200.00"),
            annual_rate=D(12),
            installments=12,
            frequency=Frequency.MONTHLY,
            method=Method.DECLINING_EQUAL_INSTALLMENTS,
            disbursement_date=date(2026, 1, 5),
        )
    )


def balances(schedule, paid: int) -> list[InstallmentBalance]:
    """What is left on each installment when the first ``paid`` ones are settled."""
    return [
        InstallmentBalance(row.number, row.due_date, D("0.00"), row.interest, row.principal)
        for row in schedule.rows[paid:]
    ]


def test_the_fixture_schedule(schedule):
    assert schedule.installment_amount == D("106.62")
    assert schedule.rows[2].balance == D("913.29")
    assert schedule.rows[2].total == D("106.62")  # installment 3: 96.52 + 10.10


def quote(schedule, paid, as_of, **kwargs):
    return payoff_quote(
        installments=kwargs.pop("installments", None) or balances(schedule, paid),
        as_of=as_of,
        annual_rate=D(12),
        frequency=Frequency.MONTHLY,
        disbursement_date=date(2026, 1, 5),
        **kwargs,
    )


def test_payoff_with_an_unpaid_installment_and_interest_accrued_since_its_due_date(schedule):
    # Installments 1 and 2 paid, installment 3 (due 5 April, 106.62) unpaid; on 20 April:
    # unpaid due 106.62; outstanding principal = principal of 4..12 = 913.29;
    # accrued = 913.29 × 0.12 × 15 / 365 = 4.5039… → 4.50. Total 106.62 + 913.29 + 4.50.
    result = quote(schedule, 2, date(2026, 4, 20))
    assert (result.unpaid_due, result.outstanding_principal, result.accrued_interest) == (
        D("106.62"),
        D("913.29"),
        D("4.50"),
    )
    assert result.total == D("1024.41")
    assert result.as_of == date(2026, 4, 20)


def test_payoff_before_the_first_due_date_accrues_from_disbursement(schedule):
    # 20 days after disbursement: 1200 × 0.12 × 20 / 365 = 7.8904… → 7.89.
    result = quote(schedule, 0, date(2026, 1, 25))
    assert (result.unpaid_due, result.outstanding_principal, result.accrued_interest) == (
        D("0.00"),
        D("1200.00"),
        D("7.89"),
    )
    assert result.total == D("1207.89")


def test_payoff_on_a_due_date_owes_that_installment_and_no_accrued_interest(schedule):
    # On 5 February installment 1 (106.62) is due; the new period has run 0 days.
    result = quote(schedule, 0, date(2026, 2, 5))
    assert (result.unpaid_due, result.outstanding_principal, result.accrued_interest) == (
        D("106.62"),
        D("1105.38"),
        D("0.00"),
    )


def test_payoff_counts_unpaid_fees_and_deducts_interest_already_paid_on_the_next(schedule):
    # Installment 3 owes 5.00 of late fees too. Installment 4 had 2.00 of its interest paid
    # early, so only 4.50 − 2.00 = 2.50 of accrued interest is still owed.
    rows = balances(schedule, 2)
    rows[0] = InstallmentBalance(3, date(2026, 4, 5), D("5.00"), D("10.10"), D("96.52"))
    rows[1] = InstallmentBalance(
        4, date(2026, 5, 5), D("0.00"), D("7.13"), D("97.49"), interest_paid=D("2.00")
    )
    result = quote(schedule, 2, date(2026, 4, 20), installments=rows)
    assert (result.unpaid_due, result.accrued_interest, result.total) == (
        D("111.62"),
        D("2.50"),
        D("1027.41"),
    )


def test_payoff_after_the_last_due_date_is_what_is_unpaid(schedule):
    result = quote(schedule, 11, date(2027, 3, 1))
    assert (result.unpaid_due, result.outstanding_principal, result.accrued_interest) == (
        D("106.60"),
        D("0.00"),
        D("0.00"),
    )


def test_prepayment_on_a_due_date_keeping_the_installment_shortens_the_term(schedule):
    # 300.00 prepaid on 5 April with installment 3: B' = 913.29 − 300 = 613.29, A = 106.62.
    # 4: 6.1329 → 6.13, principal 100.49 → 512.80; 5: 5.128 → 5.13, 101.49 → 411.31;
    # 6: 4.1131 → 4.11, 102.51 → 308.80; 7: 3.088 → 3.09, 103.53 → 205.27;
    # 8: 2.0527 → 2.05, 104.57 → 100.70; 9: 1.007 → 1.01, the balance 100.70, total 101.71.
    result = prepay(
        schedule=schedule,
        paid_installments=3,
        amount=D("300.00"),
        on=date(2026, 4, 5),
        mode=PrepaymentMode.SHORTER_TERM,
    )
    assert [
        (r.number, r.due_date, r.principal, r.interest, r.total, r.balance) for r in result.rows
    ] == [
        (4, date(2026, 5, 5), D("100.49"), D("6.13"), D("106.62"), D("512.80")),
        (5, date(2026, 6, 5), D("101.49"), D("5.13"), D("106.62"), D("411.31")),
        (6, date(2026, 7, 5), D("102.51"), D("4.11"), D("106.62"), D("308.80")),
        (7, date(2026, 8, 5), D("103.53"), D("3.09"), D("106.62"), D("205.27")),
        (8, date(2026, 9, 5), D("104.57"), D("2.05"), D("106.62"), D("100.70")),
        (9, date(2026, 10, 5), D("100.70"), D("1.01"), D("101.71"), D("0.00")),
    ]
    assert result.installment_amount == D("106.62")
    assert (result.total_interest, result.total_fees) == (D("21.52"), D("0.00"))
    assert result.terms.principal == D("613.29")
    # No fee on the remainder: its APR is the effective rate of 1 % a month.
    assert result.apr == D("12.68")


def test_prepayment_mid_period_keeping_the_term_lowers_the_installment(schedule):
    # 300.00 prepaid on 20 April, after installment 3. A' over the 9 rows left on 613.29:
    # 6.1329 / (1 − 1.01^−9) = 6.1329 / 0.0856602 = 71.5956… → 71.60.
    # Row 4 interest: the old balance for 5 → 20 April, 913.29 × 0.12 × 15/365 = 4.5039 →
    # 4.50, plus the new one for 20 April → 5 May, 613.29 × 0.12 × 15/365 = 3.0245 → 3.02:
    # 7.52; principal 71.60 − 7.52 = 64.08 → 549.21. The last row absorbs the difference.
    result = prepay(
        schedule=schedule,
        paid_installments=3,
        amount=D("300.00"),
        on=date(2026, 4, 20),
        mode=PrepaymentMode.LOWER_INSTALLMENT,
    )
    rows = [(r.number, r.principal, r.interest, r.total, r.balance) for r in result.rows]
    assert len(rows) == 9
    assert rows[0] == (4, D("64.08"), D("7.52"), D("71.60"), D("549.21"))
    assert rows[1] == (5, D("66.11"), D("5.49"), D("71.60"), D("483.10"))  # 549.21 × 0.01
    assert rows[-1] == (12, D("72.34"), D("0.72"), D("73.06"), D("0.00"))
    assert result.rows[-1].due_date == date(2027, 1, 5)  # the term is kept
    assert sum(r.principal for r in result.rows) == D("613.29")
    assert result.installment_amount == D("71.60")


@pytest.mark.parametrize("method", list(Method))
@pytest.mark.parametrize("mode", list(PrepaymentMode))
def test_prepayment_repays_exactly_the_new_balance_and_keeps_remaining_grace(method, mode):
    original = build_schedule(
        LoanTerms(
            principal=D("1200.00"),
            annual_rate=D(12),
            installments=12,
            frequency=Frequency.MONTHLY,
            method=method,
            disbursement_date=date(2026, 1, 5),
            grace_periods=3,
        )
    )
    result = prepay(
        schedule=original,
        paid_installments=1,
        amount=D("500.00"),
        on=date(2026, 2, 20),
        mode=mode,
    )
    assert sum(r.principal for r in result.rows) == D("700.00")
    assert [r.principal for r in result.rows[:2]] == [D("0.00"), D("0.00")]  # grace 2 and 3
    assert result.rows[0].number == 2
    assert all(r.total == r.principal + r.interest for r in result.rows)
    if mode is PrepaymentMode.LOWER_INSTALLMENT:
        assert len(result.rows) == 11
    else:
        assert len(result.rows) < 11


def test_prepaying_everything_leaves_the_interest_accrued_to_that_day(schedule):
    # 913.29 × 0.12 × 15 / 365 = 4.50, due with the next installment date.
    result = prepay(
        schedule=schedule,
        paid_installments=3,
        amount=D("913.29"),
        on=date(2026, 4, 20),
        mode=PrepaymentMode.SHORTER_TERM,
    )
    assert [(r.number, r.due_date, r.principal, r.interest) for r in result.rows] == [
        (4, date(2026, 5, 5), D("0.00"), D("4.50"))
    ]


@pytest.mark.parametrize(
    ("paid", "amount", "on"),
    [
        (3, D("913.30"), date(2026, 4, 20)),  # more than the outstanding principal
        (3, D("0.00"), date(2026, 4, 20)),  # nothing
        (3, D("10.005"), date(2026, 4, 20)),  # a fraction of a cent
        (3, D("100.00"), date(2026, 4, 4)),  # before the last paid due date
        (3, D("100.00"), date(2026, 5, 6)),  # after the next due date: pay it first
        (12, D("1.00"), date(2027, 1, 5)),  # nothing left to prepay
        (-1, D("1.00"), date(2026, 1, 6)),
    ],
)
def test_prepayments_out_of_range_are_refused(schedule, paid, amount, on):
    with pytest.raises(ValueError):
        prepay(
            schedule=schedule,
            paid_installments=paid,
            amount=amount,
            on=on,
            mode=PrepaymentMode.SHORTER_TERM,
        )


def test_rescheduling_builds_new_terms_on_the_outstanding_balance():
    # 913.29 over 3 months at 6 % with equal principal: part 913.29 / 3 = 304.43;
    # interest 913.29 × 0.005 = 4.56645 → 4.57, 608.86 × 0.005 = 3.0443 → 3.04,
    # 304.43 × 0.005 = 1.52215 → 1.52.
    result = reschedule(
        outstanding=D("913.29"),
        terms=LoanTerms(
            principal=D("1.00"),  # replaced by the outstanding balance
            annual_rate=D(6),
            installments=3,
            frequency=Frequency.MONTHLY,
            method=Method.DECLINING_EQUAL_PRINCIPAL,
            disbursement_date=date(2026, 4, 5),
        ),
    )
    assert [(r.due_date, r.principal, r.interest, r.balance) for r in result.rows] == [
        (date(2026, 5, 5), D("304.43"), D("4.57"), D("608.86")),
        (date(2026, 6, 5), D("304.43"), D("3.04"), D("304.43")),
        (date(2026, 7, 5), D("304.43"), D("1.52"), D("0.00")),
    ]
    assert result.terms.principal == D("913.29")
