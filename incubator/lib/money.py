"""Rounding and splitting of amounts, in Decimal, half-up to the currency's minor unit.

The database never rounds for us (see STACK.md): every amount is quantized here before it
is saved or shown. Currencies travel as ISO codes; mixing two is an error, not a conversion.
"""

from collections.abc import Sequence
from decimal import ROUND_FLOOR, ROUND_HALF_UP, Decimal

# ISO 4217 minor units that differ from the usual two decimals.
_MINOR_UNITS = {"JPY": 0, "KRW": 0, "XOF": 0, "XAF": 0, "GNF": 0, "BHD": 3, "KWD": 3, "TND": 3}


class CurrencyMismatch(ValueError):
    """Two amounts in different currencies met in one computation."""


def minor_unit(currency: str = "EUR") -> Decimal:
    """The smallest amount of a currency: ``minor_unit("EUR") -> Decimal("0.01")``."""
    return Decimal(1).scaleb(-_MINOR_UNITS.get(currency, 2))


def quantize(amount: Decimal, currency: str = "EUR") -> Decimal:
    """Round half-up to the currency's minor unit.

    >>> quantize(Decimal("10.005"))
    Decimal('10.01')
    >>> quantize(Decimal("-10.005"))
    Decimal('-10.01')
    >>> quantize(Decimal("2.5"), "JPY")
    Decimal('3')
    """
    return amount.quantize(minor_unit(currency), rounding=ROUND_HALF_UP)


def same_currency(*currencies: str) -> str:
    """Return the one currency all amounts share, or raise ``CurrencyMismatch``.

    >>> same_currency("EUR", "EUR")
    'EUR'
    """
    distinct = set(currencies)
    if len(distinct) != 1:
        raise CurrencyMismatch(f"amounts in different currencies: {sorted(distinct)}")
    return distinct.pop()


def allocate(total: Decimal, weights: Sequence[Decimal], currency: str = "EUR") -> list[Decimal]:
    """Split ``total`` in proportion to ``weights`` so the parts sum exactly to ``total``.

    Largest remainder: each part is first rounded toward minus infinity to the minor unit, then
    the units left over go one each to the parts with the largest remainders (ties: the
    earliest part). Works for negative totals (a loss) too.

    >>> allocate(Decimal("100.00"), [Decimal(1)] * 3)
    [Decimal('33.34'), Decimal('33.33'), Decimal('33.33')]
    >>> allocate(Decimal("-10.00"), [Decimal(1)] * 3)
    [Decimal('-3.33'), Decimal('-3.33'), Decimal('-3.34')]
    >>> allocate(Decimal("10.00"), [Decimal(0), Decimal(2)])
    [Decimal('0.00'), Decimal('10.00')]
    """
    if not weights:
        raise ValueError("allocate needs at least one weight")
    if any(w < 0 for w in weights):
        raise ValueError("weights must not be negative")
    weight_sum = sum(weights, Decimal(0))
    if weight_sum == 0:
        raise ValueError("weights must not all be zero")
    unit = minor_unit(currency)
    total = quantize(total, currency)
    exact = [total * w / weight_sum for w in weights]
    parts = [e.quantize(unit, rounding=ROUND_FLOOR) for e in exact]
    leftover = int((total - sum(parts, Decimal(0))) / unit)
    # Largest remainder first; sorted() is stable, so ties keep their order.
    order = sorted(range(len(parts)), key=lambda k: exact[k] - parts[k], reverse=True)
    for k in order[:leftover]:
        parts[k] += unit
    return parts
