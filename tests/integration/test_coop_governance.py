"""The governance log: meetings with the members present, decisions and their votes."""

import datetime

import pytest

from cooperatives import selectors
from cooperatives.services import governance
from incubator.errors import DomainError

D = datetime.date


def test_a_meeting_records_who_came_and_what_was_decided(amina_coop, staff):
    ms = list(amina_coop.memberships.order_by("pk"))
    meeting = governance.meeting_record(
        cooperative=amina_coop,
        actor=staff,
        date=D(2026, 7, 11),
        agenda="Rôles et partage",
        notes="Fatima tient la caisse.",
        attendees=ms[:2],
        decisions=[
            governance.DecisionInput("Fatima trésorière", 2, 0, 0),
            governance.DecisionInput("Vendre le dimanche", 0, 1, 1),
        ],
    )
    logged = selectors.meetings_of(amina_coop).get()
    assert logged == meeting
    assert [m.pk for m in logged.attendees.all()] == [ms[0].pk, ms[1].pk]
    assert [(d.text, d.adopted) for d in logged.decisions.all()] == [
        ("Fatima trésorière", True),
        ("Vendre le dimanche", False),
    ]


@pytest.mark.parametrize(
    ("decision", "code"),
    [
        (governance.DecisionInput("Trop de voix", 2, 1, 0), "too_many_votes"),
        (governance.DecisionInput("", 1, 0, 0), "no_text"),
        (governance.DecisionInput("Partage", 1, 1, 0, split_rule="equal"), "not_adopted"),
        (governance.DecisionInput("Partage", 1, 0, 0, split_rule="lottery"), "split_rule"),
    ],
)
def test_impossible_votes_are_refused(amina_coop, staff, decision, code):
    ms = list(amina_coop.memberships.order_by("pk"))[:2]
    with pytest.raises(DomainError) as refused:
        governance.meeting_record(
            cooperative=amina_coop,
            actor=staff,
            date=D(2026, 7, 11),
            agenda="Ordre du jour",
            attendees=ms,
            decisions=[decision],
        )
    assert refused.value.code == code
    assert not amina_coop.meetings.exists()


def test_an_adopted_decision_sets_the_split_rule(amina_coop, staff):
    ms = list(amina_coop.memberships.all())
    meeting = governance.meeting_record(
        cooperative=amina_coop, actor=staff, date=D(2026, 7, 11), agenda="Partage", attendees=ms
    )
    decision = governance.decision_add(
        meeting=meeting,
        actor=staff,
        decision=governance.DecisionInput("Selon des poids", 3, 0, 0, split_rule="weights"),
    )
    amina_coop.refresh_from_db()
    assert (amina_coop.split_rule, amina_coop.split_decision) == ("weights", decision)


def test_a_meeting_is_recorded_after_it_took_place(amina_coop, staff):
    with pytest.raises(DomainError) as refused:
        governance.meeting_record(
            cooperative=amina_coop, actor=staff, date=D(2099, 1, 1), agenda="x", attendees=[]
        )
    assert refused.value.code == "future_meeting"
