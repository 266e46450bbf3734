"""API of the people side. Reads start from the selectors (scoped to the caller); writes call
the same services as the pages; commands (accept, activate, complete, drop, record attendance,
record an outcome) are their own endpoints.

Who: staff everything; advisers read participants, programmes, cohorts and enrolments;
participants read their own record and enrolments; committee members nothing.
"""

import datetime
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django_filters import rest_framework as filters
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import generics, serializers, status
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from incubator import funder_report, selectors
from incubator.access import HasRole
from incubator.filters import ParticipantFilter
from incubator.lib import countries
from incubator.lib.periods import EARLIEST, LATEST
from incubator.models import (
    Attendance,
    Cohort,
    Enrolment,
    FollowUp,
    Interview,
    Participant,
    Programme,
    User,
    Workshop,
)
from incubator.services import enrolments as enrolment_services
from incubator.services import followups as followup_services
from incubator.services import people as people_services
from incubator.services import workshops as workshop_services
from incubator.services.people import record_save

Role = User.Role
StaffOnly = HasRole.of(Role.STAFF)
Readers = HasRole.of(Role.STAFF, Role.ADVISER)


class StaffWritesMixin:
    """Reads for whoever the selector lets see rows; writes for staff only."""

    def get_permissions(self) -> list[Any]:
        if self.request.method in ("GET", "HEAD", "OPTIONS"):  # type: ignore[attr-defined]
            return [IsAuthenticated()]
        return [IsAuthenticated(), StaffOnly()]


# --- Participants ---------------------------------------------------------------------------


class ParticipantSerializer(serializers.ModelSerializer):
    consent = serializers.BooleanField(
        write_only=True, required=False, help_text="Consent to data processing given now."
    )
    consent_text_version = serializers.CharField(max_length=20, required=False, allow_blank=True)
    languages = serializers.ListField(child=serializers.CharField(max_length=8), required=False)

    class Meta:
        model = Participant
        fields = [
            "id", "first_name", "last_name", "email", "phone", "address", "date_of_birth",
            "gender", "nationality", "languages", "preferred_language", "french_level",
            "arrival_date", "residence_status", "permit_expiry", "household_size",
            "referring_partner", "consent", "consent_given_at", "consent_text_version",
            "user", "created_at",
        ]  # fmt: skip
        read_only_fields = ["consent_given_at", "user", "created_at"]
        # The model's check constraint (at least the person themselves): a ModelSerializer does
        # not check constraints, so 0 reached the database (IntegrityError, a 500).
        extra_kwargs = {"household_size": {"min_value": 1}}

    def validate_nationality(self, value: str) -> str:
        code = value.upper()
        if code not in dict(countries.country_choices("en")):
            raise serializers.ValidationError(_("Unknown country “%(value)s”.") % {"value": value})
        return code

    def validate_date_of_birth(self, value: datetime.date) -> datetime.date:
        if not datetime.date(1900, 1, 1) <= value <= timezone.localdate():
            raise serializers.ValidationError(_("The date of birth is not plausible."))
        return value

    def save(self, **kwargs: Any) -> Participant:
        data = dict(self.validated_data)
        consent = data.pop("consent", None)
        version = data.pop("consent_text_version", "")
        person = self.instance or Participant()
        for name, value in data.items():
            setattr(person, name, value)
        if consent is None:  # not sent: keep what was recorded
            consent = person.consent_given_at is not None
            version = version or person.consent_text_version
        self.instance = people_services.participant_save(
            participant=person,
            actor=self.context["request"].user,
            consent=consent,
            consent_text_version=version,
        )
        return self.instance


@extend_schema_view(
    get=extend_schema(summary="Participants visible to you (staff, advisers: all; you: yours)"),
    post=extend_schema(summary="Create a participant (staff)"),
)
class ParticipantListView(StaffWritesMixin, generics.ListCreateAPIView):
    serializer_class = ParticipantSerializer
    filterset_class = ParticipantFilter

    def get_queryset(self) -> QuerySet[Participant]:
        return selectors.participants_visible_to(self.request.user)


