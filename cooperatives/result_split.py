"""The split of a cooperative's result among its members. Pure: Decimals in, Decimals out.

The result is sales minus expenses; it may be a loss, which is split the same way. The members
chose the rule together:

- ``equal``: one part each for every member who worked at least one hour;
- ``hours``: in proportion to the hours each member worked;
- ``weights``: in proportion to weights the members agreed on (e.g. 1 for members, 1.5 for
  the treasurer who also kept the books).

Parts are rounded with the largest-remainder method (``incubator.lib.money.allocate``), so
they always sum exactly to the result, to the cent, whatever the rule, weights or sign.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from incubator.lib.money import allocate, quantize


class Rule(StrEnum):
    EQUAL = "equal"
    HOURS = "hours"
    WEIGHTS = "weights"


class NothingToSplitBy(ValueError):
    """Every basis is zero: nobody worked (``equal``, ``hours``) or every weight is zero."""

    def __init__(self, rule: Rule) -> None:
        super().__init__(f"no member has a positive basis under the rule {rule.value!r}")
        self.rule = rule


@dataclass(frozen=True)
class Contribution:
    """What one member brought: ``member`` is any stable key (a membership id)."""

    member: int
    days: int
    hours: Decimal
    weight: Decimal = Decimal(1)


@dataclass(frozen=True)
class Share:
    member: int
    basis: Decimal  # what the member's part is proportional to under the rule
    amount: Decimal


def result(sales: Decimal, expenses: Decimal, currency: str = "EUR") -> Decimal:
    """Sales minus expenses, rounded half-up to the cent.

    >>> result(Decimal("1250.40"), Decimal("1390.00"))
    Decimal('-139.60')
    """
    return quantize(sales - expenses, currency)


def basis(rule: Rule, contribution: Contribution) -> Decimal:
    """What ``contribution``'s part is proportional to under ``rule``.

    >>> c = Contribution(member=1, days=3, hours=Decimal("17.25"), weight=Decimal("1.5"))
    >>> [basis(rule, c) for rule in Rule]
    [Decimal('1'), Decimal('17.25'), Decimal('1.5')]
    """
    if rule is Rule.EQUAL:
        return Decimal(1) if contribution.hours > 0 else Decimal(0)
    if rule is Rule.HOURS:
        return contribution.hours
    return contribution.weight


def split(
    total: Decimal, contributions: Sequence[Contribution], rule: Rule, currency: str = "EUR"
) -> list[Share]:
    """Split ``total`` among ``contributions`` under ``rule``; the amounts sum to ``total``.

    Ties in the rounding go to the earliest contribution, so pass them in a stable order.

    >>> team = [Contribution(1, 10, Decimal("60")), Contribution(2, 9, Decimal("52.5")),
    ...         Contribution(3, 4, Decimal("20"))]
    >>> [s.amount for s in split(Decimal("1000.00"), team, Rule.HOURS)]
    [Decimal('452.83'), Decimal('396.23'), Decimal('150.94')]
    >>> [s.amount for s in split(Decimal("-100.00"), team, Rule.EQUAL)]
    [Decimal('-33.33'), Decimal('-33.33'), Decimal('-33.34')]
    """
    rule = Rule(rule)
    bases = [basis(rule, c) for c in contributions]
    if any(b < 0 for b in bases):
        raise ValueError("hours and weights must not be negative")
    if not bases or sum(bases, Decimal(0)) == 0:
        raise NothingToSplitBy(rule)
    amounts = allocate(quantize(total, currency), bases, currency)
    return [
        Share(member=c.member, basis=b, amount=a)
        for c, b, a in zip(contributions, bases, amounts, strict=True)
    ]
