"""API views of cooperatives: reads are ListAPIViews on the selectors, commands small APIViews
with a nested InputSerializer that call one service.

Access: staff manage, advisers read, participants read their own cooperatives (days, their
own membership, hours, share and statement). Objects outside the caller's reach answer 404.
"""

import uuid
from decimal import Decimal
from typing import Any

from django.db.models import F, QuerySet
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_serializer
from rest_framework import serializers, status
from rest_framework.generics import ListAPIView
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from cooperatives import pdf, reports, selectors
from cooperatives.api import serializers as out
from cooperatives.models import (
    ActivityDay,
    Attendance,
    Closing,
    Cooperative,
    CostSheet,
    LedgerEntry,
    Meeting,
    MemberShare,
    Membership,
)
from cooperatives.services import calendar, closing, cooperatives, governance, ledger, members
from incubator.access import HasRole
from incubator.errors import DomainError
from incubator.models import Cohort, Participant, PartnerOrganisation, Programme, User
from incubator.selectors import participants_visible_to

Role = User.Role
Staff = HasRole.of(Role.STAFF)
Readers = HasRole.of(Role.STAFF, Role.ADVISER)
Everyone = HasRole.of(Role.STAFF, Role.ADVISER, Role.PARTICIPANT)


class CoopMixin:
    """The cooperative of the URL, as the caller may see it (404 otherwise)."""

    request: Request
    kwargs: dict[str, Any]

    def schema_only(self) -> bool:
        """drf-spectacular builds the schema without a URL: no cooperative to load."""
        return getattr(self, "swagger_fake_view", False)

    def coop(self) -> Cooperative:
        if not hasattr(self, "_coop"):
            self._coop = selectors.get_cooperative_for(self.request.user, self.kwargs["pk"])
        return self._coop


# A row id sent in a body: a larger number than the database's integers is refused (400) here,
# where SQLite would overflow (a 500) when the services look it up.
ROW_ID = {"min_value": 1, "max_value": 2**63 - 1}


def named(name: str) -> Any:
    """A unique schema component name for a nested Input/Output serializer."""
    return extend_schema_serializer(component_name=name)


def _with_figures(request: Request, pk: int) -> Cooperative:
    return get_object_or_404(
        selectors.with_figures(selectors.cooperatives_visible_to(request.user)), pk=pk
    )


def _created(data: Any) -> Response:
    return Response(data, status=status.HTTP_201_CREATED)


# --- Cooperatives -----------------------------------------------------------------------------


class CooperativeListView(ListAPIView):
    """Cooperatives the caller may see; staff create them (POST)."""

    serializer_class = out.CooperativeSerializer
    filterset_fields = ["state", "kind", "sector", "programme"]

    def get_permissions(self) -> list[Any]:
        return [Staff()] if self.request.method == "POST" else [Everyone()]

    def get_queryset(self) -> QuerySet[Cooperative]:
        return selectors.with_figures(selectors.cooperatives_visible_to(self.request.user))

    @named("CoopCreateInput")
    class InputSerializer(serializers.Serializer):
        name = serializers.CharField(max_length=200)
        kind = serializers.ChoiceField(choices=Cooperative.Kind.choices)
        sector = serializers.ChoiceField(choices=Cooperative.Sector.choices)
        sector_label = serializers.CharField(max_length=100, required=False, default="")
        programme = serializers.PrimaryKeyRelatedField(queryset=Programme.objects.all())
        cohort = serializers.PrimaryKeyRelatedField(
            queryset=Cohort.objects.all(), required=False, allow_null=True, default=None
        )
        start_date = serializers.DateField()
        end_date = serializers.DateField(required=False, allow_null=True, default=None)
        weekdays = serializers.ListField(
            child=serializers.IntegerField(min_value=0, max_value=6), required=False, default=list
        )
        place = serializers.CharField(max_length=200)
        host_partner = serializers.PrimaryKeyRelatedField(
            queryset=PartnerOrganisation.objects.all(),
            required=False,
            allow_null=True,
            default=None,
        )
        capacity = serializers.IntegerField(min_value=1, max_value=100, default=8)
        lead_staff = serializers.PrimaryKeyRelatedField(
            queryset=User.objects.filter(role=Role.STAFF, is_active=True)
        )
        usual_hours = serializers.DecimalField(
            max_digits=4, decimal_places=2, default=Decimal("6.00")
        )
        description = serializers.CharField(required=False, default="", allow_blank=True)

    @extend_schema(request=InputSerializer, responses={201: out.CooperativeSerializer})
    def post(self, request: Request) -> Response:
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        coop = cooperatives.cooperative_create(actor=request.user, **data.validated_data)
        return _created(out.CooperativeSerializer(_with_figures(request, coop.pk)).data)