@extend_schema_view(
    get=extend_schema(summary="One participant (404 when not yours)"),
    put=extend_schema(summary="Update a participant (staff)"),
    patch=extend_schema(summary="Update some facts of a participant (staff)"),
)
class ParticipantDetailView(StaffWritesMixin, generics.RetrieveUpdateAPIView):
    serializer_class = ParticipantSerializer

    def get_queryset(self) -> QuerySet[Participant]:
        return selectors.participants_visible_to(self.request.user)


# --- Programmes, cohorts --------------------------------------------------------------------


class ProgrammeSerializer(serializers.ModelSerializer):
    funders = serializers.SlugRelatedField(many=True, read_only=True, slug_field="name")

    class Meta:
        model = Programme
        fields = ["id", "name", "description", "funders", "start_date", "end_date"]


@extend_schema(summary="Programmes (staff, advisers)")
class ProgrammeListView(generics.ListAPIView):
    serializer_class = ProgrammeSerializer

    def get_queryset(self) -> QuerySet[Programme]:
        return selectors.programmes_visible_to(self.request.user)


@extend_schema(summary="One programme")
class ProgrammeDetailView(generics.RetrieveAPIView):
    serializer_class = ProgrammeSerializer

    def get_queryset(self) -> QuerySet[Programme]:
        return selectors.programmes_visible_to(self.request.user)


class CohortSerializer(serializers.ModelSerializer):
    seats_taken = serializers.IntegerField(read_only=True)
    lead_staff = serializers.StringRelatedField()

    class Meta:
        model = Cohort
        fields = [
            "id", "programme", "name", "start_date", "end_date", "capacity", "seats_taken",
            "lead_staff",
        ]  # fmt: skip


@extend_schema(summary="Cohorts (staff, advisers); filter by programme")
class CohortListView(generics.ListAPIView):
    serializer_class = CohortSerializer
    filterset_fields = ["programme"]

    def get_queryset(self) -> QuerySet[Cohort]:
        return selectors.cohorts_visible_to(self.request.user)


@extend_schema(summary="One cohort")
class CohortDetailView(generics.RetrieveAPIView):
    serializer_class = CohortSerializer

    def get_queryset(self) -> QuerySet[Cohort]:
        return selectors.cohorts_visible_to(self.request.user)


# --- Enrolments -----------------------------------------------------------------------------


class EnrolmentSerializer(serializers.ModelSerializer):
    participant_name = serializers.CharField(source="participant.__str__", read_only=True)
    cohort_name = serializers.CharField(source="cohort.name", read_only=True)

    class Meta:
        model = Enrolment
        fields = [
            "id", "participant", "participant_name", "cohort", "cohort_name", "state",
            "applied_on", "accepted_on", "started_on", "ended_on", "dropout_reason",
        ]  # fmt: skip
        read_only_fields = [
            "state", "accepted_on", "started_on", "ended_on", "dropout_reason",
        ]  # fmt: skip
        extra_kwargs = {"applied_on": {"required": False, "help_text": "Default: today."}}


class EnrolmentFilter(filters.FilterSet):
    class Meta:
        model = Enrolment
        fields = ["participant", "cohort", "state"]


@extend_schema_view(
    get=extend_schema(summary="Enrolments visible to you"),
    post=extend_schema(summary="Record an application to a cohort (staff)"),
)
class EnrolmentListView(StaffWritesMixin, generics.ListCreateAPIView):
    serializer_class = EnrolmentSerializer
    filterset_class = EnrolmentFilter

    def get_queryset(self) -> QuerySet[Enrolment]:
        return selectors.enrolments_visible_to(self.request.user)

    def perform_create(self, serializer: Any) -> None:
        data = serializer.validated_data
        person = selectors.get_participant_for(self.request.user, data["participant"].pk)
        serializer.instance = enrolment_services.enrolment_create(
            participant=person,
            cohort=data["cohort"],
            applied_on=data.get("applied_on"),
            actor=self.request.user,
        )


@extend_schema(summary="One enrolment")
class EnrolmentDetailView(generics.RetrieveAPIView):
    serializer_class = EnrolmentSerializer

    def get_queryset(self) -> QuerySet[Enrolment]:
        return selectors.enrolments_visible_to(self.request.user)


