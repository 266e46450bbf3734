"""The audit's world (a pytest plugin, see conftest.py): one of every record, for Amina and for
Bilal, so the access sweep and the API fuzzing reach real objects behind every URL.

Everything is built through the services, as the users would, on the personas of conftest.py.
"""

import datetime
import uuid
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import pytest

from tests.fixtures_loans import application_in, at, disbursed


@dataclass
class Side:
    """One participant's records (Amina's or Bilal's)."""

    participant: Any
    enrolment: Any
    follow_up: Any
    interview: Any
    coop: Any
    membership: Any
    day: Any
    entry: Any
    cost_sheet: Any
    meeting: Any
    application: Any  # a draft, still editable
    loan: Any
    payment: Any
    document: Any


@dataclass
class World:
    staff: Any
    adviser: Any
    committee: Any
    amina_user: Any
    bilal_user: Any
    programme: Any
    cohort: Any
    workshop: Any
    product: Any
    partner: Any
    funder: Any
    batch: Any  # a participant import previewed by the staff member
    amina: Side
    bilal: Side


def _side(
    person: Any,
    coop: Any,
    enrolment: Any,
    *,
    actors: dict[str, Any],
    product: Any,
    draft_product: Any,
) -> Side:
    from cooperatives.services import governance, ledger
    from incubator.models import FollowUp, Interview
    from incubator.services.people import record_save
    from loans.services.documents import document_render, document_request
    from loans.services.repayments import repayment_post

    staff, adviser, committee = actors["staff"], actors["adviser"], actors["committee"]
    interview = record_save(
        instance=Interview(
            participant=person, held_on=datetime.date(2026, 3, 5), staff=staff, notes="Projet"
        ),
        actor=staff,
    )
    membership = coop.memberships.get(participant=person)
    day = coop.days.order_by("date").first()
    entry = ledger.sale_record(
        cooperative=coop, actor=staff, product="Mafé", quantity=Decimal(3),
        unit_price=Decimal("9.00"), date=day.date, payment_method="cash",
        customer_type="individual", idempotency_key=uuid.uuid4(),
    )  # fmt: skip
    sheet = ledger.cost_sheet_save(
        cooperative=coop, actor=staff, product="Mafé", yield_quantity=Decimal(10),
        selling_price=Decimal("9.00"),
        lines=[ledger.LineInput("Riz", Decimal(2), "kg", Decimal("1.50"))],
    )  # fmt: skip
    meeting = governance.meeting_record(
        cooperative=coop, actor=staff, date=day.date, agenda="Rôles", attendees=[membership]
    )
    loan = disbursed(participant=person, product=product, adviser=adviser, committee=committee)
    with at(datetime.date(2026, 2, 5)):
        payment = repayment_post(
            loan=loan, amount=Decimal("50.00"), value_date=datetime.date(2026, 2, 5),
            method="cash", idempotency_key=uuid.uuid4().hex, actor=adviser,
        ).payment  # fmt: skip
    document = document_request(loan=loan, kind="offer", language="fr", actor=adviser)
    document_render(document_id=document.pk)  # on_commit does not fire in a test transaction
    application = application_in(
        "draft", participant=person, product=draft_product, adviser=adviser
    )
    return Side(
        participant=person,
        enrolment=enrolment,
        follow_up=FollowUp.objects.filter(enrolment=enrolment).order_by("pk").first(),
        interview=interview,
        coop=coop,
        membership=membership,
        day=day,
        entry=entry,
        cost_sheet=sheet,
        meeting=meeting,
        application=application,
        loan=loan,
        payment=payment,
        document=document,
    )


@pytest.fixture
def world(
    staff, adviser, committee, amina, bilal, amina_user, bilal_user, cohort, enrol,
    make_workshop, mark, amina_coop, bilal_coop, microcredit, honour_loan,
):  # fmt: skip
    """Amina and Bilal each with an enrolment, a follow-up, an interview, a cooperative (with a
    day, a sale, a cost sheet, a meeting), a draft application and a loan (with a payment and
    its offer document); the programme's workshop where both were marked."""
    from incubator.services.followups import follow_ups_create_due
    from incubator.services.imports import participant_import_preview
    from tests.factories import FunderFactory, PartnerFactory

    actors = {"staff": staff, "adviser": adviser, "committee": committee}
    enrolments = {p.pk: enrol(p, cohort, "completed") for p in (amina, bilal)}
    follow_ups_create_due(today=datetime.date(2027, 1, 1))
    workshop = make_workshop(programme=cohort.programme, cohort=cohort)
    mark(workshop, {amina: "present", bilal: "absent"})
    batch, _ = participant_import_preview(
        filename="people.csv", data=b"first_name,last_name\nOlena,Kovalenko\n", actor=staff
    )
    return World(
        staff=staff,
        adviser=adviser,
        committee=committee,
        amina_user=amina_user,
        bilal_user=bilal_user,
        programme=cohort.programme,
        cohort=cohort,
        workshop=workshop,
        product=microcredit,
        partner=PartnerFactory(name="Emmaüs"),
        funder=FunderFactory(name="Ville de Paris"),
        batch=batch,
        amina=_side(amina, amina_coop, enrolments[amina.pk], actors=actors,
                    product=microcredit, draft_product=honour_loan),
        bilal=_side(bilal, bilal_coop, enrolments[bilal.pk], actors=actors,
                    product=microcredit, draft_product=honour_loan),
    )  # fmt: skip
