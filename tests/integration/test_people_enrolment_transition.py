"""Enrolments move along applied → accepted → active → completed | dropped, and say why not."""

import datetime

import pytest
from django.utils import translation

from incubator.errors import DomainError
from incubator.models import AuditEntry, Enrolment
from incubator.services.enrolments import enrolment_create, enrolment_transition
from tests.factories import CohortFactory, ParticipantFactory

D = datetime.date


def test_a_whole_road_records_each_move_with_who_when_and_the_dates(staff, cohort, amina):
    enrolment = enrolment_create(
        participant=amina, cohort=cohort, actor=staff, applied_on=D(2026, 2, 1)
    )
    for to, day in [("accepted", D(2026, 2, 20)), ("active", D(2026, 3, 2)),
                    ("completed", D(2026, 6, 30))]:  # fmt: skip
        enrolment_transition(enrolment=enrolment, to=to, actor=staff, on=day)
    enrolment.refresh_from_db()
    assert (enrolment.state, enrolment.accepted_on, enrolment.started_on, enrolment.ended_on) == (
        "completed", D(2026, 2, 20), D(2026, 3, 2), D(2026, 6, 30)
    )  # fmt: skip
    trail = AuditEntry.objects.filter(subject_id=enrolment.pk).order_by("pk")
    assert [(e.action, e.from_state, e.to_state, e.actor) for e in trail] == [
        ("enrolment_created", "", "applied", staff),
        ("enrolment:accepted", "applied", "accepted", staff),
        ("enrolment:active", "accepted", "active", staff),
        ("enrolment:completed", "active", "completed", staff),
    ]


def test_dropping_out_needs_a_reason_and_keeps_it(staff, cohort, amina, enrol):
    enrolment = enrol(amina, cohort, "active")
    with translation.override("fr"), pytest.raises(DomainError) as refused:
        enrolment_transition(enrolment=enrolment, to="dropped", actor=staff)
    assert refused.value.message == "Indiquez pourquoi cette personne part : choisissez un motif."
    enrolment.refresh_from_db()
    assert enrolment.state == "active"

    enrolment_transition(enrolment=enrolment, to="dropped", actor=staff, dropout_reason="health",
                         reason="Opération prévue en mai", on=D(2026, 4, 30))  # fmt: skip
    enrolment.refresh_from_db()
    assert (enrolment.state, enrolment.dropout_reason, enrolment.ended_on) == (
        "dropped", "health", D(2026, 4, 30)
    )  # fmt: skip
    last = AuditEntry.objects.filter(subject_id=enrolment.pk).order_by("pk").last()
    assert (last.to_state, last.reason) == ("dropped", "Opération prévue en mai")


def test_accepting_beyond_the_capacity_is_refused_with_the_number_of_places(staff, enrol):
    small = CohortFactory(name="Flash", capacity=2, lead_staff=staff)
    enrol(ParticipantFactory(), small, "dropped")  # took a seat, then freed it by leaving
    enrol(ParticipantFactory(), small, "active")
    enrol(ParticipantFactory(), small, "accepted")
    waiting = enrol(ParticipantFactory(), small, "applied")
    with translation.override("en"), pytest.raises(DomainError) as full:
        enrolment_transition(enrolment=waiting, to="accepted", actor=staff)
    assert full.value.message == "Flash is full (2 places): no one else can be accepted."
    assert full.value.code == "cohort_full"
    waiting.refresh_from_db()
    assert (waiting.state, waiting.accepted_on) == ("applied", None)


def test_a_dropout_frees_a_place_for_the_next_person(staff, enrol):
    small = CohortFactory(name="Flash", capacity=1, lead_staff=staff)
    first = enrol(ParticipantFactory(), small, "accepted")
    waiting = enrol(ParticipantFactory(), small, "applied")
    enrolment_transition(enrolment=first, to="dropped", actor=staff, dropout_reason="moved")
    enrolment_transition(enrolment=waiting, to="accepted", actor=staff)
    assert Enrolment.objects.get(pk=waiting.pk).state == "accepted"


@pytest.mark.parametrize(
    ("state", "to", "who", "message"),
    [
        ("applied", "active", "staff", "This cannot go from “Applied” to “Active”."),
        ("completed", "dropped", "staff", "This cannot go from “Completed” to “Dropped out”."),
        ("applied", "accepted", "adviser", "Your role does not allow this action."),
        ("active", "completed", "committee", "Your role does not allow this action."),
    ],
)
def test_wrong_moves_and_wrong_roles_are_refused_and_change_nothing(
    request, cohort, amina, enrol, state, to, who, message
):
    enrolment = enrol(amina, cohort, state)
    entries = AuditEntry.objects.count()
    with translation.override("en"), pytest.raises(DomainError) as refused:
        enrolment_transition(enrolment=enrolment, to=to, actor=request.getfixturevalue(who),
                             dropout_reason="moved")  # fmt: skip
    assert refused.value.message == message
    assert Enrolment.objects.get(pk=enrolment.pk).state == state
    assert AuditEntry.objects.count() == entries


def test_the_same_person_cannot_apply_twice_to_a_cohort(staff, cohort, amina):
    enrolment_create(participant=amina, cohort=cohort, actor=staff)
    with translation.override("en"), pytest.raises(DomainError) as twice:
        enrolment_create(participant=amina, cohort=cohort, actor=staff)
    assert twice.value.message == "Amina Diallo is already enrolled in Printemps 2026."
    assert Enrolment.objects.count() == 1
