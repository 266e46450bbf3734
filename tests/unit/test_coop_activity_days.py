"""The activity calendar skips Sundays and French public holidays, to the exact date."""

import datetime

import pytest

from cooperatives import activity_days

D = datetime.date


def test_a_flashcoop_starting_friday_10_july_2026_ends_wednesday_22_july():
    days = activity_days.flashcoop_days(D(2026, 7, 10))
    assert days == [
        D(2026, 7, 10),  # Friday
        D(2026, 7, 11),  # Saturday (Sunday 12 skipped)
        D(2026, 7, 13),  # Monday (Tuesday 14, the national holiday, skipped)
        D(2026, 7, 15),
        D(2026, 7, 16),
        D(2026, 7, 17),
        D(2026, 7, 18),  # Saturday (Sunday 19 skipped)
        D(2026, 7, 20),
        D(2026, 7, 21),
        D(2026, 7, 22),  # Wednesday
    ]
    assert len(days) == activity_days.FLASHCOOP_DAYS
    assert days[-1].weekday() == 2
    for skipped in (D(2026, 7, 12), D(2026, 7, 14), D(2026, 7, 19)):
        assert skipped not in days


def test_the_skipped_dates_say_why():
    skipped = activity_days.skipped_between(D(2026, 7, 10), D(2026, 7, 22))
    assert [(s.date, s.reason, s.name) for s in skipped] == [
        (D(2026, 7, 12), "sunday", ""),
        (D(2026, 7, 14), "holiday", "Fête nationale"),
        (D(2026, 7, 19), "sunday", ""),
    ]


def test_a_flashcoop_starting_on_a_holiday_begins_the_next_open_day():
    # Ascension Thursday 14 May 2026, then Friday 15; Monday 25 May is Whit Monday.
    days = activity_days.flashcoop_days(D(2026, 5, 14))
    assert days[0] == D(2026, 5, 15)
    assert D(2026, 5, 25) not in days
    assert days[-1] == D(2026, 5, 27)


def test_a_flashcoop_across_new_year_skips_christmas_and_the_first_of_january():
    days = activity_days.flashcoop_days(D(2026, 12, 21))
    assert D(2026, 12, 25) not in days and D(2027, 1, 1) not in days
    assert days == [
        D(2026, 12, 21),
        D(2026, 12, 22),
        D(2026, 12, 23),
        D(2026, 12, 24),
        D(2026, 12, 26),
        D(2026, 12, 28),
        D(2026, 12, 29),
        D(2026, 12, 30),
        D(2026, 12, 31),
        D(2027, 1, 2),
    ]


def test_a_weekly_pattern_keeps_its_weekdays_and_skips_holidays():
    # Tuesdays and Thursdays of May 2026: Thursday 14 is Ascension Day.
    days = activity_days.weekly_days(D(2026, 5, 1), D(2026, 5, 31), [1, 3])
    assert days == [
        D(2026, 5, 5),
        D(2026, 5, 7),
        D(2026, 5, 12),
        D(2026, 5, 19),
        D(2026, 5, 21),
        D(2026, 5, 26),
        D(2026, 5, 28),
    ]


def test_a_chosen_sunday_is_kept_unless_it_is_a_holiday():
    # Sunday markets: Easter Sunday 5 April 2026 is not a public holiday in France, 1 Nov is.
    days = activity_days.weekly_days(D(2026, 4, 1), D(2026, 4, 30), [6])
    assert D(2026, 4, 5) in days and len(days) == 4
    assert D(2026, 11, 1) not in activity_days.weekly_days(D(2026, 11, 1), D(2026, 11, 8), [6])


@pytest.mark.parametrize(
    ("start", "end", "weekdays"),
    [
        (D(2026, 5, 10), D(2026, 5, 1), [1]),
        (D(2026, 5, 1), D(2026, 5, 31), []),
        (D(2026, 5, 1), D(2026, 5, 31), [7]),
    ],
)
def test_an_impossible_pattern_is_refused(start, end, weekdays):
    with pytest.raises(ValueError):
        activity_days.weekly_days(start, end, weekdays)
