"""API of loans after payout: the loan and its schedule, the ledger (repayments, reversals,
prepayment, payoff), the committee's servicing decisions, documents, and the portfolio.

Conventions (errors, idempotency, permissions) as in ``loans.api.views``.
"""

import datetime
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db.models import QuerySet
from django.http import HttpResponse
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from drf_spectacular.utils import extend_schema_serializer as named
from rest_framework import serializers, status
from rest_framework.generics import ListAPIView
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from incubator.errors import ConflictError, DomainError
from loans import portfolio, selectors
from loans.api import serializers as out
from loans.api.views import (
    AMOUNT,
    ERRORS,
    IDEMPOTENCY_KEY,
    Adviser,
    Committee,
    Everyone,
    Officers,
    ReasonInput,
    Role,
    _fake,
    _key,
    _payment_response,
    _valid,
    today,
)
from loans.models import Loan, LoanDocument, Payment, ScheduleChange
from loans.services import repayments, servicing
from loans.services.documents import document_request
from loans.simulate_forms import EARLIEST, LATEST, MESSAGES

# --- Loans ------------------------------------------------------------------------------------


class LoanListView(ListAPIView):
    """Loans the caller may see (filter with ``state``: active, late, repaid, written_off)."""

    serializer_class = out.LoanSerializer
    permission_classes = [Everyone]

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "state", OpenApiTypes.STR, enum=["active", "late", "repaid", "written_off"]
            ),
            OpenApiParameter("product", OpenApiTypes.INT),
            OpenApiParameter("adviser", OpenApiTypes.INT),
        ]
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)

    def get_queryset(self) -> QuerySet[Loan]:
        from loans.views.loan import with_balances

        queryset = selectors.loans_visible_to(self.request.user)
        params = self.request.query_params
        state = params.get("state")
        if state == "late":
            queryset = queryset.filter(state=Loan.State.ACTIVE, arrears_since__isnull=False)
        elif state in Loan.State.values:
            queryset = queryset.filter(state=state)
        for name in ("product", "adviser"):
            if params.get(name, "").isdigit():
                # __pk, not _id: Django answers an id beyond the database's integers with no
                # row (the _id lookup overflowed on SQLite: a 500).
                queryset = queryset.filter(**{f"{name}__pk": int(params[name])})
        return with_balances(queryset).order_by("-disbursed_on", "-pk")


class LoanDetailView(APIView):
    """A loan with its current schedule (each line's status) and balances."""

    permission_classes = [Everyone]

    @extend_schema(responses={200: out.LoanDetailSerializer, **ERRORS})
    def get(self, request: Request, pk: int) -> Response:
        loan = selectors.get_loan_for(request.user, pk)
        overview = selectors.loan_overview(loan, today=today(), history=False)
        schedule = []
        for line in overview.lines:
            line.row.status = line.status
            schedule.append(line.row)
        loan.summary = {  # type: ignore[attr-defined]
            "outstanding_principal": overview.outstanding_principal,
            "outstanding_total": overview.outstanding_total,
            "overdue": overview.overdue,
            "paid_total": overview.paid_total,
            "credit": overview.credit,
            "days_past_due": overview.days_past_due,
            "next_due_date": overview.next_line.row.due_date if overview.next_line else None,
            "next_amount": overview.next_line.remaining if overview.next_line else None,
        }
        loan.schedule_rows = schedule  # type: ignore[attr-defined]
        loan.left = overview.outstanding_total  # type: ignore[attr-defined]
        return Response(out.LoanDetailSerializer(loan).data)


class InstallmentListView(ListAPIView):
    """The loan's current installments (superseded ones stay in the database, as history)."""

    serializer_class = out.InstallmentSerializer
    permission_classes = [Everyone]
    pagination_class = None

    def get_queryset(self) -> Any:
        if _fake(self):
            return Loan.objects.none()
        loan = selectors.get_loan_for(self.request.user, self.kwargs["pk"])
        return selectors.current_installments(loan)


