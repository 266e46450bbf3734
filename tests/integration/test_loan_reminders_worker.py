"""With a real Celery worker over the broker: a reminder is sent once even when the task runs
twice (two deliveries of the daily job, and the nightly job that also queues reminders)."""

import datetime
import time

import pytest
from django.core import mail
from django.utils import timezone

from incubator.models import OutboundEmail
from loans import tasks
from tests.fixtures_loans import disbursed
from tests.helpers import wait_for

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


def test_a_reminder_is_sent_once_when_the_task_runs_twice(
    celery_worker, amina, microcredit, adviser, committee
):
    from incubator.lib.periods import add_months

    # Paid out so that the first installment falls due two days from today.
    payout = add_months(timezone.localdate() + datetime.timedelta(days=2), -1)
    loan = disbursed(
        participant=amina, product=microcredit, adviser=adviser, committee=committee, on=payout
    )
    tasks.reminders_send.delay()
    tasks.reminders_send.delay()  # a second delivery of the same job
    tasks.arrears_nightly.delay()  # and the nightly job, which queues reminders too
    key = f"reminder:loan-{loan.pk}:inst-1:{loan.first_due_date.isoformat()}:before"
    assert wait_for(lambda: OutboundEmail.objects.filter(key=key, status="sent").exists())
    time.sleep(1.5)  # let every duplicate finish
    assert OutboundEmail.objects.filter(key__startswith="reminder:").count() == 1
    assert len([m for m in mail.outbox if m.to == [amina.email]]) == 1


def test_the_worker_renders_the_offer_queued_by_the_payout(
    celery_worker, amina, microcredit, adviser, committee
):
    from loans.models import LoanDocument

    loan = disbursed(
        participant=amina, product=microcredit, adviser=adviser, committee=committee,
        on=timezone.localdate(),
    )  # fmt: skip
    offer = LoanDocument.objects.get(loan=loan, kind="offer")
    assert wait_for(lambda: LoanDocument.objects.get(pk=offer.pk).status == "ready")
    offer.refresh_from_db()
    assert offer.progress == 100 and bytes(offer.content).startswith(b"%PDF")
