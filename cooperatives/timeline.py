"""A participant's cooperative life on their timeline: joined, left, days worked, share
received, what they did next. Four queries, whatever the length of the history."""

from typing import Any

from django.db.models import Count, Max, Q, Sum
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from cooperatives.models import Attendance, MemberShare, Membership
from incubator.contributions import TimelineEvent
from incubator.lib import formats


def events(participant: Any) -> list[TimelineEvent]:
    memberships = list(
        Membership.objects.filter(participant=participant).select_related("cooperative")
    )
    if not memberships:
        return []
    work = {
        row["membership"]: row
        for row in Attendance.objects.filter(membership__in=memberships)
        .values("membership")
        .annotate(
            days=Count("pk", filter=Q(hours__gt=0)),
            total_hours=Sum("hours"),
            last=Max("day__date", filter=Q(hours__gt=0)),
        )
    }
    shares = {
        share.membership_id: share
        for share in MemberShare.objects.filter(membership__in=memberships).select_related(
            "closing"
        )
    }
    language = get_language() or "fr"
    found: list[TimelineEvent] = []
    for membership in memberships:
        coop = membership.cooperative
        url = reverse("cooperatives:detail", kwargs={"pk": coop.pk})
        icon = coop.sector_icon
        found.append(
            TimelineEvent(
                membership.joined_on,
                _("Joined the cooperative %(name)s") % {"name": coop.name},
                f"{coop.get_kind_display()} · {membership.get_role_display()}",
                icon,
                url,
            )
        )
        done = work.get(membership.pk)
        if done and done["days"]:
            found.append(
                TimelineEvent(
                    done["last"],
                    _("%(days)s days worked in %(name)s")
                    % {"days": done["days"], "name": coop.name},
                    _("%(hours)s hours in all")
                    % {"hours": formats.number(done["total_hours"], language, 2)},
                    "clock",
                    url,
                )
            )
        if membership.left_on:
            found.append(
                TimelineEvent(
                    membership.left_on,
                    _("Left the cooperative %(name)s") % {"name": coop.name},
                    membership.leave_reason,
                    "logout",
                    url,
                )
            )
        share = shares.get(membership.pk)
        if share is not None:
            found.append(
                TimelineEvent(
                    share.closing.closed_at,
                    _("Share of the result of %(name)s") % {"name": coop.name},
                    formats.money(share.amount.amount, str(share.amount.currency), language),
                    "coins",
                    url,
                )
            )
        if membership.outcome and membership.outcome_recorded_on:
            found.append(
                TimelineEvent(
                    membership.outcome_recorded_on,
                    _("After %(name)s: %(outcome)s")
                    % {"name": coop.name, "outcome": membership.get_outcome_display()},
                    membership.outcome_note,
                    "briefcase",
                    url,
                )
            )
    return found
