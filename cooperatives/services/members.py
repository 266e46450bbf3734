"""Members, the hours they work on each activity day, and what became of them afterwards."""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from cooperatives.models import ActivityDay, Attendance, Cooperative, Membership
from cooperatives.services._common import (
    State,
    locked,
    require_staff,
    require_state,
    show_date,
    today,
)
from incubator.errors import DomainError
from incubator.models import Participant, User
from incubator.services import audit_record

QUARTER = Decimal("0.25")
MAX_HOURS = Decimal(12)


@transaction.atomic
def member_add(
    *,
    cooperative: Cooperative,
    actor: User,
    participant: Participant,
    joined_on: datetime.date,
    role: str = Membership.Role.MEMBER,
    weight: Decimal = Decimal("1.00"),
) -> Membership:
    require_staff(actor)
    coop = locked(cooperative)
    require_state(coop, {State.PLANNED, State.RUNNING})
    active = coop.memberships.filter(left_on__isnull=True).count()
    if active >= coop.capacity:
        raise DomainError(
            _("%(name)s is full (%(capacity)s members)."),
            code="full",
            params={"name": coop.name, "capacity": coop.capacity},
        )
    _check_weight(weight)
    try:
        with transaction.atomic():
            membership = Membership.objects.create(
                cooperative=coop,
                participant=participant,
                role=role,
                joined_on=joined_on,
                weight=weight,
            )
    except IntegrityError:
        raise DomainError(
            _("%(person)s is already a member of %(name)s."),
            code="already_member",
            params={"person": participant, "name": coop.name},
        ) from None
    audit_record(subject=coop, actor=actor, action="member_added", reason=f"{participant} ({role})")
    return membership


def _check_weight(weight: Decimal) -> None:
    if weight < 0 or weight > Decimal("100"):
        raise DomainError(_("A weight lies between 0 and 100."), code="weight")


@transaction.atomic
def member_update(*, membership: Membership, actor: User, role: str, weight: Decimal) -> Membership:
    require_staff(actor)
    coop = locked(membership.cooperative)
    require_state(coop, {State.PLANNED, State.RUNNING, State.CLOSING})
    _check_weight(weight)
    Membership.objects.filter(pk=membership.pk).update(role=role, weight=weight)
    membership.role, membership.weight = role, weight
    audit_record(
        subject=coop,
        actor=actor,
        action="member_updated",
        reason=f"{membership.participant}: {role}, {weight}",
    )
    return membership


@transaction.atomic
def member_leave(
    *, membership: Membership, actor: User, left_on: datetime.date, reason: str
) -> Membership:
    """Record that a member left. Hours they worked stay; none may follow their last day."""
    require_staff(actor)
    coop = locked(membership.cooperative)
    require_state(coop, {State.PLANNED, State.RUNNING, State.CLOSING})
    membership = Membership.objects.select_related("participant").get(pk=membership.pk)
    if membership.left_on is not None:
        raise DomainError(_("This member has already left."), code="already_left")
    if left_on < membership.joined_on:
        raise DomainError(
            _("A member cannot leave before joining (%(date)s)."),
            code="left_before_joined",
            params={"date": show_date(membership.joined_on)},
        )
    later = Attendance.objects.filter(
        membership=membership, day__date__gt=left_on, hours__gt=0
    ).exists()
    if later:
        raise DomainError(
            _("Hours are recorded after %(date)s for this member."),
            code="hours_after_leaving",
            params={"date": show_date(left_on)},
        )
    membership.left_on = left_on
    membership.leave_reason = reason.strip()
    membership.save(update_fields=["left_on", "leave_reason"])
    audit_record(
        subject=coop,
        actor=actor,
        action="member_left",
        reason=f"{membership.participant}: {left_on} {reason.strip()}",
    )
    return membership


# --- Hours ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class HoursCell:
    """One cell of the grid: ``hours`` None leaves the cell as it is (blank input)."""

    day_id: int
    membership_id: int
    hours: Decimal | None


def parse_hours(raw: object) -> Decimal | None:
    """Hours typed by a person: "6", "6.5", "6,75" (French comma) or blank.

    >>> parse_hours("6,75"), parse_hours(" "), parse_hours("7.5")
    (Decimal('6.75'), None, Decimal('7.5'))
    """
    text = str(raw if raw is not None else "").strip().replace(",", ".")
    if not text:
        return None
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise DomainError(
            _("“%(value)s” is not a number of hours."), code="hours_format", params={"value": raw}
        ) from None
    if not value.is_finite():
        raise DomainError(
            _("“%(value)s” is not a number of hours."), code="hours_format", params={"value": raw}
        )
    return value


