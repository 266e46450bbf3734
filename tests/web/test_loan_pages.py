"""Loan pages through the client: who may open what, the commands as forms, and query counts
that do not grow with the rows."""

import datetime
import re
import uuid
from decimal import Decimal as D

import pytest

from loans.models import LoanDocument, LoanProduct, Payment
from loans.services import repayments
from loans.services.documents import document_render
from tests.fixtures_loans import (
    application_in,
    applications_for_many,
    at,
    loans_for_many,
    new_key,
)

pytestmark = pytest.mark.django_db


def pages(loan):
    return {
        "applications": "/loans/applications/",
        "application": f"/loans/applications/{loan.application_id}/",
        "loans": "/loans/",
        "loan": f"/loans/{loan.pk}/",
        "repay": f"/loans/{loan.pk}/repay/",
        "portfolio": "/loans/portfolio/",
        "committee": "/loans/committee/",
        "reschedule": f"/loans/{loan.pk}/reschedule/",
        "products": "/loans/products/",
    }


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        # Staff see products only: no application, loan, decision or portfolio.
        ("staff", {"applications": 403, "application": 403, "loans": 403, "loan": 403,
                   "repay": 403, "portfolio": 403, "committee": 403, "reschedule": 403,
                   "products": 200}),
        ("adviser", {"applications": 200, "application": 200, "loans": 200, "loan": 200,
                     "repay": 200, "portfolio": 200, "committee": 403, "reschedule": 403,
                     "products": 200}),
        ("committee", {"applications": 200, "application": 200, "loans": 200, "loan": 200,
                       "repay": 403, "portfolio": 200, "committee": 200, "reschedule": 200,
                       "products": 200}),
        ("amina_user", {"applications": 403, "application": 403, "loans": 403, "loan": 403,
                        "repay": 403, "portfolio": 403, "committee": 403, "reschedule": 403,
                        "products": 403}),
    ],
)  # fmt: skip
def test_who_opens_which_back_office_page(client, request, amina_loan, who, expected):
    client.force_login(request.getfixturevalue(who))
    answers = {name: client.get(url).status_code for name, url in pages(amina_loan).items()}
    assert answers == expected


