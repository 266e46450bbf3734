"""The loans API: the commands as their own endpoints, idempotent payments (Fineract's
convention), refusals in the caller's language, participants kept to their own records, and
list query counts that do not grow with the rows."""

import datetime
import uuid
from decimal import Decimal as D

import pytest

from loans.models import Application, Loan, Payment
from tests.fixtures_loans import (
    application_in,
    applications_for_many,
    at,
    loans_for_many,
    reviewed,
)

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 11, 23)


def key():
    return {"HTTP_IDEMPOTENCY_KEY": uuid.uuid4().hex}


def test_the_commands_are_endpoints_of_the_schema(client, adviser):
    client.force_login(adviser)
    paths = client.get("/api/schema/", HTTP_ACCEPT="application/json").json()["paths"]
    for command in ("submit", "review", "send-to-committee", "approve", "reject", "withdraw",
                    "disburse"):  # fmt: skip
        assert f"/api/v1/loan-applications/{{id}}/{command}/" in paths
    assert "post" in paths["/api/v1/loans/{id}/payments/"]
    assert "/api/v1/loans/{id}/payments/{payment_pk}/reverse/" in paths
    header = paths["/api/v1/loans/{id}/payments/"]["post"]["parameters"]
    assert any(p["name"] == "Idempotency-Key" and p["required"] for p in header)


def test_an_application_walks_to_a_loan_through_the_api(
    client, amina, microcredit, adviser, committee
):
    with at(TODAY):
        client.force_login(adviser)
        created = client.post(
            "/api/v1/loan-applications/",
            {"participant": amina.pk, "product": microcredit.pk, "amount": "1200.00",
             "installments": 12, "purpose": "Machine à coudre"},
            content_type="application/json",
        )  # fmt: skip
        assert created.status_code == 201, created.json()
        pk = created.json()["id"]
        base = f"/api/v1/loan-applications/{pk}"
        assert client.post(f"{base}/submit/").json()["state"] == "submitted"
        review = {"identity_checked": True, "plan_approved": True, "guarantee_covered": True,
                  "monthly_income": "1800.00", "monthly_charges": "900.00",
                  "recommendation": "favourable", "recommendation_note": "Bien"}  # fmt: skip
        body = client.post(f"{base}/review/", review, content_type="application/json").json()
        assert body["state"] == "in_review" and all(i["ok"] for i in body["checklist"])
        assert client.post(f"{base}/send-to-committee/").json()["state"] == "ready_for_committee"
        client.force_login(committee)
        decided = client.post(f"{base}/approve/", {"conditions": "Compte pro"},
                              content_type="application/json")  # fmt: skip
        assert decided.json()["state"] == "approved"
        client.force_login(adviser)
        first = client.post(f"{base}/disburse/", {}, content_type="application/json")
        again = client.post(f"{base}/disburse/", {}, content_type="application/json")
    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json()["id"] == again.json()["id"] and Loan.objects.count() == 1
    assert (first.json()["principal"], first.json()["fees_total"]) == ("1200.00", "60.00")


def test_a_repayment_replayed_with_its_key_answers_from_the_first(client, amina_loan, adviser):
    client.force_login(adviser)
    url = f"/api/v1/loans/{amina_loan.pk}/payments/"
    body = {"amount": "104.08", "value_date": "2026-02-05", "method": "transfer",
            "reference": "VIR-1"}  # fmt: skip
    headers = key()
    first = client.post(url, body, content_type="application/json", **headers)
    again = client.post(url, body, content_type="application/json", **headers)
    assert (first.status_code, again.status_code) == (201, 200)
    assert again["X-Served-From-Cache"] == "true"
    assert first.json() == again.json()
    assert first.json()["allocations"] == [
        {"installment": 1, "fees": "0.00", "interest": "7.45", "principal": "96.63",
         "credit": "0.00"}
    ]  # fmt: skip
    # Same key, other payment; no key at all: refused, nothing recorded.
    other = client.post(url, {**body, "amount": "5.00"}, content_type="application/json",
                        **headers)  # fmt: skip
    assert (other.status_code, other.json()["code"]) == (400, "idempotency_mismatch")
    missing = client.post(url, body, content_type="application/json")
    assert (missing.status_code, missing.json()["code"]) == (400, "idempotency_key")
    bad = client.post(url, {**body, "amount": "10.001"}, content_type="application/json", **key())
    assert bad.status_code == 400 and "amount" in bad.json()
    assert Payment.objects.count() == 1
    # The reversal, also idempotent; a second reversal is a conflict.
    payment = first.json()["id"]
    reverse = f"/api/v1/loans/{amina_loan.pk}/payments/{payment}/reverse/"
    reversed_once = client.post(reverse, {"reason": "Erreur"}, content_type="application/json",
                                **key())  # fmt: skip
    assert reversed_once.status_code == 201 and reversed_once.json()["amount"] == "-104.08"
    twice = client.post(reverse, {"reason": "Erreur"}, content_type="application/json", **key())
    assert twice.status_code == 409
    listed = client.get(url).json()["results"]
    assert [(p["kind"], p["reversed"]) for p in listed] == [
        ("repayment", True), ("reversal", False),
    ]  # fmt: skip