class EnrolmentCommand(APIView):
    """POST moves the enrolment to ``target``; refusals answer 400, a concurrent change 409."""

    permission_classes = [StaffOnly]
    target = ""

    class InputSerializer(serializers.Serializer):
        class Meta:
            ref_name = "EnrolmentMoveInput"

        on = serializers.DateField(required=False, help_text="Day it happened; default today.")
        reason = serializers.CharField(required=False, allow_blank=True, max_length=500)

    def post(self, request: Request, pk: int) -> Response:
        enrolment = selectors.get_for(selectors.enrolments_visible_to(request.user), pk)
        payload = self.InputSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = payload.validated_data
        if data.get("on") and data["on"] > timezone.localdate():
            raise serializers.ValidationError({"on": [_("This date is in the future.")]})
        enrolment_services.enrolment_transition(
            enrolment=enrolment,
            to=self.target,
            actor=request.user,
            reason=data.get("reason", ""),
            dropout_reason=data.get("dropout_reason", ""),
            on=data.get("on"),
        )
        return Response(EnrolmentSerializer(enrolment).data)


def _command(target: str, summary: str) -> type[EnrolmentCommand]:
    view = type(f"Enrolment{target.title()}View", (EnrolmentCommand,), {"target": target})
    return extend_schema(
        summary=summary, request=EnrolmentCommand.InputSerializer, responses=EnrolmentSerializer
    )(view)


EnrolmentAcceptView = _command("accepted", "Accept an application (within the cohort's capacity)")
EnrolmentActivateView = _command("active", "Start an accepted enrolment")
EnrolmentCompleteView = _command("completed", "Mark an active enrolment completed")


class EnrolmentDropView(EnrolmentCommand):
    target = "dropped"

    class InputSerializer(EnrolmentCommand.InputSerializer):
        class Meta:
            ref_name = "EnrolmentDropInput"

        dropout_reason = serializers.ChoiceField(choices=Enrolment.DropoutReason.choices)

    @extend_schema(
        summary="Record that a person left (a reason is required)",
        request=InputSerializer,
        responses=EnrolmentSerializer,
    )
    def post(self, request: Request, pk: int) -> Response:
        return super().post(request, pk)


# --- Workshops and attendance ---------------------------------------------------------------


class WorkshopSerializer(serializers.ModelSerializer):
    present_count = serializers.IntegerField(read_only=True)
    marked_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = Workshop
        fields = [
            "id", "programme", "cohort", "title", "starts_at", "ends_at", "place",
            "facilitator", "language", "needs_interpreter", "interpreter_language",
            "needs_childcare", "needs_transport", "notes", "cancelled_at", "present_count",
            "marked_count",
        ]  # fmt: skip
        read_only_fields = ["cancelled_at"]

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        cohort, programme = attrs.get("cohort"), attrs.get("programme")
        if cohort and programme and cohort.programme_id != programme.pk:
            raise serializers.ValidationError(
                {"cohort": [_("This cohort belongs to another programme.")]}
            )
        if attrs["ends_at"] <= attrs["starts_at"]:
            raise serializers.ValidationError(
                {"ends_at": [_("The workshop ends before it starts.")]}
            )
        return attrs


@extend_schema_view(
    get=extend_schema(summary="Workshops (staff)"),
    post=extend_schema(summary="Plan a workshop (staff)"),
)
class WorkshopListView(generics.ListCreateAPIView):
    serializer_class = WorkshopSerializer
    permission_classes = [StaffOnly]
    filterset_fields = ["programme", "cohort"]

    def get_queryset(self) -> QuerySet[Workshop]:
        return selectors.workshops_visible_to(self.request.user)

    def perform_create(self, serializer: Any) -> None:
        serializer.instance = record_save(
            instance=Workshop(**serializer.validated_data), actor=self.request.user
        )


@extend_schema(summary="One workshop (staff)")
class WorkshopDetailView(generics.RetrieveAPIView):
    serializer_class = WorkshopSerializer
    permission_classes = [StaffOnly]

    def get_queryset(self) -> QuerySet[Workshop]:
        return selectors.workshops_visible_to(self.request.user)