def test_anonymous_visitors_are_sent_to_sign_in(client, amina_loan):
    response = client.get(f"/loans/{amina_loan.pk}/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert client.get(f"/me/loan/{amina_loan.pk}/").status_code == 302


def test_bilal_cannot_see_aminas_application_loan_or_papers(
    client, amina_loan, bilal, bilal_user, adviser
):
    payment = repayments.repayment_post(
        loan=amina_loan, amount=D("104.08"), value_date=datetime.date(2026, 2, 5),
        method="cash", idempotency_key=new_key(), actor=adviser, today=datetime.date(2026, 2, 5),
    ).payment  # fmt: skip
    offer = LoanDocument.objects.get(loan=amina_loan)
    document_render(document_id=offer.pk)
    client.force_login(bilal_user)
    for url in (
        f"/me/loan/{amina_loan.pk}/",
        f"/me/loan/applications/{amina_loan.application_id}/",
        f"/me/loan/applications/{amina_loan.application_id}/edit/",
        f"/me/loan/documents/{offer.pk}/",
        f"/me/loan/documents/{offer.pk}/download/",
    ):
        assert client.get(url).status_code == 404, url
    for url in (
        f"/me/loan/{amina_loan.pk}/documents/",
        f"/me/loan/applications/{amina_loan.application_id}/withdraw/",
        f"/me/loan/applications/{amina_loan.application_id}/submit/",
    ):
        assert client.post(url, {"payment": payment.pk}).status_code == 404, url
    home = client.get("/me/loan/").content.decode()
    assert "Amina" not in home and "1 200,00" not in home
    assert LoanDocument.objects.count() == 1


def test_amina_sees_her_schedule_next_payment_and_offer_but_no_internal_notes(
    client, amina_loan, amina_user, committee
):
    application = amina_loan.application
    application.committee_notes = "Note interne du comité : dossier fragile."
    application.save()
    document_render(document_id=LoanDocument.objects.get(loan=amina_loan).pk)
    client.force_login(amina_user)
    page = client.get(f"/me/loan/{amina_loan.pk}/").content.decode()
    assert "104,08" in page and "1\u202f248,97" in page  # the installment, what is left
    assert page.count('class="loan-due ') == 12
    assert "/download/" in page
    detail = client.get(f"/me/loan/applications/{application.pk}/").content.decode()
    assert "Open a business account." in detail  # the conditions are hers
    assert "Note interne" not in detail and "Note interne" not in page
    offer = LoanDocument.objects.get(loan=amina_loan)
    download = client.get(f"/me/loan/documents/{offer.pk}/download/")
    assert download.status_code == 200 and download["Content-Type"] == "application/pdf"
    assert "no-store" in download["Cache-Control"]


def test_a_repayment_form_posts_once_even_when_sent_twice(client, amina_loan, adviser):
    client.force_login(adviser)
    form = client.get(f"/loans/{amina_loan.pk}/repay/").content.decode()
    key = re.search(r'name="idempotency_key" value="([0-9a-f]{32})"', form).group(1)
    data = {"amount": "104,08", "value_date": "2026-02-05", "method": "cash",
            "reference": "", "idempotency_key": key}  # fmt: skip
    first = client.post(f"/loans/{amina_loan.pk}/repay/", data, follow=True)
    second = client.post(f"/loans/{amina_loan.pk}/repay/", data, follow=True)
    assert Payment.objects.count() == 1
    assert "already recorded" in second.content.decode() or "déjà" in second.content.decode()
    assert first.status_code == second.status_code == 200


def test_a_bounced_prepayment_is_reversed_from_the_loan_page(client, amina_loan, adviser):
    with at(datetime.date(2026, 1, 20)):
        prepaid = repayments.loan_prepay(
            loan=amina_loan, amount=D("200.00"), value_date=datetime.date(2026, 1, 20),
            mode="shorter_term", method="transfer", idempotency_key=uuid.uuid4().hex,
            actor=adviser,
        ).payment  # fmt: skip
    client.force_login(adviser)
    with at(datetime.date(2026, 1, 22)):
        page = client.get(f"/loans/{amina_loan.pk}/").content.decode()
        form = f'action="/loans/{amina_loan.pk}/payments/{prepaid.pk}/reverse/"'
        assert form in page  # a prepayment can be reversed like any payment
        key = re.search(
            rf'name="p{prepaid.pk}-idempotency_key" value="([0-9a-f]{{32}})"', page
        ).group(1)
        done = client.post(
            f"/loans/{amina_loan.pk}/payments/{prepaid.pk}/reverse/",
            {f"p{prepaid.pk}-reason": "Virement rejeté", f"p{prepaid.pk}-idempotency_key": key},
            follow=True,
        )
    assert done.status_code == 200
    html = done.content.decode()
    assert "Paiement annulé" in html and form not in html  # v3, and no second reversal
    assert amina_loan.schedule.filter(superseded_by__isnull=True).count() == 12


def test_a_bad_repayment_gets_a_clear_error_and_changes_nothing(client, amina_loan, adviser):
    client.force_login(adviser)
    data = {"amount": "104,08", "value_date": "2099-01-01", "method": "cash",
            "idempotency_key": uuid.uuid4().hex}  # fmt: skip
    response = client.post(f"/loans/{amina_loan.pk}/repay/", data)
    assert response.status_code == 400
    assert "errorlist" in response.content.decode()
    assert Payment.objects.count() == 0


def test_the_committee_member_who_reviewed_is_told_to_leave_the_decision(
    client, amina, microcredit, adviser, committee
):
    application = application_in(
        "submitted", participant=amina, product=microcredit, adviser=adviser,
        today=datetime.date(2026, 11, 23),
    )  # fmt: skip
    from tests.fixtures_loans import reviewed

    reviewed(application, committee)
    client.force_login(committee)
    client.post(f"/loans/applications/{application.pk}/send/")
    page = client.get(f"/loans/applications/{application.pk}/").content.decode()
    assert 'name="decision" value="approve"' not in page
    response = client.post(f"/loans/applications/{application.pk}/decide/", {"decision": "approve"})
    assert response.status_code == 400
    application.refresh_from_db()
    assert application.state == "ready_for_committee"


def test_the_document_fragment_polls_until_ready(client, amina_loan, adviser):
    offer = LoanDocument.objects.get(loan=amina_loan)
    client.force_login(adviser)
    pending = client.get(f"/loans/documents/{offer.pk}/", HTTP_HX_REQUEST="true")
    assert 'hx-trigger="every 2s"' in pending.content.decode()
    assert "HX-Request" in pending["Vary"]
    document_render(document_id=offer.pk)
    ready = client.get(f"/loans/documents/{offer.pk}/", HTTP_HX_REQUEST="true").content.decode()
    assert "hx-trigger" not in ready and f"/loans/documents/{offer.pk}/download/" in ready
    assert "hx-on" not in ready and "js:" not in ready


def test_the_portfolio_csv_is_safe_from_formula_injection(client, amina_loan, adviser):
    LoanProduct.objects.filter(pk=amina_loan.product_id).update(name='=HYPERLINK("x")')
    client.force_login(adviser)
    response = client.get(f"/loans/portfolio/?format=csv&product={amina_loan.product_id}")
    assert response["Content-Type"].startswith("text/csv")
    body = response.content.decode("utf-8-sig")
    assert "'=HYPERLINK" in body and ",=HYPERLINK" not in body
    assert "PAR30" in body


# --- Query counts (listed per page; they must not grow with the rows) ------------------------


@pytest.mark.parametrize("rows", [1, 30])
def test_the_application_queue_answers_in_fixed_queries(
    client, adviser, microcredit, rows, django_assert_max_num_queries
):
    applications_for_many(rows, "submitted", product=microcredit, adviser=adviser)
    client.force_login(adviser)
    # session, user, tab counts (one aggregate), the page's count, the filter's products and
    # advisers, the page's rows (participant, product, adviser, reviewer, decider joined).
    with django_assert_max_num_queries(7):
        response = client.get("/loans/applications/?state=all")
    assert response.content.decode().count('<td><a href="/loans/applications/') == min(rows, 25)


@pytest.mark.parametrize("rows", [1, 30])
def test_the_loan_list_answers_in_fixed_queries(
    client, adviser, committee, microcredit, rows, django_assert_max_num_queries
):
    loans_for_many(rows, product=microcredit, adviser=adviser, committee=committee)
    client.force_login(adviser)
    # session, user, count, the filter's products and advisers, the rows (participant,
    # product, adviser and application joined; what is left as a correlated subquery).
    with django_assert_max_num_queries(6):
        response = client.get("/loans/")
    assert response.status_code == 200


@pytest.mark.parametrize("payments", [1, 30])
def test_the_schedule_page_answers_in_fixed_queries(
    client, amina, microcredit, adviser, committee, payments, django_assert_max_num_queries
):
    from tests.fixtures_loans import disbursed

    loan = disbursed(participant=amina, product=microcredit, adviser=adviser,
                     committee=committee, installments=48, amount=D("12000.00"))  # fmt: skip
    for k in range(payments):
        repayments.repayment_post(
            loan=loan, amount=D("10.00"), value_date=datetime.date(2026, 1, 6 + k % 20),
            method="cash", idempotency_key=new_key(), actor=adviser,
            today=datetime.date(2026, 2, 1),
        )  # fmt: skip
    client.force_login(adviser)
    # session, user, the loan (participant, product, adviser, application joined), its
    # installments (with the version that replaced them), schedule changes, the credit (one
    # SUM), payments (with their reversals), documents (without their bytes), fees.
    with django_assert_max_num_queries(9):
        page = client.get(f"/loans/{loan.pk}/")
    assert page.content.decode().count("<tr class=") >= 48
    client.force_login(amina.user)
    # session, user, the loan, installments, credit, documents, payments.
    with django_assert_max_num_queries(7):
        assert client.get(f"/me/loan/{loan.pk}/").status_code == 200