class PaymentListView(ListAPIView):
    """The loan's ledger (reversals included); POST records a repayment."""

    serializer_class = out.PaymentSerializer
    permission_classes = [Everyone]

    @named(component_name="LoanRepaymentInput")
    class InputSerializer(serializers.Serializer):
        amount = serializers.DecimalField(**AMOUNT)
        value_date = serializers.DateField()
        method = serializers.ChoiceField(choices=Payment.Channel.choices)
        reference = serializers.CharField(max_length=100, allow_blank=True, default="")

    def get_queryset(self) -> Any:
        if _fake(self):
            return Payment.objects.none()
        loan = selectors.get_loan_for(self.request.user, self.kwargs["pk"])
        return selectors.payments_of(loan)

    def get_serializer_context(self) -> dict[str, Any]:
        context = super().get_serializer_context()
        if not _fake(self):
            # The reversals point at what they cancel: one query for the whole page.
            context["reversed_ids"] = set(
                Payment.objects.filter(
                    loan_id=self.kwargs["pk"], reverses__isnull=False
                ).values_list("reverses_id", flat=True)
            )
        return context

    @extend_schema(
        request=InputSerializer,
        parameters=[IDEMPOTENCY_KEY],
        responses={201: out.PaymentResultSerializer, 200: out.PaymentResultSerializer, **ERRORS},
        summary="Record a repayment (idempotent)",
    )
    def post(self, request: Request, pk: int) -> Response:
        if request.user.role != Role.ADVISER:  # everyone reads the ledger; advisers record
            self.permission_denied(request)
        loan = selectors.get_loan_for(request.user, pk)
        key = _key(request)
        data = _valid(self.InputSerializer, request)
        return _payment_response(
            repayments.repayment_post(
                loan=loan, idempotency_key=key, actor=request.user, today=today(), **data
            )
        )


class ReverseView(APIView):
    permission_classes = [Adviser]
    InputSerializer = ReasonInput

    @extend_schema(
        request=ReasonInput,
        parameters=[IDEMPOTENCY_KEY],
        responses={201: out.PaymentResultSerializer, 200: out.PaymentResultSerializer, **ERRORS},
        summary="Reverse a payment (a reversing entry; the loan is replayed in date order)",
    )
    def post(self, request: Request, pk: int, payment_pk: int) -> Response:
        payment = selectors.payment_for(request.user, pk, payment_pk)
        key = _key(request)
        data = _valid(ReasonInput, request)
        return _payment_response(
            repayments.payment_reverse(
                payment=payment, actor=request.user, reason=data["reason"],
                idempotency_key=key, today=today(),
            )
        )  # fmt: skip


class PrepayView(APIView):
    permission_classes = [Adviser]

    @named(component_name="LoanPrepaymentInput")
    class InputSerializer(PaymentListView.InputSerializer):
        mode = serializers.ChoiceField(choices=ScheduleChange.Mode.choices)

    @extend_schema(
        request=InputSerializer,
        parameters=[IDEMPOTENCY_KEY],
        responses={201: out.PaymentResultSerializer, 200: out.PaymentResultSerializer, **ERRORS},
        summary="Prepay principal; the installments not yet due are recomputed",
    )
    def post(self, request: Request, pk: int) -> Response:
        loan = selectors.get_loan_for(request.user, pk)
        key = _key(request)
        data = _valid(self.InputSerializer, request)
        return _payment_response(
            repayments.loan_prepay(
                loan=loan, idempotency_key=key, actor=request.user, today=today(), **data
            )
        )


@named(component_name="LoanPayoffQuote")
class QuoteSerializer(serializers.Serializer):
    as_of = serializers.DateField()
    unpaid_due = out.money_field()
    outstanding_principal = out.money_field()
    accrued_interest = out.money_field()
    total = out.money_field()


