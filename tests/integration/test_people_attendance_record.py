"""Attendance: one row per person and workshop, saving the same grid again changes nothing."""

import datetime

import pytest
import time_machine
from django.utils import translation

from incubator.errors import DomainError
from incubator.models import Attendance, AuditEntry
from incubator.selectors import workshop_roster
from incubator.services.workshops import attendance_record, workshop_cancel
from tests.factories import ParticipantFactory, UserFactory
from tests.fixtures_incubator import WorkshopFactory, at


@pytest.fixture
def session(cohort, amina, bilal, enrol):
    enrol(amina, cohort, "active")
    enrol(bilal, cohort, "active")
    return WorkshopFactory(programme=cohort.programme, cohort=cohort,
                           starts_at=at(datetime.date(2026, 3, 10), 14),
                           ends_at=at(datetime.date(2026, 3, 10), 16))  # fmt: skip


def test_saving_the_same_grid_twice_leaves_the_rows_and_the_trail_as_they_were(
    session, staff, amina, bilal
):
    marks = {amina.pk: "present", bilal.pk: "absent"}
    assert attendance_record(workshop=session, marks=marks, actor=staff) == {
        "present": 1, "excused": 0, "absent": 1
    }  # fmt: skip
    first = list(Attendance.objects.values_list("pk", "status", "recorded_at").order_by("pk"))
    trail = AuditEntry.objects.filter(action="attendance_recorded").count()

    other = UserFactory(username="nadia", role="staff")
    attendance_record(workshop=session, marks=marks, actor=other)
    assert (
        list(Attendance.objects.values_list("pk", "status", "recorded_at").order_by("pk")) == first
    )
    assert set(Attendance.objects.values_list("recorded_by", flat=True)) == {staff.pk}
    assert AuditEntry.objects.filter(action="attendance_recorded").count() == trail


def test_a_changed_mark_updates_the_one_row_and_says_who_changed_it(session, staff, amina, bilal):
    attendance_record(workshop=session, marks={amina.pk: "present", bilal.pk: "absent"},
                      actor=staff)  # fmt: skip
    other = UserFactory(username="nadia", role="staff")
    attendance_record(workshop=session, marks={bilal.pk: "excused"}, actor=other)
    rows = {a.participant_id: (a.status, a.recorded_by_id) for a in Attendance.objects.all()}
    assert rows == {amina.pk: ("present", staff.pk), bilal.pk: ("excused", other.pk)}
    last = AuditEntry.objects.filter(action="attendance_recorded").order_by("pk").last()
    assert (last.actor, last.reason) == (other, "present=1 excused=1 absent=0")


def test_only_people_on_the_roster_can_be_marked(session, staff):
    stranger = ParticipantFactory()
    with translation.override("en"), pytest.raises(DomainError) as refused:
        attendance_record(workshop=session, marks={stranger.pk: "present"}, actor=staff)
    assert refused.value.code == "not_on_roster"
    assert not Attendance.objects.exists()


def test_a_workshop_to_come_takes_excused_absences_only(session, staff, amina, bilal):
    with time_machine.travel(at(datetime.date(2026, 3, 9)), tick=False):
        with translation.override("en"), pytest.raises(DomainError) as early:
            attendance_record(workshop=session, marks={amina.pk: "present"}, actor=staff)
        assert early.value.message == (
            "This workshop has not started yet: only excused absences can be recorded."
        )
        attendance_record(workshop=session, marks={bilal.pk: "excused"}, actor=staff)
    assert list(Attendance.objects.values_list("status", flat=True)) == ["excused"]


def test_a_cancelled_workshop_takes_no_attendance_and_a_held_one_cannot_be_cancelled(
    session, staff, amina, cohort
):
    attendance_record(workshop=session, marks={amina.pk: "present"}, actor=staff)
    with pytest.raises(DomainError) as held:
        workshop_cancel(workshop=session, actor=staff)
    assert held.value.code == "workshop_held"

    later = WorkshopFactory(programme=cohort.programme, cohort=cohort)
    workshop_cancel(workshop=later, actor=staff, reason="Salle indisponible")
    with pytest.raises(DomainError) as cancelled:
        attendance_record(workshop=later, marks={amina.pk: "present"}, actor=staff)
    assert cancelled.value.code == "cancelled"


def test_someone_who_left_later_stays_on_the_roster_of_earlier_workshops(
    session, staff, amina, bilal
):
    from incubator.services.enrolments import enrolment_transition

    enrolment = bilal.enrolments.get()
    enrolment_transition(enrolment=enrolment, to="dropped", actor=staff, dropout_reason="moved",
                         on=datetime.date(2026, 3, 20))  # fmt: skip
    assert list(workshop_roster(session)) == [amina, bilal]
    after = WorkshopFactory(programme=session.programme, cohort=session.cohort,
                            starts_at=at(datetime.date(2026, 3, 24)),
                            ends_at=at(datetime.date(2026, 3, 24), 12))  # fmt: skip
    assert list(workshop_roster(after)) == [amina]
