"""Template helpers loaded everywhere: amounts, percentages, icons."""

from decimal import Decimal, InvalidOperation
from typing import Any

from django import template
from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import get_language

from incubator.lib import formats

register = template.Library()


def _language() -> str:
    return get_language() or "fr"


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
    return formats.money(parts[0], parts[1], _language()) if parts else ""


def _decimal(value: Any) -> Decimal | None:
    try:
        return Decimal(str(value))
    except InvalidOperation:
        return None


@register.filter
def percent(value: Any, places: int = 2) -> str:
    """``{{ "7.45"|percent }}`` → « 7,45 % »: the value is already in percent."""
    number_ = _decimal(value)
    return formats.percent(number_, _language(), int(places)) if number_ is not None else ""


@register.filter
def number(value: Any, places: int = 0) -> str:
    """A plain number with the language's separators."""
    number_ = _decimal(value)
    return formats.number(number_, _language(), int(places)) if number_ is not None else ""


@register.filter
def minutes(value: Any) -> int:
    """A ``timedelta`` in whole minutes, rounded up (a lockout of 90 s says 2 minutes)."""
    seconds = int(value.total_seconds()) if hasattr(value, "total_seconds") else 0
    return -(-seconds // 60)


@register.simple_tag
def icon(name: str, label: str = "") -> SafeString:
    """An icon from the sprite; decorative unless ``label`` names it for screen readers."""
    href = f"{static('img/icons.svg')}#{name}"
    if label:
        return format_html(
            '<svg class="icon icon-{}" role="img" aria-label="{}"><use href="{}"></use></svg>',
            name,
            label,
            href,
        )
    return format_html(
        '<svg class="icon icon-{}" aria-hidden="true"><use href="{}"></use></svg>', name, href
    )
