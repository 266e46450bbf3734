"""Back-office pages of loans: the list, a loan with its schedule, payments and documents, and
the commands: repayment, reversal, prepayment, early payoff, rescheduling, write-off."""

import contextlib
import datetime
from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.db.models import DecimalField, ExpressionWrapper, F, OuterRef, Q, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from incubator.access import role_required
from incubator.errors import DomainError
from loans import forms, selectors
from loans.models import Installment, Loan, LoanDocument, Payment
from loans.services import repayments, servicing
from loans.services.documents import document_request
from loans.views.common import LOAN_OFFICERS, Role, paginate, run, today

MONEY = DecimalField(max_digits=14, decimal_places=2)


def with_balances(queryset: Any) -> Any:
    """Loans annotated with what is left to repay (one correlated subquery, no N+1)."""
    left = (
        Installment.objects.filter(loan=OuterRef("pk"), superseded_by__isnull=True)
        .order_by()
        .values("loan_id")
        .annotate(
            total=Sum(
                ExpressionWrapper(
                    F("principal") + F("interest") + F("fees") - F("principal_paid")
                    - F("interest_paid") - F("fees_paid"),
                    output_field=MONEY,
                )
            )
        )
        .values("total")
    )  # fmt: skip
    return queryset.annotate(
        left=Coalesce(Subquery(left), Value(Decimal("0.00")), output_field=MONEY)
    )


@never_cache
@role_required(*LOAN_OFFICERS)
def loan_list(request: HttpRequest) -> HttpResponse:
    """Loans, filterable (state, in arrears, product, adviser, name), paginated.

    Queries: session, user, the filter's products and advisers, the page's count and rows
    (participant, product and adviser joined, the balance as a subquery).
    """
    queryset = selectors.loans_visible_to(request.user)
    filters = forms.LoanFilterForm(request.GET or None)
    ordering: tuple[str, ...] = ("-disbursed_on", "-pk")
    if filters.is_valid():
        data = filters.cleaned_data
        if data["q"]:
            term = data["q"].strip()
            queryset = queryset.filter(
                Q(participant__first_name__icontains=term)
                | Q(participant__last_name__icontains=term)
            )
        if data["product"]:
            queryset = queryset.filter(product=data["product"])
        if data["adviser"]:
            queryset = queryset.filter(adviser=data["adviser"])
        if data["state"] == "late":
            queryset = queryset.filter(state=Loan.State.ACTIVE, arrears_since__isnull=False)
            ordering = ("arrears_since", "pk")
        elif data["state"]:
            queryset = queryset.filter(state=data["state"])
    page = paginate(request, with_balances(queryset).order_by(*ordering))
    return render(
        request, "loans/loan_list.html", {"page_obj": page, "filters": filters, "today": today()}
    )


def _page(
    request: HttpRequest,
    loan: Loan,
    template: str = "loans/loan_detail.html",
    extra: dict[str, Any] | None = None,
    status: int = 200,
) -> HttpResponse:
    """The loan with its schedule (paid, due, late), payments, documents and history.

    Queries: session, user, the loan (joined), installments, schedule changes, credit,
    payments (with reversals), documents, fees: a fixed number whatever the schedule's length.
    """
    overview = selectors.loan_overview(loan, today=today())
    payments = list(selectors.payments_of(loan))
    reversed_ids = {p.reverses_id for p in payments if p.reverses_id}
    reversible = {
        p.pk: forms.ReverseForm(prefix=f"p{p.pk}")
        for p in payments
        if p.kind != Payment.Kind.REVERSAL and p.pk not in reversed_ids
    }
    context = {
        "loan": loan,
        "overview": overview,
        "payments": payments,
        "reversed_ids": reversed_ids,
        "reverse_forms": reversible,
        "documents": list(selectors.documents_of(loan)),
        "fees": list(loan.fees.all()),
        "document_form": forms.DocumentForm(
            initial={"language": loan.participant.preferred_language}
        ),
        "is_adviser": request.user.role == Role.ADVISER,
        "is_committee": request.user.role == Role.COMMITTEE,
        **(extra or {}),
    }
    return render(request, template, context, status=status)


@never_cache
@role_required(*LOAN_OFFICERS)
def loan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _page(request, selectors.get_loan_for(request.user, pk))


def _posted(request: HttpRequest, result: repayments.PostResult, done: str) -> None:
    if result.created:
        messages.success(request, done)
    else:
        messages.info(request, _("This payment was already recorded: nothing was added."))


def _payment_page(
    request: HttpRequest,
    loan: Loan,
    form: forms.RepaymentForm,
    *,
    kind: str,
    command: Any,
    done: str,
    **extra: Any,
) -> HttpResponse:
    """The repayment, prepayment and payoff pages: the form beside the loan's balances; a
    valid post runs the command (a replay says so) and goes back to the loan."""
    if request.method == "POST":
        result = run(form, command)
        if result is not None:
            _posted(request, result, done)
            return redirect("loans:loan", pk=loan.pk)
    overview = selectors.loan_overview(loan, today=today(), history=False)
    context = {"loan": loan, "overview": overview, "form": form, "kind": kind, **extra}
    return render(request, "loans/repayment_form.html", context, status=400 if form.errors else 200)


def _paid(data: dict[str, Any], request: HttpRequest) -> dict[str, Any]:
    """What every payment command takes from its form."""
    return {
        "amount": data["amount"], "value_date": data["value_date"], "method": data["method"],
        "reference": data["reference"], "idempotency_key": data["idempotency_key"],
        "actor": request.user, "today": today(),
    }  # fmt: skip