class CooperativeDetailView(CoopMixin, APIView):
    permission_classes = [Everyone]

    @extend_schema(responses=out.CooperativeSerializer)
    def get(self, request: Request, pk: int) -> Response:
        return Response(out.CooperativeSerializer(_with_figures(request, pk)).data)


class TransitionView(CoopMixin, APIView):
    """Start, end or reopen the activity (closing is its own command)."""

    permission_classes = [Staff]

    @named("CoopTransitionInput")
    class InputSerializer(serializers.Serializer):
        to = serializers.ChoiceField(choices=["running", "closing"])
        reason = serializers.CharField(required=False, default="", allow_blank=True)

    @extend_schema(request=InputSerializer, responses=out.CooperativeSerializer)
    def post(self, request: Request, pk: int) -> Response:
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        cooperatives.cooperative_transition(
            cooperative=self.coop(), actor=request.user, **data.validated_data
        )
        return Response(out.CooperativeSerializer(_with_figures(request, pk)).data)


# --- Calendar ---------------------------------------------------------------------------------


class DayListView(CoopMixin, ListAPIView):
    """The activity days (cancelled ones included); staff add one (POST)."""

    serializer_class = out.DaySerializer

    def get_permissions(self) -> list[Any]:
        return [Staff()] if self.request.method == "POST" else [Everyone()]

    def get_queryset(self) -> QuerySet[ActivityDay]:
        if self.schema_only():
            return ActivityDay.objects.none()
        return self.coop().days.order_by("date", "pk")

    @named("CoopDayAddInput")
    class InputSerializer(serializers.Serializer):
        date = serializers.DateField()
        note = serializers.CharField(max_length=200, required=False, default="", allow_blank=True)

    @extend_schema(request=InputSerializer, responses={201: out.DaySerializer})
    def post(self, request: Request, pk: int) -> Response:
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        day = calendar.day_add(cooperative=self.coop(), actor=request.user, **data.validated_data)
        return _created(out.DaySerializer(day).data)


class DayMoveView(CoopMixin, APIView):
    permission_classes = [Staff]

    @named("CoopDayMoveInput")
    class InputSerializer(serializers.Serializer):
        date = serializers.DateField()
        note = serializers.CharField(max_length=200, required=False, default="", allow_blank=True)

    @extend_schema(request=InputSerializer, responses=out.DaySerializer)
    def post(self, request: Request, pk: int, day: int) -> Response:
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        row = get_object_or_404(ActivityDay, cooperative=self.coop(), pk=day)
        row = calendar.day_move(day=row, actor=request.user, **data.validated_data)
        return Response(out.DaySerializer(row).data)


class DayCancelView(CoopMixin, APIView):
    permission_classes = [Staff]

    @named("CoopDayCancelInput")
    class InputSerializer(serializers.Serializer):
        reason = serializers.CharField(max_length=200)

    @extend_schema(request=InputSerializer, responses=out.DaySerializer)
    def post(self, request: Request, pk: int, day: int) -> Response:
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        row = get_object_or_404(ActivityDay, cooperative=self.coop(), pk=day)
        row = calendar.day_cancel(day=row, actor=request.user, **data.validated_data)
        return Response(out.DaySerializer(row).data)


# --- Members and hours ------------------------------------------------------------------------


