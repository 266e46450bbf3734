"""The follow-up beat job on a real worker: delivered three times at once, rows created once."""

import datetime
import time

import pytest

from incubator import tasks
from incubator.models import FollowUp
from incubator.services.enrolments import enrolment_create, enrolment_transition
from tests.factories import CohortFactory, ParticipantFactory, UserFactory

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


def test_the_job_delivered_three_times_creates_each_follow_up_once(celery_worker):
    staff = UserFactory(username="sophie", role="staff")
    cohort = CohortFactory(lead_staff=staff, start_date=datetime.date(2025, 1, 6),
                           end_date=datetime.date(2025, 6, 27))  # fmt: skip
    for _ in range(3):
        enrolment = enrolment_create(participant=ParticipantFactory(), cohort=cohort, actor=staff)
        for to in ("accepted", "active", "completed"):
            enrolment_transition(enrolment=enrolment, to=to, actor=staff,
                                 on=datetime.date(2025, 6, 27))  # fmt: skip
    for _ in range(3):  # as when beat fires again before the first run finished
        tasks.follow_ups_create_due.delay()
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline and FollowUp.objects.count() < 9:
        time.sleep(0.1)
    time.sleep(1.0)  # let the other deliveries run too
    assert FollowUp.objects.count() == 9  # 3 people × 3, 6 and 12 months
    assert sorted(set(FollowUp.objects.values_list("milestone", flat=True))) == [3, 6, 12]
