"""Prepayment (both modes), early payoff, rescheduling and write-off: the schedule changes,
its history stays (superseded installments kept, audit rows), the ledger reconciles."""

import datetime
from decimal import Decimal as D

import pytest

from incubator.errors import DomainError
from incubator.models import AuditEntry
from loans.models import Installment, Loan, ScheduleChange
from loans.selectors import loan_overview
from loans.services import repayments, servicing
from tests.fixtures_loans import new_key

pytestmark = pytest.mark.django_db
day = datetime.date


def pay(loan, adviser, amount, on):
    return repayments.repayment_post(
        loan=loan, amount=D(amount), value_date=on, method="cash", idempotency_key=new_key(),
        actor=adviser, today=on,
    )  # fmt: skip


def current(loan):
    return list(loan.schedule.filter(superseded_by__isnull=True).order_by("number"))


def test_a_prepayment_keeping_the_term_lowers_the_installment(amina_loan, adviser):
    pay(amina_loan, adviser, "104.08", day(2026, 2, 5))
    repayments.loan_prepay(
        loan=amina_loan, amount=D("500.00"), value_date=day(2026, 2, 5),
        mode="lower_installment", method="transfer", idempotency_key=new_key(), actor=adviser,
        today=day(2026, 2, 5),
    )  # fmt: skip
    rows = current(amina_loan)
    assert len(rows) == 12  # same term
    # 603.37 left over 11 months at 7.45 %: 603.37 × i / (1 − (1 + i)^−11) = 56.9161… → 56.92
    # instead of 104.08; the first interest is round(603.37 × i) = 3.75.
    assert rows[1].total == D("56.92") and rows[1].interest == D("3.75")
    assert sum((r.principal for r in rows[1:]), D(0)) == D("603.37")
    change = ScheduleChange.objects.get(loan=amina_loan, version=2)
    assert (change.kind, change.mode) == ("prepayment", "lower_installment")
    assert Installment.objects.filter(superseded_by=change).count() == 11
    assert servicing.reconcile() == []


def test_a_prepayment_is_refused_while_installments_are_late_or_for_everything(amina_loan, adviser):
    with pytest.raises(DomainError) as late:
        repayments.loan_prepay(
            loan=amina_loan, amount=D("300.00"), value_date=day(2026, 2, 10),
            mode="shorter_term", method="cash", idempotency_key=new_key(), actor=adviser,
            today=day(2026, 2, 10),
        )  # fmt: skip
    assert late.value.code == "arrears"
    with pytest.raises(DomainError) as everything:
        repayments.loan_prepay(
            loan=amina_loan, amount=D("1200.00"), value_date=day(2026, 1, 20),
            mode="shorter_term", method="cash", idempotency_key=new_key(), actor=adviser,
            today=day(2026, 1, 20),
        )  # fmt: skip
    assert everything.value.code == "too_much"
    assert not ScheduleChange.objects.filter(version=2).exists()


def prepay(loan, adviser, amount, on, mode="shorter_term"):
    return repayments.loan_prepay(
        loan=loan, amount=D(amount), value_date=on, mode=mode, method="transfer",
        idempotency_key=new_key(), actor=adviser, today=on,
    ).payment  # fmt: skip


def reverse(payment, adviser, on):
    return repayments.payment_reverse(
        payment=payment, actor=adviser, reason="Virement rejeté par la banque",
        idempotency_key=new_key(), today=on,
    ).payment  # fmt: skip


def terms_of(rows):
    return [(r.number, r.due_date, r.principal, r.interest) for r in rows]


def test_reversing_a_prepayment_puts_the_schedule_back_and_replays_later_payments(
    amina_loan, adviser
):
    pay(amina_loan, adviser, "104.08", day(2026, 2, 5))
    original = terms_of(current(amina_loan))
    bounced = prepay(amina_loan, adviser, "500.00", day(2026, 2, 5), mode="lower_installment")
    pay(amina_loan, adviser, "56.92", day(2026, 3, 5))  # the new, lower installment 2
    reverse(bounced, adviser, day(2026, 3, 10))

    rows = current(amina_loan)
    assert terms_of(rows) == original  # the twelve installments of the payout, as they were
    # The 56.92 of 5 March now pays installment 2 (104.08): its interest 6.85, then 50.07 of
    # principal; 47.16 is late. Principal left: 1200 − 96.63 − 50.07 = 1053.30.
    assert (rows[1].interest_paid, rows[1].principal_paid, rows[1].remaining) == (
        D("6.85"), D("50.07"), D("47.16")
    )  # fmt: skip
    view = loan_overview(amina_loan, today=day(2026, 3, 10))
    assert (view.outstanding_principal, view.days_past_due) == (D("1053.30"), 5)
    versions = list(ScheduleChange.objects.filter(loan=amina_loan).order_by("version"))
    assert [(c.version, c.kind) for c in versions] == [
        (1, "disbursement"), (2, "prepayment"), (3, "undo")
    ]  # fmt: skip
    assert versions[2].undoes == versions[1]
    # What the prepayment had written stays, superseded by the undo: nothing is deleted.
    assert Installment.objects.filter(created_in=versions[1], superseded_by=versions[2]).count()
    assert servicing.reconcile() == []

    # Up to date again, a new prepayment opens version 4 on the schedule put back.
    pay(amina_loan, adviser, "47.16", day(2026, 3, 10))
    prepay(amina_loan, adviser, "300.00", day(2026, 3, 10))
    assert ScheduleChange.objects.get(loan=amina_loan, version=4).kind == "prepayment"
    assert servicing.reconcile() == []


