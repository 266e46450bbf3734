"""Fixtures and factories of the incubator features (a pytest plugin, see conftest.py).

The people side is built through its services, as staff would: ``enrol`` walks an enrolment
along the workflow to the state asked for (with the dates of each move), ``make_workshop``
plans a workshop and ``mark`` records attendance.
"""

import datetime
from collections.abc import Callable
from typing import Any

import factory
import pytest
from django.utils import timezone

from incubator.models import Workshop
from tests.factories import CohortFactory, ProgrammeFactory


def at(day: datetime.date, hour: int = 10) -> datetime.datetime:
    """An aware date-time in Paris time."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, 0)))


class WorkshopFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Workshop

    programme = factory.SubFactory(ProgrammeFactory)
    title = factory.Sequence(lambda n: f"Atelier {n}")
    starts_at = factory.LazyFunction(lambda: at(datetime.date(2026, 3, 10), 14))
    ends_at = factory.LazyAttribute(lambda w: w.starts_at + datetime.timedelta(hours=2))
    place = "Maison des associations"
    facilitator = "Sophie Martin"
    language = "fr"


@pytest.fixture
def programme(db):
    """Tremplin 2026, co-funded by the EU (AMIF) and the city."""
    from tests.factories import FunderFactory

    record = ProgrammeFactory(name="Tremplin 2026")
    record.funders.set(
        [
            FunderFactory(
                name="FAMI/AMIF", acknowledgement="Cofinancé par l’Union européenne", eu_emblem=True
            ),
            FunderFactory(name="Ville de Paris"),
        ]
    )
    return record


@pytest.fixture
def cohort(programme, staff):
    """Printemps 2026, 2 March to 30 June, twelve places, led by Sophie."""
    return CohortFactory(programme=programme, name="Printemps 2026", lead_staff=staff)


@pytest.fixture
def enrol(staff) -> Callable[..., Any]:
    """``enrol(person, cohort, "completed", ended=date(2026, 6, 30))`` through the services."""
    from incubator.services.enrolments import enrolment_create, enrolment_transition

    path = {
        "applied": [],
        "accepted": ["accepted"],
        "active": ["accepted", "active"],
        "completed": ["accepted", "active", "completed"],
        "dropped": ["accepted", "active", "dropped"],
        "dropped_before_start": ["dropped"],
    }

    def make(
        person: Any,
        cohort: Any,
        state: str = "active",
        *,
        started: datetime.date | None = None,
        ended: datetime.date | None = None,
        reason: str = "moved",
    ) -> Any:
        enrolment = enrolment_create(
            participant=person,
            cohort=cohort,
            actor=staff,
            applied_on=cohort.start_date - datetime.timedelta(days=20),
        )
        dates = {
            "accepted": cohort.start_date - datetime.timedelta(days=10),
            "active": started or cohort.start_date,
            "completed": ended or cohort.end_date,
            "dropped": ended or cohort.end_date,
        }
        for to in path[state]:
            enrolment_transition(
                enrolment=enrolment,
                to=to,
                actor=staff,
                on=dates[to],
                dropout_reason=reason if to == "dropped" else "",
            )
        enrolment.refresh_from_db()
        return enrolment

    return make


@pytest.fixture
def make_workshop() -> Callable[..., Workshop]:
    def make(**kwargs: Any) -> Workshop:
        return WorkshopFactory(**kwargs)

    return make


@pytest.fixture
def mark(staff) -> Callable[..., dict[str, int]]:
    """``mark(workshop, {amina: "present", bilal: "absent"})`` through the service."""
    from incubator.services.workshops import attendance_record

    def record(workshop: Workshop, marks: dict[Any, str]) -> dict[str, int]:
        return attendance_record(
            workshop=workshop, marks={p.pk: s for p, s in marks.items()}, actor=staff
        )

    return record
