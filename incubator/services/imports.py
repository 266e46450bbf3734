"""Importing participants from a CSV: a preview first, then all rows or none."""

import datetime

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from incubator import participant_csv
from incubator.errors import ConflictError, DomainError
from incubator.lib import csvfile
from incubator.models import AuditEntry, Participant, ParticipantImport, User
from incubator.services import audit_record
from incubator.services.people import CONSENT_TEXT_VERSION


def participant_import_preview(
    *, filename: str, data: bytes, actor: User
) -> tuple[ParticipantImport, participant_csv.Preview]:
    """Keep the uploaded file and check every row; nothing is imported yet."""
    text = csvfile.decode(data)
    preview = participant_csv.check(text)
    batch = ParticipantImport.objects.create(
        filename=filename[:255], content=text, row_count=len(preview.rows), created_by=actor
    )
    return batch, preview


def _consent_time(day: datetime.date | None) -> datetime.datetime | None:
    if day is None:
        return None
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(12, 0)))


@transaction.atomic
def participant_import_confirm(*, batch: ParticipantImport, actor: User) -> list[Participant]:
    """Import every row of a previewed file, in one transaction, or none.

    The rows are checked again (someone may have added one of these people since the preview);
    any error refuses the whole file. Claiming the batch (previewed → imported) is a
    conditional UPDATE, so a second click imports nothing more.
    """
    claimed = ParticipantImport.objects.filter(
        pk=batch.pk, status=ParticipantImport.Status.PREVIEWED
    ).update(status=ParticipantImport.Status.IMPORTED, imported_at=timezone.now())
    if not claimed:
        raise ConflictError(_("This file has already been imported."), code="already_imported")
    preview = participant_csv.check(batch.content)
    if not preview.ok:
        raise DomainError(
            _("The file has errors: correct them and upload it again. Nothing was imported."),
            code="import_errors",
        )
    people = []
    for row in preview.rows:
        data = row.data
        consent_at = _consent_time(data["consent_given_on"])
        people.append(
            Participant(
                first_name=data["first_name"],
                last_name=data["last_name"],
                email=data["email"],
                phone=data["phone"],
                address=data["address"],
                date_of_birth=data["date_of_birth"],
                gender=data["gender"],
                nationality=data["nationality"],
                languages=data["languages"],
                preferred_language=data["preferred_language"],
                french_level=data["french_level"],
                arrival_date=data["arrival_date"],
                residence_status=data["residence_status"],
                permit_expiry=data["permit_expiry"],
                household_size=data["household_size"],
                referring_partner=data["referring_partner"],
                consent_given_at=consent_at,
                consent_text_version=(data["consent_text_version"] or CONSENT_TEXT_VERSION)
                if consent_at
                else "",
            )
        )
    # bulk_create returns primary keys on PostgreSQL and SQLite ≥ 3.35 alike.
    Participant.objects.bulk_create(people)
    subject_type = ContentType.objects.get_for_model(Participant)
    AuditEntry.objects.bulk_create(
        AuditEntry(
            subject_type=subject_type,
            subject_id=person.pk,
            actor=actor,
            action="participant_imported",
            reason=batch.filename,
        )
        for person in people
    )
    audit_record(
        subject=batch, actor=actor, action="participants_imported", reason=str(len(people))
    )
    return people
