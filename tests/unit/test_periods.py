from datetime import date

from incubator.lib.periods import Frequency, add_months, due_dates, step


def test_months_clamp_to_the_month_end_without_drifting():
    assert due_dates(date(2026, 1, 31), Frequency.MONTHLY, 4) == [
        date(2026, 1, 31),
        date(2026, 2, 28),
        date(2026, 3, 31),
        date(2026, 4, 30),
    ]
    assert add_months(date(2027, 11, 30), 3) == date(2028, 2, 29)  # leap year


def test_weeks_and_two_weeks_step_in_days():
    assert step(date(2026, 12, 28), Frequency.WEEKLY, 1) == date(2027, 1, 4)
    assert step(date(2026, 12, 28), Frequency.BIWEEKLY, 2) == date(2027, 1, 25)
    assert Frequency.BIWEEKLY.periods_per_year == 26
