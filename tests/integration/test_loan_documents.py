"""The loan offer and the receipt: requested, rendered by the task after commit, stored with
their progress, in the reader's language. The PDFs land in build/pdf/ to be looked at."""

import datetime
from decimal import Decimal as D
from pathlib import Path

import pytest

from loans.models import LoanDocument
from loans.services import repayments
from loans.services.documents import document_render, document_request
from tests.fixtures_loans import new_key
from tests.helpers import pdf_text

pytestmark = pytest.mark.django_db
PDF_DIR = Path(__file__).resolve().parents[2] / "build" / "pdf"


def test_the_payout_queues_the_offer_in_the_participants_language(
    amina_loan, django_capture_on_commit_callbacks
):
    offer = LoanDocument.objects.get(loan=amina_loan)
    assert (offer.kind, offer.language, offer.status) == ("offer", "fr", "pending")
    assert offer.key == f"offer:loan-{amina_loan.pk}:fr"


# What each document must say, in the reader's number format: the 1,200.00 € microcredit
# (5 % fee → 1,140.00 paid out, APR 18.62 %, 1,248.97 to repay) and its 150.00 € payment.
SHOWN = {
    "fr": {
        "offer": ["Offre de prêt", "Amina Diallo", "1 140,00 €", "18,62 %", "1 248,97 €"],
        "receipt": ["Reçu de paiement", "150,00 €", "VIR 2026-02", "1 098,97 €"],
    },
    "en": {
        "offer": ["Loan offer", "Amina Diallo", "€1,140.00", "18.62 %", "€1,248.97"],
        "receipt": ["Payment receipt", "€150.00", "VIR 2026-02", "€1,098.97"],
    },
    "ar": {
        "offer": ["Amina Diallo", "1,140.00 €", "18.62 %", "1,248.97 €"],
        "receipt": ["Amina Diallo", "150.00 €", "VIR 2026-02", "1,098.97 €"],
    },
}


@pytest.mark.parametrize("language", ["fr", "ar", "en"])
def test_the_offer_and_a_receipt_render_in_each_language(
    amina_loan, adviser, language, django_capture_on_commit_callbacks
):
    payment = repayments.repayment_post(
        loan=amina_loan, amount=D("150.00"), value_date=datetime.date(2026, 2, 5),
        method="transfer", reference="VIR 2026-02", idempotency_key=new_key(), actor=adviser,
        today=datetime.date(2026, 2, 10),
    ).payment  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        offer = document_request(loan=amina_loan, kind="offer", language=language, actor=adviser)
        receipt = document_request(
            loan=amina_loan, kind="receipt", language=language, payment=payment, actor=adviser
        )
    # The payout queued the French offer already: only what is new is queued.
    assert len(callbacks) == (1 if language == "fr" else 2)
    PDF_DIR.mkdir(parents=True, exist_ok=True)
    for document in (offer, receipt):
        document_render(document_id=document.pk, today=datetime.date(2026, 2, 10))
        document.refresh_from_db()
        assert (document.status, document.progress) == ("ready", 100)
        content = bytes(document.content)
        assert content.startswith(b"%PDF")
        (PDF_DIR / f"loans-{document.kind}-{language}.pdf").write_bytes(content)
        text = pdf_text(content)
        for expected in SHOWN[language][document.kind]:
            assert expected in text, (language, document.kind, expected)
        if language == "ar":
            assert "\ufe8e" in text  # Arabic comes out shaped (presentation forms), not raw


def test_a_document_is_rendered_once_and_a_failed_one_can_be_asked_again(amina_loan, adviser):
    offer = LoanDocument.objects.get(loan=amina_loan)
    assert document_render(document_id=offer.pk) is True
    assert document_render(document_id=offer.pk) is False  # a redelivered task does nothing
    LoanDocument.objects.filter(pk=offer.pk).update(status="failed", error="boom")
    again = document_request(loan=amina_loan, kind="offer", language="fr", actor=adviser)
    assert (again.pk, again.status) == (offer.pk, "pending")
