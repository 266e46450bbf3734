"""Template helpers loaded everywhere: amounts, percentages, icons."""

from decimal import Decimal, InvalidOperation
from typing import Any

from babel.numbers import format_currency, format_decimal
from django import template
from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import get_language

from incubator.lib.money import quantize

register = template.Library()

# Babel locales per interface language. Arabic keeps Latin digits: the papers our participants
# get from banks and administrations in France use them.
BABEL_LOCALES = {"fr": "fr_FR", "en": "en_GB", "ar": "ar"}


def babel_locale() -> str:
    return BABEL_LOCALES.get((get_language() or "fr")[:2], "fr_FR")


def _split_money(value: Any, currency: str | None) -> tuple[Decimal, str] | None:
    if value is None or value == "":
        return None
    if hasattr(value, "amount") and hasattr(value, "currency"):  # djmoney Money
        return Decimal(value.amount), str(getattr(value.currency, "code", value.currency))
    try:
        return Decimal(str(value)), currency or "EUR"
    except InvalidOperation:
        return None


@register.filter
def money(value: Any, currency: str | None = None) -> str:
    """``{{ loan.principal|money }}`` → « 5 000,00 € » in French, “€5,000.00” in English."""
    parts = _split_money(value, currency)
    if parts is None:
        return ""
    amount, code = parts
    return format_currency(
        quantize(amount, code), code, locale=babel_locale(), numbering_system="latn"
    )


@register.filter
def percent(value: Any, places: int = 2) -> str:
    """``{{ "7.45"|percent }}`` → « 7,45 % »: the value is already in percent."""
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        return ""
    pattern = "#,##0." + "0" * int(places) if int(places) else "#,##0"
    text = format_decimal(number, format=pattern, locale=babel_locale(), numbering_system="latn")
    return f"{text}\u00a0%"


@register.filter
def number(value: Any, places: int = 0) -> str:
    """A plain number with the language's separators."""
    try:
        number_ = Decimal(str(value))
    except InvalidOperation:
        return ""
    pattern = "#,##0." + "0" * int(places) if int(places) else "#,##0"
    return format_decimal(number_, format=pattern, locale=babel_locale(), numbering_system="latn")


@register.simple_tag
def icon(name: str, label: str = "") -> SafeString:
    """An icon from the sprite; decorative unless ``label`` names it for screen readers."""
    href = f"{static('img/icons.svg')}#{name}"
    if label:
        return format_html(
            '<svg class="icon" role="img" aria-label="{}"><use href="{}"></use></svg>', label, href
        )
    return format_html('<svg class="icon" aria-hidden="true"><use href="{}"></use></svg>', href)
