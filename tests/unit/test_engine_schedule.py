"""Reference schedules, to the cent, computed by hand from DESIGN.md's convention.

Each test states the hand computation in its comment: i = R / 100 / periods a year, every
rounding half-up to the cent, interest = round(balance × i), the last row taking the whole
remaining balance. Rows are compared as (number, due date, principal, interest, total,
balance) with exact Decimal literals.
"""

from datetime import date
from decimal import Decimal

import pytest

from loans.engine import LoanTerms, Method, TermsError, build_schedule, upfront_fees

D = Decimal


def terms(**overrides) -> LoanTerms:
    values = {
        "principal": D("1000.00"),
        "annual_rate": D(12),
        "installments": 3,
        "frequency": "monthly",
        "method": Method.DECLINING_EQUAL_INSTALLMENTS,
        "disbursement_date": date(2026, 1, 15),
    }
    values.update(overrides)
    return LoanTerms(**values)


def table(schedule):
    return [
        (row.number, row.due_date, row.principal, row.interest, row.total, row.balance)
        for row in schedule.rows
    ]


def test_annuity_monthly_three_installments():
    # i = 12 / 100 / 12 = 0.01. A = 1000 × 0.01 / (1 − 1.01^−3) = 10 / 0.0294098… = 340.0221…
    # → 340.02. Row 1: interest 1000 × 0.01 = 10.00, principal 340.02 − 10.00 = 330.02,
    # balance 669.98. Row 2: 669.98 × 0.01 = 6.6998 → 6.70, principal 333.32, balance 336.66.
    # Row 3: 336.66 × 0.01 = 3.3666 → 3.37; principal = the whole balance 336.66, total 340.03.
    # Due dates: one month after 15 January, then month by month.
    schedule = build_schedule(terms())
    assert table(schedule) == [
        (1, date(2026, 2, 15), D("330.02"), D("10.00"), D("340.02"), D("669.98")),
        (2, date(2026, 3, 15), D("333.32"), D("6.70"), D("340.02"), D("336.66")),
        (3, date(2026, 4, 15), D("336.66"), D("3.37"), D("340.03"), D("0.00")),
    ]
    assert schedule.installment_amount == D("340.02")
    assert schedule.total_interest == D("20.07")  # 10.00 + 6.70 + 3.37
    assert (schedule.total_fees, schedule.total_cost) == (D("0.00"), D("20.07"))
    # No fees: the APR is the effective rate of 1 % a month, 1.01^12 − 1 = 12.6825 %, nudged
    # by the cent rounding of the installments; an independent solver agrees in test_engine_apr.
    assert schedule.apr == D("12.68")


def test_equal_principal_biweekly():
    # i = 13 / 100 / 26 = 0.005 exactly. Principal part round(1000 / 4) = 250.00.
    # Interest: 1000 × 0.005 = 5.00, 750 × 0.005 = 3.75, 2.50, 1.25.
    # Dates every 14 days from 5 January: 19 Jan, 2 Feb, 16 Feb, 2 Mar.
    schedule = build_schedule(
        terms(
            annual_rate=D(13),
            installments=4,
            frequency="biweekly",
            method=Method.DECLINING_EQUAL_PRINCIPAL,
            disbursement_date=date(2026, 1, 5),
        )
    )
    assert table(schedule) == [
        (1, date(2026, 1, 19), D("250.00"), D("5.00"), D("255.00"), D("750.00")),
        (2, date(2026, 2, 2), D("250.00"), D("3.75"), D("253.75"), D("500.00")),
        (3, date(2026, 2, 16), D("250.00"), D("2.50"), D("252.50"), D("250.00")),
        (4, date(2026, 3, 2), D("250.00"), D("1.25"), D("251.25"), D("0.00")),
    ]
    # The regular installment of a declining-principal loan is its first (the largest).
    assert schedule.installment_amount == D("255.00")
    assert schedule.total_interest == D("12.50")
    # Effective rate of 0.5 % every two weeks: 1.005^26 − 1 = 13.8459… %.
    assert schedule.apr == D("13.85")


def test_flat_weekly_last_period_takes_the_interest_remainder():
    # i = 10 / 100 / 52 = 0.0019230769…; interest each week round(1000 × i) = round(1.923…)
    # = 1.92; total F = round(1000 × i × 3) = round(5.769…) = 5.77, so the last week takes
    # 5.77 − 1.92 − 1.92 = 1.93. Principal part round(1000 / 3) = 333.33, the last 333.34.
    schedule = build_schedule(
        terms(
            annual_rate=D(10),
            frequency="weekly",
            method=Method.FLAT,
            disbursement_date=date(2026, 1, 5),
        )
    )
    assert table(schedule) == [
        (1, date(2026, 1, 12), D("333.33"), D("1.92"), D("335.25"), D("666.67")),
        (2, date(2026, 1, 19), D("333.33"), D("1.92"), D("335.25"), D("333.34")),
        (3, date(2026, 1, 26), D("333.34"), D("1.93"), D("335.27"), D("0.00")),
    ]
    assert schedule.installment_amount == D("335.25")
    assert schedule.total_interest == D("5.77")


