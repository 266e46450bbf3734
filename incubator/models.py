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


# --- The people side ------------------------------------------------------------------------


class PartnerOrganisation(models.Model):
    """Who referred a person to us: an asylum-seekers' centre, an association, a public service."""

    class Kind(models.TextChoices):
        ASYLUM_CENTRE = "asylum_centre", _("Asylum seekers' centre")
        ASSOCIATION = "association", _("Association")
        PUBLIC_SERVICE = "public_service", _("Public service")
        EMPLOYMENT_SERVICE = "employment_service", _("Employment service")
        OTHER = "other", _("Other")

    name = models.CharField(_("name"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=32, choices=Kind, default=Kind.ASSOCIATION)
    contact_name = models.CharField(_("contact person"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=32, blank=True)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("partner organisation")
        verbose_name_plural = _("partner organisations")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Funder(models.Model):
    """Who pays for a programme and expects indicators: the EU (AMIF), a city, a foundation."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    acknowledgement = models.CharField(
        _("mention on documents"),
        max_length=200,
        blank=True,
        help_text=_(
            "Printed on sign-in sheets and reports as the funder requires, "
            "e.g. “Cofinancé par l’Union européenne”."
        ),
    )
    eu_emblem = models.BooleanField(
        _("EU emblem"),
        default=False,
        help_text=_("Print the European flag beside the mention (EU funds such as AMIF)."),
    )

    class Meta:
        verbose_name = _("funder")
        verbose_name_plural = _("funders")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Programme(models.Model):
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    funders = models.ManyToManyField(Funder, blank=True, related_name="programmes")
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))

    class Meta:
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
        ordering = ["-start_date", "name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__gte=models.F("start_date")),
                name="programme_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return self.name


class Cohort(models.Model):
    programme = models.ForeignKey(Programme, on_delete=models.PROTECT, related_name="cohorts")
    name = models.CharField(_("name"), max_length=200)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    capacity = models.PositiveSmallIntegerField(_("capacity"))
    lead_staff = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="led_cohorts",
        verbose_name=_("lead staff member"),
        limit_choices_to={"role": User.Role.STAFF},
    )

    class Meta:
        verbose_name = _("cohort")
        verbose_name_plural = _("cohorts")
        ordering = ["-start_date", "name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__gte=models.F("start_date")),
                name="cohort_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return self.name


class Participant(models.Model):
    """A person we accompany. Holds sensitive data (residence status, household): every read
    goes through ``incubator.selectors`` and is scoped to the requesting user."""

    class Gender(models.TextChoices):
        FEMALE = "female", _("Woman")
        MALE = "male", _("Man")
        OTHER = "other", _("Other")
        UNDISCLOSED = "undisclosed", _("Prefers not to say")

    class FrenchLevel(models.TextChoices):
        A0 = "A0", _("A0 – no French yet")
        A1 = "A1", _("A1 – beginner")
        A2 = "A2", _("A2 – elementary")
        B1 = "B1", _("B1 – intermediate")
        B2 = "B2", _("B2 – upper intermediate")
        C1 = "C1", _("C1 – advanced")
        C2 = "C2", _("C2 – proficient")

    class ResidenceStatus(models.TextChoices):
        ASYLUM_SEEKER = "asylum_seeker", _("Asylum seeker")
        REFUGEE = "refugee", _("Refugee")
        SUBSIDIARY_PROTECTION = "subsidiary_protection", _("Subsidiary protection")
        FAMILY_REUNIFICATION = "family_reunification", _("Family reunification")
        OTHER_PERMIT = "other_permit", _("Other residence permit")

    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=32, blank=True)
    address = models.TextField(_("address"), blank=True)
    date_of_birth = models.DateField(_("date of birth"))
    gender = models.CharField(_("gender"), max_length=16, choices=Gender)
    nationality = models.CharField(
        _("nationality"), max_length=2, help_text=_("ISO country code, e.g. SY, AF, ER.")
    )
    languages = models.JSONField(
        _("languages spoken"), default=list, blank=True, help_text=_("ISO language codes.")
    )
    preferred_language = models.CharField(
        _("preferred language"),
        max_length=8,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
        help_text=_("Language of the portal, e-mails and PDFs."),
    )
    french_level = models.CharField(_("French level"), max_length=2, choices=FrenchLevel)
    arrival_date = models.DateField(_("arrival in France"), null=True, blank=True)
    residence_status = models.CharField(
        _("residence status"), max_length=32, choices=ResidenceStatus
    )
    permit_expiry = models.DateField(_("permit expiry"), null=True, blank=True)
    household_size = models.PositiveSmallIntegerField(
        _("household size"),
        default=1,
        help_text=_("People living in the household, this person included."),
    )
    referring_partner = models.ForeignKey(
        PartnerOrganisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="referred_participants",
        verbose_name=_("referred by"),
    )
    consent_given_at = models.DateTimeField(
        _("consent to data processing given on"), null=True, blank=True
    )
    consent_text_version = models.CharField(_("consent text version"), max_length=20, blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="participant",
        verbose_name=_("portal account"),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        ordering = ["last_name", "first_name"]
        indexes = [models.Index(fields=["last_name", "first_name"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(household_size__gte=1), name="household_at_least_one"
            )
        ]

    def __str__(self) -> str:
        return f"{self.first_name} {self.last_name}"


class Enrolment(models.Model):
    """A participant in a cohort. States and moves: ``incubator.workflows.ENROLMENT``."""

    class State(models.TextChoices):
        APPLIED = "applied", _("Applied")
        ACCEPTED = "accepted", _("Accepted")
        ACTIVE = "active", _("Active")
        COMPLETED = "completed", _("Completed")
        DROPPED = "dropped", _("Dropped out")

    class DropoutReason(models.TextChoices):
        EMPLOYMENT = "employment", _("Found a job")
        MOVED = "moved", _("Moved away")
        HEALTH = "health", _("Health")
        FAMILY = "family", _("Family reasons")
        ADMINISTRATIVE = "administrative", _("Administrative situation")
        NOT_SUITED = "not_suited", _("Programme not suited")
        NO_CONTACT = "no_contact", _("Lost contact")
        OTHER = "other", _("Other")

    participant = models.ForeignKey(
        Participant, on_delete=models.PROTECT, related_name="enrolments"
    )
    cohort = models.ForeignKey(Cohort, on_delete=models.PROTECT, related_name="enrolments")
    state = models.CharField(_("state"), max_length=16, choices=State, default=State.APPLIED)
    applied_on = models.DateField(_("applied on"))
    ended_on = models.DateField(
        _("ended on"), null=True, blank=True, help_text=_("Completed or left.")
    )
    dropout_reason = models.CharField(
        _("reason for leaving"), max_length=32, choices=DropoutReason, blank=True
    )
    # Set by the transitions (incubator.services.enrolments): the indicators count a person as
    # supported from the day the enrolment became active.
    accepted_on = models.DateField(_("accepted on"), null=True, blank=True)
    started_on = models.DateField(_("started on"), null=True, blank=True)

    class Meta:
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        ordering = ["-applied_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["participant", "cohort"], name="one_enrolment_per_cohort"
            ),
            models.CheckConstraint(
                condition=~models.Q(state="dropped") | ~models.Q(dropout_reason=""),
                name="dropout_has_a_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.participant} – {self.cohort}"


class Workshop(models.Model):
    """A collective session of a programme (or of one of its cohorts), with its attendance."""

    programme = models.ForeignKey(
        Programme, on_delete=models.PROTECT, related_name="workshops", verbose_name=_("programme")
    )
    cohort = models.ForeignKey(
        Cohort,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="workshops",
        verbose_name=_("cohort"),
        help_text=_("Leave empty when the workshop is open to the whole programme."),
    )
    title = models.CharField(_("title"), max_length=200)
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    place = models.CharField(_("place"), max_length=200)
    facilitator = models.CharField(_("facilitator"), max_length=200, blank=True)
    language = models.CharField(
        _("language"), max_length=8, default="fr", help_text=_("ISO language code.")
    )
    needs_interpreter = models.BooleanField(_("interpreter needed"), default=False)
    interpreter_language = models.CharField(_("interpreting into"), max_length=8, blank=True)
    needs_childcare = models.BooleanField(_("childcare needed"), default=False)
    needs_transport = models.BooleanField(_("transport help needed"), default=False)
    notes = models.TextField(_("notes"), blank=True)
    cancelled_at = models.DateTimeField(_("cancelled on"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("workshop")
        verbose_name_plural = _("workshops")
        ordering = ["-starts_at"]
        indexes = [models.Index(fields=["programme", "starts_at"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gte=models.F("starts_at")),
                name="workshop_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return self.title


class Attendance(models.Model):
    """One participant at one workshop. Re-recording updates the row: never two per person."""

    class Status(models.TextChoices):
        # One person's mark, in words of its own: the bare "Present" heads columns of counts
        # elsewhere (« Présents »), which would read wrong on one person's badge.
        PRESENT = "present", _("Attended")
        EXCUSED = "excused", _("Excused absence")
        ABSENT = "absent", _("Did not come")

    workshop = models.ForeignKey(Workshop, on_delete=models.PROTECT, related_name="attendances")
    participant = models.ForeignKey(
        Participant, on_delete=models.PROTECT, related_name="attendances"
    )
    status = models.CharField(_("attendance"), max_length=10, choices=Status)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [
            models.UniqueConstraint(
                fields=["workshop", "participant"], name="one_attendance_per_workshop"
            )
        ]

    def __str__(self) -> str:
        return f"{self.participant} @ {self.workshop}: {self.status}"


class Interview(models.Model):
    """An individual meeting between a staff member and a participant."""

    participant = models.ForeignKey(
        Participant, on_delete=models.PROTECT, related_name="interviews"
    )
    held_on = models.DateField(_("date"))
    staff = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("staff member"),
        limit_choices_to={"role": User.Role.STAFF},
    )
    notes = models.TextField(_("notes"), blank=True)
    next_steps = models.TextField(_("next steps"), blank=True)
    next_date = models.DateField(_("next meeting"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("interview")
        verbose_name_plural = _("interviews")
        ordering = ["-held_on", "-pk"]
        indexes = [models.Index(fields=["participant", "held_on"])]

    def __str__(self) -> str:
        return f"{self.participant} – {self.held_on}"


class FollowUp(models.Model):
    """What became of a person 3, 6 or 12 months after their enrolment ended.

    Created by a beat job (incubator.services.followups.follow_ups_create_due); the unique
    constraint per enrolment and milestone makes a second run create nothing.
    """

    class Milestone(models.IntegerChoices):
        THREE = 3, _("3 months")
        SIX = 6, _("6 months")
        TWELVE = 12, _("12 months")

    class Outcome(models.TextChoices):
        BUSINESS_CREATED = "business_created", _("Created a business")
        EMPLOYMENT = "employment", _("In employment")
        TRAINING = "training", _("In training")
        STILL_LOOKING = "still_looking", _("Still looking")
        MOVED_AWAY = "moved_away", _("Moved away")
        UNREACHABLE = "unreachable", _("Could not be reached")

    class LegalForm(models.TextChoices):
        MICRO = "micro", _("Micro-enterprise (auto-entrepreneur)")
        SOLE_TRADER = "sole_trader", _("Sole trader (EI)")
        LIMITED = "limited", _("Limited company (EURL, SARL)")
        SAS = "sas", _("Simplified company (SAS, SASU)")
        COOPERATIVE = "cooperative", _("Cooperative (SCOP, SCIC, CAE)")
        ASSOCIATION = "association", _("Association")
        OTHER = "other", _("Other")

    class Sector(models.TextChoices):
        FOOD = "food", _("Food and catering")
        TEXTILE = "textile", _("Sewing and textiles")
        RETAIL = "retail", _("Retail")
        BEAUTY = "beauty", _("Hairdressing and beauty")
        BUILDING = "building", _("Building trades")
        TRANSPORT = "transport", _("Transport and delivery")
        CARE = "care", _("Care and personal services")
        CRAFTS = "crafts", _("Crafts")
        DIGITAL = "digital", _("Digital services")
        OTHER = "other", _("Other")

    enrolment = models.ForeignKey(Enrolment, on_delete=models.PROTECT, related_name="follow_ups")
    milestone = models.PositiveSmallIntegerField(_("milestone"), choices=Milestone)
    due_on = models.DateField(_("due on"))
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome, blank=True)
    contacted_on = models.DateField(_("contacted on"), null=True, blank=True)
    business_legal_form = models.CharField(
        _("legal form"), max_length=16, choices=LegalForm, blank=True
    )
    business_started_on = models.DateField(_("business created on"), null=True, blank=True)
    business_sector = models.CharField(_("sector"), max_length=16, choices=Sector, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    recorded_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("follow-up")
        verbose_name_plural = _("follow-ups")
        ordering = ["due_on", "pk"]
        indexes = [models.Index(fields=["outcome", "due_on"])]
        constraints = [
            models.UniqueConstraint(
                fields=["enrolment", "milestone"], name="one_follow_up_per_milestone"
            ),
            models.CheckConstraint(
                condition=~models.Q(outcome="business_created")
                | (
                    ~models.Q(business_legal_form="")
                    & ~models.Q(business_sector="")
                    & models.Q(business_started_on__isnull=False)
                ),
                name="business_outcome_is_complete",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.enrolment} +{self.milestone}"


class ParticipantImport(models.Model):
    """An uploaded CSV of participants, kept between the preview and the confirmation.

    Confirming claims the row (previewed → imported) with a conditional UPDATE, so a double
    click or a replayed request imports the file once.
    """

    class Status(models.TextChoices):
        PREVIEWED = "previewed", _("Previewed")
        IMPORTED = "imported", _("Imported")

    filename = models.CharField(_("file"), max_length=255)
    content = models.TextField()
    status = models.CharField(max_length=10, choices=Status, default=Status.PREVIEWED)
    row_count = models.PositiveIntegerField(default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    imported_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("participant import")
        verbose_name_plural = _("participant imports")

    def __str__(self) -> str:
        return self.filename
