"""Menu entries of loans (see incubator/navigation.py)."""

from django.utils.translation import gettext_lazy as _

from incubator.navigation import NavItem

_OFFICERS = frozenset({"adviser", "committee"})

ITEMS = [
    # The microcredit lifecycle (issue 6).
    NavItem(_("Applications"), "loans:applications", _OFFICERS, "file", order=30),
    NavItem(_("Committee"), "loans:committee", frozenset({"committee"}), "users", order=31),
    NavItem(_("Loans"), "loans:loans", _OFFICERS, "coins", order=32),
    NavItem(_("Portfolio"), "loans:portfolio", _OFFICERS, "chart", order=34),
    NavItem(
        _("Loan products"), "loans:products", frozenset({"staff", "adviser"}), "settings", order=60
    ),
    NavItem(
        _("My loan"),
        "loans_portal:home",
        frozenset({"participant"}),
        "coins",
        portal=True,
        order=30,
    ),
    # The loan simulator (issue 3): anyone helping a participant plan, and the participant.
    NavItem(
        _("Loan simulator"),
        "loans:simulate",
        frozenset({"staff", "adviser", "committee"}),
        "calculator",
        order=36,
    ),
    # Participants reach their simulator from "My loan": five tabs are what a phone holds.
]
