"""Follow-ups 3, 6 and 12 months after an enrolment ends: created once, as they fall due."""

import datetime

import pytest
from django.utils import translation

from incubator import tasks
from incubator.errors import DomainError
from incubator.models import AuditEntry, FollowUp
from incubator.services.followups import follow_up_record_outcome, follow_ups_create_due
from tests.factories import CohortFactory, ParticipantFactory

D = datetime.date


@pytest.fixture
def finished(staff, cohort, amina, bilal, enrol):
    """Amina completed on 31 August (a month end); Bilal left on 15 April."""
    late = CohortFactory(programme=cohort.programme, name="Été", lead_staff=staff,
                         start_date=D(2026, 6, 1), end_date=D(2026, 8, 31))  # fmt: skip
    return (
        enrol(amina, late, "completed", ended=D(2026, 8, 31)),
        enrol(bilal, cohort, "dropped", ended=D(2026, 4, 15), reason="employment"),
    )


def due(enrolment):
    return dict(FollowUp.objects.filter(enrolment=enrolment).values_list("milestone", "due_on"))


def test_follow_ups_appear_a_fortnight_before_they_fall_due_month_ends_clamped(finished):
    amina, bilal = finished
    # 15 November: Bilal's 3 and 6 months (15 July, 15 October) are due; Amina's 3 months fall
    # on 30 November (31 August + 3 months, clamped), 15 days away: not yet.
    assert follow_ups_create_due(today=D(2026, 11, 15)) == 2
    assert due(bilal) == {3: D(2026, 7, 15), 6: D(2026, 10, 15)}
    assert due(amina) == {}
    # A day later it is 14 days away and appears.
    assert follow_ups_create_due(today=D(2026, 11, 16)) == 1
    assert due(amina) == {3: D(2026, 11, 30)}


def test_the_job_catches_up_and_running_it_twice_creates_nothing_more(finished):
    amina, bilal = finished
    assert follow_ups_create_due(today=D(2027, 3, 1)) == 4
    assert due(amina) == {3: D(2026, 11, 30), 6: D(2027, 2, 28)}
    assert due(bilal) == {3: D(2026, 7, 15), 6: D(2026, 10, 15)}
    assert follow_ups_create_due(today=D(2027, 3, 1)) == 0
    assert follow_ups_create_due(today=D(2027, 9, 1)) == 2  # the 12-month ones
    assert due(amina)[12] == D(2027, 8, 31)
    assert due(bilal)[12] == D(2027, 4, 15)
    assert FollowUp.objects.count() == 6


def test_active_people_and_open_enrolments_get_no_follow_up(cohort, enrol):
    enrol(ParticipantFactory(), cohort, "active")
    enrol(ParticipantFactory(), cohort, "applied")
    assert follow_ups_create_due(today=D(2030, 1, 1)) == 0


def test_the_beat_task_runs_the_same_job(finished, settings):
    assert "people-follow-ups" in settings.CELERY_BEAT_SCHEDULE
    assert settings.CELERY_BEAT_SCHEDULE["people-follow-ups"]["task"] == (
        "incubator.tasks.follow_ups_create_due"
    )
    created = tasks.follow_ups_create_due.delay().get()
    assert created == FollowUp.objects.count() > 0
    assert tasks.follow_ups_create_due.delay().get() == 0


def test_a_business_needs_its_legal_form_date_and_sector(finished, staff):
    follow_ups_create_due(today=D(2027, 3, 1))
    follow_up = FollowUp.objects.get(enrolment=finished[0], milestone=6)
    with translation.override("en"), pytest.raises(DomainError) as incomplete:
        follow_up_record_outcome(follow_up=follow_up, actor=staff, outcome="business_created",
                                 business={"business_legal_form": "micro"})  # fmt: skip
    assert incomplete.value.message == "A business needs its legal form, creation date and sector."
    assert FollowUp.objects.get(pk=follow_up.pk).outcome == ""

    follow_up_record_outcome(
        follow_up=follow_up, actor=staff, outcome="business_created",
        contacted_on=D(2027, 3, 2),
        business={"business_legal_form": "micro", "business_started_on": D(2027, 1, 4),
                  "business_sector": "food"},
    )  # fmt: skip
    follow_up.refresh_from_db()
    assert (follow_up.outcome, follow_up.business_sector, follow_up.recorded_by) == (
        "business_created", "food", staff
    )  # fmt: skip


def test_a_corrected_outcome_keeps_the_trail_and_clears_the_business(finished, staff):
    follow_ups_create_due(today=D(2027, 3, 1))
    follow_up = FollowUp.objects.get(enrolment=finished[1], milestone=6)
    business = {"business_legal_form": "sas", "business_started_on": D(2026, 9, 1),
                "business_sector": "transport"}  # fmt: skip
    follow_up_record_outcome(follow_up=follow_up, actor=staff, outcome="business_created",
                             business=business)  # fmt: skip
    follow_up_record_outcome(follow_up=follow_up, actor=staff, outcome="employment",
                             notes="Finally a job as a driver")  # fmt: skip
    follow_up.refresh_from_db()
    assert (follow_up.outcome, follow_up.business_legal_form, follow_up.business_started_on) == (
        "employment", "", None
    )  # fmt: skip
    trail = AuditEntry.objects.filter(action="follow_up_outcome").order_by("pk")
    assert [(e.from_state, e.to_state) for e in trail] == [
        ("", "business_created"), ("business_created", "employment")
    ]  # fmt: skip
