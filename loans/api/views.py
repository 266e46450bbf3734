"""API of loans: reads are ListAPIViews on the selectors; each command is a small APIView with a
nested InputSerializer that calls one service (submit, review, send to committee, return,
approve, reject, withdraw, disburse, post a repayment, reverse, prepay, pay off, reschedule,
write off, request a document).

Refusals come back as 400 (or 409 for a concurrent change or a command still in flight) with
the message in the caller's language. Payment commands need an ``Idempotency-Key`` header:
the first call answers 201; a replay answers 200 with the same payment and
``X-Served-From-Cache: true`` (Apache Fineract's convention); a replay while the first is
still running answers 409.
"""

import datetime
from decimal import Decimal
from typing import Any

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from drf_spectacular.utils import extend_schema_serializer as named
from rest_framework import serializers, status
from rest_framework.generics import ListAPIView
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from incubator.access import HasRole
from incubator.errors import DomainError
from incubator.models import User
from incubator.selectors import participant_of, participants_visible_to
from loans import selectors
from loans.api import serializers as out
from loans.models import Application, LoanProduct
from loans.services import applications, repayments
from loans.services.disbursement import application_disburse
from loans.services.products import product_save

Role = User.Role
Officers = HasRole.of(Role.ADVISER, Role.COMMITTEE)
Adviser = HasRole.of(Role.ADVISER)
Committee = HasRole.of(Role.COMMITTEE)
Reviewers = HasRole.of(Role.ADVISER, Role.COMMITTEE)
Applicants = HasRole.of(Role.ADVISER, Role.PARTICIPANT)
Everyone = HasRole.of(Role.ADVISER, Role.COMMITTEE, Role.PARTICIPANT)
ProductReaders = HasRole.of(Role.STAFF, Role.ADVISER, Role.COMMITTEE, Role.PARTICIPANT)

ERRORS = {
    400: OpenApiResponse(out.ErrorSerializer, description="Refused, with the reason."),
    404: OpenApiResponse(description="Missing, or not yours."),
    409: OpenApiResponse(out.ErrorSerializer, description="Changed meanwhile, or in flight."),
}
IDEMPOTENCY_KEY = OpenApiParameter(
    "Idempotency-Key",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    required=True,
    description="A unique key per payment command (a UUID): a retry with the same key "
    "returns the first result instead of recording the payment twice.",
)
AMOUNT = {"max_digits": 14, "decimal_places": 2, "min_value": Decimal("0.01")}


def today() -> datetime.date:
    return timezone.localdate()


def _key(request: Request) -> str:
    key = request.headers.get("Idempotency-Key", "").strip()
    if not key or len(key) > 64:
        raise DomainError(
            _("Send an Idempotency-Key header (a UUID, at most 64 characters)."),
            code="idempotency_key",
        )
    return key


def _valid(serializer_class: type[serializers.Serializer], request: Request) -> dict[str, Any]:
    serializer = serializer_class(data=request.data)
    serializer.is_valid(raise_exception=True)
    return dict(serializer.validated_data)


def _payment_response(result: repayments.PostResult) -> Response:
    data = out.PaymentResultSerializer(result.payment).data
    if result.created:
        return Response(data, status=status.HTTP_201_CREATED)
    return Response(data, status=status.HTTP_200_OK, headers={"X-Served-From-Cache": "true"})


def _fake(view: Any) -> bool:
    """drf-spectacular builds the schema without a request user or URL."""
    return getattr(view, "swagger_fake_view", False)


# --- Products ---------------------------------------------------------------------------------


class ProductListView(ListAPIView):
    """Loan products: participants see those on offer; staff and advisers create (POST)."""

    serializer_class = out.ProductSerializer
    permission_classes = [ProductReaders]
    pagination_class = None

    def get_queryset(self) -> QuerySet[LoanProduct]:
        return selectors.products_visible_to(self.request.user).order_by("name")

    @extend_schema(request=out.ProductSerializer, responses={201: out.ProductSerializer, **ERRORS})
    def post(self, request: Request) -> Response:
        if request.user.role not in (Role.STAFF, Role.ADVISER):
            self.permission_denied(request)
        serializer = out.ProductSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        product = product_save(product=LoanProduct(**serializer.validated_data), actor=request.user)
        return Response(out.ProductSerializer(product).data, status=status.HTTP_201_CREATED)


