"""Reads of the cooperatives app, scoped to the requesting user (the access chokepoints).

Who sees what:
- staff manage every cooperative; loan advisers read them (a participant's activity matters
  when reviewing a loan); committee members see none;
- a participant sees only the cooperatives they are a member of, and in them the shared
  calendar, the collective totals and their own hours and share, never another member's.

``get_<thing>_for(user, ...)`` answers 404 alike for "missing" and "not yours". Totals and
balances are computed by the database (SUM, window functions), in a bounded number of queries.
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import (
    Case,
    Count,
    DecimalField,
    Exists,
    F,
    Max,
    Min,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
    Window,
)
from django.db.models.functions import Coalesce
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _

from cooperatives import costing, result_split
from cooperatives.models import (
    ActivityDay,
    Attendance,
    Cooperative,
    CostSheet,
    LedgerEntry,
    Meeting,
    MemberShare,
    Membership,
)
from incubator.access import has_role
from incubator.lib.money import quantize
from incubator.models import User

Role = User.Role
MANAGERS = frozenset({Role.STAFF})
READERS = frozenset({Role.STAFF, Role.ADVISER})
AMOUNT = DecimalField(max_digits=14, decimal_places=2)
ZERO = Value(Decimal("0.00"), output_field=AMOUNT)


def can_manage(user: Any) -> bool:
    return has_role(user, MANAGERS)


def can_read_all(user: Any) -> bool:
    return has_role(user, READERS)


# --- Cooperatives -----------------------------------------------------------------------------


def cooperatives_visible_to(user: Any) -> QuerySet[Cooperative]:
    queryset = Cooperative.objects.select_related(
        "programme", "cohort", "host_partner", "lead_staff"
    )
    if can_read_all(user):
        return queryset
    if has_role(user, {Role.PARTICIPANT}):
        mine = Membership.objects.filter(cooperative=OuterRef("pk"), participant__user=user)
        return queryset.filter(Exists(mine))
    return queryset.none()


def get_cooperative_for(user: Any, pk: Any, *, for_update: bool = False) -> Cooperative:
    queryset = cooperatives_visible_to(user)
    if for_update:
        queryset = queryset.select_for_update(of=("self",))
    return get_object_or_404(queryset, pk=pk)


def _count(queryset: QuerySet[Any], group: str) -> Subquery:
    return Subquery(queryset.values(group).annotate(n=Count("pk")).values("n")[:1])


def with_figures(queryset: QuerySet[Cooperative]) -> QuerySet[Cooperative]:
    """Members, days and first/last day as correlated subqueries: one query for a whole page."""
    today = timezone.localdate()
    days = ActivityDay.objects.filter(cooperative=OuterRef("pk"), cancelled=False)
    members = Membership.objects.filter(cooperative=OuterRef("pk"), left_on__isnull=True)
    bounds = days.values("cooperative")
    return queryset.annotate(
        members_count=Coalesce(_count(members, "cooperative"), 0),
        days_count=Coalesce(_count(days, "cooperative"), 0),
        days_held=Coalesce(_count(days.filter(date__lte=today), "cooperative"), 0),
        first_day=Subquery(bounds.annotate(d=Min("date")).values("d")[:1]),
        last_day=Subquery(bounds.annotate(d=Max("date")).values("d")[:1]),
    )


def cooperative_list(
    user: Any,
    *,
    state: str = "",
    kind: str = "",
    sector: str = "",
    programme: Any = None,
    search: str = "",
) -> QuerySet[Cooperative]:
    queryset = with_figures(cooperatives_visible_to(user))
    if state:
        queryset = queryset.filter(state=state)
    if kind:
        queryset = queryset.filter(kind=kind)
    if sector:
        queryset = queryset.filter(sector=sector)
    if programme:
        queryset = queryset.filter(programme=programme)
    if search:
        queryset = queryset.filter(
            Q(name__icontains=search)
            | Q(place__icontains=search)
            | Q(sector_label__icontains=search)
        )
    return queryset.order_by("-start_date", "name")


# --- Calendar ---------------------------------------------------------------------------------


def days_of(cooperative: Cooperative) -> QuerySet[ActivityDay]:
    """Every day, cancelled ones included, each with how many members have hours on it."""
    return cooperative.days.annotate(recorded=Count("attendances")).order_by("date", "pk")


def _active_on(prefix: str = "") -> Q:
    """Membership active on the day ``OuterRef("date")`` (``prefix`` for a related lookup)."""
    return Q(**{f"{prefix}joined_on__lte": OuterRef("date")}) & (
        Q(**{f"{prefix}left_on__isnull": True}) | Q(**{f"{prefix}left_on__gte": OuterRef("date")})
    )


def missing_hours_horizon(cooperative: Cooperative) -> datetime.date:
    """Up to which day hours should be in: yesterday while running (today's are recorded at
    the end of the day), today once the activity has ended."""
    today = timezone.localdate()
    if cooperative.state == Cooperative.State.RUNNING:
        return today - datetime.timedelta(days=1)
    return today


def days_missing_hours(cooperative: Cooperative, *, until: datetime.date) -> list[datetime.date]:
    """Days held up to ``until`` on which some member active that day has no hours row."""
    expected = Membership.objects.filter(_active_on(), cooperative=OuterRef("cooperative"))
    recorded = Attendance.objects.filter(_active_on("membership__"), day=OuterRef("pk"))
    return list(
        ActivityDay.objects.filter(cooperative=cooperative, cancelled=False, date__lte=until)
        .annotate(
            expected=Coalesce(_count(expected, "cooperative"), 0),
            recorded=Coalesce(_count(recorded, "day"), 0),
        )
        .filter(recorded__lt=F("expected"))
        .order_by("date")
        .values_list("date", flat=True)
    )


# --- Members and hours ------------------------------------------------------------------------


def memberships_of(cooperative: Cooperative) -> QuerySet[Membership]:
    """Members with their days worked and hours (summed by the database)."""
    return (
        cooperative.memberships.select_related("participant", "participant__user")
        .annotate(
            hours=Coalesce(Sum("attendances__hours"), Value(Decimal("0.00")), output_field=AMOUNT),
            days_worked=Count("attendances", filter=Q(attendances__hours__gt=0)),
        )
        .order_by("participant__last_name", "participant__first_name", "pk")
    )


def is_member_on(membership: Membership, day: datetime.date) -> bool:
    return membership.joined_on <= day and (membership.left_on is None or membership.left_on >= day)


@dataclass
class HoursGrid:
    days: list[ActivityDay]
    members: list[Membership]
    cells: dict[tuple[int, int], Decimal]
    months: list[datetime.date] = field(default_factory=list)
    month: datetime.date | None = None
    today: datetime.date = field(default_factory=timezone.localdate)

    def rows(self) -> list[dict[str, Any]]:
        """Per member: one cell per day (editable or not) and the total of the days shown."""
        rows = []
        for member in self.members:
            cells = []
            total = Decimal("0.00")
            for day in self.days:
                hours = self.cells.get((day.pk, member.pk))
                total += hours or 0
                cells.append(
                    {
                        "day": day,
                        "hours": hours,
                        "name": f"h-{day.pk}-{member.pk}",
                        "active": is_member_on(member, day.date),
                        "editable": day.date <= self.today and is_member_on(member, day.date),
                        "typed": None,
                    }
                )
            rows.append({"member": member, "cells": cells, "total": total})
        return rows

    def day_totals(self) -> list[Decimal]:
        return [
            sum((self.cells.get((d.pk, m.pk)) or Decimal(0) for m in self.members), Decimal("0"))
            for d in self.days
        ]


def hours_grid(cooperative: Cooperative, *, month: str = "") -> HoursGrid:
    """The hours grid in three queries (days, members, hours), whatever its size.

    Flashcoops show their ten days; longer calendars show one month at a time (``YYYY-MM``,
    default: the month of the latest day held, or the first month).
    """
    days = list(cooperative.days.filter(cancelled=False).order_by("date"))
    months = sorted({d.date.replace(day=1) for d in days})
    chosen: datetime.date | None = None
    if len(days) > 16 and months:
        try:
            chosen = datetime.date.fromisoformat(f"{month}-01") if month else None
        except ValueError:
            chosen = None
        if chosen not in months:
            today = timezone.localdate().replace(day=1)
            held = [m for m in months if m <= today]
            chosen = held[-1] if held else months[0]
        days = [d for d in days if d.date.replace(day=1) == chosen]
    members = list(memberships_of(cooperative))
    cells = {
        (a.day_id, a.membership_id): a.hours
        for a in Attendance.objects.filter(day__in=[d.pk for d in days])
    }
    return HoursGrid(days=days, members=members, cells=cells, months=months, month=chosen)


def own_days(membership: Membership) -> list[dict[str, Any]]:
    """A member's calendar: every active day while they are a member, with their hours."""
    hours = dict(Attendance.objects.filter(membership=membership).values_list("day_id", "hours"))
    today = timezone.localdate()
    return [
        {"day": day, "hours": hours.get(day.pk), "past": day.date <= today}
        for day in membership.cooperative.days.filter(cancelled=False).order_by("date")
        if is_member_on(membership, day.date)
    ]


