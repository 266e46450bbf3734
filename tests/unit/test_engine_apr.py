"""The APR (TAEG) against the EU directives' worked examples, hand computations and an
independent solver.

Directive 2008/48/EC, Annex I: amount received = Σ installment × (1 + X)^−t, t in years
(a year = 365 days, 52 weeks or 12 equal months). Its predecessor, Directive 98/7/EC,
Annex III, worked three examples on a calendar basis (1 year = 365 days), quoted below;
they are the same equation.
"""

from datetime import date
from decimal import ROUND_HALF_UP, Context, Decimal
from fractions import Fraction

import pytest

from incubator.lib.periods import Frequency, due_dates
from loans.engine import LoanTerms, Method, annual_percentage_rate, build_schedule
from loans.engine.apr import grid_apr

D = Decimal
_CTX = Context(prec=50)


def reference_apr(received: Decimal, flows: list[tuple[Fraction, Decimal]]) -> Decimal:
    """Plain bisection on X (not on v, no Newton): Σ c (1 + X)^−t − received changes sign."""

    def excess(x: Decimal) -> Decimal:
        base = _CTX.add(1, x)
        total = D(0)
        for t, amount in flows:
            exponent = _CTX.divide(D(t.numerator), D(t.denominator))
            total = _CTX.add(total, _CTX.multiply(amount, _CTX.power(base, -exponent)))
        return total - received

    low, high = D("-0.99"), D(100)
    for _ in range(120):
        middle = (low + high) / 2
        if excess(middle) > 0:
            low = middle
        else:
            high = middle
    return (low * 100).quantize(D("0.01"), rounding=ROUND_HALF_UP)


def test_directive_98_7_first_example_single_repayment_after_546_days():
    # 1000 lent on 1 January 1994, 1200 repaid on 1 July 1995, 546 days later:
    # 1000 = 1200 (1 + X)^(−546/365), X = 1.2^(365/546) − 1 = 12.96 % ("12,96 % if an
    # accuracy of two decimal places is preferred"). 18 months is not one period, so the
    # engine counts the first period in days, as the directive does here.
    apr = annual_percentage_rate(
        amount_received=D(1000),
        disbursement_date=date(1994, 1, 1),
        cash_flows=[(date(1995, 7, 1), D(1200))],
        frequency=Frequency.MONTHLY,
        first_due_date=date(1995, 7, 1),
    )
    assert apr == D("12.96")


def test_directive_98_7_second_example_fees_kept_by_the_creditor():
    # Same loan, but the creditor keeps 50 for expenses: 950 = 1200 (1 + X)^(−546/365),
    # X = (1200/950)^(365/546) − 1 = 16.90 % (the directive: "rounded to 16,9 %").
    apr = annual_percentage_rate(
        amount_received=D(950),
        disbursement_date=date(1994, 1, 1),
        cash_flows=[(date(1995, 7, 1), D(1200))],
        frequency=Frequency.MONTHLY,
        first_due_date=date(1995, 7, 1),
    )
    assert apr == D("16.90")


def test_directive_98_7_third_example_two_yearly_repayments():
    # 1000 lent, 600 repaid after one year and 600 after two:
    # 1000 = 600/(1+X) + 600/(1+X)², so 1 + X = (600 + √(600² + 4·1000·600)) / 2000
    # = 1.1306623, "rounded to 13,1 % (or 13,07 %)". On the monthly grid: the first due date
    # is 365 days away (t = 1), the second 12 whole months after it (t = 2).
    apr = annual_percentage_rate(
        amount_received=D(1000),
        disbursement_date=date(1994, 1, 1),
        cash_flows=[(date(1995, 1, 1), D(600)), (date(1996, 1, 1), D(600))],
        frequency=Frequency.MONTHLY,
        first_due_date=date(1995, 1, 1),
    )
    assert apr == D("13.07")
    assert grid_apr(
        amount_received=D(1000),
        totals=[D(600), D(600)],
        periods_per_year=1,
        first_period_days=None,
    ) == D("13.07")


@pytest.mark.parametrize(
    ("frequency", "expected"),
    [
        # 1000 received, 1001 repaid one period later: X = 1.001^ppy − 1.
        (Frequency.WEEKLY, D("5.33")),  # 1.001^52 − 1 = 5.3348… %
        (Frequency.BIWEEKLY, D("2.63")),  # 1.001^26 − 1 = 2.6329… % (a fortnight = 2/52)
        (Frequency.MONTHLY, D("1.21")),  # 1.001^12 − 1 = 1.2066… %
    ],
)
def test_one_period_is_a_twelfth_or_a_fifty_second_of_a_year(frequency, expected):
    first = due_dates(date(2026, 1, 5), frequency, 2)[1]
    apr = annual_percentage_rate(
        amount_received=D(1000),
        disbursement_date=date(2026, 1, 5),
        cash_flows=[(first, D(1001))],
        frequency=frequency,
        first_due_date=first,
    )
    assert apr == expected