def test_annuity_weekly():
    # i = 5.2 / 100 / 52 = 0.001. A = 520 × 0.001 / (1 − 1.001^−2) = 0.52 / 0.001997004
    # = 260.390… → 260.39. Row 1: interest 0.52, principal 259.87, balance 260.13.
    # Row 2: 260.13 × 0.001 = 0.26013 → 0.26, principal 260.13, total 260.39.
    schedule = build_schedule(
        terms(
            principal=D("520.00"),
            annual_rate=D("5.2"),
            installments=2,
            frequency="weekly",
            disbursement_date=date(2026, 1, 5),
        )
    )
    assert table(schedule) == [
        (1, date(2026, 1, 12), D("259.87"), D("0.52"), D("260.39"), D("260.13")),
        (2, date(2026, 1, 19), D("260.13"), D("0.26"), D("260.39"), D("0.00")),
    ]
    assert schedule.apr == D("5.33")  # 1.001^52 − 1 = 5.3348… %


def test_grace_period_pays_interest_only_and_dates_clamp_to_month_end():
    # i = 6 / 100 / 12 = 0.005; one grace month, then an annuity over n − g = 3 months:
    # A = 1200 × 0.005 / (1 − 1.005^−3) = 6 / 0.0148512… = 404.00997… → 404.01.
    # Row 1 (grace): interest 6.00, principal 0. Row 2: 6.00, principal 398.01 → 801.99.
    # Row 3: 801.99 × 0.005 = 4.00995 → 4.01 (half-up), principal 400.00 → 401.99.
    # Row 4: 401.99 × 0.005 = 2.00995 → 2.01, principal 401.99, total 404.00.
    # Disbursed on 31 March: first due one month later, clamped to 30 April; later dates step
    # from that first due date (DESIGN.md), so 30 May, 30 June, 30 July.
    schedule = build_schedule(
        terms(
            principal=D("1200.00"),
            annual_rate=D(6),
            installments=4,
            grace_periods=1,
            disbursement_date=date(2026, 3, 31),
        )
    )
    assert table(schedule) == [
        (1, date(2026, 4, 30), D("0.00"), D("6.00"), D("6.00"), D("1200.00")),
        (2, date(2026, 5, 30), D("398.01"), D("6.00"), D("404.01"), D("801.99")),
        (3, date(2026, 6, 30), D("400.00"), D("4.01"), D("404.01"), D("401.99")),
        (4, date(2026, 7, 30), D("401.99"), D("2.01"), D("404.00"), D("0.00")),
    ]
    assert schedule.installment_amount == D("404.01")  # the installment after grace
    assert schedule.total_interest == D("18.02")
    assert schedule.apr == D("6.17")  # 1.005^12 − 1 = 6.1678… %


@pytest.mark.parametrize("method", list(Method))
def test_zero_rate_splits_the_principal_with_the_last_row_taking_the_cent(method):
    # i = 0: A = P / n = 33.333… → 33.33 (and the equal or flat part likewise); the last row
    # takes 100.00 − 66.66 = 33.34. No interest, no fee: the APR is 0.00.
    schedule = build_schedule(
        terms(principal=D("100.00"), annual_rate=D(0), method=method),
    )
    assert table(schedule) == [
        (1, date(2026, 2, 15), D("33.33"), D("0.00"), D("33.33"), D("66.67")),
        (2, date(2026, 3, 15), D("33.33"), D("0.00"), D("33.33"), D("33.34")),
        (3, date(2026, 4, 15), D("33.34"), D("0.00"), D("33.34"), D("0.00")),
    ]
    assert (schedule.total_interest, schedule.apr) == (D("0.00"), D("0.00"))


def test_percent_fee_and_the_apr_of_one_installment():
    # One monthly installment: interest 1000 × 0.01 = 10.00, total 1010.00. The 1 % fee,
    # 10.00, is kept at disbursement, so the borrower receives 990.00 and
    # 990 = 1010 × (1 + X)^(−1/12), X = (1010 / 990)^12 − 1 = 1.0202020…^12 − 1
    # = e^(12 × 0.0200006661) − 1 = e^0.2400080 − 1 = 27.1259… % → 27.13.
    schedule = build_schedule(
        terms(installments=1, fee_percent=D(1), disbursement_date=date(2026, 1, 5))
    )
    assert table(schedule) == [
        (1, date(2026, 2, 5), D("1000.00"), D("10.00"), D("1010.00"), D("0.00")),
    ]
    assert (schedule.total_fees, schedule.total_cost) == (D("10.00"), D("20.00"))
    assert schedule.apr == D("27.13")