# --- Ledger -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Totals:
    sales: Decimal
    expenses: Decimal

    @property
    def balance(self) -> Decimal:
        return self.sales - self.expenses


def ledger_totals(cooperative: Cooperative) -> Totals:
    sums = LedgerEntry.objects.filter(cooperative=cooperative).aggregate(
        sales=Coalesce(Sum("amount", filter=Q(kind=LedgerEntry.Kind.SALE)), ZERO),
        expenses=Coalesce(Sum("amount", filter=Q(kind=LedgerEntry.Kind.EXPENSE)), ZERO),
    )
    return Totals(sales=quantize(sums["sales"]), expenses=quantize(sums["expenses"]))


def _signed_amount() -> Case:
    return Case(
        When(kind=LedgerEntry.Kind.SALE, then=F("amount")),
        default=-F("amount"),
        output_field=AMOUNT,
    )


def ledger_entries(cooperative: Cooperative, *, kind: str = "") -> QuerySet[LedgerEntry]:
    """Entries newest first. Unfiltered, each carries the running balance after it
    (a window SUM over date and id, computed by the database before pagination)."""
    queryset = cooperative.entries.select_related("recorded_by", "reverses").annotate(
        reversed=Exists(LedgerEntry.objects.filter(reverses=OuterRef("pk")))
    )
    if kind:
        return queryset.filter(kind=kind).order_by("-date", "-pk")
    return queryset.annotate(
        balance=Window(Sum(_signed_amount()), order_by=[F("date").asc(), F("pk").asc()])
    ).order_by("-date", "-pk")


