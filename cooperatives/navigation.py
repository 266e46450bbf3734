"""Menu entries of cooperatives: the back-office list, the participant's own cooperative."""

from django.utils.translation import gettext_lazy as _

from incubator.navigation import NavItem

ITEMS = [
    NavItem(
        _("Cooperatives"), "cooperatives:list", frozenset({"staff", "adviser"}), "store", order=20
    ),
    NavItem(
        _("My cooperative"),
        "cooperatives_portal:home",
        frozenset({"participant"}),
        "store",
        portal=True,
        order=20,
    ),
]