class AttendanceRowSerializer(serializers.Serializer):
    participant = serializers.IntegerField()
    name = serializers.CharField(read_only=True)
    status = serializers.ChoiceField(choices=Attendance.Status.choices, allow_blank=True)


class AttendanceView(APIView):
    """The workshop's roster with each person's mark; PUT records marks (idempotent)."""

    permission_classes = [StaffOnly]

    class InputSerializer(serializers.Serializer):
        class Meta:
            ref_name = "AttendanceInput"

        marks = AttendanceRowSerializer(many=True)

    def _roster(self, workshop: Workshop) -> list[dict[str, Any]]:
        marks = dict(
            Attendance.objects.filter(workshop=workshop).values_list("participant_id", "status")
        )
        return [
            {"participant": p.pk, "name": str(p), "status": marks.get(p.pk, "")}
            for p in selectors.workshop_roster(workshop)
        ]

    @extend_schema(summary="The roster and its marks", responses=AttendanceRowSerializer(many=True))
    def get(self, request: Request, pk: int) -> Response:
        workshop = selectors.get_for(selectors.workshops_visible_to(request.user), pk)
        return Response(AttendanceRowSerializer(self._roster(workshop), many=True).data)

    @extend_schema(
        summary="Record present / excused / absent (saving the same marks again changes nothing)",
        request=InputSerializer,
        responses=AttendanceRowSerializer(many=True),
    )
    def put(self, request: Request, pk: int) -> Response:
        workshop = selectors.get_for(selectors.workshops_visible_to(request.user), pk)
        payload = self.InputSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        marks = {row["participant"]: row["status"] for row in payload.validated_data["marks"]
                 if row["status"]}  # fmt: skip
        workshop_services.attendance_record(workshop=workshop, marks=marks, actor=request.user)
        return Response(AttendanceRowSerializer(self._roster(workshop), many=True).data)


# --- Interviews -----------------------------------------------------------------------------


class InterviewSerializer(serializers.ModelSerializer):
    class Meta:
        model = Interview
        fields = ["id", "participant", "held_on", "staff", "notes", "next_steps", "next_date"]

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if attrs["staff"].role != Role.STAFF:
            raise serializers.ValidationError({"staff": [_("Choose a staff member.")]})
        if attrs.get("next_date") and attrs["next_date"] < attrs["held_on"]:
            raise serializers.ValidationError(
                {"next_date": [_("The next meeting is before this one.")]}
            )
        return attrs


@extend_schema_view(
    get=extend_schema(summary="Individual interviews (staff); filter by participant"),
    post=extend_schema(summary="Record an interview (staff)"),
)
class InterviewListView(generics.ListCreateAPIView):
    serializer_class = InterviewSerializer
    permission_classes = [StaffOnly]
    filterset_fields = ["participant", "staff"]

    def get_queryset(self) -> QuerySet[Interview]:
        return selectors.interviews_visible_to(self.request.user)

    def perform_create(self, serializer: Any) -> None:
        serializer.instance = record_save(
            instance=Interview(**serializer.validated_data), actor=self.request.user
        )


# --- Follow-ups -----------------------------------------------------------------------------


class FollowUpSerializer(serializers.ModelSerializer):
    participant = serializers.IntegerField(source="enrolment.participant_id", read_only=True)
    participant_name = serializers.CharField(source="enrolment.participant.__str__", read_only=True)
    cohort_name = serializers.CharField(source="enrolment.cohort.name", read_only=True)

    class Meta:
        model = FollowUp
        fields = [
            "id", "enrolment", "participant", "participant_name", "cohort_name", "milestone",
            "due_on", "outcome", "contacted_on", "business_legal_form", "business_started_on",
            "business_sector", "notes", "recorded_at",
        ]  # fmt: skip
        read_only_fields = fields


@extend_schema(
    summary="Follow-ups without an outcome, most overdue first (staff)",
    parameters=[
        OpenApiParameter("until", datetime.date, description="Due on or before (default: any)")
    ],
)
class FollowUpDueView(generics.ListAPIView):
    serializer_class = FollowUpSerializer
    permission_classes = [StaffOnly]

    def get_queryset(self) -> QuerySet[FollowUp]:
        queryset = selectors.follow_ups_due(self.request.user)
        until = self.request.query_params.get("until")
        if until:
            try:
                queryset = queryset.filter(due_on__lte=datetime.date.fromisoformat(until))
            except ValueError:
                raise serializers.ValidationError(
                    {"until": [_("Enter a date as 2026-03-31.")]}
                ) from None
        return queryset


