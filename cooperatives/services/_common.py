"""Helpers shared by the cooperatives services: locking, state guards, dates in messages."""

import datetime
from collections.abc import Iterable

from django.utils import formats, timezone
from django.utils.translation import gettext as _

from cooperatives.models import Cooperative
from incubator.errors import DomainError
from incubator.models import User

State = Cooperative.State


def locked(cooperative: Cooperative) -> Cooperative:
    """A fresh copy of ``cooperative``, row-locked until the transaction ends (PostgreSQL)."""
    return Cooperative.objects.select_for_update().get(pk=cooperative.pk)


def require_staff(actor: User | None) -> None:
    if actor is None or actor.role != User.Role.STAFF:
        raise DomainError(_("Your role does not allow this action."), code="forbidden_role")


def require_state(cooperative: Cooperative, states: Iterable[str]) -> None:
    """Refuse when the cooperative is not in one of ``states`` (e.g. books closed)."""
    if cooperative.state in set(states):
        return
    if cooperative.state == State.CLOSED:
        raise DomainError(
            _("%(name)s is closed: its records can no longer change."),
            code="closed",
            params={"name": cooperative.name},
        )
    raise DomainError(
        _("Not possible while %(name)s is “%(state)s”."),
        code="wrong_state",
        params={"name": cooperative.name, "state": cooperative.get_state_display()},
    )


def today() -> datetime.date:
    return timezone.localdate()


def show_date(value: datetime.date) -> str:
    """A date in the active language, for messages."""
    return formats.date_format(value, "DATE_FORMAT")


def show_dates(values: Iterable[datetime.date], limit: int = 5) -> str:
    values = list(values)
    shown = ", ".join(show_date(v) for v in values[:limit])
    return shown + (" …" if len(values) > limit else "")
