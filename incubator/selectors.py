"""Reads of the people side, always scoped to the requesting user (the access chokepoints).

``get_<thing>_for(user, pk)`` answers 404 alike for "missing" and "not yours".
"""

from typing import Any

from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Count, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from incubator.models import (
    Attendance,
    Cohort,
    Enrolment,
    FollowUp,
    Funder,
    Interview,
    Participant,
    PartnerOrganisation,
    Programme,
    User,
    Workshop,
)

# Enrolment states that hold a seat in a cohort (capacity) and put a person on its rosters.
SEATED_STATES = ("accepted", "active", "completed")

# Who sees which participants: staff run the programmes, advisers need them for applications
# and loans, committee members see people only through the applications put before them.
_ALL_PARTICIPANTS = frozenset({User.Role.STAFF, User.Role.ADVISER})


def participants_visible_to(user: Any) -> QuerySet[Participant]:
    queryset = Participant.objects.select_related("referring_partner", "user")
    if not user.is_authenticated or not user.is_active:
        return queryset.none()
    if user.role in _ALL_PARTICIPANTS:
        return queryset
    if user.role == User.Role.PARTICIPANT:
        return queryset.filter(user=user)
    return queryset.none()


def signin_paused(user: User | None) -> bool:
    """Whether ``user``'s sign-in is paused after too many wrong passwords from some address
    (django-axes' failures within the cool-off; one query)."""
    if user is None:
        return False
    return AccessAttempt.objects.filter(
        username=user.username,
        failures_since_start__gte=settings.AXES_FAILURE_LIMIT,
        attempt_time__gte=timezone.now() - settings.AXES_COOLOFF_TIME,
    ).exists()


def get_participant_for(user: Any, pk: Any, *, for_update: bool = False) -> Participant:
    queryset = participants_visible_to(user)
    if for_update:
        queryset = queryset.select_for_update(of=("self",))
    return get_object_or_404(queryset, pk=pk)


def participant_of(user: Any) -> Participant | None:
    """The participant record behind a portal account, or None."""
    if not user.is_authenticated or user.role != User.Role.PARTICIPANT:
        return None
    return Participant.objects.filter(user=user).first()


# --- The people side's other records ----------------------------------------------------------
# Staff run all of it. Advisers read participants, their enrolments, programmes and cohorts
# (they need them for loans) but not interview notes, attendance nor follow-ups. Committee
# members see none of it. Participants see their own enrolments and workshops in the portal.

_STAFF = frozenset({User.Role.STAFF})


def _role_scoped(queryset: QuerySet[Any], user: Any, roles: frozenset[str]) -> QuerySet[Any]:
    if user.is_authenticated and user.is_active and user.role in roles:
        return queryset
    return queryset.none()


def partners_visible_to(user: Any) -> QuerySet[PartnerOrganisation]:
    return _role_scoped(PartnerOrganisation.objects.order_by("name"), user, _ALL_PARTICIPANTS)


def funders_visible_to(user: Any) -> QuerySet[Funder]:
    return _role_scoped(Funder.objects.order_by("name"), user, _ALL_PARTICIPANTS)


def programmes_visible_to(user: Any) -> QuerySet[Programme]:
    queryset = Programme.objects.prefetch_related("funders").order_by("-start_date", "name")
    return _role_scoped(queryset, user, _ALL_PARTICIPANTS)


def cohorts_visible_to(user: Any) -> QuerySet[Cohort]:
    queryset = (
        Cohort.objects.select_related("programme", "lead_staff")
        .annotate(seats_taken=Count("enrolments", filter=Q(enrolments__state__in=SEATED_STATES)))
        .order_by("-start_date", "name")
    )
    return _role_scoped(queryset, user, _ALL_PARTICIPANTS)


def enrolments_visible_to(user: Any) -> QuerySet[Enrolment]:
    queryset = Enrolment.objects.select_related(
        "participant", "cohort", "cohort__programme"
    ).order_by("-applied_on", "-pk")
    if user.is_authenticated and user.is_active and user.role == User.Role.PARTICIPANT:
        return queryset.filter(participant__user=user)
    return _role_scoped(queryset, user, _ALL_PARTICIPANTS)


def workshops_visible_to(user: Any) -> QuerySet[Workshop]:
    queryset = (
        Workshop.objects.select_related("programme", "cohort")
        .annotate(
            present_count=Count("attendances", filter=Q(attendances__status="present")),
            marked_count=Count("attendances"),
        )
        .order_by("-starts_at", "pk")
    )
    return _role_scoped(queryset, user, _STAFF)


def interviews_visible_to(user: Any) -> QuerySet[Interview]:
    queryset = Interview.objects.select_related("participant", "staff")
    return _role_scoped(queryset, user, _STAFF)


def follow_ups_visible_to(user: Any) -> QuerySet[FollowUp]:
    queryset = FollowUp.objects.select_related(
        "enrolment__participant", "enrolment__cohort__programme", "recorded_by"
    )
    return _role_scoped(queryset, user, _STAFF)


def follow_ups_due(user: Any) -> QuerySet[FollowUp]:
    """Follow-ups without an outcome yet, the most overdue first."""
    return follow_ups_visible_to(user).filter(outcome="").order_by("due_on", "pk")


def get_for(queryset: QuerySet[Any], pk: Any, *, for_update: bool = False) -> Any:
    """The one row of a scoped queryset, or 404 alike for missing and not yours."""
    if for_update:
        queryset = queryset.select_for_update(of=("self",))
    return get_object_or_404(queryset, pk=pk)


def workshop_roster(workshop: Workshop) -> QuerySet[Participant]:
    """Who is expected at a workshop: people accepted, active or finished in its cohort (or in
    any cohort of its programme when it is open to the programme), people who left after the
    workshop's day (their attendance can still be recorded), and anyone already marked."""
    day = timezone.localtime(workshop.starts_at).date()
    enrolled = Enrolment.objects.filter(
        Q(state__in=SEATED_STATES) | Q(state=Enrolment.State.DROPPED, ended_on__gte=day)
    )
    if workshop.cohort_id is not None:
        enrolled = enrolled.filter(cohort_id=workshop.cohort_id)
    else:
        enrolled = enrolled.filter(cohort__programme_id=workshop.programme_id)
    return Participant.objects.filter(
        Q(pk__in=enrolled.values("participant_id"))
        | Q(pk__in=Attendance.objects.filter(workshop=workshop).values("participant_id"))
    ).order_by("last_name", "first_name", "pk")


def workshops_of(participant: Participant) -> QuerySet[Workshop]:
    """The workshops a participant is expected at or was marked at (not cancelled ones)."""
    enrolments = Enrolment.objects.filter(participant=participant, state__in=SEATED_STATES)
    return (
        Workshop.objects.filter(
            Q(cohort_id__in=enrolments.values("cohort_id"))
            | Q(cohort__isnull=True, programme_id__in=enrolments.values("cohort__programme_id"))
            | Q(attendances__participant=participant)
        )
        .filter(cancelled_at__isnull=True)
        .select_related("programme", "cohort")
        .distinct()
    )
