"""Lists of the people side answer in a number of queries that does not grow with the rows.

Each list is measured with 1 row and with 30 rows (one page is 25): the counts must be equal
and within the budget, whose expected queries are listed beside it.
"""

import datetime

import pytest

from incubator.models import Interview
from incubator.services.followups import follow_ups_create_due
from incubator.services.people import record_save
from tests.factories import CohortFactory, ParticipantFactory, PartnerFactory
from tests.fixtures_incubator import WorkshopFactory

D = datetime.date


def people(n, cohort, enrol, state="active", **kw):
    partner = PartnerFactory(name="CADA Paris 19e")
    return [enrol(ParticipantFactory(referring_partner=partner), cohort, state, **kw)
            for _ in range(n)]  # fmt: skip


def build_participants(n, *, cohort, enrol, staff):
    people(n, cohort, enrol)


def build_workshops(n, *, cohort, enrol, staff):
    for k in range(n):
        WorkshopFactory(programme=cohort.programme, cohort=cohort if k % 2 else None)


def build_follow_ups(n, *, cohort, enrol, staff):
    people(n, cohort, enrol, "completed", ended=D(2025, 1, 31))
    follow_ups_create_due(today=D(2025, 2, 1) + datetime.timedelta(days=90))  # 3 months each


def build_interviews(n, *, cohort, enrol, staff):
    for enrolment in people(n, cohort, enrol):
        record_save(instance=Interview(participant=enrolment.participant, staff=staff,
                                       held_on=D(2026, 3, 5)), actor=staff)  # fmt: skip


def build_cohorts(n, *, cohort, enrol, staff):
    for _ in range(n):
        CohortFactory(programme=cohort.programme, lead_staff=staff)


LISTS = [
    # session, user, count, the page of people with their partner and account (one join),
    # their enrolments with cohorts (one prefetch), the filter's cohort, programme and
    # partner select lists
    ("/people/participants/", build_participants, 8),
    # ...and, when filtered, the chosen programme read once to validate the filter
    ("/people/participants/?q=a&programme={programme}", build_participants, 9),
    # session, user, the programme select list, count, the page (joins and annotations)
    ("/people/workshops/?when=all", build_workshops, 5),
    # session, user, count, the page joined to enrolment, person, cohort, programme
    ("/people/follow-ups/", build_follow_ups, 4),
    # API: session, user, count, the page (joins done by the selectors)
    ("/api/v1/participants/", build_participants, 4),
    ("/api/v1/enrolments/", build_participants, 4),
    ("/api/v1/workshops/", build_workshops, 4),
    ("/api/v1/follow-ups/due/", build_follow_ups, 4),
    ("/api/v1/interviews/", build_interviews, 4),
    ("/api/v1/cohorts/", build_cohorts, 4),
]


@pytest.fixture
def cohort(programme, staff):
    """A cohort large enough for 30 people."""
    return CohortFactory(programme=programme, name="Grande promotion", capacity=60,
                         lead_staff=staff)  # fmt: skip


@pytest.mark.parametrize(("url", "build", "budget"), LISTS)
def test_lists_answer_in_the_same_queries_for_1_and_30_rows(
    client, staff, cohort, enrol, url, build, budget, django_assert_max_num_queries
):
    client.force_login(staff)
    url = url.format(programme=cohort.programme_id)
    counts = []
    for added in (1, 29):  # 1 row, then 30
        build(added, cohort=cohort, enrol=enrol, staff=staff)
        with django_assert_max_num_queries(budget) as captured:
            response = client.get(url)
        assert response.status_code == 200
        counts.append(len(captured))
    assert counts[0] == counts[1], counts
