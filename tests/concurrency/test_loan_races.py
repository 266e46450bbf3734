"""Races on PostgreSQL, each thread with its own connection (issue 6, "what it must show").

- eight concurrent posts of the same repayment (same idempotency key) leave one payment;
- eight different concurrent repayments are all kept and the balance is exact;
- an approve racing a reject leaves exactly one decision;
- a double-clicked payout pays out once.
"""

import datetime
import functools
import threading
from decimal import Decimal as D

import pytest
from django.db import connections
from django.utils import timezone

from incubator.errors import ConflictError
from loans.models import Allocation, Application, Loan, Payment
from loans.selectors import loan_overview
from loans.services import applications as flow
from loans.services import repayments, servicing
from loans.services.disbursement import application_disburse
from tests.fixtures_loans import application_in, new_key
from tests.helpers import race

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

PAYDAY = datetime.date(2026, 2, 5)


def test_eight_posts_of_the_same_repayment_leave_one_payment(amina_loan, adviser):
    key = new_key()

    def post(_k):
        return repayments.repayment_post(
            loan=Loan.objects.get(pk=amina_loan.pk), amount=D("104.08"), value_date=PAYDAY,
            method="cash", idempotency_key=key, actor=adviser, today=PAYDAY,
        )  # fmt: skip

    results, errors = race([functools.partial(post, k) for k in range(8)])
    # One recorded it; the others got its result back, or a 409 while it was in flight.
    assert [r.created for r in results].count(True) == 1
    assert {r.payment.pk for r in results} == {Payment.objects.get().pk}
    assert all(isinstance(e, ConflictError) and e.code == "in_flight" for e in errors)
    assert len(results) + len(errors) == 8
    assert Payment.objects.filter(loan=amina_loan).count() == 1
    assert Allocation.objects.filter(loan=amina_loan, active=True).count() == 1
    view = loan_overview(amina_loan, today=PAYDAY)
    assert view.outstanding_total == D("1248.97") - D("104.08")
    assert servicing.reconcile() == []


def test_eight_different_repayments_are_all_kept_with_an_exact_balance(amina_loan, adviser):
    def post(_k):
        return repayments.repayment_post(
            loan=Loan.objects.get(pk=amina_loan.pk), amount=D("104.08"), value_date=PAYDAY,
            method="cash", idempotency_key=new_key(), actor=adviser, today=PAYDAY,
        )  # fmt: skip

    results, errors = race([functools.partial(post, k) for k in range(8)])
    assert errors == []
    assert all(r.created for r in results)
    assert Payment.objects.filter(loan=amina_loan).count() == 8
    # Eight installments of 104.08 paid, each exactly once, oldest first.
    view = loan_overview(amina_loan, today=PAYDAY)
    assert [line.status for line in view.lines].count("paid") == 8
    assert view.outstanding_total == D("1248.97") - 8 * D("104.08") == D("416.33")
    amina_loan.refresh_from_db()
    assert amina_loan.ledger_version == 8
    assert servicing.reconcile() == []


def test_an_approve_racing_a_reject_leaves_exactly_one_decision(
    amina, microcredit, adviser, committee, committee2
):
    application = application_in(
        "ready_for_committee", participant=amina, product=microcredit, adviser=adviser,
        today=timezone.localdate(),
    )  # fmt: skip

    def decide(k):
        current = Application.objects.get(pk=application.pk)
        if k == 0:
            return flow.application_approve(application=current, actor=committee)
        return flow.application_reject(application=current, actor=committee2, reason="Trop tôt.")

    results, errors = race([functools.partial(decide, k) for k in range(2)])
    assert len(results) == 1 and len(errors) == 1
    assert isinstance(errors[0], ConflictError)
    application.refresh_from_db()
    assert application.state in {"approved", "rejected"}
    assert application.decided_by in {committee, committee2}
    from incubator.models import AuditEntry

    decisions = AuditEntry.objects.filter(
        subject_id=application.pk, action__in=["approved", "rejected"]
    )
    assert decisions.count() == 1
    assert decisions.get().to_state == application.state


def test_a_double_clicked_payout_pays_out_once(amina, microcredit, adviser, committee):
    today = timezone.localdate()
    application = application_in(
        "approved", participant=amina, product=microcredit, adviser=adviser, committee=committee,
        today=today,
    )  # fmt: skip

    def payout(_k):
        return application_disburse(
            application=Application.objects.get(pk=application.pk), actor=adviser, today=today
        )

    results, errors = race([functools.partial(payout, k) for k in range(4)])
    assert errors == []
    assert sorted(created for _loan, created in results) == [False, False, False, True]
    assert Loan.objects.count() == 1
    assert {loan.pk for loan, _created in results} == {Loan.objects.get().pk}


def test_a_replay_while_the_first_post_is_in_flight_is_a_409(amina_loan, adviser):
    """Thread A holds the command (its transaction is open); the same key meanwhile is
    refused with a ConflictError (HTTP 409), and answered with A's payment once A is done."""
    from django.db import transaction

    from loans.services.repayments import _claim_key

    key = new_key()
    claimed, release = threading.Event(), threading.Event()

    def first():
        try:
            with transaction.atomic():
                _claim_key(amina_loan.pk, key)
                claimed.set()
                release.wait(10)
        finally:
            connections.close_all()

    holder = threading.Thread(target=first)
    holder.start()
    assert claimed.wait(10)
    with pytest.raises(ConflictError) as in_flight:
        repayments.repayment_post(
            loan=amina_loan, amount=D("104.08"), value_date=PAYDAY, method="cash",
            idempotency_key=key, actor=adviser, today=PAYDAY,
        )  # fmt: skip
    assert (in_flight.value.code, in_flight.value.status) == ("in_flight", 409)
    release.set()
    holder.join()
    done = repayments.repayment_post(
        loan=amina_loan, amount=D("104.08"), value_date=PAYDAY, method="cash",
        idempotency_key=key, actor=adviser, today=PAYDAY,
    )  # fmt: skip
    assert done.created and Payment.objects.count() == 1
