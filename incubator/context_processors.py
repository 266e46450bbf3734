"""Template context shared by every page: the menu for the user's role."""

from functools import cache
from importlib import import_module
from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse

from incubator.navigation import NavItem

# Each language named in itself, as a speaker looks for it: "Français", "English", "العربية".
LANGUAGES = settings.LANGUAGES
APPS_WITH_MENUS = ("incubator", "cooperatives", "loans")


@cache
def _all_items() -> tuple[NavItem, ...]:
    items: list[NavItem] = []
    for app in APPS_WITH_MENUS:
        try:
            module = import_module(f"{app}.navigation")
        except ModuleNotFoundError:
            continue
        items.extend(getattr(module, "ITEMS", ()))
    return tuple(sorted(items, key=lambda item: item.order))


def navigation(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": [], "base_layout": "base_public.html", "language_choices": LANGUAGES}
    portal = user.role == "participant"
    layout = "portal/base.html" if portal else "backoffice/base.html"
    current = request.path
    entries = []
    for item in _all_items():
        if user.role not in item.roles or item.portal != portal:
            continue
        try:
            url = reverse(item.url_name)
        except NoReverseMatch:
            continue
        entries.append({"item": item, "url": url, "active": False})
    # One entry is current: the one whose address is the longest prefix of the page's
    # (on /loans/simulate/, "Loan simulator" rather than "Loans" too).
    matches = [e for e in entries if current == e["url"] or current.startswith(e["url"])]
    if matches:
        max(matches, key=lambda e: len(e["url"]))["active"] = True
    return {"nav_items": entries, "base_layout": layout, "language_choices": LANGUAGES}