def test_reversing_a_payoff_reopens_the_loan_on_its_old_schedule(amina_loan, adviser):
    original = terms_of(current(amina_loan))
    quote = repayments.payoff_quote_for(amina_loan, day(2026, 1, 30))
    payoff = repayments.loan_payoff(
        loan=amina_loan, amount=quote.total, value_date=day(2026, 1, 30), method="transfer",
        idempotency_key=new_key(), actor=adviser, today=day(2026, 1, 30),
    ).payment  # fmt: skip
    amina_loan.refresh_from_db()
    assert amina_loan.state == "repaid"
    reverse(payoff, adviser, day(2026, 2, 2))
    amina_loan.refresh_from_db()
    assert (amina_loan.state, amina_loan.closed_on) == ("active", None)
    rows = current(amina_loan)
    assert terms_of(rows) == original and all(r.paid == 0 for r in rows)
    assert loan_overview(amina_loan, today=day(2026, 2, 2)).outstanding_principal == D("1200.00")
    assert AuditEntry.objects.filter(subject_id=amina_loan.pk, action="reopened").exists()
    assert servicing.reconcile() == []


def test_only_the_latest_schedule_change_can_be_reversed(amina_loan, adviser):
    original = terms_of(current(amina_loan))
    first = prepay(amina_loan, adviser, "200.00", day(2026, 1, 20))
    after_first = terms_of(current(amina_loan))
    second = prepay(amina_loan, adviser, "100.00", day(2026, 1, 25))
    with pytest.raises(DomainError) as error:
        reverse(first, adviser, day(2026, 1, 26))
    assert error.value.code == "schedule_changed_since"
    reverse(second, adviser, day(2026, 1, 26))
    assert terms_of(current(amina_loan)) == after_first
    reverse(first, adviser, day(2026, 1, 26))
    assert terms_of(current(amina_loan)) == original
    assert servicing.reconcile() == []


def test_a_payoff_within_a_prepayments_period_charges_both_balances_interest(amina_loan, adviser):
    """Prepaid 200 on 20 January; paid off on 30 January. Interest: 1200 × 7.45 % × 15/365 =
    3.67 before the prepayment, then 1000 × 7.45 % × 10/365 = 2.04 after."""
    repayments.loan_prepay(
        loan=amina_loan, amount=D("200.00"), value_date=day(2026, 1, 20), mode="shorter_term",
        method="cash", idempotency_key=new_key(), actor=adviser, today=day(2026, 1, 20),
    )  # fmt: skip
    quote = repayments.payoff_quote_for(amina_loan, day(2026, 1, 30))
    assert (quote.outstanding_principal, quote.accrued_interest) == (D("1000.00"), D("5.71"))
    result = repayments.loan_payoff(
        loan=amina_loan, amount=quote.total + D("5.00"), value_date=day(2026, 1, 30),
        method="cash", idempotency_key=new_key(), actor=adviser, today=day(2026, 1, 30),
    )  # fmt: skip
    amina_loan.refresh_from_db()
    assert amina_loan.state == "repaid"
    assert result.payment.allocations.get(credit__gt=0).credit == D("5.00")
    assert servicing.reconcile() == []


def test_a_short_payoff_is_refused(amina_loan, adviser):
    with pytest.raises(DomainError) as error:
        repayments.loan_payoff(
            loan=amina_loan, amount=D("100.00"), value_date=day(2026, 1, 20), method="cash",
            idempotency_key=new_key(), actor=adviser, today=day(2026, 1, 20),
        )  # fmt: skip
    assert error.value.code == "short_payoff"