def test_fixed_fee_on_an_interest_free_loan_still_costs_something():
    # 1000 lent at 0 % with a 50.00 fee: 950 received, 1000 repaid a month later.
    # X = (1000 / 950)^12 − 1 = e^(12 × 0.0512933) − 1 = e^0.6155195 − 1 = 85.0596… %.
    schedule = build_schedule(terms(installments=1, annual_rate=D(0), fee_fixed=D("50.00")))
    assert schedule.total_interest == D("0.00")
    assert (schedule.total_fees, schedule.total_cost) == (D("50.00"), D("50.00"))
    assert schedule.apr == D("85.06")


def test_fees_combine_percent_rounded_half_up_and_fixed():
    # 1.25 % of 1234.00 = 15.425 → 15.43 (half-up), plus 20.00 fixed.
    assert upfront_fees(
        terms(principal=D("1234.00"), fee_percent=D("1.25"), fee_fixed=D("20.00"))
    ) == D("35.43")


def test_an_irregular_first_period_charges_interest_for_its_actual_days():
    # Disbursed 5 January, first due 20 February: 46 days instead of one month.
    # A stays the regular annuity, 340.02 (first test). Row 1 interest:
    # 1000 × 0.12 × 46 / 365 = 15.1232… → 15.12; principal 340.02 − 15.12 = 324.90 → 675.10.
    # Row 2: 675.10 × 0.01 = 6.751 → 6.75, principal 333.27 → 341.83. Row 3: 3.4183 → 3.42,
    # principal 341.83, total 345.25: the last row absorbs the longer first period.
    schedule = build_schedule(
        terms(disbursement_date=date(2026, 1, 5), first_due_date=date(2026, 2, 20))
    )
    assert table(schedule) == [
        (1, date(2026, 2, 20), D("324.90"), D("15.12"), D("340.02"), D("675.10")),
        (2, date(2026, 3, 20), D("333.27"), D("6.75"), D("340.02"), D("341.83")),
        (3, date(2026, 4, 20), D("341.83"), D("3.42"), D("345.25"), D("0.00")),
    ]
    assert schedule.total_interest == D("25.29")
    # t1 = 46/365, then + 1/12 and + 2/12: checked by an independent solver in test_engine_apr.
    assert schedule.apr == D("12.66")


def test_a_short_irregular_first_period_on_a_flat_loan_with_grace():
    # Flat, 12 %, 3 monthly installments, one of grace, first due 20 days after disbursement.
    # First interest round(1000 × 0.12 × 20 / 365) = round(6.5753…) = 6.58; a regular month
    # round(1000 × 0.01) = 10.00; F = round(1000 × 0.12 × (20/365 + 2/12)) = round(26.5753…)
    # = 26.58, so the last takes 26.58 − 6.58 − 10.00 = 10.00. Principal part 1000 / 2 = 500.00.
    schedule = build_schedule(
        terms(
            method=Method.FLAT,
            grace_periods=1,
            disbursement_date=date(2026, 1, 5),
            first_due_date=date(2026, 1, 25),
        )
    )
    assert table(schedule) == [
        (1, date(2026, 1, 25), D("0.00"), D("6.58"), D("6.58"), D("1000.00")),
        (2, date(2026, 2, 25), D("500.00"), D("10.00"), D("510.00"), D("500.00")),
        (3, date(2026, 3, 25), D("500.00"), D("10.00"), D("510.00"), D("0.00")),
    ]
    assert schedule.total_interest == D("26.58")


def test_installment_rounded_up_to_the_euro_with_the_last_taking_the_difference():
    # A = 340.0221… rounded UP to a multiple of 1.00: 341.00. Row 1: interest 10.00,
    # principal 331.00 → 669.00. Row 2: 6.69, principal 334.31 → 334.69.
    # Row 3: 334.69 × 0.01 = 3.3469 → 3.35, principal 334.69, total 338.04.
    schedule = build_schedule(terms(round_installment_to=D("1.00")))
    assert table(schedule) == [
        (1, date(2026, 2, 15), D("331.00"), D("10.00"), D("341.00"), D("669.00")),
        (2, date(2026, 3, 15), D("334.31"), D("6.69"), D("341.00"), D("334.69")),
        (3, date(2026, 4, 15), D("334.69"), D("3.35"), D("338.04"), D("0.00")),
    ]
    assert schedule.installment_amount == D("341.00")