class FollowUpOutcomeView(APIView):
    permission_classes = [StaffOnly]

    class InputSerializer(serializers.Serializer):
        class Meta:
            ref_name = "FollowUpOutcomeInput"

        outcome = serializers.ChoiceField(choices=FollowUp.Outcome.choices)
        contacted_on = serializers.DateField(required=False)
        business_legal_form = serializers.ChoiceField(
            choices=FollowUp.LegalForm.choices, required=False
        )
        business_started_on = serializers.DateField(required=False)
        business_sector = serializers.ChoiceField(choices=FollowUp.Sector.choices, required=False)
        notes = serializers.CharField(required=False, allow_blank=True)

    @extend_schema(
        summary="Record what became of the person (a business needs form, date and sector)",
        request=InputSerializer,
        responses=FollowUpSerializer,
    )
    def post(self, request: Request, pk: int) -> Response:
        follow_up = selectors.get_for(selectors.follow_ups_visible_to(request.user), pk)
        payload = self.InputSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = payload.validated_data
        if data.get("contacted_on") and data["contacted_on"] > timezone.localdate():
            raise serializers.ValidationError({"contacted_on": [_("This date is in the future.")]})
        follow_up = followup_services.follow_up_record_outcome(
            follow_up=follow_up,
            actor=request.user,
            outcome=data["outcome"],
            contacted_on=data.get("contacted_on"),
            notes=data.get("notes", ""),
            business={k: data.get(k) for k in followup_services.OUTCOME_FIELDS},
        )
        follow_up = selectors.follow_ups_visible_to(request.user).get(pk=follow_up.pk)
        return Response(FollowUpSerializer(follow_up).data, status=status.HTTP_200_OK)


# --- Indicators -----------------------------------------------------------------------------


class IndicatorLineSerializer(serializers.Serializer):
    section = serializers.CharField()
    key = serializers.CharField()
    label = serializers.CharField()
    value = serializers.CharField(help_text="A count, an amount in EUR or a percent, as text.")
    kind = serializers.CharField(help_text="count, money or percent")


class IndicatorsView(APIView):
    permission_classes = [StaffOnly]

    class InputSerializer(serializers.Serializer):
        class Meta:
            ref_name = "IndicatorsQuery"

        programme = serializers.IntegerField()
        start = serializers.DateField(required=False)
        end = serializers.DateField(required=False)

    class OutputSerializer(serializers.Serializer):
        class Meta:
            ref_name = "Indicators"

        programme = serializers.IntegerField()
        start = serializers.DateField()
        end = serializers.DateField()
        lines = IndicatorLineSerializer(many=True)

    @extend_schema(
        summary="Funders' indicators for a programme and a period (default: its whole period)",
        parameters=[InputSerializer],
        responses=OutputSerializer,
    )
    def get(self, request: Request) -> Response:
        query = self.InputSerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        data = query.validated_data
        programme = selectors.get_for(
            selectors.programmes_visible_to(request.user), data["programme"]
        )
        start = data.get("start") or programme.start_date
        end = data.get("end") or programme.end_date
        if end < start:
            raise serializers.ValidationError(
                {"end": [_("The end date is before the start date.")]}
            )
        # Age bands count back up to a century from the start (year 1: a 500).
        for name, day in (("start", start), ("end", end)):
            if not EARLIEST <= day <= LATEST:
                raise serializers.ValidationError(
                    {name: [_("Enter a date between 2000 and 2100.")]}
                )
        report = funder_report.build(programme, start, end)
        lines = [
            {
                "section": str(line.section),
                "key": line.key,
                "label": str(line.label),
                "value": str(line.value),
                "kind": line.kind,
            }
            for line in report.lines()
        ]
        body = {"programme": programme.pk, "start": start, "end": end, "lines": lines}
        return Response(self.OutputSerializer(body).data)