def test_the_committee_reschedules_arrears_with_history(amina_loan, adviser, committee):
    pay(amina_loan, adviser, "104.08", day(2026, 2, 5))
    pay(amina_loan, adviser, "50.00", day(2026, 3, 5))  # part of installment 2, then nothing
    # On 20 April: installment 2 (54.08 left) and 3 (104.08) are late; 15 days of interest on
    # the 908.31 not yet due: round(908.31 × 7.45 % × 15 / 365) = 2.78.
    with pytest.raises(DomainError):
        servicing.loan_reschedule(
            loan=amina_loan, actor=adviser, installments=18, annual_rate=D("7.45"),
            reason="x", effective_date=day(2026, 4, 20), today=day(2026, 4, 20),
        )  # fmt: skip
    change = servicing.loan_reschedule(
        loan=amina_loan, actor=committee, installments=18, annual_rate=D("7.45"),
        reason="Baisse d'activité pendant les travaux du marché.",
        effective_date=day(2026, 4, 20), today=day(2026, 4, 20),
    )  # fmt: skip
    view = loan_overview(amina_loan, today=day(2026, 4, 20))
    # Left to repay: 54.08 + 104.08 + 908.31 + 2.78 = 1069.25, the new principal; nothing late.
    assert view.outstanding_principal == D("1069.25")
    assert view.days_past_due == 0
    rows = current(amina_loan)
    # Installment 1 is kept; the 50.00 paid on installment 2 stays on that period (a carried
    # row: 6.85 of interest, 43.15 of principal); 18 new installments follow, from 20 May.
    assert [(r.number, r.kind) for r in rows[:3]] == [
        (1, "regular"), (2, "carried"), (3, "regular"),
    ]  # fmt: skip
    assert (rows[1].interest, rows[1].principal, rows[1].remaining) == (
        D("6.85"), D("43.15"), D("0.00"),
    )  # fmt: skip
    assert len(rows) == 20 and rows[2].due_date == day(2026, 5, 20) and rows[2].paid == 0
    assert sum((r.principal for r in rows[2:]), D(0)) == D("1069.25")
    assert Installment.objects.filter(superseded_by=change).count() == 11
    amina_loan.refresh_from_db()
    assert amina_loan.arrears_since is None
    assert AuditEntry.objects.filter(action="rescheduled", reason__startswith="Baisse").exists()
    assert servicing.reconcile() == []


def test_the_committee_writes_a_loan_off_and_it_takes_no_more_payments(
    amina_loan, adviser, committee
):
    pay(amina_loan, adviser, "104.08", day(2026, 2, 5))
    with pytest.raises(DomainError):
        servicing.loan_write_off(loan=amina_loan, actor=committee, reason="")
    loan = servicing.loan_write_off(
        loan=amina_loan, actor=committee, reason="Départ à l'étranger, injoignable.",
        today=day(2026, 9, 1),
    )  # fmt: skip
    assert (loan.state, loan.written_off_amount, loan.closed_on) == (
        Loan.State.WRITTEN_OFF, D("1144.89"), day(2026, 9, 1),
    )  # fmt: skip
    with pytest.raises(DomainError) as error:
        pay(amina_loan, adviser, "10.00", day(2026, 9, 1))
    assert error.value.code == "written_off"
    entry = AuditEntry.objects.get(action="written_off")
    assert (entry.actor, entry.from_state, entry.to_state) == (committee, "active", "written_off")


def test_money_paid_ahead_counts_as_prepaid_principal_and_stays_reversible(amina_loan, adviser):
    ahead = pay(amina_loan, adviser, "150.00", day(2026, 2, 5)).payment  # 45.92 ahead on #2
    repayments.loan_prepay(
        loan=amina_loan, amount=D("300.00"), value_date=day(2026, 2, 5), mode="shorter_term",
        method="cash", idempotency_key=new_key(), actor=adviser, today=day(2026, 2, 5),
    )  # fmt: skip
    rows = current(amina_loan)
    carried = [r for r in rows if r.kind == "carried"]
    # The 45.92 paid ahead is carried as principal; the engine recomputes from
    # 1103.37 − 300.00 − 45.92 = 757.45.
    assert [(r.number, r.due_date, r.principal, r.remaining) for r in carried] == [
        (2, day(2026, 2, 5), D("45.92"), D("0.00"))
    ]
    assert sum((r.principal for r in rows if r.number > 2), D(0)) == D("757.45")
    assert loan_overview(amina_loan, today=day(2026, 2, 5)).outstanding_principal == D("757.45")
    assert servicing.reconcile() == []
    # The 150.00 bounces: installment 1 and the carried 45.92 are owed again, nothing is lost.
    repayments.payment_reverse(
        payment=ahead, actor=adviser, reason="Rejet", idempotency_key=new_key(),
        today=day(2026, 2, 9),
    )  # fmt: skip
    view = loan_overview(amina_loan, today=day(2026, 2, 9))
    assert view.overdue == D("150.00") and view.days_past_due == 4
    assert servicing.reconcile() == []