@never_cache
@role_required(Role.ADVISER)
def repay(request: HttpRequest, pk: int) -> HttpResponse:
    loan = selectors.get_loan_for(request.user, pk)
    nearest = loan.schedule.filter(superseded_by__isnull=True, settled_on__isnull=True).first()
    initial = {"amount": nearest.remaining} if nearest else {}
    return _payment_page(
        request, loan, forms.RepaymentForm(request.POST or None, initial=initial),
        kind="repayment", done=_("The payment is recorded."),
        command=lambda d: repayments.repayment_post(loan=loan, **_paid(d, request)),
    )  # fmt: skip


@require_POST
@role_required(Role.ADVISER)
def reverse_payment(request: HttpRequest, pk: int, payment_pk: int) -> HttpResponse:
    payment = selectors.payment_for(request.user, pk, payment_pk)
    form = forms.ReverseForm(request.POST, prefix=f"p{payment_pk}")
    result = run(
        form,
        lambda d: repayments.payment_reverse(
            payment=payment, actor=request.user, reason=d["reason"],
            idempotency_key=d["idempotency_key"], today=today(),
        ),
    )  # fmt: skip
    if result is None:
        for error in form.non_field_errors() or [_("Say why the payment is reversed.")]:
            messages.error(request, error)
        return redirect("loans:loan", pk=pk)
    _posted(request, result, _("The payment is reversed; the loan was recomputed."))
    return redirect("loans:loan", pk=pk)


@never_cache
@role_required(Role.ADVISER)
def prepay(request: HttpRequest, pk: int) -> HttpResponse:
    loan = selectors.get_loan_for(request.user, pk)
    return _payment_page(
        request, loan, forms.PrepaymentForm(request.POST or None), kind="prepayment",
        done=_("The prepayment is recorded and the schedule recomputed."),
        command=lambda d: repayments.loan_prepay(loan=loan, mode=d["mode"], **_paid(d, request)),
    )  # fmt: skip


@never_cache
@role_required(Role.ADVISER)
def payoff(request: HttpRequest, pk: int) -> HttpResponse:
    """The payoff quote for a date (GET ?value_date=), then the payment that closes the loan."""
    loan = selectors.get_loan_for(request.user, pk)
    on = today()
    with contextlib.suppress(ValueError):
        on = datetime.date.fromisoformat(request.GET.get("value_date", ""))
    quote = None
    if loan.state == Loan.State.ACTIVE and loan.disbursed_on <= on <= today():
        quote = repayments.payoff_quote_for(loan, on)
    form = forms.PayoffForm(
        request.POST or None, initial={"value_date": on, "amount": quote.total if quote else None}
    )
    return _payment_page(
        request, loan, form, kind="payoff", quote=quote, done=_("The loan is repaid in full."),
        command=lambda d: repayments.loan_payoff(loan=loan, **_paid(d, request)),
    )  # fmt: skip


@never_cache
@role_required(Role.COMMITTEE)
def reschedule(request: HttpRequest, pk: int) -> HttpResponse:
    loan = selectors.get_loan_for(request.user, pk)
    overview = selectors.loan_overview(loan, today=today(), history=False)
    form = forms.RescheduleForm(
        request.POST or None,
        initial={"annual_rate": loan.annual_rate, "installments": len(overview.lines)},
    )
    if request.method == "POST":
        change = run(
            form,
            lambda d: servicing.loan_reschedule(
                loan=loan, actor=request.user, installments=d["installments"],
                annual_rate=d["annual_rate"], reason=d["reason"],
                effective_date=d["effective_date"], first_due_date=d["first_due_date"],
                today=today(),
            ),
        )  # fmt: skip
        if change is not None:
            messages.success(request, _("The loan is rescheduled; the old schedule is kept."))
            return redirect("loans:loan", pk=pk)
    return render(
        request,
        "loans/reschedule_form.html",
        {"loan": loan, "overview": overview, "form": form},
        status=400 if form.errors else 200,
    )


@never_cache
@role_required(Role.COMMITTEE)
def write_off(request: HttpRequest, pk: int) -> HttpResponse:
    loan = selectors.get_loan_for(request.user, pk)
    overview = selectors.loan_overview(loan, today=today(), history=False)
    form = forms.ReasonForm(request.POST or None)
    if request.method == "POST":
        done = run(
            form,
            lambda d: servicing.loan_write_off(
                loan=loan, actor=request.user, reason=d["reason"], today=today()
            ),
        )
        if done is not None:
            messages.success(request, _("The loan is written off."))
            return redirect("loans:loan", pk=pk)
    return render(
        request,
        "loans/write_off_form.html",
        {"loan": loan, "overview": overview, "form": form},
        status=400 if form.errors else 200,
    )


@require_POST
@role_required(*LOAN_OFFICERS)
def request_document(request: HttpRequest, pk: int) -> HttpResponse:
    """Ask for the offer (no payment) or a payment's receipt, in a language."""
    loan = selectors.get_loan_for(request.user, pk)
    form = forms.DocumentForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a language."))
        return redirect("loans:loan", pk=pk)
    payment = None
    if form.cleaned_data["payment"]:
        payment = selectors.payment_for(request.user, pk, form.cleaned_data["payment"])
    try:
        document_request(
            loan=loan,
            kind=LoanDocument.Kind.RECEIPT if payment else LoanDocument.Kind.OFFER,
            language=form.cleaned_data["language"],
            payment=payment,
            actor=request.user,
        )
    except DomainError as exc:
        messages.error(request, exc.message)
    return redirect(reverse("loans:loan", args=[pk]) + "#documents")
