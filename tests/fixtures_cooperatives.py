"""Fixtures and factories of the cooperatives features (a pytest plugin, see conftest.py).

Cooperatives are built through the services, as staff would: ``make_coop`` creates one with
its calendar and members; ``record_hours`` fills the hours grid; ``sell`` and ``spend`` write
ledger entries.
"""

import datetime
import uuid
from collections.abc import Callable, Iterable
from decimal import Decimal
from typing import Any

import pytest

# A flashcoop starting on Friday 10 July 2026 runs until Wednesday 22 July 2026.
FLASH_START = datetime.date(2026, 7, 10)
FLASH_DAYS = [datetime.date(2026, 7, d) for d in (10, 11, 13, 15, 16, 17, 18, 20, 21, 22)]


@pytest.fixture
def coop_media(settings, tmp_path):
    """Uploaded receipts go to a temporary folder."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def coop_programme(db):
    from tests.factories import ProgrammeFactory

    return ProgrammeFactory(name="Tremplin 2026")


@pytest.fixture
def make_coop(staff, coop_programme) -> Callable[..., Any]:
    """``make_coop(members=[amina, ...], kind="flashcoop", start=..., start_running=True)``."""
    from cooperatives.services import cooperatives as coop_services
    from cooperatives.services import members as member_services

    def make(
        *,
        name: str = "Flashcoop Saveurs du monde",
        kind: str = "flashcoop",
        sector: str = "cooking",
        start: datetime.date = FLASH_START,
        end: datetime.date | None = None,
        weekdays: Iterable[int] = (),
        members: Iterable[Any] = (),
        capacity: int = 40,
        start_running: bool = False,
        **extra: Any,
    ):
        coop = coop_services.cooperative_create(
            actor=staff,
            name=name,
            kind=kind,
            sector=sector,
            programme=coop_programme,
            start_date=start,
            end_date=end,
            weekdays=list(weekdays),
            place="Ground Control, Paris 12e",
            lead_staff=staff,
            capacity=capacity,
            **extra,
        )
        for participant in members:
            member_services.member_add(
                cooperative=coop, actor=staff, participant=participant, joined_on=start
            )
        if start_running:
            coop_services.cooperative_transition(cooperative=coop, to="running", actor=staff)
        return coop

    return make


@pytest.fixture
def participants(db) -> Callable[[int], list[Any]]:
    """``participants(3)``: that many other participants (no portal account)."""
    from tests.factories import ParticipantFactory

    def make(count: int) -> list[Any]:
        return [
            ParticipantFactory(first_name=f"Membre{k:02d}", last_name=f"Test{k:02d}")
            for k in range(count)
        ]

    return make


@pytest.fixture
def record_hours(staff) -> Callable[..., int]:
    """``record_hours(coop, {membership: [6, 6.5, ...]})``: hours per day, in day order."""
    from cooperatives.services.members import HoursCell, hours_record

    def record(coop: Any, hours: dict[Any, list[Any]], *, actor: Any = None) -> int:
        days = list(coop.days.filter(cancelled=False).order_by("date"))
        cells = [
            HoursCell(day.pk, membership.pk, Decimal(str(value)))
            for membership, values in hours.items()
            for day, value in zip(days, values, strict=False)
            if value is not None
        ]
        return hours_record(cooperative=coop, actor=actor or staff, cells=cells)

    return record


@pytest.fixture
def sell(staff) -> Callable[..., Any]:
    from cooperatives.services.ledger import sale_record

    def make(coop: Any, product: str, quantity: str, price: str, **extra: Any):
        values = {
            "date": FLASH_START,
            "payment_method": "cash",
            "customer_type": "individual",
            "idempotency_key": uuid.uuid4(),
            **extra,
        }
        return sale_record(
            cooperative=coop,
            actor=staff,
            product=product,
            quantity=Decimal(quantity),
            unit_price=Decimal(price),
            **values,
        )

    return make


@pytest.fixture
def spend(staff) -> Callable[..., Any]:
    from cooperatives.services.ledger import expense_record

    def make(coop: Any, category: str, amount: str, **extra: Any):
        values = {"date": FLASH_START, "idempotency_key": uuid.uuid4(), **extra}
        return expense_record(
            cooperative=coop, actor=staff, category=category, amount=Decimal(amount), **values
        )

    return make


@pytest.fixture
def amina_coop(make_coop, amina, participants):
    """A running flashcoop in July 2026 with Amina and two other members (not Bilal)."""
    return make_coop(members=[amina, *participants(2)], start_running=True)


@pytest.fixture
def bilal_coop(make_coop, bilal):
    """Bilal's own sewing cooperative, so he is a member of something."""
    return make_coop(
        name="Atelier couture",
        kind="temporary",
        sector="sewing",
        start=datetime.date(2026, 3, 3),
        end=datetime.date(2026, 5, 28),
        weekdays=[1, 3],
        members=[bilal],
        start_running=True,
    )
