"""Arrears (one set-based UPDATE) and reminders (each sent once, in the reader's language)."""

import datetime
from decimal import Decimal as D

import pytest
from django.core import mail

from incubator.models import OutboundEmail
from loans import tasks
from loans.models import Loan
from loans.services import repayments, servicing
from tests.fixtures_loans import disbursed, new_key

pytestmark = pytest.mark.django_db
day = datetime.date


@pytest.fixture
def loans(amina, bilal, microcredit, honour_loan, adviser, committee):
    """Amina pays on time; Bilal (honour loan, same dates) paid nothing."""
    amina_loan = disbursed(participant=amina, product=microcredit, adviser=adviser,
                           committee=committee)  # fmt: skip
    bilal_loan = disbursed(
        participant=bilal, product=honour_loan, adviser=adviser, committee=committee,
        amount=D("1200.00"), installments=12,
    )  # fmt: skip
    for on in (day(2026, 2, 5), day(2026, 3, 5)):
        repayments.repayment_post(
            loan=amina_loan, amount=D("104.08"), value_date=on, method="cash",
            idempotency_key=new_key(), actor=adviser, today=on,
        )  # fmt: skip
    return amina_loan, bilal_loan


def test_the_nightly_arrears_update_is_one_set_based_update(loans, django_assert_num_queries):
    amina_loan, bilal_loan = loans
    with django_assert_num_queries(1) as captured:  # UPDATE loans_loan SET ... = (SELECT ...)
        touched = servicing.arrears_update(today=day(2026, 3, 20))
    assert captured.captured_queries[0]["sql"].startswith("UPDATE")
    assert touched == 2
    amina_loan.refresh_from_db()
    bilal_loan.refresh_from_db()
    assert (amina_loan.arrears_since, bilal_loan.arrears_since) == (None, day(2026, 2, 5))


def test_reminders_go_before_a_due_date_and_after_a_missed_one_once_each(
    loans, django_capture_on_commit_callbacks
):
    amina_loan, bilal_loan = loans
    with django_capture_on_commit_callbacks(execute=True):
        # 3 April: Amina's installment 3 falls due on the 5th; Bilal's of 5 March is 29 days
        # past, too old for a "missed" message, but his 5 April one is coming too.
        assert servicing.reminders_queue(today=day(2026, 4, 3)) == 2
        # 7 April: Bilal missed the 5 April installment; Amina paid nothing either.
        assert servicing.reminders_queue(today=day(2026, 4, 7)) == 2
        # Running again (a retry, a second beat) queues nothing.
        assert servicing.reminders_queue(today=day(2026, 4, 7)) == 0
        tasks.reminders_send.delay()  # eager here; the worker test covers the real thing
    keys = sorted(OutboundEmail.objects.values_list("key", flat=True))
    assert keys == sorted(
        [
            f"reminder:loan-{amina_loan.pk}:inst-3:2026-04-05:before",
            f"reminder:loan-{bilal_loan.pk}:inst-3:2026-04-05:before",
            f"reminder:loan-{amina_loan.pk}:inst-3:2026-04-05:late",
            f"reminder:loan-{bilal_loan.pk}:inst-3:2026-04-05:late",
        ]
    )
    assert len(mail.outbox) == 4
    by_language = {e.language: e for e in OutboundEmail.objects.filter(key__endswith="before")}
    assert by_language["fr"].to == "amina.diallo@example.org"
    assert "104,08" in by_language["fr"].body
    assert by_language["ar"].to == "bilal.haddad@example.org"
    assert "100.00" in by_language["ar"].body


def test_no_reminder_for_a_closed_loan_or_without_an_email(loans, adviser):
    amina_loan, bilal_loan = loans
    bilal_loan.participant.email = ""
    bilal_loan.participant.save()
    Loan.objects.filter(pk=amina_loan.pk).update(state="written_off")
    assert servicing.reminders_queue(today=day(2026, 4, 3)) == 0
