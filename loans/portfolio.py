"""The portfolio report, aggregated in SQL (a fixed handful of queries whatever its size).

Definitions (as of a date D, the end of the period or today):

- outstanding principal of a loan: the principal of its current installments not yet repaid by
  payments dated on or before D (plus any principal prepaid after D); 0 once written off;
- days late: D minus the due date of its oldest installment unpaid at D (0 when none);
- PAR N (portfolio at risk): the outstanding principal of loans more than N days late, over
  the whole outstanding principal;
- ageing: loans and their outstanding principal by days late (current, 1–30, 31–60, 61–90,
  91–180, over 180);
- repayment rate: the amounts collected (payments dated on or before D) on the installments
  due in the period (from its start, or the first payout, to D) over the amounts due on them;
- disbursed by month: the amounts paid out each month of the period (principal).

A report as of a past date reads today's schedule: for a loan rescheduled since, its new
installments stand in for the old ones.
"""

import datetime
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import (
    Case,
    Count,
    DecimalField,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce, TruncMonth

from incubator.lib.money import quantize
from loans.models import Allocation, Installment, Loan

ZERO = Decimal("0.00")
MONEY = DecimalField(max_digits=14, decimal_places=2)
PAR_DAYS = (1, 30, 90)
# (label key, fewest days late, most days late); None: no bound.
BUCKETS: tuple[tuple[str, int, int | None], ...] = (
    ("current", 0, 0),
    ("1-30", 1, 30),
    ("31-60", 31, 60),
    ("61-90", 61, 90),
    ("91-180", 91, 180),
    ("180+", 181, None),
)


@dataclass(frozen=True)
class Bucket:
    key: str
    count: int
    outstanding: Decimal
    share: Decimal  # of the outstanding principal, in percent


@dataclass(frozen=True)
class Month:
    month: datetime.date
    count: int
    amount: Decimal


@dataclass
class Portfolio:
    as_of: datetime.date
    start: datetime.date | None
    currency: str
    loans: int = 0  # loans with principal outstanding at as_of
    outstanding: Decimal = ZERO
    par: dict[int, Decimal] = field(default_factory=dict)  # N -> percent
    par_amount: dict[int, Decimal] = field(default_factory=dict)  # N -> outstanding principal
    buckets: list[Bucket] = field(default_factory=list)
    due: Decimal = ZERO
    collected: Decimal = ZERO
    repayment_rate: Decimal | None = None
    months: list[Month] = field(default_factory=list)
    disbursed: Decimal = ZERO
    disbursed_count: int = 0


def money(value: Decimal | None) -> Decimal:
    return quantize(value or ZERO)


def percent(part: Decimal, whole: Decimal) -> Decimal:
    """``part`` over ``whole`` in percent, two decimals, half-up (0 when ``whole`` is 0).

    >>> percent(Decimal("1"), Decimal("3"))
    Decimal('33.33')
    """
    if not whole:
        return Decimal("0.00")
    return (part * 100 / whole).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def _sum(queryset: QuerySet[Any], expression: Any) -> Subquery:
    """A correlated ``SUM`` per loan, 0 when there is nothing to sum."""
    return Coalesce(
        Subquery(
            queryset.order_by().values("loan_id").annotate(total=Sum(expression)).values("total")
        ),
        Value(ZERO),
        output_field=MONEY,
    )


def at_risk(loans: QuerySet[Loan], as_of: datetime.date) -> QuerySet[Loan]:
    """``loans`` annotated with ``outstanding`` (principal at ``as_of``) and ``oldest_late``
    (the due date of the oldest installment unpaid at ``as_of``)."""
    current = Installment.objects.filter(loan=OuterRef("pk"), superseded_by__isnull=True)
    paid = Allocation.objects.filter(
        loan=OuterRef("pk"),
        active=True,
        installment__superseded_by__isnull=True,
        installment__isnull=False,
        payment__value_date__lte=as_of,
    )
    prepaid_later = Allocation.objects.filter(
        loan=OuterRef("pk"), active=True, installment__isnull=True, payment__value_date__gt=as_of
    )
    unpaid_at = current.filter(due_date__lt=as_of).filter(
        Q(settled_on__isnull=True) | Q(settled_on__gt=as_of)
    )
    written_off = Q(state=Loan.State.WRITTEN_OFF, closed_on__lte=as_of)
    return loans.filter(disbursed_on__lte=as_of).annotate(
        outstanding=Case(
            When(written_off, then=Value(ZERO)),
            default=ExpressionWrapper(
                _sum(current, "principal")
                + _sum(prepaid_later, "principal")
                - _sum(paid, "principal"),
                output_field=MONEY,
            ),
            output_field=MONEY,
        ),
        oldest_late=Case(
            When(written_off, then=Value(None)),
            default=Subquery(unpaid_at.order_by("due_date").values("due_date")[:1]),
        ),
    )


def _late_more_than(days: int, as_of: datetime.date) -> Q:
    return Q(oldest_late__lt=as_of - datetime.timedelta(days=days))


def _bucket_condition(low: int, high: int | None, as_of: datetime.date) -> Q:
    if low == 0:
        return Q(oldest_late__isnull=True) | Q(oldest_late__gte=as_of)
    condition = Q(oldest_late__lte=as_of - datetime.timedelta(days=low))
    if high is not None:
        condition &= Q(oldest_late__gte=as_of - datetime.timedelta(days=high))
    return condition


def build(
    loans: QuerySet[Loan],
    *,
    as_of: datetime.date,
    start: datetime.date | None = None,
    currency: str = "EUR",
) -> Portfolio:
    """The report for ``loans`` (already scoped to the reader and filtered) as of ``as_of``."""
    loans = loans.filter(currency=currency)
    report = Portfolio(as_of=as_of, start=start, currency=currency)
    risky = at_risk(loans, as_of).filter(outstanding__gt=0)
    sums: dict[str, Any] = {
        "count": Count("pk"),
        "total": Sum("outstanding"),
    }
    for days in PAR_DAYS:
        sums[f"par{days}"] = Sum("outstanding", filter=_late_more_than(days, as_of))
    for key, low, high in BUCKETS:
        condition = _bucket_condition(low, high, as_of)
        sums[f"n_{key}"] = Count("pk", filter=condition)
        sums[f"o_{key}"] = Sum("outstanding", filter=condition)
    # SQLite sums decimals as floats: every total is quantized (half-up, to the cent) here.
    totals = {
        key: value if key == "count" or key.startswith("n_") else money(value)
        for key, value in risky.aggregate(**sums).items()  # one query
    }
    report.loans = totals["count"]
    report.outstanding = totals["total"]
    for days in PAR_DAYS:
        report.par_amount[days] = totals[f"par{days}"]
        report.par[days] = percent(report.par_amount[days], report.outstanding)
    report.buckets = [
        Bucket(
            key,
            totals[f"n_{key}"],
            totals[f"o_{key}"],
            percent(totals[f"o_{key}"], report.outstanding),
        )
        for key, _low, _high in BUCKETS
    ]

    due_rows = Installment.objects.filter(
        loan__in=loans, superseded_by__isnull=True, due_date__lte=as_of
    )
    if start is not None:
        due_rows = due_rows.filter(due_date__gte=start)
    parts = ExpressionWrapper(F("principal") + F("interest") + F("fees"), output_field=MONEY)
    report.due = money(due_rows.aggregate(total=Sum(parts))["total"])
    report.collected = money(
        Allocation.objects.filter(
            active=True, installment__in=due_rows, payment__value_date__lte=as_of
        ).aggregate(total=Sum(parts))["total"]
    )
    report.repayment_rate = percent(report.collected, report.due) if report.due else None

    paid_out = loans.filter(disbursed_on__lte=as_of)
    if start is not None:
        paid_out = paid_out.filter(disbursed_on__gte=start)
    report.months = [
        Month(row["month"], row["count"], money(row["amount"]))
        for row in paid_out.annotate(month=TruncMonth("disbursed_on"))
        .order_by()
        .values("month")
        .annotate(count=Count("pk"), amount=Sum("principal"))
        .order_by("month")
    ]
    report.disbursed = sum((month.amount for month in report.months), ZERO)
    report.disbursed_count = sum(month.count for month in report.months)
    return report
