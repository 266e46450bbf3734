"""The shared transition service: table check, conditional claim, audit row, all or nothing.

Exercised on the e-mail outbox's status, the one stateful row of the foundation; features
(enrolments, applications, loans) use the same service with their own tables.
"""

import pytest
from django.utils import translation

from incubator import services
from incubator.errors import ConflictError, DomainError
from incubator.lib.workflow import Workflow
from incubator.models import AuditEntry, OutboundEmail

CANCEL = Workflow({("pending", "failed"): frozenset({"staff"})})


@pytest.fixture
def email(db):
    return OutboundEmail.objects.create(
        key="k1", to="a@example.org", subject="s", body="b", language="fr"
    )


def test_a_transition_moves_the_state_and_records_who_and_why(email, staff):
    services.transition(
        instance=email,
        workflow=CANCEL,
        to="failed",
        actor=staff,
        reason="wrong address",
        field="status",
    )
    email.refresh_from_db()
    assert email.status == "failed"
    entry = AuditEntry.objects.get()
    assert (entry.subject, entry.actor, entry.from_state, entry.to_state, entry.reason) == (
        email,
        staff,
        "pending",
        "failed",
        "wrong address",
    )


def test_refusals_are_translated_and_change_nothing(email, staff, adviser):
    with translation.override("fr"), pytest.raises(DomainError) as wrong_role:
        services.transition(
            instance=email, workflow=CANCEL, to="failed", actor=adviser, field="status"
        )
    assert wrong_role.value.message == "Votre rôle ne permet pas cette action."
    with translation.override("en"), pytest.raises(DomainError) as wrong_state:
        services.transition(instance=email, workflow=CANCEL, to="sent", actor=staff, field="status")
    assert wrong_state.value.message == "This cannot go from “Pending” to “Sent”."
    email.refresh_from_db()
    assert email.status == "pending"
    assert not AuditEntry.objects.exists()


def test_a_stale_copy_loses_the_race_and_writes_no_audit_row(email, staff):
    stale = OutboundEmail.objects.get(pk=email.pk)
    services.transition(instance=email, workflow=CANCEL, to="failed", actor=staff, field="status")
    with pytest.raises(ConflictError) as conflict:
        services.transition(
            instance=stale, workflow=CANCEL, to="failed", actor=staff, field="status"
        )
    assert conflict.value.status == 409
    assert AuditEntry.objects.count() == 1