def check_hours(hours: Decimal) -> Decimal:
    if hours < 0 or hours > MAX_HOURS:
        raise DomainError(
            _("Hours in a day lie between 0 and 12 (%(value)s)."),
            code="hours_range",
            params={"value": hours},
        )
    if hours % QUARTER != 0:
        raise DomainError(
            _("Hours are counted in quarters of an hour (%(value)s)."),
            code="hours_quarter",
            params={"value": hours},
        )
    return hours.quantize(Decimal("0.01"))


def _is_member_on(membership: Membership, day: datetime.date) -> bool:
    return membership.joined_on <= day and (membership.left_on is None or membership.left_on >= day)


@transaction.atomic
def hours_record(*, cooperative: Cooperative, actor: User, cells: Iterable[HoursCell]) -> int:
    """Record the hours of a grid; return how many cells changed.

    Idempotent: the same grid saved twice changes nothing the second time (and writes no
    second audit row). A blank cell changes nothing; 0 records an absence. Every cell is
    checked before anything is written, so a bad cell leaves the whole grid unsaved.
    """
    require_staff(actor)
    coop = locked(cooperative)
    require_state(coop, {State.RUNNING, State.CLOSING})
    wanted = {(c.day_id, c.membership_id): c.hours for c in cells if c.hours is not None}
    if not wanted:
        return 0
    days = ActivityDay.objects.in_bulk({d for d, _m in wanted})
    members = Membership.objects.in_bulk({m for _d, m in wanted})
    until = today()
    for (day_id, member_id), hours in wanted.items():
        day, member = days.get(day_id), members.get(member_id)
        if day is None or day.cooperative_id != coop.pk or day.cancelled:
            raise DomainError(_("This activity day does not exist."), code="unknown_day")
        if member is None or member.cooperative_id != coop.pk:
            raise DomainError(_("This member does not exist."), code="unknown_member")
        if day.date > until:
            raise DomainError(
                _("%(date)s has not come yet: hours are recorded on the day or after."),
                code="day_in_future",
                params={"date": show_date(day.date)},
            )
        if not _is_member_on(member, day.date):
            raise DomainError(
                _("%(person)s was not a member on %(date)s."),
                code="not_member_that_day",
                params={"person": member.participant, "date": show_date(day.date)},
            )
        wanted[(day_id, member_id)] = check_hours(hours)
    current = {
        (a.day_id, a.membership_id): a.hours
        for a in Attendance.objects.filter(day_id__in=days.keys(), membership_id__in=members)
    }
    changed = [key for key, hours in wanted.items() if current.get(key) != hours]
    if not changed:
        return 0
    # One statement for the whole grid; on a concurrent save of the same cell the last one
    # wins (the unique (day, member) constraint never lets two rows exist).
    Attendance.objects.bulk_create(
        [
            Attendance(day_id=d, membership_id=m, hours=wanted[(d, m)], recorded_by=actor)
            for d, m in changed
        ],
        update_conflicts=True,
        unique_fields=["day", "membership"],
        update_fields=["hours", "recorded_by", "updated_at"],
    )
    changed_days = sorted({days[d].date for d, _m in changed})
    audit_record(
        subject=coop,
        actor=actor,
        action="hours_recorded",
        reason=f"{len(changed)} cells: {', '.join(str(d) for d in changed_days)}",
    )
    return len(changed)


# --- After the closing ------------------------------------------------------------------------


@transaction.atomic
def outcome_record(
    *,
    membership: Membership,
    actor: User,
    outcome: str,
    note: str = "",
    recorded_on: datetime.date | None = None,
) -> Membership:
    """What a member did after the cooperative: recorded by staff once it is closed."""
    require_staff(actor)
    coop = locked(membership.cooperative)
    if coop.state != State.CLOSED:
        raise DomainError(
            _("Outcomes are recorded once the cooperative is closed."), code="not_closed"
        )
    if outcome not in Membership.Outcome.values:
        raise DomainError(_("Choose an outcome."), code="outcome")
    recorded_on = recorded_on or today()
    Membership.objects.filter(pk=membership.pk).update(
        outcome=outcome, outcome_note=note.strip(), outcome_recorded_on=recorded_on
    )
    membership.outcome, membership.outcome_note = outcome, note.strip()
    membership.outcome_recorded_on = recorded_on
    audit_record(
        subject=coop,
        actor=actor,
        action="outcome_recorded",
        reason=f"{membership.participant}: {outcome}",
    )
    return membership
