"""Menu entries, declared by each app in its own ``navigation.py`` as ``ITEMS``."""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class NavItem:
    label: str | Promise
    url_name: str
    roles: frozenset[str]
    icon: str  # a symbol id in static/img/icons.svg
    portal: bool = False  # True: the participant's bottom bar; False: the back-office menu
    order: int = 50


_BACK_OFFICE = frozenset({"staff", "adviser", "committee"})
_PARTICIPANT = frozenset({"participant"})

ITEMS = [
    NavItem(_("Home"), "dashboard", _BACK_OFFICE, "home", order=0),
    NavItem(_("Home"), "portal:home", _PARTICIPANT, "home", portal=True, order=0),
]
