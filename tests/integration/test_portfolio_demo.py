"""PAR on the demo portfolio equals a hand count; the report's other figures on the same data.

The demo (loans/demo.py) is loaded on Monday 23 November 2026. Its active loans, counted by
hand from their stories:

    loan     paid out     unpaid since   days late   principal still owed
    Amina    2026-03-23   —               0          3000.00 less 8 installments
    Olena    2026-08-23   —               0          2000.00 less 3 installments and 500.00
    Bilal    2026-07-13   2026-11-13     10          2400.00 − 3 × 200.00 = 1800.00
    Mariam   2026-05-08   2026-10-08     46          1500.00 less 4 installments
    Fatima   2026-04-13   2026-08-13    102          5000.00 less 3 installments
    (Nour's loan is repaid: it owes nothing.)

So PAR30 counts Mariam and Fatima, PAR90 Fatima alone, PAR1 Bilal too.
"""

import datetime
from decimal import Decimal as D

import pytest
from django.core.management import call_command

from loans import portfolio
from loans.models import Installment, Loan
from tests.fixtures_loans import at

pytestmark = pytest.mark.django_db
DEMO_DAY = datetime.date(2026, 11, 23)


@pytest.fixture
def demo(settings):
    settings.DEBUG = True
    with at(DEMO_DAY):
        call_command("seed_demo", verbosity=0)
        call_command("seed_demo", verbosity=0)  # idempotent: nothing doubles


def owed(first_name):
    """The principal still owed on a participant's loan, summed here row by row."""
    loan = Loan.objects.get(participant__first_name=first_name)
    rows = Installment.objects.filter(loan=loan, superseded_by__isnull=True)
    return sum((row.principal - row.principal_paid for row in rows), D(0))


def test_par30_on_the_demo_portfolio_equals_a_hand_count(demo):
    assert Loan.objects.count() == 6
    late = {
        loan.participant.first_name: (DEMO_DAY - loan.arrears_since).days
        for loan in Loan.objects.filter(arrears_since__isnull=False).select_related("participant")
    }
    assert late == {"Bilal": 10, "Mariam": 46, "Fatima": 102}
    assert owed("Bilal") == D("1800.00")
    assert owed("Mariam") == D("1012.33")
    assert owed("Fatima") == D("4624.54")
    assert owed("Nour") == D("0.00")
    total = sum(owed(name) for name in ("Amina", "Olena", "Bilal", "Mariam", "Fatima"))
    assert total == D("10499.81")

    report = portfolio.build(Loan.objects.all(), as_of=DEMO_DAY)
    assert report.outstanding == total
    assert report.par_amount[30] == owed("Mariam") + owed("Fatima") == D("5636.87")
    assert report.par[30] == D("53.69")  # 5636.87 / 10499.81 = 53.686 %
    assert (report.par[1], report.par[90]) == (D("70.83"), D("44.04"))
    buckets = {b.key: (b.count, b.outstanding) for b in report.buckets}
    assert buckets["1-30"] == (1, D("1800.00"))
    assert buckets["31-60"] == (1, D("1012.33"))
    assert buckets["91-180"] == (1, D("4624.54"))
    assert buckets["current"][0] == 2
    assert report.disbursed == D("15100.00") and report.disbursed_count == 6


def test_filters_narrow_the_report(demo):
    honour = Loan.objects.filter(product__name="Prêt d'honneur")
    report = portfolio.build(honour, as_of=DEMO_DAY)
    # Bilal's honour loan is the only one still owing: 1800.00, 10 days late.
    assert (report.outstanding, report.par[1], report.par[30]) == (
        D("1800.00"), D("100.00"), D("0.00"),
    )  # fmt: skip
    since_summer = portfolio.build(Loan.objects.all(), as_of=DEMO_DAY,
                                   start=datetime.date(2026, 7, 1))  # fmt: skip
    assert [m.month for m in since_summer.months] == [
        datetime.date(2026, 7, 1), datetime.date(2026, 8, 1),
    ]  # fmt: skip


def test_the_repayment_rate_is_collected_over_due(demo):
    report = portfolio.build(Loan.objects.all(), as_of=DEMO_DAY)
    assert report.due > report.collected > 0
    assert report.repayment_rate == (report.collected * 100 / report.due).quantize(D("0.01"))
