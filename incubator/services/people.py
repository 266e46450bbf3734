"""Writes of the people side's reference data: participants, partners, funders, programmes,
cohorts, and the participant's portal account.

Forms validate the input; these services save it in one transaction with an audit row that
names what changed (field names only: the trail must not copy residence data around).
"""

from collections.abc import Iterable
from typing import Any

from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from incubator.errors import DomainError
from incubator.models import OutboundEmail, Participant, User
from incubator.services import audit_record, user_send_invitation

# The version of the consent text staff read out or hand over (see the participant form).
CONSENT_TEXT_VERSION = "2026-01"

# What a participant may correct themselves in the portal; everything else is staff's.
SELF_SERVICE_FIELDS = ("email", "phone", "address", "preferred_language")


def _changed_fields(instance: models.Model) -> list[str]:
    """Names of the concrete fields whose value differs from the stored row (all when new)."""
    names = [f.attname for f in instance._meta.concrete_fields if not f.primary_key]
    if instance.pk is None:
        return names
    stored = type(instance)._default_manager.filter(pk=instance.pk).values(*names).first() or {}
    return [name for name in names if stored.get(name) != getattr(instance, name)]


@transaction.atomic
def record_save(
    *,
    instance: models.Model,
    actor: User,
    m2m: dict[str, Iterable[Any]] | None = None,
    action: str = "",
) -> models.Model:
    """Save a validated instance (partner, funder, programme, cohort, workshop...) and record it.

    ``m2m`` sets many-to-many relations after the save (e.g. a programme's funders).
    """
    created = instance.pk is None
    changed = _changed_fields(instance)
    instance.save()
    for name, values in (m2m or {}).items():
        getattr(instance, name).set(values)
    label = instance._meta.model_name
    if created or changed or m2m:
        audit_record(
            subject=instance,
            actor=actor,
            action=action or f"{label}_{'created' if created else 'updated'}",
            reason=", ".join(changed) if not created else "",
        )
    return instance


@transaction.atomic
def participant_save(
    *, participant: Participant, actor: User, consent: bool, consent_text_version: str = ""
) -> Participant:
    """Create or update a participant from the staff form, recording consent with its time.

    Ticking consent records now and the text version read; unticking it records a withdrawal
    (the date is cleared, the trail keeps when it was given and withdrawn).
    """
    version = consent_text_version or CONSENT_TEXT_VERSION
    given_before = participant.consent_given_at is not None
    if participant.pk is not None:
        stored = Participant.objects.filter(pk=participant.pk).values(
            "consent_given_at", "consent_text_version"
        )[0]
        participant.consent_given_at = stored["consent_given_at"]
        participant.consent_text_version = stored["consent_text_version"]
        given_before = stored["consent_given_at"] is not None
    consent_event = ""
    if consent and (not given_before or participant.consent_text_version != version):
        participant.consent_given_at = timezone.now()
        participant.consent_text_version = version
        consent_event = "consent_given"
    elif not consent and given_before:
        participant.consent_given_at = None
        consent_event = "consent_withdrawn"
    record_save(instance=participant, actor=actor)
    if consent_event:
        audit_record(
            subject=participant,
            actor=actor,
            action=consent_event,
            reason=participant.consent_text_version,
        )
    if participant.user_id is not None:
        _sync_account(participant)
    return participant


def _sync_account(participant: Participant) -> None:
    """The portal account follows the record: name, e-mail, language of e-mails and pages."""
    User.objects.filter(pk=participant.user_id).update(
        first_name=participant.first_name,
        last_name=participant.last_name,
        email=participant.email,
        language=participant.preferred_language,
    )


@transaction.atomic
def participant_update_contact(
    *, participant: Participant, actor: User, changes: dict[str, Any]
) -> Participant:
    """A participant corrects their own contact details and language in the portal."""
    unexpected = set(changes) - set(SELF_SERVICE_FIELDS)
    if unexpected:  # a programming error, not user input: the form only offers these fields
        raise ValueError(f"not self-service fields: {sorted(unexpected)}")
    for name, value in changes.items():
        setattr(participant, name, value)
    record_save(instance=participant, actor=actor, action="participant_updated_by_self")
    _sync_account(participant)
    return participant


def _free_username(participant: Participant) -> str:
    base = (participant.email.split("@")[0] or f"participant{participant.pk}").lower()[:140]
    taken = set(User.objects.filter(username__startswith=base).values_list("username", flat=True))
    if base not in taken:
        return base
    return next(f"{base}{n}" for n in range(2, len(taken) + 3) if f"{base}{n}" not in taken)


@transaction.atomic
def participant_signin_resume(*, participant: Participant, actor: User) -> int:
    """Let a participant sign in again at once after too many wrong passwords (they called
    the association): their failed attempts are cleared, from every address, and the audit
    trail says who did it. Returns how many addresses were paused."""
    from axes.utils import reset

    if actor.role != User.Role.STAFF:
        raise DomainError(_("Only the incubator staff can do this."), code="forbidden_role")
    if participant.user_id is None:
        raise DomainError(_("This person has no portal account yet."), code="no_account")
    cleared = reset(username=participant.user.username)
    audit_record(subject=participant, actor=actor, action="signin_resumed", reason=str(cleared))
    return cleared


@transaction.atomic
def participant_invite(*, participant: Participant, actor: User) -> OutboundEmail:
    """Open (or re-send) the participant's portal account: a set-password link by e-mail.

    The account is created on the first invitation, with the participant role and the
    person's language; later invitations send a fresh link to the current address.
    """
    participant = Participant.objects.select_for_update().get(pk=participant.pk)
    if not participant.email:
        raise DomainError(
            _("%(name)s has no e-mail address: add one before sending an invitation."),
            code="no_email",
            params={"name": participant},
        )
    if participant.user_id is None:
        user = User(
            username=_free_username(participant),
            first_name=participant.first_name,
            last_name=participant.last_name,
            email=participant.email,
            role=User.Role.PARTICIPANT,
            language=participant.preferred_language,
        )
        user.set_unusable_password()
        user.save()
        Participant.objects.filter(pk=participant.pk).update(user=user)
        participant.user = user
        audit_record(subject=participant, actor=actor, action="portal_account_created")
    else:
        _sync_account(participant)
        participant.user.refresh_from_db()
    if participant.user.role != User.Role.PARTICIPANT:
        raise DomainError(
            _("This account is not a participant's account."), code="not_a_participant"
        )
    return user_send_invitation(user=participant.user, actor=actor)
