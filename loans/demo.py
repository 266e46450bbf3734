"""Demo data of loans: two products, applications in every state, and loans with on-time,
late (over 30 and over 90 days), prepaid and repaid histories, so the arrears list and the
portfolio's PAR have something to show.

Idempotent: each story is keyed by its participant and product. Deterministic: every date is
a fixed offset from the day the demo is loaded (run it under a fixed clock and you get the
same cents, see tests/integration/test_portfolio_demo.py). Everything goes through the
services; only the timestamps of the workflow steps are moved back afterwards, so the
history reads as it would have happened.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone

from incubator.lib.periods import add_months
from incubator.models import AuditEntry, Participant, User
from loans.models import Application, Loan, LoanProduct, Payment
from loans.services import applications as flow
from loans.services import repayments
from loans.services.disbursement import application_disburse
from loans.services.servicing import arrears_update

D = Decimal
MICRO, HONOUR = "Microcrédit professionnel", "Prêt d'honneur"

PRODUCTS = {
    MICRO: {
        "description": "Pour créer ou développer une activité: matériel, stock, local.",
        "min_amount": D("300.00"),
        "max_amount": D("12000.00"),
        "min_installments": 6,
        "max_installments": 48,
        "annual_rate": D("7.450"),
        "method": "declining_equal_installments",
        "frequency": "monthly",
        "fee_percent": D("5.00"),
        "fee_fixed": D("0.00"),
        "max_grace_periods": 3,
        "guarantee_percent": D("50.00"),
    },
    HONOUR: {
        "description": "Prêt personnel sans intérêt ni frais, sans garantie, pour démarrer.",
        "min_amount": D("500.00"),
        "max_amount": D("8000.00"),
        "min_installments": 6,
        "max_installments": 60,
        "annual_rate": D("0.000"),
        "method": "declining_equal_installments",
        "frequency": "monthly",
        "fee_percent": D("0.00"),
        "fee_fixed": D("0.00"),
        "max_grace_periods": 6,
        "guarantee_percent": D("0.00"),
    },
}


@dataclass(frozen=True)
class Story:
    first_name: str
    product: str
    amount: Decimal
    installments: int
    purpose: str
    state: str  # the application's state, or "loan"
    months_ago: int = 0  # the payout, in months before the demo day
    days_ago: int = 0  # ... and days
    paid: int = 0  # installments paid, each on its due date
    prepay: Decimal | None = None  # a partial prepayment after the paid installments
    reversal: bool = False  # one payment recorded, then reversed and recorded again


STORIES = [
    Story("Amina", MICRO, D("3000.00"), 24, "Machine à coudre professionnelle et tissus.",
          "loan", months_ago=8, paid=8),
    Story("Bilal", HONOUR, D("2400.00"), 12, "Stock de départ pour une épicerie fine syrienne.",
          "loan", months_ago=4, days_ago=10, paid=3),
    Story("Fatima", MICRO, D("5000.00"), 36, "Équipement d'un food-truck afghan.",
          "loan", months_ago=7, days_ago=10, paid=3),
    Story("Mariam", MICRO, D("1500.00"), 12, "Matériel de coiffure à domicile.",
          "loan", months_ago=6, days_ago=15, paid=4),
    Story("Nour", HONOUR, D("1200.00"), 6, "Ustensiles pour un service traiteur.",
          "loan", months_ago=9, paid=6, reversal=True),
    Story("Olena", MICRO, D("2000.00"), 12, "Brodeuse numérique pour des broderies sur mesure.",
          "loan", months_ago=3, paid=3, prepay=D("500.00")),
    Story("Samira", MICRO, D("4000.00"), 30, "Four et vitrine pour une pâtisserie soudanaise.",
          "in_review"),
    Story("Yonas", HONOUR, D("1800.00"), 18, "Outils pour un atelier de réparation de vélos.",
          "ready_for_committee"),
    Story("Halima", MICRO, D("2500.00"), 24, "Tables et chaises pour un stand de marché couvert.",
          "approved"),
    Story("Aïssata", HONOUR, D("900.00"), 12, "Machine à tresser et produits capillaires.",
          "submitted"),
    Story("Nour", MICRO, D("9000.00"), 36, "Reprise d’un restaurant.", "rejected"),
]  # fmt: skip


def _backdate(application: Application, moment: datetime.datetime) -> None:
    """Move the workflow's timestamps (and their audit rows) back to ``moment``."""
    Application.objects.filter(pk=application.pk).update(
        created_at=moment,
        submitted_at=moment if application.submitted_at else None,
        reviewed_at=moment if application.reviewed_at else None,
        decided_at=moment if application.decided_at else None,
    )
    AuditEntry.objects.filter(
        subject_type=ContentType.objects.get_for_model(Application), subject_id=application.pk
    ).update(created_at=moment)
    application.refresh_from_db()


