"""What loans contribute to the people side: the participant's timeline (no decision, no
amount, for staff eyes) and the funders' "loans granted" indicator, aggregated in SQL."""

import datetime
from decimal import Decimal as D

import pytest
from django.utils import translation

from incubator import contributions
from incubator.models import Participant
from loans import indicators, timeline
from tests.fixtures_loans import application_in, disbursed

pytestmark = pytest.mark.django_db


def test_loans_granted_in_the_period_for_the_people_reported_on(
    amina, bilal, microcredit, honour_loan, adviser, committee, django_assert_num_queries
):
    disbursed(participant=amina, product=microcredit, adviser=adviser, committee=committee)
    disbursed(participant=bilal, product=honour_loan, adviser=adviser, committee=committee,
              amount=D("800.00"), installments=8, on=datetime.date(2026, 3, 2))  # fmt: skip
    everyone = Participant.objects.all()
    with django_assert_num_queries(1):  # one aggregate
        lines = indicators.lines(
            participants=everyone, start=datetime.date(2026, 1, 1), end=datetime.date(2026, 2, 28)
        )
    assert {line.key: line.value for line in lines} == {
        "loans_granted_count": 1,
        "loans_granted_amount": D("1200.00"),
    }
    whole_year = indicators.lines(
        participants=everyone, start=datetime.date(2026, 1, 1), end=datetime.date(2026, 12, 31)
    )
    assert [line.value for line in whole_year] == [2, D("2000.00")]
    only_bilal = indicators.lines(
        participants=everyone.filter(pk=bilal.pk),
        start=datetime.date(2026, 1, 1),
        end=datetime.date(2026, 12, 31),
    )
    assert [line.value for line in only_bilal] == [1, D("800.00")]
    assert {line.key for line in contributions.indicator_lines(
        participants=everyone, start=datetime.date(2026, 1, 1), end=datetime.date(2026, 12, 31)
    )} >= {"loans_granted_count", "loans_granted_amount"}  # fmt: skip


def test_the_timeline_says_what_happened_without_decisions_nor_amounts(
    amina, bilal, microcredit, adviser, committee, django_assert_num_queries
):
    disbursed(participant=amina, product=microcredit, adviser=adviser, committee=committee)
    application_in("ready_for_committee", participant=bilal, product=microcredit,
                   adviser=adviser, today=datetime.date(2026, 11, 23))  # fmt: skip
    with django_assert_num_queries(2):
        events = timeline.events(amina)
    with translation.override("en"):
        assert sorted(str(e.title) for e in events) == [
            "Microcredit application submitted",
            "Microcredit paid out",
        ]
        assert all("1200" not in f"{e.title}{e.detail}" and not e.url for e in events)
        assert [str(e.title) for e in timeline.events(bilal)] == [
            "Microcredit application submitted"
        ]