class MemberListView(CoopMixin, ListAPIView):
    """Members with days worked and hours; a participant gets only their own membership."""

    serializer_class = out.MemberSerializer

    def get_permissions(self) -> list[Any]:
        return [Staff()] if self.request.method == "POST" else [Everyone()]

    def get_queryset(self) -> QuerySet[Membership]:
        if self.schema_only():
            return Membership.objects.none()
        queryset = selectors.memberships_of(self.coop())
        if not selectors.can_read_all(self.request.user):
            queryset = queryset.filter(participant__user=self.request.user)
        return queryset

    @named("CoopMemberAddInput")
    class InputSerializer(serializers.Serializer):
        participant = serializers.PrimaryKeyRelatedField(queryset=Participant.objects.none())
        role = serializers.ChoiceField(choices=Membership.Role.choices, default="member")
        joined_on = serializers.DateField()
        weight = serializers.DecimalField(max_digits=6, decimal_places=2, default=Decimal("1.00"))

        def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            if user is not None:
                self.fields["participant"].queryset = participants_visible_to(user)

    @extend_schema(request=InputSerializer, responses={201: out.MemberSerializer})
    def post(self, request: Request, pk: int) -> Response:
        data = self.InputSerializer(data=request.data, user=request.user)
        data.is_valid(raise_exception=True)
        membership = members.member_add(
            cooperative=self.coop(), actor=request.user, **data.validated_data
        )
        return _created(out.MemberSerializer(membership).data)


class MemberLeaveView(CoopMixin, APIView):
    permission_classes = [Staff]

    @named("CoopMemberLeaveInput")
    class InputSerializer(serializers.Serializer):
        left_on = serializers.DateField()
        reason = serializers.CharField(max_length=200, required=False, default="", allow_blank=True)

    @extend_schema(request=InputSerializer, responses=out.MemberSerializer)
    def post(self, request: Request, pk: int, member: int) -> Response:
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        row = get_object_or_404(Membership, cooperative=self.coop(), pk=member)
        row = members.member_leave(membership=row, actor=request.user, **data.validated_data)
        return Response(out.MemberSerializer(row).data)


class MemberOutcomeView(CoopMixin, APIView):
    permission_classes = [Staff]

    @named("CoopMemberOutcomeInput")
    class InputSerializer(serializers.Serializer):
        outcome = serializers.ChoiceField(choices=Membership.Outcome.choices)
        note = serializers.CharField(max_length=300, required=False, default="", allow_blank=True)

    @extend_schema(request=InputSerializer, responses=out.MemberSerializer)
    def post(self, request: Request, pk: int, member: int) -> Response:
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        row = get_object_or_404(Membership, cooperative=self.coop(), pk=member)
        row = members.outcome_record(membership=row, actor=request.user, **data.validated_data)
        return Response(out.MemberSerializer(row).data)


class HoursView(CoopMixin, ListAPIView):
    """Hours per day and member: all of them for staff and advisers, a participant's own only.
    PUT records a grid (idempotent: the same grid twice changes nothing)."""

    serializer_class = out.HoursCellSerializer

    def get_permissions(self) -> list[Any]:
        return [Staff()] if self.request.method == "PUT" else [Everyone()]

    def get_queryset(self) -> QuerySet[Any]:
        if self.schema_only():
            return Attendance.objects.none()
        queryset = Attendance.objects.filter(day__cooperative=self.coop())
        if not selectors.can_read_all(self.request.user):
            queryset = queryset.filter(membership__participant__user=self.request.user)
        return queryset.order_by("day__date", "membership_id").values(
            "day_id", "membership_id", "hours", date=F("day__date")
        )

    @named("CoopHoursInput")
    class InputSerializer(serializers.Serializer):
        @named("CoopHoursCellInput")
        class CellSerializer(serializers.Serializer):
            day = serializers.IntegerField(**ROW_ID)
            member = serializers.IntegerField(**ROW_ID)
            hours = serializers.DecimalField(
                max_digits=4, decimal_places=2, min_value=0, max_value=12
            )

        cells = CellSerializer(many=True, allow_empty=False)

    @named("CoopHoursOutput")
    class OutputSerializer(serializers.Serializer):
        changed = serializers.IntegerField()

    @extend_schema(request=InputSerializer, responses=OutputSerializer)
    def put(self, request: Request, pk: int) -> Response:
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        changed = members.hours_record(
            cooperative=self.coop(),
            actor=request.user,
            cells=[
                members.HoursCell(c["day"], c["member"], c["hours"])
                for c in data.validated_data["cells"]
            ],
        )
        return Response({"changed": changed})


