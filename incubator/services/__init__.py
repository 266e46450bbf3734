"""Writes of the foundation: the audit trail, state transitions, e-mail, accounts.

The people side's writes live in submodules: ``people`` (participants, partners, programmes,
cohorts), ``enrolments``, ``workshops`` (and attendance), ``interviews``, ``followups`` and
``imports`` (CSV of participants).

Every service takes keyword-only arguments, runs in one transaction and writes its own audit
row; tasks are enqueued with delay_on_commit so a worker never reads uncommitted rows.
"""

import uuid
from typing import Any

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.db import models, transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from incubator.errors import ConflictError, DomainError
from incubator.lib.workflow import Workflow
from incubator.models import AuditEntry, OutboundEmail, User

SYSTEM_ROLE = "system"  # the role of scheduled jobs, which act without a user


def audit_record(
    *,
    subject: models.Model,
    actor: User | None,
    action: str,
    from_state: str = "",
    to_state: str = "",
    reason: str = "",
) -> AuditEntry:
    """Append one entry to the audit trail of ``subject``."""
    return AuditEntry.objects.create(
        subject=subject,
        actor=actor,
        action=action,
        from_state=from_state,
        to_state=to_state,
        reason=reason,
    )


def roles_of(actor: User | None) -> set[str]:
    return {actor.role} if actor is not None else {SYSTEM_ROLE}


def state_label(instance: models.Model, value: str, field: str = "state") -> str:
    choices = dict(instance._meta.get_field(field).flatchoices)
    return str(choices.get(value, value))


def check_transition(
    *, instance: models.Model, workflow: Workflow, to: str, actor: User | None, field: str = "state"
) -> None:
    """Raise a translated DomainError when ``actor`` may not move ``instance`` to ``to``."""
    current = getattr(instance, field)
    refusal = workflow.refusal(current, to, roles_of(actor))
    if refusal is None:
        return
    if refusal.code == "state":
        raise DomainError(
            _("This cannot go from “%(from)s” to “%(to)s”."),
            code="invalid_transition",
            params={
                "from": state_label(instance, current, field),
                "to": state_label(instance, to, field),
            },
        )
    raise DomainError(_("Your role does not allow this action."), code="forbidden_role")


@transaction.atomic
def transition(
    *,
    instance: models.Model,
    workflow: Workflow,
    to: str,
    actor: User | None,
    reason: str = "",
    action: str = "",
    field: str = "state",
    updates: dict[str, Any] | None = None,
) -> None:
    """Move ``instance`` to state ``to`` and record it, or refuse with a clear message.

    The move is claimed with ``UPDATE ... WHERE state = <the state we read>``: of two requests
    racing from the same state exactly one updates a row, on PostgreSQL and on SQLite alike
    (where SELECT FOR UPDATE is a no-op). The loser gets a ConflictError and nothing changes.
    ``updates`` are other fields written in the same UPDATE (e.g. ``decided_by``).
    """
    check_transition(instance=instance, workflow=workflow, to=to, actor=actor, field=field)
    current = getattr(instance, field)
    values = {field: to, **(updates or {})}
    claimed = (
        type(instance)._default_manager.filter(pk=instance.pk, **{field: current}).update(**values)
    )
    if claimed != 1:
        raise ConflictError(
            _("Someone else changed this in the meantime. Reload the page and try again."),
            code="concurrent_change",
        )
    for name, value in values.items():
        setattr(instance, name, value)
    audit_record(
        subject=instance,
        actor=actor,
        action=action or f"{field}:{to}",
        from_state=current,
        to_state=to,
        reason=reason,
    )


# --- E-mail ---------------------------------------------------------------------------------


def email_queue(*, key: str, to: str, subject: str, body: str, language: str) -> OutboundEmail:
    """Queue one e-mail under a business ``key``; the same key is only ever sent once."""
    from incubator import tasks  # tasks import services: import here to keep one direction

    email, created = OutboundEmail.objects.get_or_create(
        key=key, defaults={"to": to, "subject": subject, "body": body, "language": language}
    )
    if created:
        tasks.email_send.delay_on_commit(email.pk)
    return email


def email_queue_template(
    *, key: str, to: str, language: str, template: str, context: dict[str, Any]
) -> OutboundEmail:
    """Render ``<template>_subject.txt`` and ``_body.txt`` in ``language``, then queue them."""
    with translation.override(language):
        subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
        body = render_to_string(f"{template}_body.txt", context)
    return email_queue(key=key, to=to, subject=subject, body=body, language=language)


def email_send(*, email_id: int) -> bool:
    """Send one queued e-mail at most once. Return whether this call sent it.

    The claim PENDING → SENDING is a conditional UPDATE: a retried or duplicated task finds
    nothing to claim and returns. A failure to reach the mail server puts the row back to
    PENDING for a retry; a crash after sending leaves it SENDING, never sent twice.
    """
    claimed = OutboundEmail.objects.filter(pk=email_id, status=OutboundEmail.Status.PENDING).update(
        status=OutboundEmail.Status.SENDING, attempts=F("attempts") + 1
    )
    if not claimed:
        return False
    email = OutboundEmail.objects.get(pk=email_id)
    try:
        send_mail(email.subject, email.body, settings.DEFAULT_FROM_EMAIL, [email.to])
    except Exception as exc:
        OutboundEmail.objects.filter(pk=email_id).update(
            status=OutboundEmail.Status.PENDING, error=str(exc)[:2000]
        )
        raise
    OutboundEmail.objects.filter(pk=email_id).update(
        status=OutboundEmail.Status.SENT, sent_at=timezone.now(), error=""
    )
    return True


# --- Accounts -------------------------------------------------------------------------------


def user_set_language(*, user: User, language: str) -> None:
    if language not in dict(settings.LANGUAGES):
        raise DomainError(_("This language is not available."), code="invalid_language")
    User.objects.filter(pk=user.pk).update(language=language)
    user.language = language


def password_link(*, user: User) -> str:
    """An absolute link where ``user`` chooses a new password (valid PASSWORD_RESET_TIMEOUT)."""
    path = reverse(
        "password_reset_confirm",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )
    return settings.SITE_URL.rstrip("/") + path


@transaction.atomic
def user_send_invitation(*, user: User, actor: User) -> OutboundEmail:
    """E-mail ``user`` a link to set their password, in their language, and record who sent it."""
    if not user.email:
        raise DomainError(
            _("%(name)s has no e-mail address: add one before sending an invitation."),
            code="no_email",
            params={"name": user},
        )
    email = email_queue_template(
        key=f"invitation:{user.pk}:{uuid.uuid4().hex}",
        to=user.email,
        language=user.language,
        template="emails/invitation",
        context={
            "user": user,
            "link": password_link(user=user),
            "organisation": settings.TREMPLIN_ORGANISATION_NAME,
        },
    )
    audit_record(subject=user, actor=actor, action="invitation_sent", reason=user.email)
    return email
