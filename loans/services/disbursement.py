"""From an approved application to a loan: its installments from the engine and its fees.

One transaction, idempotent: the application row is locked and its state re-read, so a
double click (or two advisers at once) pays out once and the second gets the same loan.
"""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from incubator.errors import DomainError
from incubator.models import User
from incubator.services import audit_record, transition
from loans.engine import build_schedule, upfront_fees
from loans.models import (
    Application,
    Loan,
    LoanDocument,
    LoanFee,
    ScheduleChange,
)
from loans.schedules import application_terms, terms_to_json
from loans.selectors import language, permit_explanation
from loans.services.changes import installments_from
from loans.workflows import APPLICATION

S = Application.State


@transaction.atomic
def application_disburse(
    *,
    application: Application,
    actor: User,
    disbursed_on: datetime.date | None = None,
    first_due_date: datetime.date | None = None,
    today: datetime.date | None = None,
) -> tuple[Loan, bool]:
    """Pay out an approved application. Returns the loan and whether this call created it."""
    from loans.services.documents import document_request

    today = today or timezone.localdate()
    current = (
        Application.objects.select_for_update()
        .select_related("participant", "product")
        .get(pk=application.pk)
    )
    if current.state == S.DISBURSED:
        return Loan.objects.get(application=current), False
    disbursed_on = disbursed_on or today
    if disbursed_on > today:
        raise DomainError(_("A payout cannot be dated in the future."), code="future_date")
    if current.decided_at and disbursed_on < timezone.localdate(current.decided_at):
        raise DomainError(
            _("The payout cannot be dated before the committee's approval."), code="too_early"
        )
    try:
        schedule = build_schedule(
            application_terms(
                current, disbursement_date=disbursed_on, first_due_date=first_due_date
            )
        )
    except ValueError as exc:
        raise DomainError(
            _("These terms do not give a valid schedule: %(problem)s") % {"problem": exc},
            code="invalid_terms",
        ) from None
    participant = current.participant
    last_due = schedule.rows[-1].due_date
    if participant.permit_expiry is None or participant.permit_expiry <= last_due:
        raise DomainError(permit_explanation(participant, last_due, language()), code="permit")
    transition(
        instance=current, workflow=APPLICATION, to=S.DISBURSED, actor=actor, action="disbursed"
    )
    fees = upfront_fees(schedule.terms)
    loan = Loan.objects.create(
        application=current,
        participant=participant,
        product=current.product,
        adviser=current.adviser or actor,
        currency=current.currency,
        principal=current.amount,
        annual_rate=current.annual_rate,
        method=current.method,
        frequency=current.frequency,
        installments=current.installments,
        grace_periods=current.grace_periods,
        fee_percent=current.fee_percent,
        fee_fixed=current.fee_fixed,
        fees_total=fees,
        net_disbursed=current.amount - fees,
        apr=schedule.apr,
        total_interest=schedule.total_interest,
        disbursed_on=disbursed_on,
        first_due_date=schedule.rows[0].due_date,
        disbursed_by=actor,
    )
    change = ScheduleChange.objects.create(
        loan=loan,
        version=1,
        kind=ScheduleChange.Kind.DISBURSEMENT,
        effective_date=disbursed_on,
        terms=terms_to_json(schedule),
        created_by=actor,
    )
    installments_from(loan=loan, schedule=schedule, change=change)
    # Upfront fees are kept back from the payout (DESIGN.md: the APR counts P minus fees).
    fixed = current.fee_fixed
    parts = [(LoanFee.Kind.PERCENT, fees - fixed), (LoanFee.Kind.FIXED, fixed)]
    LoanFee.objects.bulk_create(
        [
            LoanFee(loan=loan, kind=kind, amount=amount, charged_on=disbursed_on)
            for kind, amount in parts
            if amount > 0
        ]
    )
    audit_record(subject=loan, actor=actor, action="disbursed", to_state=Loan.State.ACTIVE)
    document_request(
        loan=loan,
        kind=LoanDocument.Kind.OFFER,
        language=participant.preferred_language,
        actor=actor,
    )
    return loan, True