class PayoffQuoteView(APIView):
    permission_classes = [Officers]

    @extend_schema(
        parameters=[OpenApiParameter("date", OpenApiTypes.DATE, description="Default: today.")],
        responses={200: QuoteSerializer, **ERRORS},
        summary="What repays the loan in full on a date",
    )
    def get(self, request: Request, pk: int) -> Response:
        loan = selectors.get_loan_for(request.user, pk)
        try:
            on = datetime.date.fromisoformat(
                request.query_params.get("date") or today().isoformat()
            )
        except ValueError:
            raise DomainError(_("Enter a valid date."), code="date") from None
        if loan.state != Loan.State.ACTIVE or not loan.disbursed_on <= on <= today():
            raise DomainError(
                _("A payoff is quoted for an active loan, between its payout and today."),
                code="date",
            )
        return Response(QuoteSerializer(repayments.payoff_quote_for(loan, on)).data)


class PayoffView(APIView):
    permission_classes = [Adviser]

    @extend_schema(
        request=PaymentListView.InputSerializer,
        parameters=[IDEMPOTENCY_KEY],
        responses={201: out.PaymentResultSerializer, 200: out.PaymentResultSerializer, **ERRORS},
        summary="Repay everything on a date; the loan closes",
    )
    def post(self, request: Request, pk: int) -> Response:
        loan = selectors.get_loan_for(request.user, pk)
        key = _key(request)
        data = _valid(PaymentListView.InputSerializer, request)
        return _payment_response(
            repayments.loan_payoff(
                loan=loan, idempotency_key=key, actor=request.user, today=today(), **data
            )
        )


class RescheduleView(APIView):
    permission_classes = [Committee]

    @named(component_name="LoanRescheduleInput")
    class InputSerializer(serializers.Serializer):
        installments = serializers.IntegerField(min_value=1, max_value=120)
        annual_rate = serializers.DecimalField(
            max_digits=6, decimal_places=3, min_value=Decimal(0), max_value=Decimal(100)
        )
        reason = serializers.CharField(max_length=2000)
        effective_date = serializers.DateField(required=False)
        first_due_date = serializers.DateField(required=False, allow_null=True)

    @extend_schema(
        request=InputSerializer,
        responses={200: out.LoanSerializer, **ERRORS},
        summary="Reschedule what is left (committee)",
    )
    def post(self, request: Request, pk: int) -> Response:
        loan = selectors.get_loan_for(request.user, pk)
        data = _valid(self.InputSerializer, request)
        servicing.loan_reschedule(loan=loan, actor=request.user, today=today(), **data)
        loan.refresh_from_db()
        return Response(out.LoanSerializer(loan).data)


class WriteOffView(APIView):
    permission_classes = [Committee]

    @extend_schema(
        request=ReasonInput,
        responses={200: out.LoanSerializer, **ERRORS},
        summary="Write off what is left (committee)",
    )
    def post(self, request: Request, pk: int) -> Response:
        loan = selectors.get_loan_for(request.user, pk)
        data = _valid(ReasonInput, request)
        written = servicing.loan_write_off(
            loan=loan, actor=request.user, reason=data["reason"], today=today()
        )
        return Response(out.LoanSerializer(written).data)


# --- Documents --------------------------------------------------------------------------------


class DocumentListView(ListAPIView):
    """The loan's documents; POST asks for the offer (no payment) or a payment's receipt."""

    serializer_class = out.DocumentSerializer
    permission_classes = [Everyone]
    pagination_class = None

    @named(component_name="LoanDocumentInput")
    class InputSerializer(serializers.Serializer):
        language = serializers.ChoiceField(choices=settings.LANGUAGES, required=False)
        payment = serializers.IntegerField(required=False, allow_null=True)

    def get_queryset(self) -> Any:
        if _fake(self):
            return LoanDocument.objects.none()
        loan = selectors.get_loan_for(self.request.user, self.kwargs["pk"])
        return selectors.documents_of(loan)

    @extend_schema(
        request=InputSerializer,
        responses={201: out.DocumentSerializer, **ERRORS},
        summary="Prepare the loan offer or a receipt (a task renders it)",
    )
    def post(self, request: Request, pk: int) -> Response:
        loan = selectors.get_loan_for(request.user, pk)
        data = _valid(self.InputSerializer, request)
        payment = (
            selectors.payment_for(request.user, pk, data["payment"])
            if data.get("payment")
            else None
        )
        language = data.get("language") or (
            request.user.language
            if request.user.role == Role.PARTICIPANT
            else loan.participant.preferred_language
        )
        document = document_request(
            loan=loan,
            kind=LoanDocument.Kind.RECEIPT if payment else LoanDocument.Kind.OFFER,
            language=language,
            payment=payment,
            actor=request.user,
        )
        document.refresh_from_db(fields=["status", "progress"])
        return Response(out.DocumentSerializer(document).data, status=status.HTTP_201_CREATED)