# --- Ledger -----------------------------------------------------------------------------------

IDEMPOTENCY = OpenApiParameter(
    "Idempotency-Key",
    OpenApiTypes.UUID,
    OpenApiParameter.HEADER,
    description="The same key twice records the entry once (the replay answers 200).",
)


def _idempotency_key(request: Request) -> uuid.UUID:
    raw = request.headers.get("Idempotency-Key") or request.data.get("idempotency_key")
    if not raw:
        return uuid.uuid4()
    try:
        return uuid.UUID(str(raw))
    except ValueError:
        raise DomainError(_("Idempotency-Key must be a UUID."), code="idempotency_key") from None


def _entry_response(coop: Cooperative, key: uuid.UUID, record: Any) -> Response:
    replay = LedgerEntry.objects.filter(cooperative=coop, idempotency_key=key).exists()
    entry = record()
    body = out.EntrySerializer(entry).data
    return Response(body, status=status.HTTP_200_OK if replay else status.HTTP_201_CREATED)


class SaleListView(CoopMixin, ListAPIView):
    serializer_class = out.EntrySerializer

    def get_permissions(self) -> list[Any]:
        return [Staff()] if self.request.method == "POST" else [Readers()]

    def get_queryset(self) -> QuerySet[LedgerEntry]:
        if self.schema_only():
            return LedgerEntry.objects.none()
        return selectors.ledger_entries(self.coop(), kind=LedgerEntry.Kind.SALE)

    @named("CoopSaleInput")
    class InputSerializer(serializers.Serializer):
        date = serializers.DateField()
        product = serializers.CharField(max_length=200)
        quantity = serializers.DecimalField(max_digits=10, decimal_places=2)
        unit_price = serializers.DecimalField(max_digits=12, decimal_places=2)
        payment_method = serializers.ChoiceField(choices=LedgerEntry.PaymentMethod.choices)
        customer_type = serializers.ChoiceField(
            choices=LedgerEntry.CustomerType.choices, default="individual"
        )
        description = serializers.CharField(
            max_length=300, required=False, default="", allow_blank=True
        )
        idempotency_key = serializers.UUIDField(required=False)

    @extend_schema(
        request=InputSerializer,
        parameters=[IDEMPOTENCY],
        responses={201: out.EntrySerializer, 200: out.EntrySerializer},
    )
    def post(self, request: Request, pk: int) -> Response:
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = {k: v for k, v in data.validated_data.items() if k != "idempotency_key"}
        key = _idempotency_key(request)
        coop = self.coop()
        return _entry_response(
            coop,
            key,
            lambda: ledger.sale_record(
                cooperative=coop, actor=request.user, idempotency_key=key, **values
            ),
        )


