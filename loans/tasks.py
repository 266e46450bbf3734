"""Loan tasks: take ids, re-read the rows, call a service. No business logic here.

Every one is idempotent (claims by conditional UPDATE, outbox keys, set-based updates), so
``acks_late`` is safe: a worker killed mid-task leaves the message to be run again.
"""

import logging

from celery import shared_task
from django.db import OperationalError

from loans.services import documents, servicing

log = logging.getLogger(__name__)

RETRY = {
    "autoretry_for": (OperationalError, ConnectionError),
    "retry_backoff": True,
    "retry_backoff_max": 600,
    "retry_jitter": True,
    "max_retries": 5,
}


@shared_task(acks_late=True, **RETRY)  # type: ignore[untyped-decorator]
def document_render(document_id: int) -> None:
    documents.document_render(document_id=document_id)


@shared_task(acks_late=True, **RETRY)  # type: ignore[untyped-decorator]
def arrears_nightly() -> int:
    """The nightly job: arrears dates (one set-based UPDATE), then the day's reminders."""
    touched = servicing.arrears_update()
    queued = servicing.reminders_queue()
    log.info("arrears: %s active loans updated, %s reminders queued", touched, queued)
    return queued


@shared_task(acks_late=True, **RETRY)  # type: ignore[untyped-decorator]
def reminders_send() -> int:
    """Queue the day's reminders (also part of ``arrears_nightly``); safe to run any number of
    times: each reminder has a unique outbox key."""
    return servicing.reminders_queue()


@shared_task(acks_late=True, **RETRY)  # type: ignore[untyped-decorator]
def ledger_reconcile() -> int:
    """The nightly reconciliation check; discrepancies are logged as errors."""
    return len(servicing.reconcile())
