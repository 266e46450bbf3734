"""Accounts, the audit trail and the e-mail outbox. People models join them in later issues."""

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    class Role(models.TextChoices):
        STAFF = "staff", _("Incubator staff")
        ADVISER = "adviser", _("Loan adviser")
        COMMITTEE = "committee", _("Credit committee member")
        PARTICIPANT = "participant", _("Participant")

    role = models.CharField(_("role"), max_length=20, choices=Role, default=Role.PARTICIPANT)
    language = models.CharField(
        _("language"), max_length=8, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    phone = models.CharField(_("phone"), max_length=32, blank=True)

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    @property
    def is_back_office(self) -> bool:
        """Staff, advisers and committee members use the back office; participants the portal."""
        return self.role != self.Role.PARTICIPANT


class AuditEntry(models.Model):
    """One state transition or decision: who moved what from where to where, and why.

    Written by the service in the same transaction as the change, so the trail and the state
    can never disagree. Never edited nor deleted (read-only in the admin).
    """

    subject_type = models.ForeignKey(ContentType, on_delete=models.PROTECT)
    subject_id = models.PositiveBigIntegerField()
    subject = GenericForeignKey("subject_type", "subject_id")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Empty for the system (a scheduled job)."),
    )
    action = models.CharField(_("action"), max_length=64)
    from_state = models.CharField(_("from"), max_length=32, blank=True)
    to_state = models.CharField(_("to"), max_length=32, blank=True)
    reason = models.TextField(_("reason"), blank=True)
    created_at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit trail")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["subject_type", "subject_id", "created_at"])]

    def __str__(self) -> str:
        return f"{self.action} {self.from_state}→{self.to_state}"


class OutboundEmail(models.Model):
    """The transactional outbox for e-mail: a row per message, keyed so it is sent at most once.

    The row is written in the caller's transaction; a task sends it after commit, and a beat
    job re-dispatches rows whose enqueue was lost. ``key`` is the business identity (e.g.
    ``reminder:loan-12:inst-3:before``): queueing the same key twice sends one message.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")

    key = models.CharField(max_length=200, unique=True)
    to = models.EmailField()
    subject = models.CharField(max_length=255)
    body = models.TextField()
    language = models.CharField(max_length=8, choices=settings.LANGUAGES)
    status = models.CharField(max_length=10, choices=Status, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("outgoing e-mail")
        verbose_name_plural = _("outgoing e-mails")
        indexes = [models.Index(fields=["status", "created_at"])]

    def __str__(self) -> str:
        return f"{self.key} → {self.to}"