class ExpenseListView(CoopMixin, ListAPIView):
    serializer_class = out.EntrySerializer
    parser_classes = [JSONParser, MultiPartParser, FormParser]

    def get_permissions(self) -> list[Any]:
        return [Staff()] if self.request.method == "POST" else [Readers()]

    def get_queryset(self) -> QuerySet[LedgerEntry]:
        if self.schema_only():
            return LedgerEntry.objects.none()
        return selectors.ledger_entries(self.coop(), kind=LedgerEntry.Kind.EXPENSE)

    @named("CoopExpenseInput")
    class InputSerializer(serializers.Serializer):
        date = serializers.DateField()
        category = serializers.ChoiceField(choices=LedgerEntry.Category.choices)
        amount = serializers.DecimalField(max_digits=12, decimal_places=2)
        supplier = serializers.CharField(
            max_length=200, required=False, default="", allow_blank=True
        )
        description = serializers.CharField(
            max_length=300, required=False, default="", allow_blank=True
        )
        receipt = serializers.FileField(required=False, allow_null=True, default=None)
        idempotency_key = serializers.UUIDField(required=False)

    @extend_schema(
        request={"multipart/form-data": InputSerializer, "application/json": InputSerializer},
        parameters=[IDEMPOTENCY],
        responses={201: out.EntrySerializer, 200: out.EntrySerializer},
    )
    def post(self, request: Request, pk: int) -> Response:
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = {k: v for k, v in data.validated_data.items() if k != "idempotency_key"}
        key = _idempotency_key(request)
        coop = self.coop()
        return _entry_response(
            coop,
            key,
            lambda: ledger.expense_record(
                cooperative=coop, actor=request.user, idempotency_key=key, **values
            ),
        )


class EntryReverseView(CoopMixin, APIView):
    permission_classes = [Staff]

    @named("CoopEntryReverseInput")
    class InputSerializer(serializers.Serializer):
        reason = serializers.CharField(max_length=300)

    @extend_schema(request=InputSerializer, responses={201: out.EntrySerializer})
    def post(self, request: Request, pk: int, entry: int) -> Response:
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        row = get_object_or_404(LedgerEntry, cooperative=self.coop(), pk=entry)
        reversal = ledger.entry_reverse(entry=row, actor=request.user, **data.validated_data)
        return _created(out.EntrySerializer(reversal).data)


# --- Cost sheets, governance ------------------------------------------------------------------


class CostSheetListView(CoopMixin, ListAPIView):
    serializer_class = out.CostSheetSerializer

    def get_permissions(self) -> list[Any]:
        return [Staff()] if self.request.method == "POST" else [Readers()]

    def get_queryset(self) -> QuerySet[Any]:
        if self.schema_only():
            return CostSheet.objects.none()
        return selectors.cost_sheets_of(self.coop())

    @named("CoopCostSheetInput")
    class InputSerializer(serializers.Serializer):
        @named("CoopCostLineInput")
        class LineSerializer(serializers.Serializer):
            material = serializers.CharField(max_length=200)
            quantity = serializers.DecimalField(max_digits=10, decimal_places=3, min_value=0)
            unit = serializers.ChoiceField(choices=["kg", "g", "l", "m", "piece"])
            unit_cost = serializers.DecimalField(max_digits=12, decimal_places=2, min_value=0)

        product = serializers.CharField(max_length=200)
        yield_quantity = serializers.DecimalField(max_digits=10, decimal_places=2)
        yield_unit = serializers.CharField(
            max_length=40, required=False, default="", allow_blank=True
        )
        selling_price = serializers.DecimalField(max_digits=12, decimal_places=2)
        notes = serializers.CharField(required=False, default="", allow_blank=True)
        lines = LineSerializer(many=True, allow_empty=False)

    @extend_schema(request=InputSerializer, responses={201: out.CostSheetSerializer})
    def post(self, request: Request, pk: int) -> Response:
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        lines = [ledger.LineInput(**line) for line in values.pop("lines")]
        sheet = ledger.cost_sheet_save(
            cooperative=self.coop(), actor=request.user, lines=lines, **values
        )
        sheet = selectors.cost_sheets_of(self.coop()).get(pk=sheet.pk)
        return _created(out.CostSheetSerializer(sheet).data)


