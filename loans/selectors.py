"""Reads of loans, always scoped to the requesting user (the access chokepoints).

Who sees what:

- advisers: every application and loan (they work them);
- committee members: every application past the draft (they may review, and they decide)
  and every loan (they decide reschedulings and write-offs);
- participants: their own applications and loans only, without the committee's internal notes
  (the portal templates and serializers never show them);
- incubator staff: no application and no loan page. They run the people side and see, in a
  participant's timeline, that an application was submitted and that a loan was paid out or
  repaid, with dates but no amount, decision, reason or schedule; and the funders' counts of
  loans granted (``loans.indicators``). Loan decisions stay with advisers and the committee.

``get_<thing>_for(user, pk)`` answers 404 alike for "missing" and "not yours".
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db.models import QuerySet, Sum
from django.shortcuts import get_object_or_404
from django.utils.functional import Promise
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from incubator.lib import formats
from incubator.models import User
from loans import workflows
from loans.engine import Schedule
from loans.models import (
    Allocation,
    Application,
    Installment,
    Loan,
    LoanDocument,
    LoanProduct,
    Payment,
    ScheduleChange,
)
from loans.schedules import projected_schedule

ZERO = Decimal("0.00")
Role = User.Role


def language() -> str:
    return (get_language() or settings.LANGUAGE_CODE)[:2]


def _active(user: Any) -> bool:
    return bool(user.is_authenticated and user.is_active)


# --- Products ---------------------------------------------------------------------------------


def products_visible_to(user: Any) -> QuerySet[LoanProduct]:
    """Loan officers and staff see every product; participants the ones on offer."""
    if not _active(user):
        return LoanProduct.objects.none()
    if user.role == Role.PARTICIPANT:
        return LoanProduct.objects.filter(active=True)
    return LoanProduct.objects.all()


def get_product_for(user: Any, pk: Any) -> LoanProduct:
    return get_object_or_404(products_visible_to(user), pk=pk)


# --- Applications -----------------------------------------------------------------------------


def applications_visible_to(user: Any) -> QuerySet[Application]:
    queryset = Application.objects.select_related(
        "participant", "product", "adviser", "reviewed_by", "decided_by"
    )
    if not _active(user):
        return queryset.none()
    if user.role == Role.ADVISER:
        return queryset
    if user.role == Role.COMMITTEE:
        return queryset.exclude(state=Application.State.DRAFT)
    if user.role == Role.PARTICIPANT:
        return queryset.filter(participant__user=user)
    return queryset.none()


def get_application_for(user: Any, pk: Any) -> Application:
    return get_object_or_404(applications_visible_to(user), pk=pk)


def committee_queue(user: Any) -> QuerySet[Application]:
    """Applications waiting for the committee, oldest first."""
    return (
        applications_visible_to(user)
        .filter(state=Application.State.READY_FOR_COMMITTEE)
        .order_by("updated_at", "pk")
    )


# --- The review checklist ---------------------------------------------------------------------

CHECK_LABELS: dict[str, Promise] = {
    "identity": gettext_lazy("Identity checked"),
    "permit": gettext_lazy("Residence permit valid beyond the last due date"),
    "plan": gettext_lazy("Business plan approved"),
    "guarantee": gettext_lazy("Guarantee coverage met"),
    "capacity": gettext_lazy("Repayment capacity"),
    "recommendation": gettext_lazy("Adviser's recommendation given"),
}


@dataclass(frozen=True)
class ReviewItem:
    code: str
    ok: bool
    label: Promise
    explanation: str  # why it fails, or the figure behind it when it passes


@dataclass(frozen=True)
class Review:
    items: tuple[ReviewItem, ...]
    schedule: Schedule | None
    ratio: Decimal | None
    last_due_date: datetime.date | None

    @property
    def complete(self) -> bool:
        return all(item.ok for item in self.items)

    def problems(self) -> list[str]:
        return [item.explanation for item in self.items if not item.ok]


def review_checklist(application: Application, *, on: datetime.date) -> Review:
    """The checklist of ``loans.workflows.checklist`` with its figures, assuming a payout on
    ``on`` (the disbursement checks the permit again against the real schedule)."""
    lang = language()
    participant = application.participant
    schedule = projected_schedule(application, disbursement_date=on)
    last_due = schedule.rows[-1].due_date if schedule else None
    ratio = (
        workflows.capacity_ratio(
            installment=schedule.installment_amount,
            frequency=application.frequency,
            income=application.monthly_income,
            charges=application.monthly_charges,
        )
        if schedule
        else None
    )
    base = workflows.checklist(
        identity_checked=application.identity_checked,
        permit_expiry=participant.permit_expiry,
        last_due_date=last_due,
        plan_approved=application.plan_approved,
        guarantee_percent=application.guarantee_percent,
        guarantee_covered=application.guarantee_covered,
        ratio=ratio,
        recommendation=application.recommendation,
    )
    # Why an item fails, or (for those with a figure) what it rests on when it passes.
    failing = {
        "identity": _("The identity document has not been checked."),
        "plan": _("The business plan is not marked as approved."),
        "guarantee": _("The guarantee of %(percent)s of the amount is not covered.")
        % {"percent": formats.percent(application.guarantee_percent, lang, 0)},
        "recommendation": _("The adviser has not given a recommendation."),
    }
    passing = {
        "identity": "",
        "plan": "",
        "guarantee": _("This product asks for no guarantee.")
        if application.guarantee_percent == 0
        else _("Covered: %(percent)s of the amount (checked by the adviser).")
        % {"percent": formats.percent(application.guarantee_percent, lang, 0)},
        "recommendation": application.get_recommendation_display(),
    }
    explanations = {
        **{code: passing[code] if ok else failing[code] for code, ok in
           ((item.code, item.ok) for item in base.items) if code in failing},
        "permit": permit_explanation(participant, last_due, lang),
        "capacity": capacity_explanation(ratio, lang),
    }  # fmt: skip
    items = tuple(
        ReviewItem(item.code, item.ok, CHECK_LABELS[item.code], str(explanations[item.code]))
        for item in base.items
    )
    return Review(items, schedule, ratio, last_due)


def permit_explanation(participant: Any, last_due: datetime.date | None, lang: str) -> str:
    expiry = participant.permit_expiry
    if last_due is None:
        return _("The terms do not give a valid schedule.")
    if expiry is None:
        return _("%(name)s has no residence permit expiry date on file.") % {"name": participant}
    if expiry <= last_due:
        return _(
            "%(name)s’s residence permit expires on %(expiry)s, before the last due date "
            "(%(last)s). Shorten the term or record the renewed permit."
        ) % {
            "name": participant,
            "expiry": formats.date(expiry, lang),
            "last": formats.date(last_due, lang),
        }
    return _("Valid until %(expiry)s; last due date %(last)s.") % {
        "expiry": formats.date(expiry, lang),
        "last": formats.date(last_due, lang),
    }


def capacity_explanation(ratio: Decimal | None, lang: str) -> str:
    if ratio is None:
        return _("Enter the monthly income and charges to measure the repayment capacity.")
    values = {
        "ratio": formats.percent(ratio, lang),
        "ceiling": formats.percent(workflows.CAPACITY_CEILING, lang, 0),
    }
    if ratio > workflows.CAPACITY_CEILING:
        return (
            _(
                "The installment would take %(ratio)s of the disposable income; the ceiling is "
                "%(ceiling)s. Lower the amount or lengthen the term."
            )
            % values
        )
    return _("The installment takes %(ratio)s of the disposable income (ceiling %(ceiling)s).") % (
        values
    )


# --- Loans ------------------------------------------------------------------------------------


def loans_visible_to(user: Any) -> QuerySet[Loan]:
    queryset = Loan.objects.select_related("participant", "product", "adviser", "application")
    if not _active(user):
        return queryset.none()
    if user.role in {Role.ADVISER, Role.COMMITTEE}:
        return queryset
    if user.role == Role.PARTICIPANT:
        return queryset.filter(participant__user=user)
    return queryset.none()


def get_loan_for(user: Any, pk: Any) -> Loan:
    return get_object_or_404(loans_visible_to(user), pk=pk)


def current_installments(loan: Loan) -> QuerySet[Installment]:
    return loan.schedule.filter(superseded_by__isnull=True).order_by("due_date", "number")


def payments_of(loan: Loan) -> QuerySet[Payment]:
    return loan.payments.select_related("posted_by", "reversal", "reverses").order_by(
        "value_date", "pk"
    )


def payment_for(user: Any, loan_pk: Any, pk: Any) -> Payment:
    loan = get_loan_for(user, loan_pk)
    return get_object_or_404(loan.payments.select_related("loan"), pk=pk)


def documents_of(loan: Loan) -> QuerySet[LoanDocument]:
    return loan.documents.defer("content").order_by("-created_at", "-pk")


def get_document_for(user: Any, pk: Any, *, content: bool = True) -> LoanDocument:
    """A document of a loan the user may see (404 otherwise); its bytes only if asked."""
    queryset = LoanDocument.objects.filter(loan__in=loans_visible_to(user))
    return get_object_or_404(queryset if content else queryset.defer("content"), pk=pk)


def credit_of(loan: Loan) -> Decimal:
    """The overpayment kept as a credit (active allocations to no installment)."""
    total = Allocation.objects.filter(loan=loan, active=True).aggregate(total=Sum("credit"))
    return total["total"] or ZERO


@dataclass
class Line:
    """One installment as the pages show it."""

    row: Installment
    status: str  # "paid", "late", "partial", "due", "upcoming"
    remaining: Decimal


@dataclass
class LoanOverview:
    loan: Loan
    today: datetime.date
    lines: list[Line]
    superseded: list[Installment]
    changes: list[ScheduleChange]
    credit: Decimal
    outstanding_principal: Decimal = ZERO
    outstanding_total: Decimal = ZERO
    overdue: Decimal = ZERO
    paid_total: Decimal = ZERO
    next_line: Line | None = None
    days_past_due: int = 0
    totals: dict[str, Decimal] = field(default_factory=dict)


STATUS_LABELS = {
    "paid": gettext_lazy("Paid"),
    "late": gettext_lazy("Late"),
    "partial": gettext_lazy("Partly paid"),
    "due": gettext_lazy("Due today"),
    "upcoming": gettext_lazy("To come"),
}


def _changes_of(loan: Loan) -> list[ScheduleChange]:
    """The schedule's versions, each undone one flagged ``is_undone`` (no extra query)."""
    changes = list(loan.schedule_changes.select_related("created_by"))
    undone = {change.undoes_id for change in changes if change.undoes_id}
    for change in changes:
        change.is_undone = change.pk in undone
    return changes


