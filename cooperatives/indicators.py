"""Cooperative indicators for funders, over a set of participants and a period.

Each figure is one aggregate query; ``participants`` stays a subquery (never loaded).
- cooperatives run: those with at least one activity day in the period and one of the
  participants among their members;
- members: the participants who were members of a cooperative during the period;
- activity days held: days of those cooperatives in the period, up to today;
- hours worked, by the participants, on days in the period;
- sales of those cooperatives in the period (net of corrections);
- shares paid to the participants by cooperatives closed in the period;
- outcomes recorded in the period (went on with the business, employment, another
  cooperative).
"""

import datetime
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import Count, DecimalField, Q, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cooperatives.models import (
    ActivityDay,
    Attendance,
    Cooperative,
    LedgerEntry,
    MemberShare,
    Membership,
)
from incubator.contributions import IndicatorLine
from incubator.lib.money import quantize

SECTION = _("Cooperatives")
ZERO = Value(Decimal("0.00"), output_field=DecimalField(max_digits=14, decimal_places=2))


def lines(*, participants: Any, start: datetime.date, end: datetime.date) -> list[IndicatorLine]:
    in_period = Q(joined_on__lte=end) & (Q(left_on__isnull=True) | Q(left_on__gte=start))
    memberships = Membership.objects.filter(in_period, participant__in=participants)
    coops = Cooperative.objects.filter(
        pk__in=memberships.values("cooperative"),
        days__cancelled=False,
        days__date__range=(start, end),
    ).distinct()
    held_until = min(end, timezone.localdate())
    days = ActivityDay.objects.filter(
        cooperative__in=coops, cancelled=False, date__gte=start, date__lte=held_until
    ).count()
    hours = Attendance.objects.filter(
        membership__participant__in=participants, day__date__range=(start, end)
    ).aggregate(total=Coalesce(Sum("hours"), ZERO))["total"]
    sales = LedgerEntry.objects.filter(
        cooperative__in=coops, kind=LedgerEntry.Kind.SALE, date__range=(start, end)
    ).aggregate(total=Coalesce(Sum("amount"), ZERO))["total"]
    shares = MemberShare.objects.filter(
        membership__participant__in=participants,
        closing__closed_at__date__range=(start, end),
    ).aggregate(total=Coalesce(Sum("amount"), ZERO))["total"]
    outcomes = Membership.objects.filter(
        participant__in=participants, outcome_recorded_on__range=(start, end)
    ).aggregate(
        business=Count("participant", filter=Q(outcome=Membership.Outcome.BUSINESS), distinct=True),
        employment=Count(
            "participant", filter=Q(outcome=Membership.Outcome.EMPLOYMENT), distinct=True
        ),
        cooperative=Count(
            "participant", filter=Q(outcome=Membership.Outcome.COOPERATIVE), distinct=True
        ),
    )
    # Funders count hours, not quarters: whole hours, rounded half-up.
    whole_hours = int(Decimal(hours).quantize(Decimal(1), rounding=ROUND_HALF_UP))
    members = memberships.filter(cooperative__in=coops).values("participant").distinct().count()
    return [
        IndicatorLine("coops_run_count", _("Cooperatives run"), coops.count(), section=SECTION),
        IndicatorLine("coops_members_count", _("Cooperative members"), members, section=SECTION),
        IndicatorLine("coops_days_held_count", _("Activity days held"), days, section=SECTION),
        IndicatorLine(
            "coops_hours_worked", _("Hours worked in cooperatives"), whole_hours,
            section=SECTION,
        ),
        IndicatorLine(
            "coops_sales_amount", _("Cooperative sales"), quantize(sales), kind="money",
            section=SECTION,
        ),
        IndicatorLine(
            "coops_shares_amount", _("Shares paid to members"), quantize(shares), kind="money",
            section=SECTION,
        ),
        IndicatorLine(
            "coops_outcome_business_count", _("Went on with the business"),
            outcomes["business"], section=SECTION,
        ),
        IndicatorLine(
            "coops_outcome_employment_count", _("Found employment after a cooperative"),
            outcomes["employment"], section=SECTION,
        ),
        IndicatorLine(
            "coops_outcome_cooperative_count", _("Joined another cooperative"),
            outcomes["cooperative"], section=SECTION,
        ),
    ]  # fmt: skip
