"""Between the models and the pure engine: terms from an application, schedules from rows.

No query here: callers pass the objects they already read.
"""

import datetime
from collections.abc import Sequence
from dataclasses import replace
from decimal import Decimal
from typing import Any

from incubator.lib.periods import Frequency
from loans.engine import (
    LoanTerms,
    Method,
    Row,
    Schedule,
    build_schedule,
)
from loans.ledger import Slot
from loans.models import Application, Installment

ZERO = Decimal("0.00")


def application_terms(
    application: Application,
    *,
    disbursement_date: datetime.date,
    first_due_date: datetime.date | None = None,
) -> LoanTerms:
    return LoanTerms(
        principal=application.amount,
        annual_rate=application.annual_rate,
        installments=application.installments,
        frequency=Frequency(application.frequency),
        method=Method(application.method),
        disbursement_date=disbursement_date,
        first_due_date=first_due_date,
        grace_periods=application.grace_periods,
        currency=application.currency,
        fee_percent=application.fee_percent,
        fee_fixed=application.fee_fixed,
    )


def projected_schedule(
    application: Application, *, disbursement_date: datetime.date
) -> Schedule | None:
    """The schedule the application would get if paid out on ``disbursement_date``, or None
    when its terms are not valid (the forms say why)."""
    try:
        return build_schedule(application_terms(application, disbursement_date=disbursement_date))
    except ValueError:
        return None


# --- A schedule version, saved as JSON on its ScheduleChange ---------------------------------


def terms_to_json(schedule: Schedule) -> dict[str, Any]:
    """What ``segment_schedule`` needs to give the engine the schedule back (prepayments)."""
    terms = schedule.terms
    return {
        "principal": str(terms.principal),
        "annual_rate": str(terms.annual_rate),
        "installments": terms.installments,
        "frequency": str(terms.frequency),
        "method": str(terms.method),
        "disbursement_date": terms.disbursement_date.isoformat(),
        "first_due_date": terms.effective_first_due_date.isoformat(),
        "grace_periods": terms.grace_periods,
        "currency": terms.currency,
        "installment_amount": str(schedule.installment_amount),
        "apr": str(schedule.apr),
    }


def terms_from_json(data: dict[str, Any]) -> LoanTerms:
    return LoanTerms(
        principal=Decimal(data["principal"]),
        annual_rate=Decimal(data["annual_rate"]),
        installments=int(data["installments"]),
        frequency=Frequency(data["frequency"]),
        method=Method(data["method"]),
        disbursement_date=datetime.date.fromisoformat(data["disbursement_date"]),
        first_due_date=datetime.date.fromisoformat(data["first_due_date"]),
        grace_periods=int(data["grace_periods"]),
        currency=data["currency"],
    )


def segment_schedule(data: dict[str, Any], rows: Sequence[Installment]) -> Schedule:
    """The engine's view of the latest schedule version: its terms and its rows (renumbered
    from 1, balances recomputed from the principal parts)."""
    terms = terms_from_json(data)
    balance = terms.principal
    engine_rows = []
    for k, row in enumerate(sorted(rows, key=lambda r: r.number), start=1):
        balance -= row.principal
        engine_rows.append(
            Row(k, row.due_date, row.principal, row.interest, row.principal + row.interest, balance)
        )
    total_interest = sum((row.interest for row in rows), ZERO)
    return Schedule(
        terms=terms,
        rows=tuple(engine_rows),
        installment_amount=Decimal(data["installment_amount"]),
        total_interest=total_interest,
        total_fees=ZERO,
        total_cost=total_interest,
        apr=Decimal(data.get("apr", "0")),
    )


def renumbered(schedule: Schedule, offset: int) -> tuple[Row, ...]:
    return tuple(replace(row, number=row.number + offset) for row in schedule.rows)


# --- Installments for the replay and the payoff quote ----------------------------------------


def slot_of(installment: Installment) -> Slot:
    return Slot(
        key=installment.pk,
        number=installment.number,
        due_date=installment.due_date,
        fees=installment.fees,
        interest=installment.interest,
        principal=installment.principal,
        fees_paid=installment.fees_paid,
        interest_paid=installment.interest_paid,
        principal_paid=installment.principal_paid,
        settled_on=installment.settled_on,
    )
