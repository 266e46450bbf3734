from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from incubator.lib.money import CurrencyMismatch, allocate, quantize, same_currency


def test_quantize_rounds_half_up_away_from_zero():
    assert quantize(Decimal("10.005")) == Decimal("10.01")
    assert quantize(Decimal("10.004999")) == Decimal("10.00")
    assert quantize(Decimal("-0.125")) == Decimal("-0.13")
    assert quantize(Decimal("1234.5"), "JPY") == Decimal("1235")
    assert quantize(Decimal("1.2345"), "TND") == Decimal("1.235")


def test_allocate_gives_the_leftover_cent_to_the_largest_remainder():
    # 100.00 / 3 = 33.333…: floors 33.33 ×3 = 99.99, one cent left, all remainders equal → first.
    assert allocate(Decimal("100.00"), [Decimal(1)] * 3) == [
        Decimal("33.34"),
        Decimal("33.33"),
        Decimal("33.33"),
    ]
    # 10.00 in 1:2 = 3.333… and 6.666…: floors 3.33 + 6.66 = 9.99; the 0.00666 remainder wins.
    assert allocate(Decimal("10.00"), [Decimal(1), Decimal(2)]) == [
        Decimal("3.33"),
        Decimal("6.67"),
    ]


def test_allocate_splits_a_loss_too():
    assert allocate(Decimal("-10.00"), [Decimal(1)] * 3) == [
        Decimal("-3.33"),
        Decimal("-3.33"),
        Decimal("-3.34"),
    ]


def test_allocate_refuses_meaningless_weights():
    with pytest.raises(ValueError):
        allocate(Decimal(10), [])
    with pytest.raises(ValueError):
        allocate(Decimal(10), [Decimal(0), Decimal(0)])
    with pytest.raises(ValueError):
        allocate(Decimal(10), [Decimal(1), Decimal(-1)])


def test_same_currency_refuses_a_mix():
    assert same_currency("EUR", "EUR") == "EUR"
    with pytest.raises(CurrencyMismatch):
        same_currency("EUR", "USD")


@given(
    total=st.decimals(min_value=-(10**7), max_value=10**7, places=2),
    weights=st.lists(st.decimals(min_value=0, max_value=1000, places=3), min_size=1, max_size=30),
)
def test_allocated_parts_always_sum_to_the_total(total, weights):
    if sum(weights) == 0:
        weights = [*weights[:-1], Decimal(1)]
    parts = allocate(total, weights)
    assert sum(parts) == total
    assert all(part == quantize(part) for part in parts)
    # Never more than one cent away from the exact proportional share.
    exact = [total * w / sum(weights) for w in weights]
    assert all(abs(p - e) < Decimal("0.01") for p, e in zip(parts, exact, strict=True))
