"""Members join and leave; hours are recorded per day in quarters of an hour, idempotently."""

import datetime
from decimal import Decimal

import pytest
from django.utils import translation

from cooperatives import selectors
from cooperatives.models import Attendance
from cooperatives.services import cooperatives, members
from incubator.errors import DomainError
from incubator.models import AuditEntry

D = datetime.date


def cell(coop, date, membership, hours):
    day = coop.days.get(date=date, cancelled=False)
    return members.HoursCell(day.pk, membership.pk, None if hours is None else Decimal(hours))


def test_saving_the_same_grid_twice_changes_nothing_the_second_time(amina_coop, staff):
    ms = list(amina_coop.memberships.order_by("pk"))
    grid = [
        cell(amina_coop, D(2026, 7, 10), m, h) for m, h in zip(ms, ["6", "6.5", "0"], strict=True)
    ]
    assert members.hours_record(cooperative=amina_coop, actor=staff, cells=grid) == 3
    assert members.hours_record(cooperative=amina_coop, actor=staff, cells=grid) == 0
    assert Attendance.objects.count() == 3
    assert AuditEntry.objects.filter(action="hours_recorded").count() == 1
    changed = [cell(amina_coop, D(2026, 7, 10), ms[1], "7.25")]
    assert members.hours_record(cooperative=amina_coop, actor=staff, cells=changed) == 1
    assert Attendance.objects.get(membership=ms[1]).hours == Decimal("7.25")
    assert Attendance.objects.count() == 3


def test_a_blank_cell_changes_nothing(amina_coop, staff):
    member = amina_coop.memberships.first()
    members.hours_record(
        cooperative=amina_coop, actor=staff, cells=[cell(amina_coop, D(2026, 7, 10), member, "6")]
    )
    assert (
        members.hours_record(
            cooperative=amina_coop,
            actor=staff,
            cells=[cell(amina_coop, D(2026, 7, 10), member, None)],
        )
        == 0
    )
    assert Attendance.objects.get().hours == Decimal("6.00")


@pytest.mark.parametrize(
    ("hours", "code"), [("6.1", "hours_quarter"), ("12.25", "hours_range"), ("-1", "hours_range")]
)
def test_a_bad_cell_saves_nothing_of_the_grid(amina_coop, staff, hours, code):
    ms = list(amina_coop.memberships.order_by("pk"))
    grid = [
        cell(amina_coop, D(2026, 7, 10), ms[0], "6"),
        cell(amina_coop, D(2026, 7, 10), ms[1], hours),
    ]
    with translation.override("en"), pytest.raises(DomainError) as refused:
        members.hours_record(cooperative=amina_coop, actor=staff, cells=grid)
    assert refused.value.code == code
    assert not Attendance.objects.exists()


def test_hours_are_typed_as_people_write_them():
    assert members.parse_hours("6,75") == Decimal("6.75")
    assert members.parse_hours("  ") is None
    with pytest.raises(DomainError):
        members.parse_hours("six")
    with pytest.raises(DomainError):
        members.parse_hours("NaN")


def test_hours_cannot_be_recorded_for_a_day_to_come_nor_for_a_non_member(
    make_coop, amina, bilal, staff, bilal_coop
):
    import time_machine

    coop = make_coop(members=[amina], start_running=True)
    mine = coop.memberships.get()
    with time_machine.travel(datetime.datetime(2026, 7, 14, 9, tzinfo=datetime.UTC)):
        with pytest.raises(DomainError) as refused:
            members.hours_record(
                cooperative=coop, actor=staff, cells=[cell(coop, D(2026, 7, 15), mine, "6")]
            )
        assert refused.value.code == "day_in_future"
    other = bilal_coop.memberships.get()
    with pytest.raises(DomainError) as refused:
        members.hours_record(
            cooperative=coop,
            actor=staff,
            cells=[members.HoursCell(coop.days.first().pk, other.pk, Decimal(6))],
        )
    assert refused.value.code == "unknown_member"


def test_a_member_who_left_has_no_hours_afterwards(amina_coop, staff, record_hours):
    member = amina_coop.memberships.order_by("pk").last()
    record_hours(amina_coop, {member: [6, 6, 6]})
    with pytest.raises(DomainError) as refused:
        members.member_leave(membership=member, actor=staff, left_on=D(2026, 7, 11), reason="")
    assert refused.value.code == "hours_after_leaving"
    members.member_leave(
        membership=member, actor=staff, left_on=D(2026, 7, 13), reason="A trouvé un emploi"
    )
    with pytest.raises(DomainError) as refused:
        members.hours_record(
            cooperative=amina_coop,
            actor=staff,
            cells=[cell(amina_coop, D(2026, 7, 15), member, "6")],
        )
    assert refused.value.code == "not_member_that_day"


def test_a_cooperative_has_a_capacity_and_members_join_once(make_coop, participants, amina, staff):
    coop = make_coop(members=[amina], capacity=2)
    other, third = participants(2)
    members.member_add(cooperative=coop, actor=staff, participant=other, joined_on=D(2026, 7, 10))
    with translation.override("en"), pytest.raises(DomainError) as refused:
        members.member_add(
            cooperative=coop, actor=staff, participant=third, joined_on=D(2026, 7, 10)
        )
    assert refused.value.code == "full"
    cooperatives.cooperative_update(cooperative=coop, actor=staff, capacity=5)
    with pytest.raises(DomainError) as refused:
        members.member_add(
            cooperative=coop, actor=staff, participant=amina, joined_on=D(2026, 7, 10)
        )
    assert refused.value.code == "already_member"
    with pytest.raises(DomainError) as refused:
        cooperatives.cooperative_update(cooperative=coop, actor=staff, capacity=1)
    assert refused.value.code == "capacity_below_members"


def test_missing_hours_are_listed_by_day(amina_coop, record_hours):
    ms = list(amina_coop.memberships.order_by("pk"))
    record_hours(amina_coop, {ms[0]: [6] * 10, ms[1]: [6] * 10, ms[2]: [6] * 9})
    assert selectors.days_missing_hours(amina_coop, until=D(2026, 7, 31)) == [D(2026, 7, 22)]
    assert selectors.days_missing_hours(amina_coop, until=D(2026, 7, 21)) == []


def test_ending_the_activity_needs_every_hour_recorded(amina_coop, record_hours, staff):
    ms = list(amina_coop.memberships.order_by("pk"))
    record_hours(amina_coop, {ms[0]: [6] * 10, ms[1]: [6] * 10, ms[2]: [6] * 8})
    with translation.override("en"), pytest.raises(DomainError) as refused:
        cooperatives.cooperative_transition(cooperative=amina_coop, to="closing", actor=staff)
    assert refused.value.code == "hours_missing"
    assert "21 Jul 2026" in refused.value.message or "July 21" in refused.value.message
    amina_coop.refresh_from_db()
    assert amina_coop.state == "running"
    record_hours(amina_coop, {ms[2]: [None] * 8 + [0, 5]})
    cooperatives.cooperative_transition(cooperative=amina_coop, to="closing", actor=staff)
    cooperatives.cooperative_transition(cooperative=amina_coop, to="running", actor=staff)
    assert AuditEntry.objects.filter(action="state:running", from_state="closing").exists()


def test_outcomes_are_recorded_once_closed(amina_coop, staff):
    member = amina_coop.memberships.first()
    with pytest.raises(DomainError) as refused:
        members.outcome_record(membership=member, actor=staff, outcome="business")
    assert refused.value.code == "not_closed"