def loan_overview(loan: Loan, *, today: datetime.date, history: bool = True) -> LoanOverview:
    """The schedule with each line's status, the balances and the next payment (3–4 queries:
    installments, schedule changes, credit)."""
    rows = list(loan.schedule.select_related("superseded_by").order_by("due_date", "number", "pk"))
    current = [row for row in rows if row.superseded_by_id is None]
    superseded = [row for row in rows if row.superseded_by_id is not None] if history else []
    lines = []
    for row in current:
        remaining = row.remaining
        if remaining == 0:
            status = "paid"
        elif row.due_date < today:
            status = "late"
        elif row.due_date == today:
            status = "due"
        elif row.paid > 0:
            status = "partial"
        else:
            status = "upcoming"
        lines.append(Line(row, status, remaining))
    overview = LoanOverview(
        loan=loan,
        today=today,
        lines=lines,
        superseded=superseded,
        changes=_changes_of(loan) if history else [],
        credit=credit_of(loan),
    )
    overview.outstanding_principal = sum((r.principal - r.principal_paid for r in current), ZERO)
    overview.outstanding_total = sum((line.remaining for line in lines), ZERO)
    overview.overdue = sum((line.remaining for line in lines if line.row.due_date <= today), ZERO)
    overview.paid_total = sum((r.paid for r in current), ZERO)
    late = [line.row.due_date for line in lines if line.status == "late"]
    overview.days_past_due = (today - min(late)).days if late else 0
    overview.next_line = next((line for line in lines if line.remaining > 0), None)
    overview.totals = {
        "principal": sum((r.principal for r in current), ZERO),
        "interest": sum((r.interest for r in current), ZERO),
        "fees": sum((r.fees for r in current), ZERO),
        "total": sum((r.total for r in current), ZERO),
        "paid": overview.paid_total,
    }
    return overview
