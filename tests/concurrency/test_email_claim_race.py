"""Eight workers race to send the same e-mail on PostgreSQL: exactly one sends it."""

import pytest
from django.core import mail

from incubator import services
from incubator.models import OutboundEmail
from tests.helpers import race

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_eight_concurrent_deliveries_send_one_email():
    email = OutboundEmail.objects.create(
        key="race", to="amina@example.org", subject="s", body="b", language="fr"
    )
    results, errors = race([lambda: services.email_send(email_id=email.pk)] * 8)
    assert errors == []
    assert sorted(results) == [False] * 7 + [True]
    assert len(mail.outbox) == 1
    email.refresh_from_db()
    assert (email.status, email.attempts) == ("sent", 1)
