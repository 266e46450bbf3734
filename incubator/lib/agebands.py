"""Age bands of the funders' report, as birth-date thresholds so a database can group by them.

A person's age is counted on one reference date (the report uses the first day of the period):
whole years, a birthday on the reference date counting as reached. ``born_on_or_before(on, n)``
is the latest birth date of someone at least ``n`` years old on ``on``; someone born on
29 February reaches their new age on 1 March of a common year.
"""

import datetime
from dataclasses import dataclass

from incubator.lib.periods import add_months


@dataclass(frozen=True)
class AgeBand:
    key: str  # stable, for CSV columns: "18_25"
    label: str  # shown as is (digits and dashes read the same in every language)
    minimum: int  # years, inclusive
    maximum: int | None  # years, inclusive; None for the open top band


BANDS: tuple[AgeBand, ...] = (
    AgeBand("under_18", "0–17", 0, 17),  # not "< 18": a "<" flips in right-to-left text
    AgeBand("18_25", "18–25", 18, 25),
    AgeBand("26_35", "26–35", 26, 35),
    AgeBand("36_45", "36–45", 36, 45),
    AgeBand("46_55", "46–55", 46, 55),
    AgeBand("56_plus", "56+", 56, None),
)


def born_on_or_before(on: datetime.date, years: int) -> datetime.date:
    """The latest birth date of a person at least ``years`` old on ``on``.

    >>> born_on_or_before(datetime.date(2026, 1, 1), 18)
    datetime.date(2008, 1, 1)
    >>> born_on_or_before(datetime.date(2026, 2, 28), 18)  # born 29/02/2008: not 18 yet
    datetime.date(2008, 2, 28)
    """
    return add_months(on, -12 * years)


def age_on(born: datetime.date, on: datetime.date) -> int:
    """Whole years from ``born`` to ``on``.

    >>> age_on(datetime.date(2008, 1, 2), datetime.date(2026, 1, 1))
    17
    >>> age_on(datetime.date(2008, 1, 1), datetime.date(2026, 1, 1))
    18
    """
    years = on.year - born.year
    return years if born_on_or_before(on, years) >= born else years - 1


def band_of(born: datetime.date, on: datetime.date) -> AgeBand:
    """The band of a person born on ``born``, on the date ``on``.

    >>> band_of(datetime.date(2000, 6, 1), datetime.date(2026, 1, 1)).key
    '18_25'
    >>> band_of(datetime.date(2000, 1, 1), datetime.date(2026, 1, 1)).key
    '26_35'
    """
    age = age_on(born, on)
    return next(b for b in BANDS if b.maximum is None or age <= b.maximum)


def band_bounds(on: datetime.date) -> list[tuple[AgeBand, datetime.date | None, datetime.date]]:
    """Each band with its birth-date range on ``on``: born after the first date (exclusive,
    None for no lower bound) and on or before the second.

    >>> [(b.key, lo, hi) for b, lo, hi in band_bounds(datetime.date(2026, 1, 1))][:2]
    [('under_18', datetime.date(2008, 1, 1), datetime.date(2026, 1, 1)), ('18_25', datetime.date(2000, 1, 1), datetime.date(2008, 1, 1))]
    """  # noqa: E501
    result: list[tuple[AgeBand, datetime.date | None, datetime.date]] = []
    for band in BANDS:
        latest = born_on_or_before(on, band.minimum)
        earliest = None if band.maximum is None else born_on_or_before(on, band.maximum + 1)
        result.append((band, earliest, latest))
    return result
