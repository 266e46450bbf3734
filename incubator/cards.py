"""The foundation's own home cards: account and help links (features add their own)."""

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from incubator.cards_registry import Card
from incubator.models import User


def cards(user: Any) -> list[Card]:
    found = [
        Card(_("Your role"), user.get_role_display(), "user", note=str(user), order=90),
        Card(_("API documentation"), _("Open"), "book", url=reverse("api_docs"), order=95),
    ]
    if user.role == User.Role.STAFF and user.is_staff:
        found.append(Card(_("Administration"), _("Open"), "settings", url="/admin/", order=96))
    return found


def portal_cards(user: Any) -> list[Card]:
    return [
        Card(
            _("Change my password"),
            _("Open"),
            "key",
            url=reverse("password_change"),
            order=95,
        )
    ]
