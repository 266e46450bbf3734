"""Generating and editing the calendar; a flashcoop starts only with exactly ten days."""

import datetime

import pytest
import time_machine
from django.utils import translation

from cooperatives.models import ActivityDay
from cooperatives.services import calendar, cooperatives
from incubator.errors import DomainError
from incubator.models import AuditEntry
from tests.fixtures_cooperatives import FLASH_DAYS

D = datetime.date


def active_dates(coop):
    return list(coop.days.filter(cancelled=False).order_by("date").values_list("date", flat=True))


def test_a_new_flashcoop_gets_its_ten_days_and_a_temporary_one_its_weekly_pattern(make_coop):
    flash = make_coop()
    assert active_dates(flash) == FLASH_DAYS
    sewing = make_coop(
        name="Atelier", kind="temporary", start=D(2026, 5, 1), end=D(2026, 5, 31), weekdays=[1, 3]
    )
    assert active_dates(sewing) == [
        D(2026, 5, 5),
        D(2026, 5, 7),
        D(2026, 5, 12),
        D(2026, 5, 19),
        D(2026, 5, 21),
        D(2026, 5, 26),
        D(2026, 5, 28),
    ]
    assert sewing.end_date == D(2026, 5, 31) and flash.end_date is None


def test_a_flashcoop_starts_only_with_exactly_ten_days(make_coop, amina, staff):
    coop = make_coop(members=[amina])
    last = coop.days.order_by("-date").first()
    calendar.day_cancel(day=last, actor=staff, reason="Salle indisponible")
    with translation.override("en"), pytest.raises(DomainError) as refused:
        cooperatives.cooperative_transition(cooperative=coop, to="running", actor=staff)
    assert refused.value.message == ("A flashcoop starts with exactly ten activity days; it has 9.")
    coop.refresh_from_db()
    assert coop.state == "planned"
    calendar.day_add(cooperative=coop, actor=staff, date=D(2026, 7, 23))
    calendar.day_add(cooperative=coop, actor=staff, date=D(2026, 7, 24))
    with translation.override("fr"), pytest.raises(DomainError) as refused:
        cooperatives.cooperative_transition(cooperative=coop, to="running", actor=staff)
    assert refused.value.message == (
        "Une flashcoop démarre avec exactement dix jours d’activité ; elle en a 11."
    )
    calendar.day_cancel(day=coop.days.get(date=D(2026, 7, 24)), actor=staff, reason="Trop")
    cooperatives.cooperative_transition(cooperative=coop, to="running", actor=staff)
    coop.refresh_from_db()
    assert coop.state == "running"
    entry = AuditEntry.objects.filter(action="state:running").get()
    assert (entry.from_state, entry.to_state, entry.actor) == ("planned", "running", staff)


def test_a_cooperative_without_members_does_not_start(make_coop, staff):
    coop = make_coop()
    with translation.override("en"), pytest.raises(DomainError) as refused:
        cooperatives.cooperative_transition(cooperative=coop, to="running", actor=staff)
    assert refused.value.code == "no_members"


def test_moving_a_day_keeps_ten_days_and_records_it(make_coop, staff):
    coop = make_coop()
    day = coop.days.get(date=D(2026, 7, 13))
    calendar.day_move(day=day, actor=staff, date=D(2026, 7, 14), note="Marché du 14 juillet")
    assert D(2026, 7, 14) in active_dates(coop) and len(active_dates(coop)) == 10
    assert AuditEntry.objects.filter(action="day_moved", reason="2026-07-13 → 2026-07-14").exists()


def test_two_days_cannot_share_a_date(make_coop, staff):
    coop = make_coop()
    day = coop.days.get(date=D(2026, 7, 13))
    with translation.override("en"), pytest.raises(DomainError) as refused:
        calendar.day_move(day=day, actor=staff, date=D(2026, 7, 15))
    assert refused.value.code == "date_taken"
    with pytest.raises(DomainError):
        calendar.day_add(cooperative=coop, actor=staff, date=D(2026, 7, 10))
    assert active_dates(coop) == FLASH_DAYS


def test_a_running_flashcoop_moves_days_but_never_loses_one(amina_coop, staff):
    # On 15 July the flashcoop is running; a day to come moves, none is added or cancelled.
    with time_machine.travel(datetime.datetime(2026, 7, 15, 8, tzinfo=datetime.UTC)):
        day = amina_coop.days.get(date=D(2026, 7, 21))
        with pytest.raises(DomainError) as refused:
            calendar.day_cancel(day=day, actor=staff, reason="Pluie")
        assert refused.value.code == "flashcoop_ten_days"
        with pytest.raises(DomainError):
            calendar.day_add(cooperative=amina_coop, actor=staff, date=D(2026, 7, 23))
        with pytest.raises(DomainError) as refused:
            calendar.day_move(day=day, actor=staff, date=D(2026, 7, 14) - datetime.timedelta(3))
        assert refused.value.code == "date_in_past"
        calendar.day_move(day=day, actor=staff, date=D(2026, 7, 23))
    assert len(active_dates(amina_coop)) == 10


def test_a_day_with_hours_can_no_longer_change(amina_coop, staff, record_hours):
    member = amina_coop.memberships.first()
    record_hours(amina_coop, {member: [6]})
    first = amina_coop.days.get(date=D(2026, 7, 10))
    with pytest.raises(DomainError) as refused:
        calendar.day_move(day=first, actor=staff, date=D(2026, 7, 24))
    assert refused.value.code == "day_has_hours"


def test_regenerating_replaces_a_planned_calendar_only(make_coop, staff, amina):
    coop = make_coop(kind="temporary", start=D(2026, 9, 1), end=D(2026, 9, 30), weekdays=[0])
    calendar.calendar_regenerate(
        cooperative=coop,
        actor=staff,
        start_date=D(2026, 10, 1),
        end_date=D(2026, 10, 31),
        weekdays=[2, 4],
    )
    assert active_dates(coop)[0] == D(2026, 10, 2) and len(active_dates(coop)) == 9
    assert ActivityDay.objects.filter(cooperative=coop).count() == 9
    calendar.day_add(cooperative=coop, actor=staff, date=D(2026, 10, 3))
    from cooperatives.services import members

    members.member_add(cooperative=coop, actor=staff, participant=amina, joined_on=D(2026, 10, 1))
    cooperatives.cooperative_transition(cooperative=coop, to="running", actor=staff)
    with pytest.raises(DomainError) as refused:
        calendar.calendar_regenerate(cooperative=coop, actor=staff, start_date=D(2026, 11, 1))
    assert refused.value.code == "wrong_state"


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({"end": None}, "no_end_date"),
        ({"end": D(2026, 4, 1)}, "end_before_start"),
        ({"weekdays": []}, "no_weekdays"),
        ({"end": D(2027, 9, 1)}, "too_long"),
        ({"start": D(2026, 7, 13), "end": D(2026, 7, 13), "weekdays": [1]}, "empty_calendar"),
    ],
)
def test_a_temporary_cooperative_needs_a_sensible_pattern(make_coop, changes, code):
    values = {"start": D(2026, 5, 1), "end": D(2026, 6, 30), "weekdays": [1, 3]} | changes
    with pytest.raises(DomainError) as refused:
        make_coop(kind="temporary", **values)
    assert refused.value.code == code


def test_only_staff_change_the_calendar(make_coop, adviser):
    coop = make_coop()
    with pytest.raises(DomainError) as refused:
        calendar.day_add(cooperative=coop, actor=adviser, date=D(2026, 7, 25))
    assert refused.value.code == "forbidden_role"
