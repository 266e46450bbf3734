"""Home cards of cooperatives: what runs now (back office), my cooperative (portal)."""

from typing import Any

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cooperatives import selectors
from cooperatives.models import ActivityDay, Cooperative, MemberShare
from incubator.cards_registry import Card
from incubator.templatetags.tremplin import money

State = Cooperative.State


def cards(user: Any) -> list[Card]:
    if not selectors.can_read_all(user):
        return []
    counts = Cooperative.objects.aggregate(
        running=Count("pk", filter=Q(state=State.RUNNING)),
        planned=Count("pk", filter=Q(state=State.PLANNED)),
        closing=Count("pk", filter=Q(state=State.CLOSING)),
    )
    note = _("%(planned)s planned · %(closing)s closing") % counts
    return [
        Card(
            gettext_lazy("Cooperatives running"),
            counts["running"],
            "store",
            url=reverse("cooperatives:list") + "?state=running",
            note=note,
            order=20,
        )
    ]


def portal_cards(user: Any) -> list[Card]:
    membership = selectors.memberships_of_user(user).first()
    if membership is None:
        return []
    coop = membership.cooperative
    url = reverse("cooperatives_portal:detail", kwargs={"pk": coop.pk})
    share = MemberShare.objects.filter(membership=membership).first()
    if share is not None:
        note = _("Your share: %(amount)s") % {"amount": money(share.amount)}
    else:
        next_day = (
            ActivityDay.objects.filter(
                cooperative=coop, cancelled=False, date__gte=timezone.localdate()
            )
            .order_by("date")
            .first()
        )
        note = (
            _("Next day: %(date)s") % {"date": formats.date_format(next_day.date, "l j F")}
            if next_day
            else ""
        )
    return [
        Card(
            gettext_lazy("My cooperative"),
            coop.name,
            coop.sector_icon,
            url=url,
            note=note,
            order=20,
        )
    ]
