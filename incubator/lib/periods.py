"""Stepping dates by calendar month, two weeks or a week.

Months step by calendar month from a fixed anchor and clamp to the month's last day, so a
schedule starting on 31 January falls due on 28/29 February, then 31 March (not 28 March).
"""

import calendar
from datetime import date, timedelta
from enum import StrEnum

# The dates people plan and report on (cooperatives' calendars, funders' periods). Outside,
# a date typed by mistake (year 1, year 9999) would overflow when stepped by days or months.
EARLIEST = date(2000, 1, 1)
LATEST = date(2100, 12, 31)


class Frequency(StrEnum):
    MONTHLY = "monthly"
    BIWEEKLY = "biweekly"
    WEEKLY = "weekly"

    @property
    def periods_per_year(self) -> int:
        return {"monthly": 12, "biweekly": 26, "weekly": 52}[self.value]


def add_months(start: date, months: int) -> date:
    """``start`` moved by whole calendar months, clamped to the month's last day.

    >>> add_months(date(2026, 1, 31), 1)
    datetime.date(2026, 2, 28)
    >>> add_months(date(2026, 1, 31), 2)
    datetime.date(2026, 3, 31)
    >>> add_months(date(2026, 3, 15), -3)
    datetime.date(2025, 12, 15)
    """
    month_index = start.year * 12 + start.month - 1 + months
    year, month = divmod(month_index, 12)
    last_day = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(start.day, last_day))


def step(start: date, frequency: Frequency, periods: int) -> date:
    """``start`` moved by ``periods`` whole periods of ``frequency``.

    >>> step(date(2026, 1, 5), Frequency.BIWEEKLY, 2)
    datetime.date(2026, 2, 2)
    """
    if frequency is Frequency.MONTHLY:
        return add_months(start, periods)
    days = 14 if frequency is Frequency.BIWEEKLY else 7
    return start + timedelta(days=days * periods)


def due_dates(first: date, frequency: Frequency, count: int) -> list[date]:
    """``count`` due dates from ``first``, each stepped from ``first`` (never from the last one).

    >>> due_dates(date(2026, 1, 31), Frequency.MONTHLY, 3)
    [datetime.date(2026, 1, 31), datetime.date(2026, 2, 28), datetime.date(2026, 3, 31)]
    """
    return [step(first, frequency, k) for k in range(count)]
