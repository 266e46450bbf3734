"""Home-page cards, contributed by each app's ``cards.py``.

A module offers ``cards(user)`` (back office) and/or ``portal_cards(user)`` (participants).
"""

from dataclasses import dataclass
from importlib import import_module
from typing import Any

from django.utils.functional import Promise

APPS_WITH_CARDS = ("incubator", "cooperatives", "loans")


@dataclass(frozen=True)
class Card:
    title: str | Promise
    value: Any
    icon: str
    url: str = ""
    note: str | Promise = ""
    order: int = 50


def collect(user: Any, *, portal: bool) -> list[Card]:
    """All cards the apps offer ``user``; each app decides from the role what to show."""
    found: list[Card] = []
    for app in APPS_WITH_CARDS:
        try:
            module = import_module(f"{app}.cards")
        except ModuleNotFoundError:
            continue
        provider = getattr(module, "portal_cards" if portal else "cards", None)
        if provider is not None:
            found.extend(provider(user))
    return sorted(found, key=lambda card: card.order)
