"""One loan's whole life with exact amounts, through the services (issue 6, "what it must show").

Amina asks 1,200.00 € of the professional microcredit (7.45 % a year, 12 monthly annuities,
a 5 % fee kept back at payout). The schedule, by hand (i = 7.45 % / 12 = 0.0062083…):
A = 1200 × i / (1 − (1 + i)^−12) = 104.0826… → 104.08; the first interest is
round(1200 × i) = 7.45, so the first principal part is 96.63; the last installment takes the
remaining 103.45 of principal plus 0.64 of interest = 104.09. Total interest 48.97.

Then: an on-time payment, a late one, a bounced cheque reversed, a backdated cash payment
(replayed in date order), a prepayment (shorter term), and the early payoff. The balances are
checked at each step, and the ledger reconciles at the end.
"""

import datetime
from decimal import Decimal as D

import pytest

from incubator.models import AuditEntry
from loans.models import Application, Installment, Loan, Payment
from loans.selectors import loan_overview
from loans.services import applications as flow
from loans.services import repayments, servicing
from loans.services.disbursement import application_disburse
from tests.fixtures_loans import at, new_key, reviewed

pytestmark = pytest.mark.django_db

day = datetime.date


def balances(loan, today):
    loan.refresh_from_db()
    view = loan_overview(loan, today=today)
    return view.outstanding_principal, view.outstanding_total, view.days_past_due


def settled(loan):
    return {
        row.number: row.settled_on
        for row in loan.schedule.filter(superseded_by__isnull=True).order_by("number")
    }


