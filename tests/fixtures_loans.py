"""Fixtures and factories of the loans features (a pytest plugin, see conftest.py).

Data with a workflow is built through the services (never raw saves), so every fixture walks
the same path as a user: create, submit, review, send to committee, decide, disburse.
"""

import datetime
import uuid
import zoneinfo
from decimal import Decimal

import pytest

PARIS = zoneinfo.ZoneInfo("Europe/Paris")

D = Decimal
PAYOUT = datetime.date(2026, 1, 5)  # the payout date of the loans below, a Monday


def new_key() -> str:
    return uuid.uuid4().hex


@pytest.fixture
def microcredit(db):
    """Adie-like professional microcredit: up to 12,000 €, 7.45 %, 5 % fee, half guaranteed."""
    from loans.models import LoanProduct

    return LoanProduct.objects.create(
        name="Microcrédit professionnel",
        min_amount=D("300.00"),
        max_amount=D("12000.00"),
        min_installments=6,
        max_installments=48,
        annual_rate=D("7.45"),
        method="declining_equal_installments",
        frequency="monthly",
        fee_percent=D("5.00"),
        fee_fixed=D("0.00"),
        max_grace_periods=3,
        guarantee_percent=D("50.00"),
    )


@pytest.fixture
def honour_loan(db):
    """An interest-free honour loan: no fee, no guarantee."""
    from loans.models import LoanProduct

    return LoanProduct.objects.create(
        name="Prêt d'honneur",
        min_amount=D("500.00"),
        max_amount=D("8000.00"),
        min_installments=6,
        max_installments=60,
        annual_rate=D("0"),
        method="declining_equal_principal",
        frequency="monthly",
        max_grace_periods=6,
    )


@pytest.fixture
def committee2(db):
    """Paul, a second committee member (the one who decides when Claire reviewed)."""
    from tests.factories import UserFactory

    return UserFactory(username="paul", role="committee", first_name="Paul")


INCOME, CHARGES, AMOUNT = D("1800.00"), D("900.00"), D("1200.00")


def reviewed(application, adviser, *, income=INCOME, charges=CHARGES):
    """Tick the whole checklist as the adviser."""
    from loans.services import applications as services

    return services.application_review(
        application=application,
        actor=adviser,
        identity_checked=True,
        plan_approved=True,
        guarantee_covered=True,
        monthly_income=income,
        monthly_charges=charges,
        recommendation="favourable",
        recommendation_note="Solid plan, regular customers.",
    )


def application_in(
    state,
    *,
    participant,
    product,
    adviser,
    committee=None,
    amount=AMOUNT,
    installments=12,
    today=PAYOUT,
):
    """An application walked through the services up to ``state``."""
    from loans.services import applications as services

    application = services.application_create(
        actor=adviser,
        participant=participant,
        product=product,
        amount=amount,
        installments=installments,
        purpose="A sewing machine and fabric for a tailoring stall.",
    )
    steps = ["submitted", "in_review", "ready_for_committee", "approved"]
    for step in steps[: steps.index(state) + 1] if state in steps else []:
        if step == "submitted":
            services.application_submit(application=application, actor=adviser)
        elif step == "in_review":
            reviewed(application, adviser)
        elif step == "ready_for_committee":
            services.application_send_to_committee(
                application=application, actor=adviser, today=today
            )
        elif step == "approved":
            services.application_approve(
                application=application, actor=committee, conditions="Open a business account."
            )
    application.refresh_from_db()
    return application


def at(day: datetime.date):
    """Travel to ``day`` at 10:00 in Paris (the services read the clock for ``today``)."""
    import time_machine

    moment = datetime.datetime.combine(day, datetime.time(10), tzinfo=PARIS)
    return time_machine.travel(moment, tick=False)


def disbursed(*, participant, product, adviser, committee, on=PAYOUT, **terms):
    """A loan paid out on ``on``, its application decided that same morning."""
    from loans.services.disbursement import application_disburse

    with at(on):
        application = application_in(
            "approved",
            participant=participant,
            product=product,
            adviser=adviser,
            committee=committee,
            today=on,
            **terms,
        )
        loan, _ = application_disburse(application=application, actor=adviser)
    return loan


@pytest.fixture
def amina_loan(amina, microcredit, adviser, committee):
    """Amina's 1,200.00 € microcredit over 12 months, paid out on 5 January 2026."""
    return disbursed(participant=amina, product=microcredit, adviser=adviser, committee=committee)


@pytest.fixture
def pay(adviser):
    """Post a repayment as Karim: ``pay(loan, "104.08", date(2026, 2, 5))``."""
    from loans.services.repayments import repayment_post

    def post(loan, amount, on, *, key=None, method="cash", today=None):
        return repayment_post(
            loan=loan,
            amount=D(amount),
            value_date=on,
            method=method,
            idempotency_key=key or new_key(),
            actor=adviser,
            today=today or on,
        ).payment

    return post


def loans_for_many(n, *, product, adviser, committee):
    """``n`` loans of 1,200.00 € paid out on 5 January 2026, each to a new participant."""
    from tests.factories import ParticipantFactory

    return [
        disbursed(participant=ParticipantFactory(), product=product, adviser=adviser,
                  committee=committee)
        for _ in range(n)
    ]  # fmt: skip


def applications_for_many(n, state, *, product, adviser, committee=None):
    from tests.factories import ParticipantFactory

    return [
        application_in(state, participant=ParticipantFactory(), product=product, adviser=adviser,
                       committee=committee, today=datetime.date(2026, 11, 23))
        for _ in range(n)
    ]  # fmt: skip
