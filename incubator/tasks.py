"""Foundation tasks: sending the e-mail outbox."""

from datetime import timedelta
from smtplib import SMTPException

from celery import shared_task
from django.db import OperationalError
from django.utils import timezone

from incubator import services
from incubator.models import OutboundEmail
from incubator.services import followups


@shared_task(
    acks_late=True,  # safe: email_send claims the row, so a redelivery sends nothing twice
    autoretry_for=(OperationalError, ConnectionError, SMTPException),
    retry_backoff=True,
    retry_backoff_max=600,
    retry_jitter=True,
    max_retries=5,
)
def email_send(email_id: int) -> None:
    services.email_send(email_id=email_id)


@shared_task
def email_dispatch_pending() -> int:
    """Re-enqueue e-mails still pending a while after they were queued (lost enqueue)."""
    stale = timezone.now() - timedelta(minutes=5)
    ids = list(
        OutboundEmail.objects.filter(
            status=OutboundEmail.Status.PENDING, created_at__lt=stale, attempts__lt=6
        ).values_list("pk", flat=True)[:500]
    )
    for pk in ids:
        email_send.delay(pk)
    return len(ids)


@shared_task(
    acks_late=True,  # safe: the unique (enrolment, milestone) constraint makes a rerun a no-op
    autoretry_for=(OperationalError,),
    retry_backoff=True,
    retry_backoff_max=600,
    max_retries=5,
)
def follow_ups_create_due() -> int:
    """Beat job: the follow-ups 3, 6 and 12 months after enrolments ended, as they fall due."""
    return followups.follow_ups_create_due()
