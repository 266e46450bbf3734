"""Posting and reversing payments: idempotent, exact, append-only, re-allocated in date order."""

import datetime
from decimal import Decimal as D

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from incubator.errors import ConflictError, DomainError
from loans.models import Allocation, Installment, Loan, Payment
from loans.selectors import loan_overview
from loans.services import repayments, servicing
from tests.fixtures_loans import new_key

pytestmark = pytest.mark.django_db
day = datetime.date


def post(loan, adviser, amount, on, *, key=None, today=None, method="cash"):
    return repayments.repayment_post(
        loan=loan, amount=D(amount), value_date=on, method=method,
        idempotency_key=key or new_key(), actor=adviser, today=today or on,
    )  # fmt: skip


def test_a_replayed_key_returns_the_first_payment_and_records_nothing(amina_loan, adviser):
    key = new_key()
    first = post(amina_loan, adviser, "104.08", day(2026, 2, 5), key=key)
    again = post(amina_loan, adviser, "104.08", day(2026, 2, 5), key=key)
    assert (first.created, again.created) == (True, False)
    assert again.payment.pk == first.payment.pk
    assert Payment.objects.count() == 1 and Allocation.objects.count() == 1
    # The same key for another payment is a mistake, said clearly.
    with pytest.raises(DomainError) as error:
        post(amina_loan, adviser, "50.00", day(2026, 2, 5), key=key)
    assert error.value.code == "idempotency_mismatch"


def test_a_payment_pays_fees_interest_then_principal_oldest_first(amina_loan, adviser):
    payment = post(amina_loan, adviser, "150.00", day(2026, 2, 5)).payment
    parts = list(
        payment.allocations.order_by("installment__number").values_list(
            "installment__number", "interest", "principal", "credit"
        )
    )
    # 104.08 for installment 1 (7.45 + 96.63), the 45.92 left: interest 6.85 of the second,
    # then 39.07 of its principal.
    assert parts == [
        (1, D("7.45"), D("96.63"), D("0.00")),
        (2, D("6.85"), D("39.07"), D("0.00")),
    ]
    second = Installment.objects.get(loan=amina_loan, number=2)
    assert (second.paid, second.remaining, second.settled_on) == (D("45.92"), D("58.16"), None)


def test_an_overpayment_is_kept_as_a_credit_and_shown(honour_loan, amina, adviser, committee):
    from tests.fixtures_loans import disbursed

    loan = disbursed(
        participant=amina, product=honour_loan, adviser=adviser, committee=committee,
        amount=D("600.00"), installments=6,
    )  # fmt: skip
    result = post(loan, adviser, "650.00", day(2026, 2, 5))
    credit = result.payment.allocations.get(installment__isnull=True)
    assert credit.credit == D("50.00")
    view = loan_overview(loan, today=day(2026, 2, 5))
    assert (view.credit, view.outstanding_total) == (D("50.00"), D("0.00"))
    loan.refresh_from_db()
    assert (loan.state, loan.closed_on) == (Loan.State.REPAID, day(2026, 2, 5))
    assert servicing.reconcile() == []
    # A repaid loan takes no more payments.
    with pytest.raises(DomainError) as error:
        post(loan, adviser, "10.00", day(2026, 2, 6))
    assert error.value.code == "repaid"


def test_bad_payments_are_refused_and_change_nothing(amina_loan, adviser):
    cases = [
        ("0.00", day(2026, 2, 5), "cash", "amount"),
        ("-5.00", day(2026, 2, 5), "cash", "amount"),
        ("10.005", day(2026, 2, 5), "cash", "amount"),
        ("10.00", day(2026, 1, 4), "cash", "too_early"),
        ("10.00", day(2026, 2, 6), "cash", "future_date"),
        ("10.00", day(2026, 2, 5), "cheque", "method"),
    ]
    for amount, on, method, code in cases:
        with pytest.raises(DomainError) as error:
            repayments.repayment_post(
                loan=amina_loan, amount=D(amount), value_date=on, method=method,
                idempotency_key=new_key(), actor=adviser, today=day(2026, 2, 5),
            )  # fmt: skip
        assert error.value.code == code
    assert Payment.objects.count() == 0
    amina_loan.refresh_from_db()
    assert amina_loan.ledger_version == 0


