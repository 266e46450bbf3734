"""POST /api/v1/schedule-preview/: the schedule of terms, exact strings, refusals per field."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

URL = "/api/v1/schedule-preview/"

ISSUE_EXAMPLE = {
    "principal": "5000.00",
    "currency": "EUR",
    "annual_rate": "7.45",
    "installments": 36,
    "frequency": "monthly",
    "method": "declining_equal_installments",
    "grace_periods": 0,
    "disbursement_date": "2026-01-05",
    "first_due_date": None,
    "fee_percent": "0",
    "fee_fixed": "0",
}


def post(client, body):
    return client.post(URL, body, content_type="application/json")


def test_the_issue_example_comes_back_to_the_cent(client, adviser, django_assert_num_queries):
    client.force_login(adviser)
    # Queries: the session, the user. Nothing else: the engine is pure and nothing is saved.
    with django_assert_num_queries(2):
        response = post(client, ISSUE_EXAMPLE)
    assert response.status_code == 200
    body = response.json()
    # A = 5000 × i / (1 − (1 + i)^−36), i = 7.45 / 1200: 155.4163 → 155.42 (see the unit
    # tests); the APR without fees is the effective rate (1 + i)^12 − 1 = 7.71 %.
    assert {key: body[key] for key in body if key != "rows"} == {
        "installment_amount": "155.42",
        "total_interest": "594.94",
        "total_fees": "0.00",
        "total_cost": "594.94",
        "apr": "7.71",
    }
    assert len(body["rows"]) == 36
    assert body["rows"][0] == {
        "number": 1,
        "due_date": "2026-02-05",
        "principal": "124.38",
        "interest": "31.04",
        "total": "155.42",
        "balance": "4875.62",
    }
    assert body["rows"][-1] == {
        "number": 36,
        "due_date": "2029-01-05",
        "principal": "154.28",
        "interest": "0.96",
        "total": "155.24",
        "balance": "0.00",
    }


def test_a_small_schedule_with_grace_fees_and_an_irregular_first_period(client, amina_user):
    # Any signed-in user may preview, a participant too. 1000 at 12 %, 3 months, one of grace,
    # first due 20 February (46 days): interest 1000 × 0.12 × 46/365 = 15.12; then the
    # annuity over 2 months, 1000 × 0.01 / (1 − 1.01^−2) = 507.5124… → 507.51:
    # row 2 interest 10.00, principal 497.51 → 502.49; row 3 interest 5.0249 → 5.02,
    # principal 502.49, total 507.51. Fees: 2 % = 20.00 + 5.00 fixed.
    client.force_login(amina_user)
    response = post(
        client,
        {
            **ISSUE_EXAMPLE,
            "principal": "1000.00",
            "annual_rate": "12",
            "installments": 3,
            "grace_periods": 1,
            "first_due_date": "2026-02-20",
            "fee_percent": "2",
            "fee_fixed": "5.00",
        },
    )
    assert response.status_code == 200
    body = response.json()
    assert [
        (r["due_date"], r["principal"], r["interest"], r["total"], r["balance"])
        for r in body["rows"]
    ] == [
        ("2026-02-20", "0.00", "15.12", "15.12", "1000.00"),
        ("2026-03-20", "497.51", "10.00", "507.51", "502.49"),
        ("2026-04-20", "502.49", "5.02", "507.51", "0.00"),
    ]
    assert (body["installment_amount"], body["total_interest"]) == ("507.51", "30.14")
    assert (body["total_fees"], body["total_cost"]) == ("25.00", "55.14")
    # 975.00 received for 15.12 at t = 46/365, 507.51 at 46/365 + 1/12 and 507.51 at
    # 46/365 + 2/12: a bisection on X gives 24.7265 %.
    assert body["apr"] == "24.73"


def test_an_exact_half_cent_is_rounded_up_not_to_even(client, adviser):
    # 120.00 × 7.45 % / 12 = 0.745 exactly: half-up gives 0.75 (DRF's half-even, 0.74).
    client.force_login(adviser)
    body = post(
        client,
        {**ISSUE_EXAMPLE, "principal": "120.00", "installments": 1, "method": "flat"},
    ).json()
    assert body["rows"][0]["interest"] == "0.75"
    assert body["total_interest"] == "0.75"


def test_defaults_apply_to_what_is_left_out(client, adviser):
    client.force_login(adviser)
    body = {
        key: value
        for key, value in ISSUE_EXAMPLE.items()
        if key not in {"currency", "grace_periods", "first_due_date", "fee_percent", "fee_fixed"}
    }
    response = post(client, body)
    assert response.status_code == 200
    assert response.json()["installment_amount"] == "155.42"


BAD_INPUTS = [
    ({"annual_rate": "-1"}, "annual_rate"),
    ({"annual_rate": "100.01"}, "annual_rate"),
    ({"annual_rate": "abc"}, "annual_rate"),
    ({"installments": 0}, "installments"),
    ({"installments": 121}, "installments"),
    ({"grace_periods": 36}, "grace_periods"),
    ({"grace_periods": -1}, "grace_periods"),
    ({"method": "balloon"}, "method"),
    ({"frequency": "daily"}, "frequency"),
    ({"disbursement_date": "2026-13-05"}, "disbursement_date"),
    ({"disbursement_date": "05/01/2026"}, "disbursement_date"),
    ({"disbursement_date": "1899-01-05"}, "disbursement_date"),
    ({"first_due_date": "2026-01-04"}, "first_due_date"),
    ({"first_due_date": "2026-01-05"}, "first_due_date"),
    ({"first_due_date": "2028-01-05"}, "first_due_date"),
    ({"fee_percent": "-1"}, "fee_percent"),
    ({"fee_fixed": "-0.01"}, "fee_fixed"),
    ({"fee_fixed": "5000.00"}, "fee_fixed"),
    ({"principal": "0"}, "principal"),
    ({"principal": "-100.00"}, "principal"),
    ({"principal": "1000000.01"}, "principal"),
    ({"principal": "10.001"}, "principal"),
    ({"currency": "USD"}, "currency"),
    ({"round_installment_to": "3.00"}, "round_installment_to"),
    ({"installments": None}, "installments"),
]


@pytest.mark.parametrize(("change", "field"), BAD_INPUTS)
def test_bad_input_is_refused_with_a_message_on_its_field_and_changes_nothing(
    client, adviser, change, field
):
    client.force_login(adviser)
    with CaptureQueriesContext(connection) as queries:
        response = post(client, {**ISSUE_EXAMPLE, **change})
    assert response.status_code == 400
    body = response.json()
    assert list(body) == [field]
    assert body[field] and all(isinstance(message, str) and message for message in body[field])
    # Only reads (the session and the user): nothing was written.
    assert all(q["sql"].lstrip().upper().startswith("SELECT") for q in queries.captured_queries)


def test_a_missing_field_is_named(client, adviser):
    client.force_login(adviser)
    body = {k: v for k, v in ISSUE_EXAMPLE.items() if k != "principal"}
    response = post(client, body)
    assert response.status_code == 400
    assert list(response.json()) == ["principal"]


def test_an_absurd_apr_is_refused_on_the_fee(client, adviser):
    # 40 % of fees on a loan of one day: (100/60)^365 − 1, beyond a billion percent.
    client.force_login(adviser)
    response = post(
        client,
        {
            **ISSUE_EXAMPLE,
            "installments": 1,
            "fee_percent": "40",
            "first_due_date": "2026-01-06",
        },
    )
    assert response.status_code == 400
    assert list(response.json()) == ["fee_percent"]


def test_messages_are_in_the_users_language(client, adviser, bilal_user):
    client.force_login(adviser)  # French
    body = post(client, {**ISSUE_EXAMPLE, "installments": 0}).json()
    assert body["installments"] == ["Choisissez entre 1 et 120 échéances."]
    client.force_login(bilal_user)  # Arabic
    body = post(client, {**ISSUE_EXAMPLE, "grace_periods": 40}).json()
    assert body["grace_periods"][0] != "The grace periods must be fewer than the installments."
    assert any("\u0600" <= char <= "\u06ff" for char in body["grace_periods"][0])


def test_anonymous_callers_are_refused(client, db):
    assert post(client, ISSUE_EXAMPLE).status_code == 403


def test_the_endpoint_is_described_in_the_schema(client, adviser):
    client.force_login(adviser)
    schema = client.get("/api/schema/", HTTP_ACCEPT="application/json").json()
    operation = schema["paths"]["/api/v1/schedule-preview/"]["post"]
    assert set(operation["responses"]) == {"200", "400"}
    request = operation["requestBody"]["content"]["application/json"]["schema"]["$ref"]
    name = request.rsplit("/", 1)[-1]
    properties = schema["components"]["schemas"][name]["properties"]
    assert {"principal", "annual_rate", "installments", "method", "first_due_date"} <= set(
        properties
    )
