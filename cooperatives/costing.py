"""Cost sheets: what one unit of a product costs in materials, and the margin at its price.

Pure: Decimals in, Decimals out, rounded half-up to the cent (``incubator.lib.money``).
A sheet describes one batch (a pot of mafé for 12 portions, 5 tote bags cut from 2 m of wax):
each material line costs quantity × unit cost, the batch costs the sum of its lines, and one
unit costs the batch divided by the units it yields. The margin is the selling price minus
the unit cost, and its rate is taken on the selling price (what a market seller means by
"I keep 60 % of what I sell").
"""

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from incubator.lib.money import quantize

_PERCENT = Decimal("0.01")


@dataclass(frozen=True)
class Material:
    name: str
    quantity: Decimal  # in the material's unit (kg, l, m, piece)
    unit_cost: Decimal  # price of one unit of the material


@dataclass(frozen=True)
class CostSheet:
    line_costs: tuple[Decimal, ...]
    batch_cost: Decimal
    yield_quantity: Decimal
    unit_cost: Decimal
    selling_price: Decimal
    margin: Decimal  # per unit sold
    margin_rate: Decimal | None  # percent of the selling price; None when the price is zero
    batch_margin: Decimal  # margin × yield, rounded once


def line_cost(material: Material, currency: str = "EUR") -> Decimal:
    """``quantity × unit cost``, rounded half-up to the cent.

    >>> line_cost(Material("tomatoes", Decimal("0.750"), Decimal("2.99")))
    Decimal('2.24')
    """
    return quantize(material.quantity * material.unit_cost, currency)


def cost_sheet(
    materials: Sequence[Material],
    *,
    yield_quantity: Decimal,
    selling_price: Decimal,
    currency: str = "EUR",
) -> CostSheet:
    """Unit cost and margin of a product made in batches of ``yield_quantity`` units.

    Each line is rounded to the cent first (it is what the receipt says), then the unit cost
    is the batch cost divided by the yield, rounded half-up.

    >>> sheet = cost_sheet(
    ...     [Material("chicken", Decimal("1.5"), Decimal("7.90")),
    ...      Material("rice", Decimal("1"), Decimal("1.89"))],
    ...     yield_quantity=Decimal(6), selling_price=Decimal("6.00"))
    >>> sheet.batch_cost, sheet.unit_cost, sheet.margin, sheet.margin_rate
    (Decimal('13.74'), Decimal('2.29'), Decimal('3.71'), Decimal('61.83'))
    """
    if yield_quantity <= 0:
        raise ValueError("a batch yields at least some units")
    if selling_price < 0 or any(m.quantity < 0 or m.unit_cost < 0 for m in materials):
        raise ValueError("quantities, costs and prices are not negative")
    line_costs = tuple(line_cost(m, currency) for m in materials)
    batch_cost = sum(line_costs, Decimal("0.00"))
    unit_cost = quantize(batch_cost / yield_quantity, currency)
    price = quantize(selling_price, currency)
    margin = price - unit_cost
    rate = (margin * 100 / price).quantize(_PERCENT, rounding=ROUND_HALF_UP) if price > 0 else None
    return CostSheet(
        line_costs=line_costs,
        batch_cost=batch_cost,
        yield_quantity=yield_quantity,
        unit_cost=unit_cost,
        selling_price=price,
        margin=margin,
        margin_rate=rate,
        batch_margin=quantize(margin * yield_quantity, currency),
    )