def test_a_loan_from_application_to_early_payoff(amina, microcredit, adviser, committee):
    # The application: drafted, submitted, reviewed, sent, approved (all audited).
    with at(day(2026, 1, 2)):
        application = flow.application_create(
            actor=adviser, participant=amina, product=microcredit, amount=D("1200.00"),
            installments=12, purpose="Une machine à coudre et du tissu.",
        )  # fmt: skip
        flow.application_submit(application=application, actor=adviser)
        reviewed(application, adviser)
        flow.application_send_to_committee(application=application, actor=adviser)
        flow.application_approve(application=application, actor=committee)
    application.refresh_from_db()
    assert application.state == Application.State.APPROVED
    assert application.decided_by == committee and application.reviewed_by == adviser

    # The payout on 5 January: the loan, its 12 installments and the 60.00 fee.
    with at(day(2026, 1, 5)):
        loan, created = application_disburse(application=application, actor=adviser)
    assert created
    assert (loan.principal, loan.fees_total, loan.net_disbursed) == (
        D("1200.00"), D("60.00"), D("1140.00"),
    )  # fmt: skip
    assert (loan.apr, loan.total_interest) == (D("18.62"), D("48.97"))
    rows = list(loan.schedule.order_by("number"))
    assert [(r.due_date, r.principal, r.interest) for r in rows[:2]] == [
        (day(2026, 2, 5), D("96.63"), D("7.45")),
        (day(2026, 3, 5), D("97.23"), D("6.85")),
    ]
    assert rows[-1].total == D("104.09") and {r.total for r in rows[:-1]} == {D("104.08")}
    assert balances(loan, day(2026, 1, 5)) == (D("1200.00"), D("1248.97"), 0)

    def pay(amount, on, today=None):
        return repayments.repayment_post(
            loan=loan, amount=D(amount), value_date=on, method="cash",
            idempotency_key=new_key(), actor=adviser, today=today or on,
        ).payment  # fmt: skip

    # On time: installment 1 on its due date.
    pay("104.08", day(2026, 2, 5))
    assert balances(loan, day(2026, 2, 5)) == (D("1103.37"), D("1144.89"), 0)

    # Late: installment 2 (due 5 March) is unpaid on the 10th; the nightly job sees it.
    assert servicing.arrears_update(today=day(2026, 3, 10)) == 1
    loan.refresh_from_db()
    assert loan.arrears_since == day(2026, 3, 5)
    assert balances(loan, day(2026, 3, 10)) == (D("1103.37"), D("1144.89"), 5)
    pay("104.08", day(2026, 3, 20))
    assert balances(loan, day(2026, 3, 20)) == (D("1006.14"), D("1040.81"), 0)
    assert loan.arrears_since is None
    assert settled(loan)[2] == day(2026, 3, 20)

    # A cheque for installment 3, which bounces: reversed by a reversing entry.
    cheque = pay("104.08", day(2026, 4, 5))
    assert balances(loan, day(2026, 4, 5)) == (D("908.31"), D("936.73"), 0)
    repayments.payment_reverse(
        payment=cheque, actor=adviser, reason="Chèque sans provision",
        idempotency_key=new_key(), today=day(2026, 4, 9),
    )  # fmt: skip
    assert balances(loan, day(2026, 4, 9)) == (D("1006.14"), D("1040.81"), 4)
    cheque.refresh_from_db()
    assert cheque.amount == D("104.08")  # the original row is untouched
    assert list(Payment.objects.filter(reverses=cheque).values_list("amount", flat=True)) == [
        D("-104.08")
    ]

    # The May payment pays the oldest installment first (3), then Amina brings the receipt of
    # a cash payment made on 20 April: recorded backdated, the loan is replayed in date order.
    pay("104.08", day(2026, 5, 5))
    assert settled(loan)[3] == day(2026, 5, 5) and settled(loan)[4] is None
    pay("104.08", day(2026, 4, 20), today=day(2026, 5, 7))
    assert (settled(loan)[3], settled(loan)[4]) == (day(2026, 4, 20), day(2026, 5, 5))
    assert balances(loan, day(2026, 5, 7)) == (D("809.87"), D("832.65"), 0)

    # June: installment 5, then 300.00 prepaid, keeping the installment (shorter term).
    pay("104.08", day(2026, 6, 5))
    assert balances(loan, day(2026, 6, 5)) == (D("710.82"), D("728.57"), 0)
    repayments.loan_prepay(
        loan=loan, amount=D("300.00"), value_date=day(2026, 6, 5), mode="shorter_term",
        method="transfer", idempotency_key=new_key(), actor=adviser, today=day(2026, 6, 5),
    )  # fmt: skip
    # 410.82 left: round(410.82 × i) = 2.55 of interest, 104.08 − 2.55 = 101.53 of principal…
    # five installments instead of seven, the last one 0.91 + 0.01.
    new = list(loan.schedule.filter(superseded_by__isnull=True, number__gt=5).order_by("number"))
    assert [(r.number, r.due_date, r.principal, r.interest) for r in new] == [
        (6, day(2026, 7, 5), D("101.53"), D("2.55")),
        (7, day(2026, 8, 5), D("102.16"), D("1.92")),
        (8, day(2026, 9, 5), D("102.79"), D("1.29")),
        (9, day(2026, 10, 5), D("103.43"), D("0.65")),
        (10, day(2026, 11, 5), D("0.91"), D("0.01")),
    ]
    assert Installment.objects.filter(loan=loan, superseded_by__isnull=False).count() == 7
    assert balances(loan, day(2026, 6, 5)) == (D("410.82"), D("417.24"), 0)

    # July 20: installment 6 (due on the 5th) is unpaid; the payoff quote is that installment,
    # the principal not yet due and 15 days of interest: round(309.29 × 7.45 % × 15 / 365).
    quote = repayments.payoff_quote_for(loan, day(2026, 7, 20))
    assert (quote.unpaid_due, quote.outstanding_principal, quote.accrued_interest) == (
        D("104.08"), D("309.29"), D("0.95"),
    )  # fmt: skip
    assert quote.total == D("414.32")
    repayments.loan_payoff(
        loan=loan, amount=quote.total, value_date=day(2026, 7, 20), method="card",
        idempotency_key=new_key(), actor=adviser, today=day(2026, 7, 20),
    )  # fmt: skip
    loan.refresh_from_db()
    assert (loan.state, loan.closed_on) == (Loan.State.REPAID, day(2026, 7, 20))
    assert balances(loan, day(2026, 7, 20)) == (D("0.00"), D("0.00"), 0)

    # Everything paid: 5 installments of 104.08, 300.00 prepaid and the 414.32 payoff; that is
    # the 1,200.00 lent plus 34.72 of interest. The ledger reconciles.
    net = sum(Payment.objects.filter(loan=loan).values_list("amount", flat=True), D(0))
    assert net == D("1234.72")
    assert servicing.reconcile() == []
    actions = list(
        AuditEntry.objects.filter(subject_id=loan.pk, action__startswith="payment")
        .order_by("pk")
        .values_list("action", flat=True)
    )
    assert actions.count("payment_reversed") == 1 and actions[-1] == "payment_payoff"