def test_an_irregular_first_period_counts_days_over_365():
    # 1000 received, 1010 repaid 46 days later: X = 1.01^(365/46) − 1
    # = e^(7.9347826 × 0.0099503309) − 1 = e^0.0789537 − 1 = 8.2154… % → 8.22.
    apr = annual_percentage_rate(
        amount_received=D(1000),
        disbursement_date=date(2026, 1, 5),
        cash_flows=[(date(2026, 2, 20), D(1010))],
        frequency=Frequency.MONTHLY,
        first_due_date=date(2026, 2, 20),
    )
    assert apr == D("8.22")


def test_later_installments_count_whole_months_after_an_irregular_first_one():
    # The irregular schedule of test_engine_schedule: 340.02 at t = 46/365, 340.02 at
    # 46/365 + 1/12 and 345.25 at 46/365 + 2/12, for 1000 received.
    first = Fraction(46, 365)
    flows = [
        (first, D("340.02")),
        (first + Fraction(1, 12), D("340.02")),
        (first + Fraction(2, 12), D("345.25")),
    ]
    expected = reference_apr(D(1000), flows)
    assert expected == D("12.66")
    assert (
        annual_percentage_rate(
            amount_received=D(1000),
            disbursement_date=date(2026, 1, 5),
            cash_flows=[
                (date(2026, 2, 20), D("340.02")),
                (date(2026, 3, 20), D("340.02")),
                (date(2026, 4, 20), D("345.25")),
            ],
            frequency=Frequency.MONTHLY,
            first_due_date=date(2026, 2, 20),
        )
        == expected
    )


def test_a_payment_off_the_grid_adds_its_extra_days():
    # First due one month after disbursement (t = 1/12); a payment 12 months and 10 days
    # after it falls at 1/12 + 1 + 10/365.
    flows = [(Fraction(1, 12), D(500)), (Fraction(1, 12) + 1 + Fraction(10, 365), D(600))]
    assert annual_percentage_rate(
        amount_received=D(1000),
        disbursement_date=date(2026, 1, 5),
        cash_flows=[(date(2026, 2, 5), D(500)), (date(2027, 2, 15), D(600))],
        frequency=Frequency.MONTHLY,
        first_due_date=date(2026, 2, 5),
    ) == reference_apr(D(1000), flows)


@pytest.mark.parametrize("method", list(Method))
@pytest.mark.parametrize("frequency", list(Frequency))
def test_schedules_agree_with_an_independent_bisection(method, frequency):
    # 5000 at 7.45 % over 24 periods, two of grace, 1.5 % + 25.00 of fees: 4900.00 received.
    schedule = build_schedule(
        LoanTerms(
            principal=D("5000.00"),
            annual_rate=D("7.45"),
            installments=24,
            frequency=frequency,
            method=method,
            disbursement_date=date(2026, 1, 31),
            grace_periods=2,
            fee_percent=D("1.5"),
            fee_fixed=D("25.00"),
        )
    )
    assert schedule.total_fees == D("100.00")
    ppy = frequency.periods_per_year
    flows = [(Fraction(row.number, ppy), row.total) for row in schedule.rows]
    assert schedule.apr == reference_apr(D("4900.00"), flows)
    assert schedule.apr > D("7.45")


def test_no_fee_and_no_interest_is_zero_and_less_repaid_than_received_is_negative():
    kwargs = {
        "disbursement_date": date(2026, 1, 5),
        "frequency": Frequency.MONTHLY,
        "first_due_date": date(2026, 2, 5),
    }
    flows = [(date(2026, 2, 5), D(500)), (date(2026, 3, 5), D(500))]
    assert annual_percentage_rate(amount_received=D(1000), cash_flows=flows, **kwargs) == D("0.00")
    # 1000 received, 990 repaid a month later: (990/1000)^12 − 1 = −11.36 %.
    assert annual_percentage_rate(
        amount_received=D(1000), cash_flows=[(date(2026, 2, 5), D(990))], **kwargs
    ) == D("-11.36")


@pytest.mark.parametrize(
    "flows",
    [[], [(date(2026, 2, 5), D(0))], [(date(2026, 2, 5), D(-10))], [(date(2025, 2, 5), D(10))]],
)
def test_impossible_flows_are_refused(flows):
    # Nothing repaid, a negative flow, a payment before the loan: no rate balances them.
    with pytest.raises(ValueError):
        annual_percentage_rate(
            amount_received=D(1000),
            disbursement_date=date(2026, 1, 5),
            cash_flows=flows,
            frequency=Frequency.MONTHLY,
            first_due_date=date(2026, 2, 5),
        )
