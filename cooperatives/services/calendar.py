"""The activity days: generated from the start date (flashcoop) or a weekly pattern
(temporary cooperative), then moved, added or cancelled by staff.

A day on which hours are recorded is history: it can no longer be moved or cancelled. A
running flashcoop keeps its ten days (days may move, not disappear), and a cooperative only
starts with exactly ten days if it is a flashcoop.
"""

import datetime
from collections.abc import Sequence

from django.db import transaction
from django.utils.translation import gettext as _

from cooperatives import activity_days
from cooperatives.models import ActivityDay, Attendance, Cooperative
from cooperatives.services._common import (
    State,
    locked,
    require_staff,
    require_state,
    show_date,
    today,
)
from incubator.errors import DomainError
from incubator.lib.periods import EARLIEST, LATEST
from incubator.models import User
from incubator.services import audit_record

# A temporary cooperative runs a few months; a longer pattern is most likely a typo.
MAX_PATTERN_DAYS = 366


def validate_pattern(
    *,
    kind: str,
    start_date: datetime.date,
    end_date: datetime.date | None,
    weekdays: Sequence[int],
) -> None:
    """Refuse a calendar that cannot be generated, with a message saying which part is wrong."""
    if not EARLIEST <= start_date <= LATEST or (end_date and not EARLIEST <= end_date <= LATEST):
        raise DomainError(_("Enter a date between 2000 and 2100."), code="date_range")
    if kind == Cooperative.Kind.FLASHCOOP:
        return
    if end_date is None:
        raise DomainError(_("A temporary cooperative needs an end date."), code="no_end_date")
    if end_date < start_date:
        raise DomainError(_("The end date comes before the start date."), code="end_before_start")
    if (end_date - start_date).days > MAX_PATTERN_DAYS:
        raise DomainError(
            _("A temporary cooperative runs at most a year: check the end date."),
            code="too_long",
        )
    if not weekdays or not set(weekdays) <= set(range(7)):
        raise DomainError(
            _("Choose the days of the week the cooperative meets."), code="no_weekdays"
        )
    if not activity_days.weekly_days(start_date, end_date, weekdays):
        raise DomainError(
            _("No activity day falls between these dates on the chosen weekdays."),
            code="empty_calendar",
        )


def planned_dates(cooperative: Cooperative) -> list[datetime.date]:
    if cooperative.is_flashcoop:
        return activity_days.flashcoop_days(cooperative.start_date)
    assert cooperative.end_date is not None  # noqa: S101 - guaranteed by validate_pattern
    return activity_days.weekly_days(
        cooperative.start_date, cooperative.end_date, cooperative.weekdays
    )


def days_generate(*, cooperative: Cooperative) -> list[ActivityDay]:
    """Create the days of a calendar that has none (inside the caller's transaction)."""
    return ActivityDay.objects.bulk_create(
        ActivityDay(cooperative=cooperative, date=day) for day in planned_dates(cooperative)
    )


@transaction.atomic
def calendar_regenerate(
    *,
    cooperative: Cooperative,
    actor: User,
    start_date: datetime.date,
    end_date: datetime.date | None = None,
    weekdays: Sequence[int] = (),
) -> list[ActivityDay]:
    """Replace a planned cooperative's calendar by a new one from new dates or pattern.

    Only before the start: the old days carry no hours yet, so they are simply replaced; the
    audit row keeps the former first and last days.
    """
    require_staff(actor)
    coop = locked(cooperative)
    require_state(coop, {State.PLANNED})
    validate_pattern(kind=coop.kind, start_date=start_date, end_date=end_date, weekdays=weekdays)
    old = list(coop.days.filter(cancelled=False).values_list("date", flat=True))
    coop.days.all().delete()
    coop.start_date = start_date
    coop.end_date = None if coop.is_flashcoop else end_date
    coop.weekdays = [] if coop.is_flashcoop else sorted(set(weekdays))
    coop.save(update_fields=["start_date", "end_date", "weekdays"])
    days = days_generate(cooperative=coop)
    was = f"{old[0]}…{old[-1]}" if old else "-"
    audit_record(
        subject=coop,
        actor=actor,
        action="calendar_generated",
        reason=f"{was} → {days[0].date}…{days[-1].date} ({len(days)})",
    )
    cooperative.start_date, cooperative.end_date = coop.start_date, coop.end_date
    cooperative.weekdays = coop.weekdays
    return days


