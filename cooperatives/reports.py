"""The data of the closing report and of the member statements, read once, in a few queries.

The PDF functions (``cooperatives.pdf``) take these frozen dataclasses and never query.
Labels travel as codes, so each PDF translates them in its own reader's language.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.utils import timezone

from cooperatives import selectors
from cooperatives.models import Attendance, Closing, Cooperative, Decision, Membership
from incubator.lib.money import quantize

CURRENCY = "EUR"
# Past this many days with entries, the chart groups them by month.
MAX_DAYS_IN_CHART = 14


@dataclass(frozen=True)
class CoopFacts:
    name: str
    kind: str
    sector: str
    sector_label: str
    place: str
    host: str
    programme: str
    lead: str
    first_day: datetime.date | None
    last_day: datetime.date | None
    organisation: str


@dataclass(frozen=True)
class DayHours:
    date: datetime.date
    hours: Decimal | None  # None: nothing recorded (should not happen once closed)


@dataclass(frozen=True)
class DecisionRef:
    date: datetime.date
    text: str
    votes_for: int
    votes_against: int
    votes_abstain: int


@dataclass(frozen=True)
class StatementData:
    coop: CoopFacts
    member: str
    role: str
    joined_on: datetime.date
    left_on: datetime.date | None
    days: tuple[DayHours, ...]
    days_worked: int
    hours: Decimal
    basis: Decimal
    share: Decimal
    rule: str
    sales: Decimal
    expenses: Decimal
    result: Decimal
    total_hours: Decimal
    total_basis: Decimal
    members: int
    closed_on: datetime.date
    decision: DecisionRef | None = None
    currency: str = CURRENCY


@dataclass(frozen=True)
class ShareLine:
    member: str
    role: str
    days_worked: int
    hours: Decimal
    basis: Decimal
    amount: Decimal


@dataclass(frozen=True)
class PeriodFigures:
    start: datetime.date
    monthly: bool  # True: the whole month starting at ``start``
    sales: Decimal
    expenses: Decimal


@dataclass(frozen=True)
class ClosingReportData:
    coop: CoopFacts
    sales_by_product: tuple[tuple[str, Decimal, Decimal], ...]
    expenses_by_category: tuple[tuple[str, Decimal], ...]
    periods: tuple[PeriodFigures, ...]
    sales: Decimal
    expenses: Decimal
    result: Decimal
    rule: str
    total_hours: Decimal
    shares: tuple[ShareLine, ...]
    closed_on: datetime.date
    closed_by: str
    decision: DecisionRef | None = None
    currency: str = CURRENCY


def facts(coop: Cooperative) -> CoopFacts:
    bounds = list(coop.days.filter(cancelled=False).values_list("date", flat=True))
    return CoopFacts(
        name=coop.name,
        kind=coop.kind,
        sector=coop.sector,
        sector_label=coop.sector_label,
        place=coop.place,
        host=str(coop.host_partner or ""),
        programme=str(coop.programme),
        lead=str(coop.lead_staff),
        first_day=min(bounds, default=None),
        last_day=max(bounds, default=None),
        organisation=settings.TREMPLIN_ORGANISATION_NAME,
    )


def _decision(decision: Decision | None) -> DecisionRef | None:
    if decision is None:
        return None
    return DecisionRef(
        date=decision.meeting.date,
        text=decision.text,
        votes_for=decision.votes_for,
        votes_against=decision.votes_against,
        votes_abstain=decision.votes_abstain,
    )


def _closing(coop: Cooperative) -> Closing | None:
    return Closing.objects.filter(cooperative=coop).select_related("closed_by").first()


def statement(membership: Membership) -> StatementData | None:
    """A member's statement once the cooperative is closed (None before)."""
    coop = Cooperative.objects.select_related(
        "programme", "host_partner", "lead_staff", "split_decision__meeting"
    ).get(pk=membership.cooperative_id)
    closing = _closing(coop)
    if closing is None:
        return None
    shares = list(closing.shares.all())
    mine = next((s for s in shares if s.membership_id == membership.pk), None)
    if mine is None:
        return None
    hours = dict(Attendance.objects.filter(membership=membership).values_list("day__date", "hours"))
    days = tuple(
        DayHours(date=day, hours=hours.get(day))
        for day in coop.days.filter(cancelled=False).order_by("date").values_list("date", flat=True)
        if selectors.is_member_on(membership, day)
    )
    return StatementData(
        coop=facts(coop),
        member=str(membership.participant),
        role=membership.role,
        joined_on=membership.joined_on,
        left_on=membership.left_on,
        days=days,
        days_worked=mine.days_worked,
        hours=mine.hours,
        basis=mine.basis,
        share=quantize(mine.amount.amount),
        rule=closing.rule,
        sales=closing.sales.amount,
        expenses=closing.expenses.amount,
        result=closing.result.amount,
        total_hours=closing.total_hours,
        total_basis=sum((s.basis for s in shares), Decimal(0)),
        members=len(shares),
        closed_on=timezone.localdate(closing.closed_at),
        decision=_decision(coop.split_decision),
    )


def periods(
    by_day: list[dict[str, Any]], activity_days: list[datetime.date]
) -> tuple[PeriodFigures, ...]:
    """Sales and expenses on each activity day (and any other day with entries), or per
    month when there are too many days for a readable chart."""
    figures: dict[datetime.date, list[Decimal]] = {
        d: [Decimal(0), Decimal(0)] for d in activity_days
    }
    for row in by_day:
        totals = figures.setdefault(row["date"], [Decimal(0), Decimal(0)])
        totals[0] += row["sales"]
        totals[1] += row["expenses"]
    monthly = len(figures) > MAX_DAYS_IN_CHART
    grouped: dict[datetime.date, list[Decimal]] = {}
    for day in sorted(figures):
        key = day.replace(day=1) if monthly else day
        totals = grouped.setdefault(key, [Decimal(0), Decimal(0)])
        totals[0] += figures[day][0]
        totals[1] += figures[day][1]
    return tuple(
        PeriodFigures(key, monthly, quantize(s), quantize(e)) for key, (s, e) in grouped.items()
    )


def closing_report(coop: Cooperative) -> ClosingReportData | None:
    coop = Cooperative.objects.select_related(
        "programme", "host_partner", "lead_staff", "split_decision__meeting"
    ).get(pk=coop.pk)
    closing = _closing(coop)
    if closing is None:
        return None
    shares = tuple(
        ShareLine(
            member=str(share.membership.participant),
            role=share.membership.role,
            days_worked=share.days_worked,
            hours=share.hours,
            basis=share.basis,
            amount=quantize(share.amount.amount),
        )
        for share in selectors.shares_of(coop).order_by(
            "membership__participant__last_name", "membership__participant__first_name"
        )
    )
    return ClosingReportData(
        coop=facts(coop),
        sales_by_product=tuple(
            (row["product"], row["quantity"], quantize(row["amount"]))
            for row in selectors.sales_by_product(coop)
        ),
        expenses_by_category=tuple(
            (row["category"], quantize(row["amount"]))
            for row in selectors.expenses_by_category(coop)
        ),
        periods=periods(
            selectors.ledger_by_day(coop),
            list(coop.days.filter(cancelled=False).values_list("date", flat=True)),
        ),
        sales=closing.sales.amount,
        expenses=closing.expenses.amount,
        result=closing.result.amount,
        rule=closing.rule,
        total_hours=closing.total_hours,
        shares=shares,
        closed_on=timezone.localdate(closing.closed_at),
        closed_by=str(closing.closed_by),
        decision=_decision(coop.split_decision),
    )
