"""Amounts, numbers, percentages and dates written the way each language writes them (Babel).

Pure: the language is passed in, so the same helpers serve pages, e-mails and PDFs. Arabic
keeps Latin digits: the papers participants get from banks and administrations use them.
"""

import datetime
from decimal import Decimal

from babel.dates import format_date as babel_format_date
from babel.numbers import format_currency, format_decimal

from incubator.lib.money import quantize

BABEL_LOCALES = {"fr": "fr_FR", "en": "en_GB", "ar": "ar"}


def babel_locale(language: str) -> str:
    return BABEL_LOCALES.get((language or "fr")[:2], "fr_FR")


def money(amount: Decimal, currency: str, language: str) -> str:
    """``money(Decimal("1234.5"), "EUR", "fr") -> "1 234,50 €"`` (narrow no-break spaces)."""
    return format_currency(
        quantize(amount, currency), currency, locale=babel_locale(language), numbering_system="latn"
    )


def number(value: Decimal | int, language: str, places: int = 0) -> str:
    """``number(Decimal("1234.5"), "en", 1) -> "1,234.5"``."""
    pattern = "#,##0." + "0" * places if places else "#,##0"
    return format_decimal(
        value, format=pattern, locale=babel_locale(language), numbering_system="latn"
    )


def percent(value: Decimal, language: str, places: int = 2) -> str:
    """A value already in percent: ``percent(Decimal("7.45"), "fr") -> "7,45 %"``."""
    return f"{number(value, language, places)}\u00a0%"


def date(value: datetime.date, language: str, style: str = "medium") -> str:
    """``date(date(2026, 7, 14), "fr") -> "14 juil. 2026"``; style short / medium / long."""
    return babel_format_date(value, format=style, locale=babel_locale(language))