def _require_editable_calendar(coop: Cooperative) -> None:
    require_state(coop, {State.PLANNED, State.RUNNING})


def _require_free_date(coop: Cooperative, date: datetime.date, *, exclude: int | None = None):
    taken = coop.days.filter(cancelled=False, date=date)
    if exclude is not None:
        taken = taken.exclude(pk=exclude)
    if taken.exists():
        raise DomainError(
            _("There is already an activity day on %(date)s."),
            code="date_taken",
            params={"date": show_date(date)},
        )


def _require_future_if_running(coop: Cooperative, date: datetime.date) -> None:
    if coop.state == State.RUNNING and date < today():
        raise DomainError(
            _("The cooperative is running: a new or moved day cannot be in the past."),
            code="date_in_past",
        )


def _require_no_hours(day: ActivityDay) -> None:
    if Attendance.objects.filter(day=day).exists():
        raise DomainError(
            _("Hours are recorded on %(date)s: this day can no longer change."),
            code="day_has_hours",
            params={"date": show_date(day.date)},
        )


@transaction.atomic
def day_add(
    *, cooperative: Cooperative, actor: User, date: datetime.date, note: str = ""
) -> ActivityDay:
    require_staff(actor)
    coop = locked(cooperative)
    _require_editable_calendar(coop)
    if coop.is_flashcoop and coop.state == State.RUNNING:
        raise DomainError(
            _("A running flashcoop keeps its ten days: move a day instead."),
            code="flashcoop_ten_days",
        )
    _require_future_if_running(coop, date)
    _require_free_date(coop, date)
    day = ActivityDay.objects.create(cooperative=coop, date=date, note=note.strip())
    audit_record(subject=coop, actor=actor, action="day_added", reason=str(date))
    return day


@transaction.atomic
def day_move(*, day: ActivityDay, actor: User, date: datetime.date, note: str = "") -> ActivityDay:
    require_staff(actor)
    coop = locked(day.cooperative)
    _require_editable_calendar(coop)
    day = ActivityDay.objects.get(pk=day.pk)
    if day.cancelled:
        raise DomainError(_("This day was cancelled."), code="day_cancelled")
    _require_no_hours(day)
    _require_future_if_running(coop, date)
    _require_free_date(coop, date, exclude=day.pk)
    previous = day.date
    day.date = date
    day.note = note.strip() or day.note
    day.save(update_fields=["date", "note"])
    audit_record(subject=coop, actor=actor, action="day_moved", reason=f"{previous} → {date}")
    return day


@transaction.atomic
def day_cancel(*, day: ActivityDay, actor: User, reason: str) -> ActivityDay:
    require_staff(actor)
    coop = locked(day.cooperative)
    _require_editable_calendar(coop)
    day = ActivityDay.objects.get(pk=day.pk)
    if day.cancelled:
        return day  # cancelling twice is the same as once
    if coop.is_flashcoop and coop.state == State.RUNNING:
        raise DomainError(
            _("A running flashcoop keeps its ten days: move a day instead."),
            code="flashcoop_ten_days",
        )
    _require_no_hours(day)
    if not reason.strip():
        raise DomainError(_("Say why the day is cancelled."), code="no_reason")
    day.cancelled = True
    day.cancel_reason = reason.strip()
    day.save(update_fields=["cancelled", "cancel_reason"])
    audit_record(
        subject=coop, actor=actor, action="day_cancelled", reason=f"{day.date}: {reason.strip()}"
    )
    return day
