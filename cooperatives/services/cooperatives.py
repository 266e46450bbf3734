"""Creating and editing cooperatives, and moving them through their workflow."""

import datetime
from collections.abc import Sequence
from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from cooperatives import activity_days, selectors, workflows
from cooperatives.models import Cooperative
from cooperatives.services._common import State, locked, require_staff, show_dates, today
from cooperatives.services.calendar import days_generate, validate_pattern
from incubator.errors import DomainError
from incubator.models import Cohort, PartnerOrganisation, Programme, User
from incubator.services import audit_record, check_transition, transition

EDITABLE = (
    "name",
    "sector",
    "sector_label",
    "place",
    "host_partner",
    "capacity",
    "lead_staff",
    "usual_hours",
    "description",
)


def _validate(
    *,
    sector: str,
    sector_label: str,
    programme: Programme,
    cohort: Cohort | None,
    lead_staff: User,
    capacity: int,
    usual_hours: Decimal,
) -> None:
    if sector == Cooperative.Sector.OTHER and not sector_label.strip():
        raise DomainError(_("Name the activity of this cooperative."), code="no_sector_label")
    if cohort is not None and cohort.programme_id != programme.pk:
        raise DomainError(
            _("The cohort %(cohort)s belongs to another programme."),
            code="cohort_programme",
            params={"cohort": cohort},
        )
    if lead_staff.role != User.Role.STAFF:
        raise DomainError(
            _("The lead must be a member of the incubator staff."), code="lead_not_staff"
        )
    if capacity < 1:
        raise DomainError(_("A cooperative has room for at least one member."), code="capacity")
    if not Decimal(0) < usual_hours <= Decimal(12):
        raise DomainError(_("A working day lasts between 0 and 12 hours."), code="usual_hours")


@transaction.atomic
def cooperative_create(
    *,
    actor: User,
    name: str,
    kind: str,
    sector: str,
    programme: Programme,
    start_date: datetime.date,
    place: str,
    lead_staff: User,
    capacity: int = 8,
    cohort: Cohort | None = None,
    end_date: datetime.date | None = None,
    weekdays: Sequence[int] = (),
    sector_label: str = "",
    host_partner: PartnerOrganisation | None = None,
    usual_hours: Decimal = Decimal("6.00"),
    description: str = "",
) -> Cooperative:
    """Create a planned cooperative with its calendar already generated."""
    require_staff(actor)
    _validate(
        sector=sector,
        sector_label=sector_label,
        programme=programme,
        cohort=cohort,
        lead_staff=lead_staff,
        capacity=capacity,
        usual_hours=usual_hours,
    )
    validate_pattern(kind=kind, start_date=start_date, end_date=end_date, weekdays=weekdays)
    flash = kind == Cooperative.Kind.FLASHCOOP
    cooperative = Cooperative.objects.create(
        name=name.strip(),
        kind=kind,
        sector=sector,
        sector_label=sector_label.strip() if sector == Cooperative.Sector.OTHER else "",
        programme=programme,
        cohort=cohort,
        start_date=start_date,
        end_date=None if flash else end_date,
        weekdays=[] if flash else sorted(set(weekdays)),
        place=place.strip(),
        host_partner=host_partner,
        capacity=capacity,
        lead_staff=lead_staff,
        usual_hours=usual_hours,
        description=description.strip(),
    )
    days_generate(cooperative=cooperative)
    audit_record(subject=cooperative, actor=actor, action="created", to_state=cooperative.state)
    return cooperative


@transaction.atomic
def cooperative_update(*, cooperative: Cooperative, actor: User, **changes: object) -> Cooperative:
    """Change the descriptive fields (not the kind, dates or state: see calendar, workflow)."""
    require_staff(actor)
    unknown = set(changes) - set(EDITABLE)
    if unknown:
        raise ValueError(f"not editable here: {sorted(unknown)}")
    coop = locked(cooperative)
    if coop.state == State.CLOSED:
        raise DomainError(
            _("%(name)s is closed: its records can no longer change."),
            code="closed",
            params={"name": coop.name},
        )
    for field, value in changes.items():
        setattr(coop, field, value.strip() if isinstance(value, str) else value)
    if coop.sector != Cooperative.Sector.OTHER:
        coop.sector_label = ""
    _validate(
        sector=coop.sector,
        sector_label=coop.sector_label,
        programme=coop.programme,
        cohort=coop.cohort,
        lead_staff=coop.lead_staff,
        capacity=coop.capacity,
        usual_hours=coop.usual_hours,
    )
    active = coop.memberships.filter(left_on__isnull=True).count()
    if coop.capacity < active:
        raise DomainError(
            _("%(count)s members are active: the capacity cannot be lower."),
            code="capacity_below_members",
            params={"count": active},
        )
    coop.save(update_fields=[*changes.keys(), "sector_label"])
    audit_record(subject=coop, actor=actor, action="updated", reason=", ".join(sorted(changes)))
    return coop


def _check_can_start(coop: Cooperative) -> None:
    days = coop.days.filter(cancelled=False).count()
    if coop.is_flashcoop and days != activity_days.FLASHCOOP_DAYS:
        raise DomainError(
            _("A flashcoop starts with exactly ten activity days; it has %(count)s."),
            code="flashcoop_ten_days",
            params={"count": days},
        )
    if days == 0:
        raise DomainError(_("Add at least one activity day first."), code="no_days")
    if not coop.memberships.filter(left_on__isnull=True).exists():
        raise DomainError(_("Add the members before starting."), code="no_members")


def check_can_end(coop: Cooperative, *, on: datetime.date) -> None:
    """Refuse ending the activity while days are still to come or hours are missing."""
    to_come = list(
        coop.days.filter(cancelled=False, date__gt=on).values_list("date", flat=True)[:6]
    )
    if to_come:
        raise DomainError(
            _("Activity days are still to come (%(dates)s): wait, or cancel them first."),
            code="days_to_come",
            params={"dates": show_dates(to_come)},
        )
    missing = selectors.days_missing_hours(coop, until=on)
    if missing:
        raise DomainError(
            _("Hours are not recorded for every member on %(dates)s."),
            code="hours_missing",
            params={"dates": show_dates(missing)},
        )


@transaction.atomic
def cooperative_transition(
    *, cooperative: Cooperative, to: str, actor: User, reason: str = ""
) -> Cooperative:
    """Start, end or reopen the activity. Closing (the split) is ``closing.cooperative_close``."""
    coop = locked(cooperative)
    if coop.state != cooperative.state:
        # Someone moved it since the page was shown: let transition() report the conflict.
        coop.state = cooperative.state
    if to == State.CLOSED:
        raise DomainError(_("Closing splits the result: use the closing page."), code="use_closing")
    check_transition(instance=coop, workflow=workflows.COOPERATIVE, to=to, actor=actor)
    if to == State.RUNNING and coop.state == State.PLANNED:
        _check_can_start(coop)
    if to == State.CLOSING:
        check_can_end(coop, on=today())
    transition(instance=coop, workflow=workflows.COOPERATIVE, to=to, actor=actor, reason=reason)
    cooperative.state = coop.state
    return coop