def test_refusals_come_in_the_callers_language(client, amina, microcredit, adviser, committee):
    application = application_in(
        "submitted", participant=amina, product=microcredit, adviser=adviser, today=TODAY
    )
    reviewed(application, committee)
    client.force_login(committee)
    base = f"/api/v1/loan-applications/{application.pk}"
    client.post(f"{base}/send-to-committee/")
    refused = client.post(f"{base}/approve/", {}, content_type="application/json",
                          HTTP_ACCEPT_LANGUAGE="fr")  # fmt: skip
    assert refused.status_code == 400
    assert refused.json()["code"] == "four_eyes"
    assert refused.json()["detail"].startswith("Vous avez examiné cette demande")
    assert Application.objects.get(pk=application.pk).state == "ready_for_committee"


def test_participants_see_only_their_own_and_never_internal_notes(
    client, amina_loan, amina_user, bilal, bilal_user
):
    application = amina_loan.application
    application.committee_notes = "Interne"
    application.save()
    client.force_login(amina_user)
    mine = client.get("/api/v1/loan-applications/").json()["results"]
    assert [a["id"] for a in mine] == [application.pk]
    assert "committee_notes" not in mine[0] and "recommendation_note" not in mine[0]
    detail = client.get(f"/api/v1/loans/{amina_loan.pk}/").json()
    assert len(detail["schedule"]) == 12 and detail["summary"]["outstanding_total"] == "1248.97"
    client.force_login(bilal_user)
    assert client.get("/api/v1/loan-applications/").json()["results"] == []
    assert client.get("/api/v1/loans/").json()["results"] == []
    for url in (
        f"/api/v1/loan-applications/{application.pk}/",
        f"/api/v1/loans/{amina_loan.pk}/",
        f"/api/v1/loans/{amina_loan.pk}/installments/",
        f"/api/v1/loans/{amina_loan.pk}/payments/",
        f"/api/v1/loans/{amina_loan.pk}/documents/",
        f"/api/v1/loan-documents/{amina_loan.documents.get().pk}/",
    ):
        assert client.get(url).status_code == 404, url
    assert client.post(f"/api/v1/loan-applications/{application.pk}/withdraw/").status_code == 404
    # Bilal cannot record a payment anywhere, nor apply for Amina.
    assert client.post(f"/api/v1/loans/{amina_loan.pk}/payments/", {},
                       **key()).status_code == 403  # fmt: skip


def test_staff_have_no_loan_api_but_products(client, staff, amina_loan):
    client.force_login(staff)
    for url in ("/api/v1/loan-applications/", "/api/v1/loans/", "/api/v1/loan-portfolio/",
                f"/api/v1/loans/{amina_loan.pk}/"):  # fmt: skip
        assert client.get(url).status_code == 403, url
    assert client.get("/api/v1/loan-products/").status_code == 200


def test_the_portfolio_api(client, amina_loan, adviser):
    client.force_login(adviser)
    body = client.get("/api/v1/loan-portfolio/?end=2026-02-10").json()
    assert (body["outstanding"], body["par1"], body["par30"]) == ("1200.00", "100.00", "0.00")
    assert body["months"] == [{"month": "2026-01-01", "count": 1, "amount": "1200.00"}]


@pytest.mark.parametrize("rows", [1, 30])
def test_api_lists_answer_in_fixed_queries(
    client, adviser, committee, microcredit, rows, django_assert_max_num_queries
):
    loans = loans_for_many(rows, product=microcredit, adviser=adviser, committee=committee)
    applications_for_many(rows, "submitted", product=microcredit, adviser=adviser)
    client.force_login(adviser)
    # session, user, count, the page (participant, product, adviser, reviewer, decider joined)
    with django_assert_max_num_queries(4):
        assert client.get("/api/v1/loan-applications/").status_code == 200
    # session, user, count, the page (joined, with what is left as a subquery)
    with django_assert_max_num_queries(4):
        assert client.get("/api/v1/loans/").status_code == 200
    loan = loans[0]
    from loans.services import repayments
    from tests.fixtures_loans import new_key

    for _ in range(rows):
        repayments.repayment_post(
            loan=loan, amount=D("1.00"), value_date=datetime.date(2026, 1, 6),
            method="cash", idempotency_key=new_key(), actor=adviser,
            today=datetime.date(2026, 1, 6),
        )  # fmt: skip
    # session, user, the loan (access), count, the page, the reversed ids
    with django_assert_max_num_queries(6):
        assert client.get(f"/api/v1/loans/{loan.pk}/payments/").status_code == 200
    client.force_login(committee)
    # session, user, count, rows, and the reviewers of the page in one query
    with django_assert_max_num_queries(5):
        assert client.get("/loans/committee/").status_code == 200
    assert Application.objects.filter(state="submitted").count() == rows