def _moment(day: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(9), tzinfo=timezone.get_current_timezone())


def _walk(application: Application, story: Story, adviser: User, committee: User) -> None:
    steps = ["submitted", "in_review", "ready_for_committee", "approved"]
    target = "approved" if story.state in ("loan", "rejected") else story.state
    for step in steps[: steps.index(target) + 1]:
        if step == "submitted":
            flow.application_submit(application=application, actor=adviser)
        elif step == "in_review":
            flow.application_review(
                application=application, actor=adviser, identity_checked=True,
                plan_approved=True, guarantee_covered=True, monthly_income=D("1850.00"),
                monthly_charges=D("950.00"), recommendation="favourable",
                recommendation_note="Projet solide, clientèle déjà constituée.",
            )  # fmt: skip
        elif step == "ready_for_committee":
            flow.application_send_to_committee(application=application, actor=adviser)
        elif step == "approved" and story.state == "rejected":
            flow.application_reject(
                application=application, actor=committee,
                reason="Le montant dépasse ce que le projet peut rembourser aujourd'hui.",
                notes="Revoir avec un prêt d'honneur d'abord.",
            )  # fmt: skip
        elif step == "approved":
            flow.application_approve(
                application=application, actor=committee,
                conditions="Ouvrir un compte bancaire professionnel." if story.product == MICRO
                else "",
            )  # fmt: skip


def _payout(story: Story, today: datetime.date) -> datetime.date:
    return add_months(today, -story.months_ago) - datetime.timedelta(days=story.days_ago)


def _pay(loan: Loan, story: Story, adviser: User, today: datetime.date) -> None:
    key = f"demo-{loan.pk}"
    rows = list(loan.schedule.filter(superseded_by__isnull=True).order_by("due_date")[: story.paid])
    for n, row in enumerate(rows, start=1):
        if row.due_date > today:
            break
        if story.reversal and n == 2:
            wrong = repayments.repayment_post(
                loan=loan, amount=row.total, value_date=row.due_date, method="transfer",
                reference="VIR-REJET", idempotency_key=f"{key}-{n}-bounced", actor=adviser,
                today=row.due_date,
            ).payment  # fmt: skip
            repayments.payment_reverse(
                payment=wrong, actor=adviser, reason="Virement rejeté par la banque.",
                idempotency_key=f"{key}-{n}-reversal", today=row.due_date,
            )  # fmt: skip
        repayments.repayment_post(
            loan=loan, amount=row.total, value_date=row.due_date,
            method="cash" if n % 2 else "transfer", idempotency_key=f"{key}-{n}", actor=adviser,
            today=row.due_date,
        )  # fmt: skip
    if story.prepay and rows:
        on = rows[-1].due_date
        repayments.loan_prepay(
            loan=loan, amount=story.prepay, value_date=on, mode="shorter_term", method="transfer",
            reference="Remboursement anticipé", idempotency_key=f"{key}-prepay", actor=adviser,
            today=on,
        )  # fmt: skip


@transaction.atomic
def seed(today: datetime.date | None = None) -> None:
    today = today or timezone.localdate()
    products = {
        name: LoanProduct.objects.get_or_create(name=name, defaults=terms)[0]
        for name, terms in PRODUCTS.items()
    }
    adviser = User.objects.get(username="adviser")
    committee = User.objects.get(username="committee")
    for story in STORIES:
        participant = Participant.objects.filter(first_name=story.first_name).first()
        product = products[story.product]
        if (
            participant is None
            or Application.objects.filter(participant=participant, product=product).exists()
        ):
            continue
        if participant.permit_expiry is None and story.state not in ("draft", "submitted"):
            continue  # no permit on file: the checklist would (rightly) stop the file
        application = flow.application_create(
            actor=adviser, participant=participant, product=product, amount=story.amount,
            installments=story.installments, purpose=story.purpose,
        )  # fmt: skip
        _walk(application, story, adviser, committee)
        if story.state != "loan":
            continue
        payout = _payout(story, today)
        _backdate(application, _moment(payout))
        loan, _created = application_disburse(
            application=application, actor=adviser, disbursed_on=payout, today=today
        )
        _pay(loan, story, adviser, today)
        for payment in Payment.objects.filter(loan=loan):
            Payment.objects.filter(pk=payment.pk).update(posted_at=_moment(payment.value_date))
    # The nightly job's work, done now so the arrears list is right from the first page.
    arrears_update(today=today)