def get_entry_for(user: Any, cooperative: Cooperative, pk: Any) -> LedgerEntry:
    if not can_read_all(user):
        raise Http404
    return get_object_or_404(
        LedgerEntry.objects.select_related("cooperative"), cooperative=cooperative, pk=pk
    )


def sales_by_product(cooperative: Cooperative) -> list[dict[str, Any]]:
    return list(
        cooperative.entries.filter(kind=LedgerEntry.Kind.SALE)
        .values("product")
        .annotate(quantity=Sum("quantity"), amount=Sum("amount", output_field=AMOUNT))
        .exclude(quantity=0, amount=0)
        .order_by("-amount", "product")
    )


def expenses_by_category(cooperative: Cooperative) -> list[dict[str, Any]]:
    return list(
        cooperative.entries.filter(kind=LedgerEntry.Kind.EXPENSE)
        .values("category")
        .annotate(amount=Sum("amount", output_field=AMOUNT))
        .exclude(amount=0)
        .order_by("-amount", "category")
    )


def ledger_by_day(cooperative: Cooperative) -> list[dict[str, Any]]:
    return list(
        cooperative.entries.values("date")
        .annotate(
            sales=Coalesce(
                Sum("amount", filter=Q(kind=LedgerEntry.Kind.SALE), output_field=AMOUNT), ZERO
            ),
            expenses=Coalesce(
                Sum("amount", filter=Q(kind=LedgerEntry.Kind.EXPENSE), output_field=AMOUNT), ZERO
            ),
        )
        .order_by("date")
    )