class MeetingListView(CoopMixin, ListAPIView):
    serializer_class = out.MeetingSerializer

    def get_permissions(self) -> list[Any]:
        return [Staff()] if self.request.method == "POST" else [Readers()]

    def get_queryset(self) -> QuerySet[Meeting]:
        if self.schema_only():
            return Meeting.objects.none()
        return selectors.meetings_of(self.coop())

    @named("CoopMeetingInput")
    class InputSerializer(serializers.Serializer):
        @named("CoopDecisionInput")
        class DecisionInputSerializer(serializers.Serializer):
            text = serializers.CharField(max_length=500)
            votes_for = serializers.IntegerField(min_value=0, default=0)
            votes_against = serializers.IntegerField(min_value=0, default=0)
            votes_abstain = serializers.IntegerField(min_value=0, default=0)
            split_rule = serializers.ChoiceField(
                choices=Cooperative.SplitRule.choices, required=False, allow_blank=True, default=""
            )

        date = serializers.DateField()
        agenda = serializers.CharField()
        notes = serializers.CharField(required=False, default="", allow_blank=True)
        attendees = serializers.ListField(child=serializers.IntegerField(**ROW_ID), default=list)
        decisions = DecisionInputSerializer(many=True, required=False, default=list)

    @extend_schema(request=InputSerializer, responses={201: out.MeetingSerializer})
    def post(self, request: Request, pk: int) -> Response:
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        coop = self.coop()
        wanted = set(values.pop("attendees"))
        attendees = list(coop.memberships.filter(pk__in=wanted))
        if len(attendees) != len(wanted):
            raise DomainError(_("This member does not exist."), code="unknown_member")
        meeting = governance.meeting_record(
            cooperative=coop,
            actor=request.user,
            attendees=attendees,
            decisions=[governance.DecisionInput(**d) for d in values.pop("decisions")],
            **values,
        )
        meeting = selectors.meetings_of(coop).get(pk=meeting.pk)
        return _created(out.MeetingSerializer(meeting).data)


# --- Closing ----------------------------------------------------------------------------------


class CloseView(CoopMixin, APIView):
    """Record the split and close (one transaction)."""

    permission_classes = [Staff]

    @named("CoopCloseInput")
    class InputSerializer(serializers.Serializer):
        rule = serializers.ChoiceField(
            choices=Cooperative.SplitRule.choices, required=False, allow_blank=True, default=""
        )
        reason = serializers.CharField(required=False, default="", allow_blank=True)

    @extend_schema(request=InputSerializer, responses={201: out.ClosingSerializer})
    def post(self, request: Request, pk: int) -> Response:
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        record = closing.cooperative_close(
            cooperative=self.coop(), actor=request.user, **data.validated_data
        )
        shares = selectors.shares_of(self.coop())
        return _created(out.ClosingSerializer(record, context={"shares": shares}).data)


class ClosingView(CoopMixin, APIView):
    """The recorded result and shares; a participant sees the totals and their own share."""

    permission_classes = [Everyone]

    @extend_schema(responses=out.ClosingSerializer)
    def get(self, request: Request, pk: int) -> Response:
        coop = self.coop()
        record = get_object_or_404(Closing, cooperative=coop)
        shares = selectors.shares_of(coop)
        if not selectors.can_read_all(request.user):
            shares = shares.filter(membership__participant__user=request.user)
        return Response(out.ClosingSerializer(record, context={"shares": shares}).data)


class StatementView(CoopMixin, APIView):
    """A member's statement (PDF) in the member's language, or ``?lang=``."""

    permission_classes = [Everyone]

    @extend_schema(
        parameters=[OpenApiParameter("lang", str, enum=["fr", "en", "ar"], required=False)],
        responses={(200, "application/pdf"): OpenApiTypes.BINARY},
    )
    def get(self, request: Request, pk: int, member: int) -> HttpResponse:
        membership = selectors.get_member_for(request.user, self.coop(), member)
        data = reports.statement(membership)
        if data is None or not MemberShare.objects.filter(membership=membership).exists():
            raise DomainError(_("The cooperative is not closed yet."), code="not_closed")
        language = request.query_params.get("lang", "")
        if language not in {"fr", "en", "ar"}:
            language = membership.participant.preferred_language
        response = HttpResponse(pdf.render_statement(data, language=language), "application/pdf")
        response["Content-Disposition"] = f'inline; filename="statement-{membership.pk}.pdf"'
        response["Cache-Control"] = "private, no-store"
        return response
