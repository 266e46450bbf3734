"""Allocation of a payment: oldest installment first, a set order within each one."""

from decimal import Decimal

import pytest

from loans.engine import Due, Part, allocate_payment

D = Decimal

DUES = [
    Due(1, D("5.00"), D("20.00"), D("100.00")),
    Due(2, D("5.00"), D("20.00"), D("100.00")),
]


def test_the_oldest_installment_is_paid_first_fees_then_interest_then_principal():
    # 130.00: installment 1 in full (5 + 20 + 100 = 125), then 5.00 of installment 2's fees.
    result = allocate_payment(DUES, D("130.00"))
    assert result.parts == (
        Part(1, D("5.00"), D("20.00"), D("100.00")),
        Part(2, D("5.00"), D(0), D(0)),
    )
    assert result.excess == D("0.00")
    assert result.allocated == D("130.00")


def test_a_short_payment_stops_inside_the_first_installment():
    # 12.34: the 5.00 fees, then 7.34 of interest; nothing reaches the principal.
    result = allocate_payment(DUES, D("12.34"))
    assert result.parts == (Part(1, D("5.00"), D("7.34"), D(0)),)
    assert result.parts[0].total == D("12.34")


def test_the_order_within_an_installment_is_configurable():
    # Principal first: 110.00 pays installment 1's principal (100) then 10.00 of its interest.
    result = allocate_payment(DUES, D("110.00"), order=("principal", "interest", "fees"))
    assert result.parts == (Part(1, D(0), D("10.00"), D("100.00")),)


def test_what_is_left_after_everything_due_is_returned_as_excess():
    result = allocate_payment(DUES, D("300.00"))
    assert [part.total for part in result.parts] == [D("125.00"), D("125.00")]
    assert result.excess == D("50.00")


def test_installments_are_taken_oldest_first_whatever_order_they_come_in():
    result = allocate_payment(list(reversed(DUES)), D("125.00"))
    assert [part.number for part in result.parts] == [1]


def test_a_settled_installment_receives_nothing():
    dues = [Due(1, D(0), D(0), D(0)), Due(2, D(0), D("1.00"), D("9.00"))]
    assert allocate_payment(dues, D("4.00")).parts == (Part(2, D(0), D("1.00"), D("3.00")),)


def test_a_zero_payment_allocates_nothing():
    assert allocate_payment(DUES, D("0.00")).parts == ()


@pytest.mark.parametrize(
    ("dues", "amount", "order"),
    [
        (DUES, D("-1.00"), ("fees", "interest", "principal")),
        (DUES, D("1.00"), ("fees", "interest")),
        (DUES, D("1.00"), ("fees", "fees", "principal")),
        ([Due(1, D("-1.00"), D(0), D(0))], D("1.00"), ("fees", "interest", "principal")),
        ([DUES[0], DUES[0]], D("1.00"), ("fees", "interest", "principal")),
    ],
)
def test_impossible_allocations_are_refused(dues, amount, order):
    with pytest.raises(ValueError):
        allocate_payment(dues, amount, order)