# --- Cost sheets and governance ---------------------------------------------------------------


def cost_sheets_of(cooperative: Cooperative) -> QuerySet[CostSheet]:
    return cooperative.cost_sheets.prefetch_related("lines").order_by("product")


def compute_sheet(sheet: CostSheet) -> costing.CostSheet:
    """The figures of a sheet whose lines are loaded (prefetched)."""
    return costing.cost_sheet(
        [
            costing.Material(line.material, line.quantity, Decimal(line.unit_cost.amount))
            for line in sheet.lines.all()
        ],
        yield_quantity=sheet.yield_quantity,
        selling_price=Decimal(sheet.selling_price.amount),
    )


def meetings_of(cooperative: Cooperative) -> QuerySet[Meeting]:
    return cooperative.meetings.select_related("recorded_by").prefetch_related(
        Prefetch("attendees", queryset=Membership.objects.select_related("participant")),
        "decisions",
    )


# --- Closing ----------------------------------------------------------------------------------


def contributions(cooperative: Cooperative) -> list[result_split.Contribution]:
    """What each member brought, in a stable order (membership id) for the rounding ties."""
    rows = (
        cooperative.memberships.annotate(
            total_hours=Coalesce(
                Sum("attendances__hours"), Value(Decimal("0.00")), output_field=AMOUNT
            ),
            worked=Count("attendances", filter=Q(attendances__hours__gt=0)),
        )
        .order_by("pk")
        .values_list("pk", "worked", "total_hours", "weight")
    )
    return [
        result_split.Contribution(member=pk, days=days, hours=hours, weight=weight)
        for pk, days, hours, weight in rows
    ]


@dataclass
class Preview:
    totals: Totals
    result: Decimal
    rule: str
    shares: list[tuple[Membership, result_split.Share]]
    problem: str = ""  # why the split cannot be computed (translated), or ""


def closing_preview(cooperative: Cooperative, rule: str = "") -> Preview:
    """The split as it would be recorded now (nothing is saved)."""
    rule = rule or cooperative.split_rule
    totals = ledger_totals(cooperative)
    result = result_split.result(totals.sales, totals.expenses)
    members = {m.pk: m for m in memberships_of(cooperative)}
    try:
        shares = result_split.split(result, contributions(cooperative), result_split.Rule(rule))
    except result_split.NothingToSplitBy:
        return Preview(totals, result, rule, [], _("No hours are recorded yet: nothing to split."))
    return Preview(totals, result, rule, [(members[s.member], s) for s in shares])


def shares_of(cooperative: Cooperative) -> QuerySet[MemberShare]:
    return MemberShare.objects.filter(closing__cooperative=cooperative).select_related(
        "membership", "membership__participant"
    )


# --- The participant's side -------------------------------------------------------------------


def memberships_of_user(user: Any) -> QuerySet[Membership]:
    if not has_role(user, {Role.PARTICIPANT}):
        return Membership.objects.none()
    return (
        Membership.objects.filter(participant__user=user)
        .select_related("cooperative", "cooperative__host_partner", "participant")
        .order_by("-cooperative__start_date")
    )


def get_membership_for(user: Any, cooperative_pk: Any) -> Membership:
    """The user's own membership in a cooperative; 404 if they are not a member."""
    return get_object_or_404(memberships_of_user(user), cooperative_id=cooperative_pk)


def get_member_for(user: Any, cooperative: Cooperative, pk: Any) -> Membership:
    """A membership as seen by ``user``: staff and advisers any, a participant only their own."""
    queryset = cooperative.memberships.select_related("participant", "cooperative")
    if not can_read_all(user):
        queryset = queryset.filter(participant__user=user)
    return get_object_or_404(queryset, pk=pk)
