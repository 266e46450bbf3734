"""Races on PostgreSQL: eight staff members act at once on one cooperative.

The cooperative row lock (SELECT … FOR UPDATE) and the unique constraints keep one result:
one closing with its shares, one sale per idempotency key, no member beyond capacity.
"""

import threading
import uuid
from decimal import Decimal

import pytest

from cooperatives.models import Closing, LedgerEntry, MemberShare
from cooperatives.services import closing, cooperatives, ledger, members
from incubator.errors import DomainError
from tests.helpers import race

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_eight_concurrent_closings_record_one_split(amina_coop, record_hours, sell, staff):
    record_hours(amina_coop, {m: [6] * 10 for m in amina_coop.memberships.all()})
    sell(amina_coop, "Mafé", "100", "10.00")
    cooperatives.cooperative_transition(cooperative=amina_coop, to="closing", actor=staff)
    results, errors = race(
        [lambda: closing.cooperative_close(cooperative=amina_coop, actor=staff)] * 8
    )
    assert len(results) == 1
    assert len(errors) == 7 and all(isinstance(e, DomainError) for e in errors)
    assert Closing.objects.count() == 1
    assert sorted(s.amount.amount for s in MemberShare.objects.all()) == [
        Decimal("333.33"),
        Decimal("333.33"),
        Decimal("333.34"),
    ]


def test_eight_replays_of_one_sale_record_it_once(amina_coop, staff):
    key = uuid.uuid4()

    def sale():
        return ledger.sale_record(
            cooperative=amina_coop, actor=staff, date=amina_coop.start_date, product="Mafé",
            quantity=Decimal(2), unit_price=Decimal("9.50"), payment_method="cash",
            idempotency_key=key,
        )  # fmt: skip

    results, errors = race([sale] * 8)
    assert errors == []
    assert len({entry.pk for entry in results}) == 1
    assert LedgerEntry.objects.count() == 1


def test_the_last_place_goes_to_one_person(make_coop, amina, participants, staff):
    coop = make_coop(members=[amina], capacity=2)
    people = iter(participants(8))
    lock = threading.Lock()

    def join():
        with lock:
            person = next(people)
        return members.member_add(
            cooperative=coop, actor=staff, participant=person, joined_on=coop.start_date
        )

    results, errors = race([join] * 8)
    assert len(results) == 1 and len(errors) == 7
    assert {e.code for e in errors} == {"full"}
    assert coop.memberships.count() == 2
