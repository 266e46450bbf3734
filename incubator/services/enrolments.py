"""Enrolments: a participant applies to a cohort and moves along incubator.workflows.ENROLMENT.

applied → accepted → active → completed | dropped. Each move goes through
incubator.services.transition (table check, conditional UPDATE, audit row with who, when and
why). Accepting respects the cohort's capacity; dropping out needs a reason.
"""

import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from incubator.errors import DomainError
from incubator.models import Cohort, Enrolment, Participant, User
from incubator.selectors import SEATED_STATES
from incubator.services import audit_record, check_transition, transition
from incubator.workflows import ENROLMENT

S = Enrolment.State


@transaction.atomic
def enrolment_create(
    *,
    participant: Participant,
    cohort: Cohort,
    actor: User,
    applied_on: datetime.date | None = None,
) -> Enrolment:
    """A participant applies to a cohort (once per cohort)."""
    if Enrolment.objects.filter(participant=participant, cohort=cohort).exists():
        raise DomainError(
            _("%(name)s is already enrolled in %(cohort)s."),
            code="already_enrolled",
            params={"name": participant, "cohort": cohort},
        )
    try:
        with transaction.atomic():
            enrolment = Enrolment.objects.create(
                participant=participant,
                cohort=cohort,
                applied_on=applied_on or timezone.localdate(),
            )
    except IntegrityError:  # the same application sent twice at once
        raise DomainError(
            _("%(name)s is already enrolled in %(cohort)s."),
            code="already_enrolled",
            params={"name": participant, "cohort": cohort},
        ) from None
    audit_record(subject=enrolment, actor=actor, action="enrolment_created", to_state=S.APPLIED)
    return enrolment


def seats_taken(cohort: Cohort) -> int:
    """Seats count people accepted, following or who finished; dropping out frees a seat."""
    return Enrolment.objects.filter(cohort=cohort, state__in=SEATED_STATES).count()


@transaction.atomic
def enrolment_transition(
    *,
    enrolment: Enrolment,
    to: str,
    actor: User | None,
    reason: str = "",
    dropout_reason: str = "",
    on: datetime.date | None = None,
) -> Enrolment:
    """Move an enrolment, or refuse with a clear message and change nothing.

    ``on`` is the day it happened (default today): the acceptance, start or end date that the
    indicators and the follow-ups count from.
    """
    check_transition(instance=enrolment, workflow=ENROLMENT, to=to, actor=actor)
    day = on or timezone.localdate()
    updates: dict[str, object] = {}
    if to == S.ACCEPTED:
        # Two acceptances racing for the last seat: the cohort row is locked on PostgreSQL,
        # and SQLite's IMMEDIATE transactions already serialise writers.
        cohort = Cohort.objects.select_for_update().get(pk=enrolment.cohort_id)
        if enrolment.state == S.APPLIED and seats_taken(cohort) >= cohort.capacity:
            raise DomainError(
                ngettext(
                    "%(cohort)s is full (%(capacity)s place): no one else can be accepted.",
                    "%(cohort)s is full (%(capacity)s places): no one else can be accepted.",
                    cohort.capacity,
                ),
                code="cohort_full",
                params={"cohort": cohort, "capacity": cohort.capacity},
            )
        updates["accepted_on"] = day
    elif to == S.ACTIVE:
        updates["started_on"] = day
    elif to == S.COMPLETED:
        updates["ended_on"] = day
    elif to == S.DROPPED:
        if dropout_reason not in Enrolment.DropoutReason.values:
            raise DomainError(
                _("Say why this person is leaving: choose a reason."), code="reason_required"
            )
        updates.update(ended_on=day, dropout_reason=dropout_reason)
        # The trail says why: the note typed by staff, else the reason's code (shown translated).
        reason = reason or dropout_reason
    transition(
        instance=enrolment,
        workflow=ENROLMENT,
        to=to,
        actor=actor,
        reason=reason,
        action=f"enrolment:{to}",
        updates=updates,
    )
    return enrolment
