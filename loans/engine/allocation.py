"""Allocation of a payment to installments: oldest first, in a set order within each one.

A payment of 130.00 on two installments each asking fees 5.00, interest 20.00 and principal
100.00 pays the first in full (125.00) and 5.00 of the second's fees; nothing is left over:

>>> a = allocate_payment([Due(1, Decimal("5.00"), Decimal("20.00"), Decimal("100.00")),
...                       Due(2, Decimal("5.00"), Decimal("20.00"), Decimal("100.00"))],
...                      Decimal("130.00"))
>>> [(p.number, str(p.fees), str(p.interest), str(p.principal)) for p in a.parts], a.excess
([(1, '5.00', '20.00', '100.00'), (2, '5.00', '0', '0')], Decimal('0.00'))

The arithmetic is exact (subtraction and ``min`` of the amounts given, no rounding), so the
parts plus the excess sum to the payment to the last digit.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from .terms import ZERO

COMPONENTS = ("fees", "interest", "principal")


@dataclass(frozen=True)
class Due:
    """What an installment still asks for."""

    number: int
    fees: Decimal
    interest: Decimal
    principal: Decimal

    @property
    def total(self) -> Decimal:
        return self.fees + self.interest + self.principal


@dataclass(frozen=True)
class Part:
    """What one installment receives from a payment."""

    number: int
    fees: Decimal
    interest: Decimal
    principal: Decimal

    @property
    def total(self) -> Decimal:
        return self.fees + self.interest + self.principal


@dataclass(frozen=True)
class Allocation:
    parts: tuple[Part, ...]  # only installments that received something, oldest first
    excess: Decimal  # what is left after everything due is paid (kept as credit)

    @property
    def allocated(self) -> Decimal:
        return sum((part.total for part in self.parts), ZERO)


def allocate_payment(
    dues: Sequence[Due],
    amount: Decimal,
    order: Sequence[str] = COMPONENTS,
) -> Allocation:
    """Spread ``amount`` over ``dues``, oldest installment (lowest number) first.

    Within an installment the components are paid in ``order`` (a permutation of "fees",
    "interest", "principal"). Raises ``ValueError`` for a negative amount or due, an
    order that is not such a permutation, or an installment number given twice.

    >>> allocate_payment([Due(1, Decimal(0), Decimal("10.00"), Decimal("90.00"))],
    ...                  Decimal("30.00"), order=("principal", "interest", "fees")).parts[0]
    Part(number=1, fees=Decimal('0'), interest=Decimal('0'), principal=Decimal('30.00'))
    """
    if sorted(order) != sorted(COMPONENTS):
        raise ValueError(f"order must be a permutation of {COMPONENTS}, not {tuple(order)}")
    if amount < 0:
        raise ValueError("a payment cannot be negative")
    numbers = [due.number for due in dues]
    if len(set(numbers)) != len(numbers):
        raise ValueError("an installment appears twice")
    left = amount
    parts: list[Part] = []
    for due in sorted(dues, key=lambda d: d.number):
        asked = {"fees": due.fees, "interest": due.interest, "principal": due.principal}
        if any(value < 0 for value in asked.values()):
            raise ValueError(f"installment {due.number} asks for a negative amount")
        paid = dict.fromkeys(COMPONENTS, ZERO)
        for component in order:
            if left <= 0:
                break
            take = min(left, asked[component])
            paid[component] = take
            left -= take
        if any(paid.values()):
            parts.append(Part(due.number, paid["fees"], paid["interest"], paid["principal"]))
        if left <= 0:
            break
    return Allocation(parts=tuple(parts), excess=left)
