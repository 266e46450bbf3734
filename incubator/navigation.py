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

_STAFF = frozenset({"staff"})
_PEOPLE_READERS = frozenset({"staff", "adviser"})

ITEMS = [
    NavItem(_("Home"), "dashboard", _BACK_OFFICE, "home", order=0),
    NavItem(_("Home"), "portal:home", _PARTICIPANT, "home", portal=True, order=0),
    # The people side
    NavItem(_("Participants"), "people:participants", _PEOPLE_READERS, "users", order=10),
    NavItem(_("Workshops"), "people:workshops", _STAFF, "calendar", order=12),
    NavItem(_("Follow-ups"), "people:follow_ups", _STAFF, "phone", order=14),
    NavItem(_("Indicators"), "people:indicators", _STAFF, "chart", order=16),
    NavItem(_("My workshops"), "portal:workshops", _PARTICIPANT, "calendar", portal=True, order=10),
    NavItem(_("My profile"), "portal:profile", _PARTICIPANT, "user", portal=True, order=90),
]