class DocumentDetailView(APIView):
    permission_classes = [Everyone]

    @extend_schema(
        responses={200: out.DocumentSerializer, **ERRORS}, summary="A document's progress"
    )
    def get(self, request: Request, pk: int) -> Response:
        document = selectors.get_document_for(request.user, pk, content=False)
        return Response(out.DocumentSerializer(document).data)


class DocumentDownloadView(APIView):
    permission_classes = [Everyone]

    @extend_schema(
        responses={
            (200, "application/pdf"): OpenApiTypes.BINARY,
            409: OpenApiResponse(out.ErrorSerializer, description="Not ready yet."),
            404: OpenApiResponse(description="Missing, or not yours."),
        },
        summary="The PDF, once ready",
    )
    def get(self, request: Request, pk: int) -> HttpResponse:
        document = selectors.get_document_for(request.user, pk)
        if document.status != LoanDocument.Status.READY:
            raise ConflictError(_("The document is not ready yet."), code="not_ready")
        response = HttpResponse(bytes(document.content), content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="{document.filename}"'
        response["Cache-Control"] = "no-store"
        return response


# --- The portfolio ----------------------------------------------------------------------------


class PortfolioView(APIView):
    permission_classes = [Officers]

    @extend_schema(
        parameters=[
            OpenApiParameter("product", OpenApiTypes.INT),
            OpenApiParameter("adviser", OpenApiTypes.INT),
            OpenApiParameter("start", OpenApiTypes.DATE),
            OpenApiParameter(
                "end", OpenApiTypes.DATE, description="The as-of date; default today."
            ),
        ],
        responses={200: out.PortfolioSerializer, **ERRORS},
        summary="Outstanding, PAR 1/30/90, ageing, repayment rate, payouts by month",
    )
    def get(self, request: Request) -> Response:
        params = request.query_params
        loans = selectors.loans_visible_to(request.user)
        for name in ("product", "adviser"):
            if params.get(name, "").isdigit():
                # __pk, not _id: an id beyond the database's integers matches no row.
                loans = loans.filter(**{f"{name}__pk": int(params[name])})
        try:
            start = datetime.date.fromisoformat(params["start"]) if params.get("start") else None
            end = datetime.date.fromisoformat(params["end"]) if params.get("end") else today()
        except ValueError:
            raise DomainError(_("Enter a valid date."), code="date") from None
        # The report counts back from its dates (90 days before the year 1: a 500).
        if any(day and not EARLIEST <= day <= LATEST for day in (start, end)):
            raise DomainError(MESSAGES["disbursement_date"], code="date")
        if start and end < start:
            raise DomainError(_("The end must not be before the start."), code="date")
        report = portfolio.build(loans, as_of=min(end, today()), start=start)
        data = {
            **{name: getattr(report, name) for name in (
                "as_of", "start", "currency", "loans", "outstanding", "due", "collected",
                "repayment_rate", "disbursed")},
            "par1": report.par[1], "par30": report.par[30], "par90": report.par[90],
            "buckets": report.buckets, "months": report.months,
        }  # fmt: skip
        return Response(out.PortfolioSerializer(data).data)
