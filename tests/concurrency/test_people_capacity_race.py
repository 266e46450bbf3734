"""Eight applicants accepted at once for the last two places: exactly two get in (PostgreSQL).

Without the cohort row lock each acceptance would count the seats, see room, and accept.
Also: eight staff saving the same attendance grid at once leave one row per person.
"""

import pytest

from incubator.errors import DomainError
from incubator.models import Attendance, Enrolment
from incubator.services.enrolments import enrolment_create, enrolment_transition
from incubator.services.workshops import attendance_record
from tests.factories import CohortFactory, ParticipantFactory, UserFactory
from tests.fixtures_incubator import WorkshopFactory
from tests.helpers import race

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_eight_concurrent_acceptances_fill_the_two_places_left_and_no_more():
    staff = UserFactory(username="sophie", role="staff")
    cohort = CohortFactory(capacity=3, lead_staff=staff)
    first = enrolment_create(participant=ParticipantFactory(), cohort=cohort, actor=staff)
    enrolment_transition(enrolment=first, to="accepted", actor=staff)
    waiting = [
        enrolment_create(participant=ParticipantFactory(), cohort=cohort, actor=staff)
        for _ in range(8)
    ]
    results, errors = race(
        [lambda e=e: enrolment_transition(enrolment=e, to="accepted", actor=staff) for e in waiting]
    )
    assert len(results) == 2
    assert len(errors) == 6
    assert {error.code for error in errors} == {"cohort_full"}
    assert all(isinstance(error, DomainError) for error in errors)
    assert Enrolment.objects.filter(cohort=cohort, state="accepted").count() == 3


def test_eight_staff_saving_the_same_grid_at_once_leave_one_row_per_person():
    staff = UserFactory(username="sophie", role="staff")
    cohort = CohortFactory(lead_staff=staff)
    people = [ParticipantFactory() for _ in range(3)]
    for person in people:
        enrolment = enrolment_create(participant=person, cohort=cohort, actor=staff)
        enrolment_transition(enrolment=enrolment, to="accepted", actor=staff)
    workshop = WorkshopFactory(programme=cohort.programme, cohort=cohort)
    marks = {p.pk: "present" for p in people}
    _results, errors = race(
        [lambda: attendance_record(workshop=workshop, marks=marks, actor=staff)] * 8
    )
    assert errors == []
    assert Attendance.objects.filter(workshop=workshop).count() == 3
