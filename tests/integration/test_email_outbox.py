from smtplib import SMTPException

import pytest
from django.core import mail
from django.db import transaction

from incubator import services, tasks
from incubator.models import OutboundEmail


def queue(key="reminder:1"):
    return services.email_queue(
        key=key, to="amina@example.org", subject="Rappel", body="Bonjour", language="fr"
    )


def test_an_email_is_sent_once_after_commit_even_if_queued_twice(
    db, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks, transaction.atomic():
        first = queue()
        second = queue()
        assert len(mail.outbox) == 0  # nothing leaves before the commit
    assert first.pk == second.pk
    assert len(callbacks) == 1
    assert len(mail.outbox) == 1
    assert mail.outbox[0].subject == "Rappel"
    first.refresh_from_db()
    assert first.status == OutboundEmail.Status.SENT
    assert first.sent_at is not None


def test_a_second_delivery_of_the_task_sends_nothing(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        email = queue()
    assert services.email_send(email_id=email.pk) is False
    tasks.email_send.apply(args=[email.pk])
    assert len(mail.outbox) == 1


def test_an_unreachable_mail_server_leaves_the_email_pending_for_a_retry(db, settings):
    settings.EMAIL_BACKEND = "tests.mail_backends.UnreachableServerBackend"
    email = OutboundEmail.objects.create(
        key="k", to="amina@example.org", subject="s", body="b", language="fr"
    )
    with pytest.raises(SMTPException):
        services.email_send(email_id=email.pk)
    email.refresh_from_db()
    assert (email.status, email.attempts) == (OutboundEmail.Status.PENDING, 1)
    assert "unexpectedly closed" in email.error

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert services.email_send(email_id=email.pk) is True
    email.refresh_from_db()
    assert (email.status, email.attempts, email.error) == (OutboundEmail.Status.SENT, 2, "")


def test_the_outbox_job_redispatches_only_stale_pending_emails(db, time_machine):
    time_machine.move_to("2026-11-23 09:00:00+01:00")
    stale = OutboundEmail.objects.create(
        key="old", to="a@x.org", subject="s", body="b", language="fr"
    )
    time_machine.move_to("2026-11-23 09:10:00+01:00")
    OutboundEmail.objects.create(key="new", to="b@x.org", subject="s", body="b", language="fr")
    assert tasks.email_dispatch_pending() == 1
    stale.refresh_from_db()
    assert stale.status == OutboundEmail.Status.SENT
    assert [m.to for m in mail.outbox] == [["a@x.org"]]
