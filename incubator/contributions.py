"""Extension points other apps fill without the people side importing them.

- A participant's timeline: each app may offer ``<app>/timeline.py`` with
  ``events(participant) -> list[TimelineEvent]`` (a bounded number of queries, whatever the
  history's length).
- Funder indicators: each app may offer ``<app>/indicators.py`` with
  ``lines(*, participants, start, end) -> list[IndicatorLine]`` where ``participants`` is the
  queryset of people in the programme and period being reported (aggregate in SQL).
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal
from importlib import import_module
from typing import Any

from django.utils import timezone
from django.utils.functional import Promise

APPS = ("incubator", "cooperatives", "loans")


@dataclass(frozen=True)
class TimelineEvent:
    when: datetime.datetime | datetime.date
    title: str | Promise
    detail: str | Promise = ""
    icon: str = "clock"
    url: str = ""
    # The roles that may see it, when narrower than whoever reads the participant (their
    # selectors say so: e.g. interviews are the staff's).
    roles: frozenset[str] | None = None


@dataclass(frozen=True)
class IndicatorLine:
    key: str  # stable, for CSV columns and tests: "loans_granted_count"
    label: str | Promise
    value: Decimal | int
    kind: str = "count"  # "count", "money" (EUR), "percent"
    section: str | Promise = ""


def _providers(module_name: str, function: str) -> list[Any]:
    found = []
    for app in APPS:
        try:
            module = import_module(f"{app}.{module_name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"{app}.{module_name}":
                raise
            continue
        provider = getattr(module, function, None)
        if provider is not None:
            found.append(provider)
    return found


def timeline_events(participant: Any, *, viewer: Any = None) -> list[TimelineEvent]:
    """Everything that happened to ``participant`` that ``viewer`` may see, newest first, from
    every app (without a viewer: everything)."""
    events: list[TimelineEvent] = []
    for provider in _providers("timeline", "events"):
        events.extend(
            event
            for event in provider(participant)
            if viewer is None or event.roles is None or viewer.role in event.roles
        )

    def moment(event: TimelineEvent) -> datetime.datetime:
        if isinstance(event.when, datetime.datetime):
            aware = event.when.tzinfo is not None
            return timezone.localtime(event.when).replace(tzinfo=None) if aware else event.when
        return datetime.datetime.combine(event.when, datetime.time.min)

    return sorted(events, key=moment, reverse=True)


def indicator_lines(
    *, participants: Any, start: datetime.date, end: datetime.date
) -> list[IndicatorLine]:
    lines: list[IndicatorLine] = []
    for provider in _providers("indicators", "lines"):
        lines.extend(provider(participants=participants, start=start, end=end))
    return lines
