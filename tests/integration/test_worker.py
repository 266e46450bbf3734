"""A task enqueued with delay_on_commit runs on a real worker over the broker."""

import time

import pytest
from django.core import mail
from django.db import transaction

from incubator import services
from incubator.models import OutboundEmail
from tests.helpers import wait_for

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


def test_the_worker_sends_a_committed_email_and_marks_its_row(celery_worker):
    with transaction.atomic():
        email = services.email_queue(
            key="worker-test", to="amina@example.org", subject="Bonjour", body="b", language="fr"
        )
        # Still inside the transaction: nothing may have been enqueued yet.
        time.sleep(0.5)
        assert OutboundEmail.objects.get(pk=email.pk).status == OutboundEmail.Status.PENDING

    assert wait_for(
        lambda: OutboundEmail.objects.get(pk=email.pk).status == OutboundEmail.Status.SENT
    ), "the worker did not send the e-mail"
    email.refresh_from_db()
    assert email.attempts == 1
    assert [m.subject for m in mail.outbox] == ["Bonjour"]


def test_a_task_delivered_twice_sends_once(celery_worker):
    from incubator import tasks

    with transaction.atomic():
        email = services.email_queue(
            key="twice", to="amina@example.org", subject="Une fois", body="b", language="fr"
        )
    tasks.email_send.delay(email.pk)  # a duplicate delivery, as after a redelivered message
    assert wait_for(lambda: OutboundEmail.objects.get(pk=email.pk).status == "sent")
    time.sleep(1.0)  # let the duplicate run too
    assert [m.subject for m in mail.outbox] == ["Une fois"]
