"""The loan offer and payment receipts: requested by a page, rendered by a task.

A document row carries its status and progress, which the loan page polls; the task claims
the row with a conditional UPDATE, so a redelivered task renders nothing twice.
"""

import datetime
from datetime import timedelta
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from incubator.errors import DomainError
from incubator.models import User
from loans import pdf
from loans.models import Loan, LoanDocument, Payment
from loans.selectors import loan_overview

D = LoanDocument
STALE_AFTER = timedelta(minutes=10)  # a render running this long died with its worker


def document_key(*, kind: str, loan: Loan, payment: Payment | None, language: str) -> str:
    target = f"payment-{payment.pk}" if payment is not None else f"loan-{loan.pk}"
    return f"{kind}:{target}:{language}"


@transaction.atomic
def document_request(
    *,
    loan: Loan,
    kind: str,
    language: str,
    actor: User | None,
    payment: Payment | None = None,
) -> LoanDocument:
    """The document for ``loan`` (or ``payment``) in ``language``: the existing one, or a new
    one queued for rendering. A failed one is queued again."""
    from loans import tasks

    if language not in dict(settings.LANGUAGES):
        raise DomainError(_("This language is not available."), code="invalid_language")
    if kind == D.Kind.RECEIPT and (payment is None or payment.loan_id != loan.pk):
        raise DomainError(_("Choose the payment of this loan to print."), code="payment")
    if kind == D.Kind.RECEIPT and payment is not None and payment.kind == Payment.Kind.REVERSAL:
        raise DomainError(_("A reversal has no receipt of its own."), code="payment")
    document, created = LoanDocument.objects.get_or_create(
        key=document_key(kind=kind, loan=loan, payment=payment, language=language),
        defaults={
            "loan": loan,
            "payment": payment if kind == D.Kind.RECEIPT else None,
            "kind": kind,
            "language": language,
            "requested_by": actor,
        },
    )
    if not created and document.status == D.Status.FAILED:
        created = bool(
            LoanDocument.objects.filter(pk=document.pk, status=D.Status.FAILED).update(
                status=D.Status.PENDING, progress=0, error="", updated_at=timezone.now()
            )
        )
        document.status = D.Status.PENDING
    if created:
        tasks.document_render.delay_on_commit(document.pk)
    return document


def _progress(document_id: int, **values: object) -> None:
    LoanDocument.objects.filter(pk=document_id).update(updated_at=timezone.now(), **values)


def document_render(*, document_id: int, today: datetime.date | None = None) -> bool:
    """Render one document at most once; return whether this call rendered it."""
    stale = timezone.now() - STALE_AFTER
    claimed = (
        LoanDocument.objects.filter(pk=document_id)
        .filter(Q(status=D.Status.PENDING) | Q(status=D.Status.RUNNING, updated_at__lt=stale))
        .update(status=D.Status.RUNNING, progress=10, updated_at=timezone.now())
    )
    if not claimed:
        return False
    document = LoanDocument.objects.select_related(
        "loan__participant", "loan__product", "loan__application", "payment__posted_by"
    ).get(pk=document_id)
    try:
        with translation.override(document.language):
            if document.kind == D.Kind.OFFER:
                data = offer_data(document.loan, language=document.language)
                _progress(document_id, progress=40)
                content = pdf.render_offer(data)
            else:
                payment = document.payment
                if payment is None:  # the request service never lets this happen
                    raise ValueError("a receipt without its payment")
                data = receipt_data(payment, language=document.language, today=today)
                _progress(document_id, progress=40)
                content = pdf.render_receipt(data)
    except Exception as exc:
        _progress(document_id, status=D.Status.FAILED, error=str(exc)[:2000])
        raise
    _progress(document_id, status=D.Status.READY, progress=100, content=content, error="")
    return True


# --- The data each PDF shows (queried here; loans.pdf never queries) --------------------------


def offer_data(loan: Loan, *, language: str) -> pdf.OfferData:
    application = loan.application
    rows = list(loan.schedule.filter(created_in__version=1).order_by("number"))
    balance = loan.principal
    schedule = []
    for row in rows:
        balance -= row.principal
        schedule.append(
            pdf.ScheduleLine(row.number, row.due_date, row.principal, row.interest, balance)
        )
    fees = {fee.kind: fee.amount for fee in loan.fees.all()}
    return pdf.OfferData(
        language=language,
        organisation=settings.TREMPLIN_ORGANISATION_NAME,
        reference=loan.reference,
        application_reference=application.reference,
        participant=str(loan.participant),
        address=loan.participant.address,
        product=loan.product.name,
        purpose=application.purpose,
        currency=loan.currency,
        principal=loan.principal,
        annual_rate=loan.annual_rate,
        apr=loan.apr,
        method=loan.get_method_display(),
        frequency=loan.get_frequency_display(),
        installments=loan.installments,
        grace_periods=loan.grace_periods,
        fee_percent_amount=fees.get("percent", Decimal("0.00")),
        fee_fixed_amount=fees.get("fixed", Decimal("0.00")),
        fee_percent=loan.fee_percent,
        net_disbursed=loan.net_disbursed,
        total_interest=loan.total_interest,
        disbursed_on=loan.disbursed_on,
        schedule=tuple(schedule),
        guarantee_percent=application.guarantee_percent,
        guarantee_covered=application.guarantee_covered,
        conditions=application.decision_conditions,
        adviser=str(loan.adviser) if loan.adviser else "",
    )


def receipt_data(
    payment: Payment, *, language: str, today: datetime.date | None = None
) -> pdf.ReceiptData:
    loan = payment.loan
    today = today or timezone.localdate()
    parts = [
        pdf.ReceiptPart(
            number=allocation.installment.number if allocation.installment else None,
            due_date=allocation.installment.due_date if allocation.installment else None,
            fees=allocation.fees,
            interest=allocation.interest,
            principal=allocation.principal,
            credit=allocation.credit,
        )
        for allocation in payment.allocations.filter(active=True)
        .select_related("installment")
        .order_by("installment__due_date", "pk")
    ]
    reversal = Payment.objects.filter(reverses=payment).first()
    overview = loan_overview(loan, today=today, history=False)
    return pdf.ReceiptData(
        language=language,
        organisation=settings.TREMPLIN_ORGANISATION_NAME,
        number=f"R-{payment.pk:06d}",
        loan_reference=loan.reference,
        participant=str(loan.participant),
        currency=loan.currency,
        amount=payment.amount,
        kind=payment.get_kind_display(),
        method=payment.get_method_display(),
        reference=payment.reference,
        value_date=payment.value_date,
        recorded_by=str(payment.posted_by) if payment.posted_by else "",
        parts=tuple(parts),
        reversed_on=reversal.value_date if reversal else None,
        outstanding=overview.outstanding_total,
        credit=overview.credit,
        next_due=overview.next_line.row.due_date if overview.next_line else None,
        next_amount=overview.next_line.remaining if overview.next_line else None,
        issued_on=today,
    )
