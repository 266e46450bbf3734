"""A participant's cooperative life on their timeline; funder indicators equal hand counts."""

import datetime
from decimal import Decimal

import pytest

from cooperatives import indicators, timeline
from cooperatives.services import closing, cooperatives, members
from incubator.contributions import indicator_lines, timeline_events
from incubator.models import Participant

D = datetime.date


@pytest.fixture
def history(amina_coop, record_hours, sell, spend, staff, amina):
    ms = list(amina_coop.memberships.order_by("pk"))
    record_hours(amina_coop, {ms[0]: [6] * 10, ms[1]: [6] * 10, ms[2]: ["6.5"] * 4 + [0] * 6})
    sell(amina_coop, "Mafé", "100", "9.00")
    spend(amina_coop, "ingredients", "300.00")
    cooperatives.cooperative_transition(cooperative=amina_coop, to="closing", actor=staff)
    closing.cooperative_close(cooperative=amina_coop, actor=staff, rule="equal")
    members.outcome_record(
        membership=ms[0], actor=staff, outcome="business", recorded_on=D(2026, 9, 1)
    )
    members.outcome_record(
        membership=ms[1], actor=staff, outcome="employment", recorded_on=D(2026, 9, 2)
    )
    return amina_coop


def test_the_timeline_tells_amina_story(history, amina, django_assert_max_num_queries):
    with django_assert_max_num_queries(4):
        found = timeline.events(amina)
    titles = [str(e.title) for e in found]
    assert len(found) == 4
    assert any("Flashcoop Saveurs du monde" in t for t in titles)
    worked = next(e for e in found if e.icon == "clock")
    assert worked.when == D(2026, 7, 22)
    share = next(e for e in found if e.icon == "coins")
    assert "200,00" in str(share.detail)  # 600.00 in three equal parts
    assert next(e for e in found if e.icon == "briefcase").when == D(2026, 9, 1)
    assert len(timeline_events(amina)) >= 4  # through the extension point


def test_a_stranger_has_no_cooperative_history(bilal):
    assert timeline.events(bilal) == []


def test_indicators_equal_hand_counts(history, bilal_coop, amina, record_hours):
    bilal_member = bilal_coop.memberships.get()
    record_hours(bilal_coop, {bilal_member: ["3.5", "3.5"]})
    everyone = Participant.objects.all()
    lines = {
        line.key: line.value
        for line in indicators.lines(participants=everyone, start=D(2026, 7, 1), end=D(2026, 7, 31))
    }
    assert lines["coops_run_count"] == 1  # the sewing cooperative met in March–May only
    assert lines["coops_members_count"] == 3
    assert lines["coops_days_held_count"] == 10
    assert lines["coops_hours_worked"] == 146  # 60 + 60 + 26
    assert lines["coops_sales_amount"] == Decimal("900.00")
    assert lines["coops_shares_amount"] == Decimal("0.00")  # closed today, not in July
    spring = {
        line.key: line.value
        for line in indicators.lines(participants=everyone, start=D(2026, 3, 1), end=D(2026, 5, 31))
    }
    assert (spring["coops_run_count"], spring["coops_members_count"]) == (1, 1)
    assert spring["coops_hours_worked"] == 7
    autumn = {
        line.key: line.value
        for line in indicators.lines(participants=everyone, start=D(2026, 9, 1), end=D(2026, 9, 30))
    }
    assert (autumn["coops_outcome_business_count"], autumn["coops_outcome_employment_count"]) == (
        1,
        1,
    )
    only_amina = {
        line.key: line.value
        for line in indicator_lines(
            participants=Participant.objects.filter(pk=amina.pk),
            start=D(2026, 7, 1),
            end=D(2026, 7, 31),
        )
        if line.key.startswith("coops_")
    }
    assert (only_amina["coops_members_count"], only_amina["coops_hours_worked"]) == (1, 60)
