"""Age bands of the funders' report: whole years on the reference date, birthdays included."""

import datetime
import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from incubator.lib.agebands import BANDS, age_on, band_bounds, band_of

D = datetime.date
ON = D(2026, 3, 1)


@pytest.mark.parametrize(
    ("born", "band"),
    [
        (D(2008, 3, 2), "under_18"),  # eighteen tomorrow
        (D(2008, 3, 1), "18_25"),  # eighteen today
        (D(2000, 3, 2), "18_25"),  # 25 until tomorrow
        (D(2000, 3, 1), "26_35"),
        (D(1990, 3, 1), "36_45"),
        (D(1970, 3, 2), "46_55"),
        (D(1970, 3, 1), "56_plus"),
        (D(1930, 1, 1), "56_plus"),
    ],
)
def test_a_birthday_on_the_reference_day_counts_as_reached(born, band):
    assert band_of(born, ON).key == band


def test_someone_born_on_29_february_is_a_year_older_on_1_march():
    assert age_on(D(2008, 2, 29), D(2026, 2, 28)) == 17
    assert age_on(D(2008, 2, 29), D(2026, 3, 1)) == 18
    assert age_on(D(2008, 2, 29), D(2028, 2, 29)) == 20


@given(born=st.dates(D(1920, 1, 1), D(2026, 3, 1)))
def test_the_birth_date_ranges_match_the_age_computation(born):
    """The SQL grouping uses band_bounds; it must agree with band_of for every birth date."""
    matches = [
        band.key
        for band, earliest, latest in band_bounds(ON)
        if (earliest is None or born > earliest) and born <= latest
    ]
    assert matches == [band_of(born, ON).key]


def test_the_bands_cover_every_age_without_overlap():
    assert [b.minimum for b in BANDS] == [0, 18, 26, 36, 46, 56]
    for lower, upper in itertools.pairwise(BANDS):
        assert lower.maximum + 1 == upper.minimum
    assert BANDS[-1].maximum is None
