"""Workshops and their attendance."""

from collections import Counter
from collections.abc import Mapping

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from incubator.errors import ConflictError, DomainError
from incubator.models import Attendance, User, Workshop
from incubator.selectors import workshop_roster
from incubator.services import audit_record

Status = Attendance.Status


@transaction.atomic
def workshop_cancel(*, workshop: Workshop, actor: User, reason: str = "") -> Workshop:
    """Cancel a workshop that has no attendance recorded (a held one stays in the reports)."""
    if workshop.attendances.exists():
        raise DomainError(
            _("Attendance is already recorded for this workshop: it cannot be cancelled."),
            code="workshop_held",
        )
    now = timezone.now()
    claimed = Workshop.objects.filter(pk=workshop.pk, cancelled_at__isnull=True).update(
        cancelled_at=now
    )
    if not claimed:
        raise ConflictError(_("This workshop is already cancelled."), code="already_cancelled")
    workshop.cancelled_at = now
    audit_record(subject=workshop, actor=actor, action="workshop_cancelled", reason=reason)
    return workshop


@transaction.atomic
def attendance_record(
    *, workshop: Workshop, marks: Mapping[int, str], actor: User
) -> dict[str, int]:
    """Record present / excused / absent for participants of the workshop's roster.

    Idempotent: saving the same grid again changes nothing (not even who recorded it); a
    changed mark updates the one row per person (an upsert on the unique constraint, so two
    people saving the same grid at once cannot create two rows). Returns the marks counted.
    """
    workshop = Workshop.objects.select_for_update().get(pk=workshop.pk)
    if workshop.cancelled_at is not None:
        raise DomainError(
            _("This workshop was cancelled: attendance cannot be recorded."), code="cancelled"
        )
    wrong = {status for status in marks.values() if status not in Status.values}
    if wrong:
        raise DomainError(_("Choose present, excused or absent."), code="invalid_status")
    roster = set(workshop_roster(workshop).values_list("pk", flat=True))
    strangers = set(marks) - roster
    if strangers:
        raise DomainError(
            _("Only people enrolled in this workshop's cohort or programme can be marked."),
            code="not_on_roster",
        )
    started = workshop.starts_at <= timezone.now()
    if not started and any(status != Status.EXCUSED for status in marks.values()):
        raise DomainError(
            _("This workshop has not started yet: only excused absences can be recorded."),
            code="not_started",
        )
    existing = dict(
        Attendance.objects.filter(workshop=workshop).values_list("participant_id", "status")
    )
    changed = [
        Attendance(workshop=workshop, participant_id=pid, status=status, recorded_by=actor)
        for pid, status in marks.items()
        if existing.get(pid) != status
    ]
    if changed:
        Attendance.objects.bulk_create(
            changed,
            update_conflicts=True,
            unique_fields=["workshop", "participant"],
            update_fields=["status", "recorded_by", "recorded_at"],
        )
        existing.update({row.participant_id: row.status for row in changed})
        counts = Counter(existing.values())
        audit_record(
            subject=workshop,
            actor=actor,
            action="attendance_recorded",
            reason=" ".join(f"{s}={counts.get(s, 0)}" for s in Status.values),
        )
    counts = Counter(existing.values())
    return {status: counts.get(status, 0) for status in Status.values}
