"""Activity days of a cooperative: open days that skip Sundays and French public holidays.

Pure (no Django): dates in, dates out. A flashcoop runs exactly ``FLASHCOOP_DAYS`` activity
days from its start date; a temporary cooperative meets on chosen weekdays until an end date.
Public holidays come from the ``holidays`` library (metropolitan France, no regional days).
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

import holidays

FLASHCOOP_DAYS = 10
SUNDAY = 6
_ONE_DAY = datetime.timedelta(days=1)


@cache
def _french_holidays() -> holidays.HolidayBase:
    # Years are filled in lazily on lookup (expand=True), so one calendar serves every year.
    return holidays.country_holidays("FR", language="fr")


def holiday_name(day: datetime.date) -> str | None:
    """The French public holiday on ``day``, or None.

    >>> holiday_name(datetime.date(2026, 7, 14))
    'Fête nationale'
    >>> holiday_name(datetime.date(2026, 7, 15)) is None
    True
    """
    name = _french_holidays().get(day)
    return str(name) if name else None


@dataclass(frozen=True)
class Skipped:
    """A date the calendar passed over, and why: ``"sunday"`` or ``"holiday"`` (with its name)."""

    date: datetime.date
    reason: str
    name: str = ""


def closure(day: datetime.date, *, rest_on_sunday: bool = True) -> Skipped | None:
    """Why no activity can take place on ``day`` (None: it is an open day).

    >>> closure(datetime.date(2026, 7, 12)).reason
    'sunday'
    >>> closure(datetime.date(2026, 7, 14)).name
    'Fête nationale'
    >>> closure(datetime.date(2026, 7, 13)) is None
    True
    """
    name = holiday_name(day)
    if name:
        return Skipped(day, "holiday", name)
    if rest_on_sunday and day.weekday() == SUNDAY:
        return Skipped(day, "sunday")
    return None


def flashcoop_days(start: datetime.date, count: int = FLASHCOOP_DAYS) -> list[datetime.date]:
    """``count`` open days from ``start`` (included), skipping Sundays and public holidays.

    A flashcoop starting on Friday 10 July 2026 skips Sunday 12, Tuesday 14 (the national
    holiday) and Sunday 19 July, and ends on Wednesday 22 July:

    >>> [d.day for d in flashcoop_days(datetime.date(2026, 7, 10))]
    [10, 11, 13, 15, 16, 17, 18, 20, 21, 22]
    """
    if count < 1:
        raise ValueError("a calendar needs at least one day")
    days: list[datetime.date] = []
    day = start
    while len(days) < count:
        if closure(day) is None:
            days.append(day)
        day += _ONE_DAY
    return days


def weekly_days(
    start: datetime.date, end: datetime.date, weekdays: Iterable[int]
) -> list[datetime.date]:
    """Every date from ``start`` to ``end`` (both included) falling on one of ``weekdays``
    (Monday = 0 … Sunday = 6), public holidays skipped. A Sunday is kept if it was chosen
    (a Sunday market is a real pattern).

    >>> [d.isoformat() for d in weekly_days(datetime.date(2026, 7, 6),
    ...                                      datetime.date(2026, 7, 17), [1, 3])]
    ['2026-07-07', '2026-07-09', '2026-07-16']
    """
    chosen = set(weekdays)
    if not chosen or not chosen <= set(range(7)):
        raise ValueError("weekdays must be a non-empty subset of 0..6")
    if end < start:
        raise ValueError("the end date comes before the start date")
    days = []
    day = start
    while day <= end:
        if day.weekday() in chosen and holiday_name(day) is None:
            days.append(day)
        day += _ONE_DAY
    return days


def skipped_between(
    first: datetime.date, last: datetime.date, *, weekdays: Iterable[int] | None = None
) -> list[Skipped]:
    """The closed dates a calendar passed over between its first and last day.

    For a weekly pattern only holidays on a chosen weekday count as skipped.

    >>> [(s.date.day, s.reason) for s in skipped_between(datetime.date(2026, 7, 10),
    ...                                                  datetime.date(2026, 7, 22))]
    [(12, 'sunday'), (14, 'holiday'), (19, 'sunday')]
    """
    chosen = set(weekdays) if weekdays is not None else None
    found = []
    day = first
    while day <= last:
        if chosen is None:
            reason = closure(day)
        else:
            reason = closure(day, rest_on_sunday=False) if day.weekday() in chosen else None
        if reason is not None:
            found.append(reason)
        day += _ONE_DAY
    return found