class ProductDetailView(APIView):
    permission_classes = [ProductReaders]

    @extend_schema(responses={200: out.ProductSerializer, **ERRORS})
    def get(self, request: Request, pk: int) -> Response:
        return Response(out.ProductSerializer(selectors.get_product_for(request.user, pk)).data)

    @extend_schema(request=out.ProductSerializer, responses={200: out.ProductSerializer, **ERRORS})
    def patch(self, request: Request, pk: int) -> Response:
        if request.user.role not in (Role.STAFF, Role.ADVISER):
            self.permission_denied(request)
        product = selectors.get_product_for(request.user, pk)
        serializer = out.ProductSerializer(product, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        for name, value in serializer.validated_data.items():
            setattr(product, name, value)
        return Response(
            out.ProductSerializer(product_save(product=product, actor=request.user)).data
        )


# --- Applications -----------------------------------------------------------------------------


def application_body(request: Request, application: Application, **kwargs: Any) -> Any:
    if request.user.role == Role.PARTICIPANT:
        return out.PortalApplicationSerializer(application).data
    review = selectors.review_checklist(application, on=today())
    return out.ApplicationSerializer(
        application, context={"reviews": {application.pk: review}}
    ).data


class ApplicationListView(ListAPIView):
    """Applications the caller may see (filter with ``state``, ``product``, ``adviser``);
    POST opens a draft (advisers for any participant, participants for themselves)."""

    permission_classes = [Everyone]

    @named(component_name="LoanApplicationCreateInput")
    class InputSerializer(serializers.Serializer):
        participant = serializers.IntegerField(
            required=False, help_text="Advisers: whose application. Participants: omit."
        )
        product = serializers.IntegerField()
        amount = serializers.DecimalField(**AMOUNT)
        installments = serializers.IntegerField(min_value=1, max_value=120)
        grace_periods = serializers.IntegerField(min_value=0, default=0)
        purpose = serializers.CharField(max_length=2000)

    def get_serializer_class(self) -> type[serializers.Serializer]:
        if not _fake(self) and self.request.user.role == Role.PARTICIPANT:
            return out.PortalApplicationSerializer
        return out.ApplicationSerializer

    @extend_schema(
        parameters=[
            OpenApiParameter("state", OpenApiTypes.STR, enum=Application.State.values),
            OpenApiParameter("product", OpenApiTypes.INT),
            OpenApiParameter("adviser", OpenApiTypes.INT),
        ]
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)

    def get_queryset(self) -> QuerySet[Application]:
        queryset = selectors.applications_visible_to(self.request.user).order_by("-pk")
        params = self.request.query_params
        if params.get("state") in Application.State.values:
            queryset = queryset.filter(state=params["state"])
        for name in ("product", "adviser"):
            if params.get(name, "").isdigit():
                # __pk, not _id: Django answers an id beyond the database's integers with no
                # row (the _id lookup overflowed on SQLite: a 500).
                queryset = queryset.filter(**{f"{name}__pk": int(params[name])})
        return queryset

    @extend_schema(
        request=InputSerializer,
        responses={201: out.ApplicationSerializer, **ERRORS},
        summary="Open a draft application",
    )
    def post(self, request: Request) -> Response:
        if request.user.role not in (Role.ADVISER, Role.PARTICIPANT):
            self.permission_denied(request)
        data = _valid(self.InputSerializer, request)
        user = request.user
        if user.role == Role.PARTICIPANT:
            participant = participant_of(user)
            if participant is None:
                raise DomainError(_("This application is not yours."), code="not_yours")
        else:
            participant = get_object_or_404(
                participants_visible_to(user), pk=data.get("participant") or 0
            )
        product = get_object_or_404(selectors.products_visible_to(user), pk=data["product"])
        application = applications.application_create(
            actor=user, participant=participant, product=product, amount=data["amount"],
            installments=data["installments"], grace_periods=data["grace_periods"],
            purpose=data["purpose"],
        )  # fmt: skip
        return Response(application_body(request, application), status=status.HTTP_201_CREATED)


class ApplicationDetailView(APIView):
    """One application; PATCH changes its terms while it may still change."""

    permission_classes = [Everyone]

    @named(component_name="LoanApplicationUpdateInput")
    class InputSerializer(serializers.Serializer):
        product = serializers.IntegerField(required=False)
        amount = serializers.DecimalField(**AMOUNT, required=False)
        installments = serializers.IntegerField(min_value=1, max_value=120, required=False)
        grace_periods = serializers.IntegerField(min_value=0, required=False)
        purpose = serializers.CharField(max_length=2000, required=False)
        adviser = serializers.IntegerField(
            required=False, help_text="Advisers only: who follows the application."
        )

    @extend_schema(responses={200: out.ApplicationSerializer, **ERRORS})
    def get(self, request: Request, pk: int) -> Response:
        return Response(application_body(request, selectors.get_application_for(request.user, pk)))

    @extend_schema(request=InputSerializer, responses={200: out.ApplicationSerializer, **ERRORS})
    def patch(self, request: Request, pk: int) -> Response:
        application = selectors.get_application_for(request.user, pk)
        changes = _valid(self.InputSerializer, request)
        if "product" in changes:
            changes["product"] = get_object_or_404(
                selectors.products_visible_to(request.user), pk=changes["product"]
            )
        if "adviser" in changes:
            changes["adviser"] = get_object_or_404(
                User.objects.filter(role=Role.ADVISER, is_active=True), pk=changes["adviser"]
            )
        saved = applications.application_update(
            application=application, actor=request.user, changes=changes
        )
        return Response(application_body(request, saved))


class ApplicationCommand(APIView):
    """A command on one application: the service decides, the body says the new state."""

    class InputSerializer(serializers.Serializer):
        pass

    def run(self, request: Request, application: Application, data: dict[str, Any]) -> Any:
        raise NotImplementedError

    def post(self, request: Request, pk: int) -> Response:
        application = selectors.get_application_for(request.user, pk)
        data = _valid(self.InputSerializer, request)
        result = self.run(request, application, data)
        return Response(application_body(request, result))


def application_command(summary: str, input_serializer: Any = None) -> Any:
    return extend_schema(
        request=input_serializer,
        responses={200: out.ApplicationSerializer, **ERRORS},
        summary=summary,
    )


class SubmitView(ApplicationCommand):
    permission_classes = [Applicants]

    @application_command("Submit a draft application")
    def post(self, request: Request, pk: int) -> Response:
        return super().post(request, pk)

    def run(self, request: Request, application: Application, data: dict[str, Any]) -> Any:
        return applications.application_submit(application=application, actor=request.user)


class ReviewView(ApplicationCommand):
    permission_classes = [Reviewers]

    @named(component_name="LoanReviewInput")
    class InputSerializer(serializers.Serializer):
        identity_checked = serializers.BooleanField()
        plan_approved = serializers.BooleanField()
        guarantee_covered = serializers.BooleanField()
        monthly_income = serializers.DecimalField(
            max_digits=14, decimal_places=2, min_value=Decimal(0), allow_null=True
        )
        monthly_charges = serializers.DecimalField(
            max_digits=14, decimal_places=2, min_value=Decimal(0), allow_null=True
        )
        recommendation = serializers.ChoiceField(
            choices=[("", ""), *Application.Recommendation.choices], allow_blank=True
        )
        recommendation_note = serializers.CharField(allow_blank=True, default="")

    @application_command("Record the review checklist (a submitted file goes in review)",
                         InputSerializer)  # fmt: skip
    def post(self, request: Request, pk: int) -> Response:
        return super().post(request, pk)

    def run(self, request: Request, application: Application, data: dict[str, Any]) -> Any:
        return applications.application_review(application=application, actor=request.user, **data)


class SendToCommitteeView(ApplicationCommand):
    permission_classes = [Reviewers]

    @application_command("Send a complete file to the committee")
    def post(self, request: Request, pk: int) -> Response:
        return super().post(request, pk)

    def run(self, request: Request, application: Application, data: dict[str, Any]) -> Any:
        return applications.application_send_to_committee(
            application=application, actor=request.user, today=today()
        )


@named(component_name="LoanReasonInput")
class ReasonInput(serializers.Serializer):
    reason = serializers.CharField(max_length=2000)


@named(component_name="LoanOptionalReasonInput")
class OptionalReasonInput(serializers.Serializer):
    reason = serializers.CharField(max_length=2000, allow_blank=True, default="")


class ReturnToReviewView(ApplicationCommand):
    permission_classes = [Reviewers]
    InputSerializer = ReasonInput

    @application_command("Send a file back from the committee to review", ReasonInput)
    def post(self, request: Request, pk: int) -> Response:
        return super().post(request, pk)

    def run(self, request: Request, application: Application, data: dict[str, Any]) -> Any:
        return applications.application_return_to_review(
            application=application, actor=request.user, reason=data["reason"]
        )


class ApproveView(ApplicationCommand):
    permission_classes = [Committee]

    @named(component_name="LoanApproveInput")
    class InputSerializer(serializers.Serializer):
        conditions = serializers.CharField(allow_blank=True, default="", max_length=2000)
        notes = serializers.CharField(allow_blank=True, default="", max_length=2000)

    @application_command("Approve (committee; never the reviewer)", InputSerializer)
    def post(self, request: Request, pk: int) -> Response:
        return super().post(request, pk)

    def run(self, request: Request, application: Application, data: dict[str, Any]) -> Any:
        return applications.application_approve(application=application, actor=request.user, **data)


class RejectView(ApplicationCommand):
    permission_classes = [Committee]

    @named(component_name="LoanRejectInput")
    class InputSerializer(serializers.Serializer):
        reason = serializers.CharField(max_length=2000)
        notes = serializers.CharField(allow_blank=True, default="", max_length=2000)

    @application_command("Reject with a reason (committee; never the reviewer)", InputSerializer)
    def post(self, request: Request, pk: int) -> Response:
        return super().post(request, pk)

    def run(self, request: Request, application: Application, data: dict[str, Any]) -> Any:
        return applications.application_reject(application=application, actor=request.user, **data)


class WithdrawView(ApplicationCommand):
    permission_classes = [Applicants]
    InputSerializer = OptionalReasonInput

    @application_command("Withdraw an open application", OptionalReasonInput)
    def post(self, request: Request, pk: int) -> Response:
        return super().post(request, pk)

    def run(self, request: Request, application: Application, data: dict[str, Any]) -> Any:
        return applications.application_withdraw(
            application=application, actor=request.user, reason=data["reason"]
        )


class DisburseView(APIView):
    """Pay out an approved application: the loan, its installments and fees. A second call
    answers 200 with the same loan (a double click pays out once)."""

    permission_classes = [Adviser]

    @named(component_name="LoanDisburseInput")
    class InputSerializer(serializers.Serializer):
        disbursed_on = serializers.DateField(required=False)
        first_due_date = serializers.DateField(required=False, allow_null=True)

    @extend_schema(
        request=InputSerializer,
        responses={201: out.LoanSerializer, 200: out.LoanSerializer, **ERRORS},
        summary="Pay out an approved application",
    )
    def post(self, request: Request, pk: int) -> Response:
        application = selectors.get_application_for(request.user, pk)
        data = _valid(self.InputSerializer, request)
        loan, created = application_disburse(
            application=application, actor=request.user, disbursed_on=data.get("disbursed_on"),
            first_due_date=data.get("first_due_date"), today=today(),
        )  # fmt: skip
        return Response(
            out.LoanSerializer(loan).data,
            status=status.HTTP_201_CREATED if created else status.HTTP_200_OK,
        )