def test_an_exact_half_cent_of_interest_rounds_up():
    # 120.00 at 7.45 % for a month: 120 × 7.45 / 1200 = 0.745 exactly. Computing i first
    # (0.0062083333…, truncated) would give 0.74499… → 0.74; one division gives 0.75.
    schedule = build_schedule(
        terms(principal=D("120.00"), annual_rate=D("7.45"), installments=1, method=Method.FLAT)
    )
    assert table(schedule)[0][2:] == (D("120.00"), D("0.75"), D("120.75"), D("0.00"))


def test_the_issue_example_five_thousand_at_7_45_over_36_months():
    # i = 7.45 / 1200 = 0.00620833…; A = 5000 × i / (1 − (1 + i)^−36) = 155.4163 → 155.42.
    # Row 1: 5000 × i = 31.041666… → 31.04, principal 124.38. Without fees the APR is the
    # effective rate (1 + i)^12 − 1 = 7.7111… %.
    schedule = build_schedule(
        terms(
            principal=D("5000.00"),
            annual_rate=D("7.45"),
            installments=36,
            disbursement_date=date(2026, 1, 5),
        )
    )
    assert schedule.installment_amount == D("155.42")
    assert table(schedule)[0] == (
        1, date(2026, 2, 5), D("124.38"), D("31.04"), D("155.42"), D("4875.62")
    )  # fmt: skip
    assert table(schedule)[-1][1] == date(2029, 1, 5)
    assert (schedule.total_interest, schedule.apr) == (D("594.94"), D("7.71"))
    assert sum(row.principal for row in schedule.rows) == D("5000.00")


def test_terms_accept_choice_strings_and_refuse_floats():
    assert terms(method="flat", frequency="weekly").method is Method.FLAT
    with pytest.raises(TermsError) as error:
        terms(annual_rate=7.45)
    assert error.value.field == "annual_rate"
    with pytest.raises(TermsError) as error:
        terms(method="balloon")
    assert error.value.field == "method"
    with pytest.raises(TermsError) as error:
        terms(frequency="daily")
    assert error.value.field == "frequency"


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"principal": D(0)}, "principal"),
        ({"principal": D("-5.00")}, "principal"),
        ({"principal": D("10.001")}, "principal"),
        ({"annual_rate": D(-1)}, "annual_rate"),
        ({"annual_rate": D(1001)}, "annual_rate"),
        ({"installments": 0}, "installments"),
        ({"grace_periods": 3}, "grace_periods"),
        ({"grace_periods": -1}, "grace_periods"),
        ({"first_due_date": date(2026, 1, 15)}, "first_due_date"),
        ({"first_due_date": date(2026, 1, 1)}, "first_due_date"),
        ({"fee_percent": D(-1)}, "fee_percent"),
        ({"fee_fixed": D("-1.00")}, "fee_fixed"),
        ({"fee_fixed": D("1000.00")}, "fee_fixed"),
        ({"round_installment_to": D(0)}, "round_installment_to"),
        ({"currency": "euro"}, "currency"),
    ],
)
def test_bad_terms_are_refused_naming_the_field(overrides, field):
    with pytest.raises(TermsError) as error:
        build_schedule(terms(**overrides))
    assert error.value.field == field
    assert isinstance(error.value, ValueError)  # the API's promise: ValueError on bad terms


def test_an_apr_beyond_a_billion_percent_is_refused():
    # 14 % of fees for a loan of one day: (100 / 86)^365 − 1 is about 10^23 %.
    with pytest.raises(TermsError) as error:
        build_schedule(
            terms(
                principal=D("100.00"),
                installments=1,
                fee_percent=D(14),
                disbursement_date=date(2026, 1, 1),
                first_due_date=date(2026, 1, 2),
            )
        )
    assert error.value.field == "fee_percent"


@pytest.mark.parametrize(("rounding", "precision"), [("ROUND_DOWN", 28), ("ROUND_HALF_EVEN", 12)])
def test_the_threads_decimal_context_changes_nothing(rounding, precision):
    # Every rounding the engine does is stated in code (quantize(..., ROUND_HALF_UP)) or runs in
    # its own explicit context: a caller's odd thread context cannot move a cent.
    import decimal

    kwargs = {
        "principal": D("123456.78"),
        "annual_rate": D("7.45"),
        "installments": 48,
        "first_due_date": date(2026, 3, 10),
        "grace_periods": 2,
        "fee_percent": D("1.25"),
        "fee_fixed": D("10.00"),
        "disbursement_date": date(2026, 1, 31),
    }
    expected = [build_schedule(terms(method=m, **kwargs)) for m in Method]
    with decimal.localcontext() as context:
        context.rounding = getattr(decimal, rounding)
        context.prec = precision
        assert [build_schedule(terms(method=m, **kwargs)) for m in Method] == expected