def test_a_reversal_is_a_new_row_and_the_loan_is_replayed_without_it(amina_loan, adviser):
    first = post(amina_loan, adviser, "104.08", day(2026, 2, 5)).payment
    second = post(amina_loan, adviser, "104.08", day(2026, 3, 5)).payment
    reversal = repayments.payment_reverse(
        payment=first, actor=adviser, reason="Erreur de saisie", idempotency_key=new_key(),
        today=day(2026, 3, 6),
    ).payment  # fmt: skip
    assert (reversal.kind, reversal.amount, reversal.reverses) == ("reversal", D("-104.08"), first)
    # The second payment now pays installment 1, as if the first had never been.
    active = Allocation.objects.filter(loan=amina_loan, active=True)
    assert list(active.values_list("payment", "installment__number")) == [(second.pk, 1)]
    assert Allocation.objects.filter(loan=amina_loan, active=False).count() == 2  # history
    rows = {r.number: r for r in Installment.objects.filter(loan=amina_loan)}
    assert (rows[1].settled_on, rows[2].settled_on) == (day(2026, 3, 5), None)
    # Twice is refused; a reversal is not itself reversed.
    with pytest.raises(ConflictError):
        repayments.payment_reverse(
            payment=first, actor=adviser, reason="encore", idempotency_key=new_key(),
            today=day(2026, 3, 6),
        )  # fmt: skip
    with pytest.raises(DomainError):
        repayments.payment_reverse(
            payment=reversal, actor=adviser, reason="x", idempotency_key=new_key(),
            today=day(2026, 3, 6),
        )  # fmt: skip
    assert servicing.reconcile() == []


def test_reversing_the_payment_that_closed_a_loan_reopens_it(
    honour_loan, amina, adviser, committee
):
    from tests.fixtures_loans import disbursed

    loan = disbursed(
        participant=amina, product=honour_loan, adviser=adviser, committee=committee,
        amount=D("600.00"), installments=6,
    )  # fmt: skip
    payment = post(loan, adviser, "600.00", day(2026, 2, 5)).payment
    loan.refresh_from_db()
    assert loan.state == "repaid"
    repayments.payment_reverse(
        payment=payment, actor=adviser, reason="Virement rejeté", idempotency_key=new_key(),
        today=day(2026, 2, 10),
    )  # fmt: skip
    loan.refresh_from_db()
    assert (loan.state, loan.closed_on, loan.arrears_since) == ("active", None, day(2026, 2, 5))


def test_a_payment_dated_last_is_allocated_without_replaying_the_ledger(amina_loan, adviser):
    post(amina_loan, adviser, "104.08", day(2026, 2, 5))
    with CaptureQueriesContext(connection) as ctx:
        post(amina_loan, adviser, "104.08", day(2026, 3, 5))
    assert not any(
        "UPDATE" in q["sql"] and "loans_allocation" in q["sql"] for q in ctx.captured_queries
    )
    assert Allocation.objects.filter(active=False).count() == 0


def test_the_reconciliation_catches_a_tampered_ledger(amina_loan, adviser):
    post(amina_loan, adviser, "104.08", day(2026, 2, 5))
    assert servicing.reconcile() == []
    Allocation.objects.update(principal=D("90.00"))  # someone edits the database by hand
    problems = servicing.reconcile()
    assert {p.loan_id for p in problems} == {amina_loan.pk}
    assert any("payments 104.08 != allocations 97.45" in p.problem for p in problems)
    assert any("installment 1" in p.problem for p in problems)


def test_the_reconciliation_command_says_whether_the_ledger_holds(amina_loan, adviser):
    from io import StringIO

    from django.core.management import CommandError, call_command

    post(amina_loan, adviser, "104.08", day(2026, 2, 5))
    out = StringIO()
    call_command("loans_reconcile", stdout=out)
    assert "reconciles" in out.getvalue()
    Allocation.objects.update(interest=D("0.00"))
    with pytest.raises(CommandError):
        call_command("loans_reconcile", stdout=StringIO(), stderr=StringIO())
