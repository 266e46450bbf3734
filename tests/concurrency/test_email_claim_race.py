"""Eight workers race to send the same e-mail on PostgreSQL: exactly one sends it."""

import threading

import pytest
from django.core import mail
from django.db import connections

from incubator import services
from incubator.models import OutboundEmail

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def race(n, work):
    barrier = threading.Barrier(n)
    results, errors = [], []

    def run():
        try:
            barrier.wait()
            results.append(work())
        except Exception as exc:
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run) for _ in range(n)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results, errors


def test_eight_concurrent_deliveries_send_one_email():
    email = OutboundEmail.objects.create(
        key="race", to="amina@example.org", subject="s", body="b", language="fr"
    )
    results, errors = race(8, lambda: services.email_send(email_id=email.pk))
    assert errors == []
    assert sorted(results) == [False] * 7 + [True]
    assert len(mail.outbox) == 1
    email.refresh_from_db()
    assert (email.status, email.attempts) == ("sent", 1)
