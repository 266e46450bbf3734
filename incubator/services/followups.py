"""Follow-ups 3, 6 and 12 months after an enrolment ends, and the outcomes recorded at them."""

import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from incubator.errors import DomainError
from incubator.lib.periods import add_months
from incubator.models import Enrolment, FollowUp, User
from incubator.services import audit_record

# Follow-ups appear this many days before they fall due, so staff can book the call.
NOTICE_DAYS = 14
ENDED = (Enrolment.State.COMPLETED, Enrolment.State.DROPPED)
BATCH = 500


def follow_ups_create_due(*, today: datetime.date | None = None) -> int:
    """Create the follow-ups falling due within NOTICE_DAYS; return how many were created.

    Run by a beat job. Idempotent: rows already there are skipped, and the unique constraint
    (enrolment, milestone) turns a concurrent run's duplicate into a no-op (ignore_conflicts).
    Queries are bounded per batch: candidates are the ended enrolments missing a milestone.
    """
    horizon = (today or timezone.localdate()) + datetime.timedelta(days=NOTICE_DAYS)
    created = 0
    for milestone in FollowUp.Milestone.values:
        # An enrolment ended on `ended` is due on add_months(ended, m) <= horizon. The prefilter
        # allows three days for month-end clamping; the exact check is done in Python below.
        latest_end = add_months(horizon, -milestone) + datetime.timedelta(days=3)
        candidates = (
            Enrolment.objects.filter(
                state__in=ENDED, ended_on__isnull=False, ended_on__lte=latest_end
            )
            .exclude(follow_ups__milestone=milestone)
            .values_list("pk", "ended_on")
            .order_by("pk")
        )
        last_pk = 0
        while True:
            batch = list(candidates.filter(pk__gt=last_pk)[:BATCH])
            if not batch:
                break
            last_pk = batch[-1][0]
            rows = [
                FollowUp(enrolment_id=pk, milestone=milestone, due_on=add_months(ended, milestone))
                for pk, ended in batch
                if add_months(ended, milestone) <= horizon
            ]
            with transaction.atomic():
                FollowUp.objects.bulk_create(rows, ignore_conflicts=True)
            created += len(rows)
    return created


OUTCOME_FIELDS = ("business_legal_form", "business_started_on", "business_sector")


@transaction.atomic
def follow_up_record_outcome(
    *,
    follow_up: FollowUp,
    actor: User,
    outcome: str,
    contacted_on: datetime.date | None = None,
    notes: str = "",
    business: dict[str, Any] | None = None,
) -> FollowUp:
    """Record (or correct) what became of the person; a business needs its form, date, sector.

    A correction keeps the trail: the audit row says from which outcome to which.
    """
    if outcome not in FollowUp.Outcome.values:
        raise DomainError(_("Choose what became of this person."), code="invalid_outcome")
    business = business or {}
    if outcome == FollowUp.Outcome.BUSINESS_CREATED:
        missing = [name for name in OUTCOME_FIELDS if not business.get(name)]
        if missing:
            raise DomainError(
                _("A business needs its legal form, creation date and sector."),
                code="business_incomplete",
            )
        values = {name: business[name] for name in OUTCOME_FIELDS}
    else:
        values = {"business_legal_form": "", "business_started_on": None, "business_sector": ""}
    follow_up = FollowUp.objects.select_for_update().get(pk=follow_up.pk)
    previous = follow_up.outcome
    values.update(
        outcome=outcome,
        contacted_on=contacted_on or timezone.localdate(),
        notes=notes,
        recorded_by=actor,
        recorded_at=timezone.now(),
    )
    FollowUp.objects.filter(pk=follow_up.pk).update(**values)
    for name, value in values.items():
        setattr(follow_up, name, value)
    audit_record(
        subject=follow_up,
        actor=actor,
        action="follow_up_outcome",
        from_state=previous,
        to_state=outcome,
        reason=notes,
    )
    return follow_up
