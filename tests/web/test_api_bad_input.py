"""Bad input found by fuzzing the API (tests/web/test_api_fuzz.py): each gets a clear 400 in
the caller's language, and nothing changes."""

import pytest

from loans.models import LoanProduct

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "body",
    [
        {"min_amount": "500.00", "max_amount": "100.00"},  # the range upside down
        {"min_amount": "-1.00", "max_amount": "100.00"},
        {"min_installments": 12, "max_installments": 6},
        {"max_installments": 500},
        {"annual_rate": "150.000"},
        {"fee_percent": "100.00"},
        {"guarantee_percent": "101.00"},
        {"fee_fixed": "-5.00"},
    ],
)
def test_a_product_with_impossible_ranges_is_refused_when_created_or_changed(
    client, adviser, microcredit, body
):
    client.force_login(adviser)
    before = list(LoanProduct.objects.values())
    created = client.post(
        "/api/v1/loan-products/",
        {"name": "Microcrédit vert", "min_amount": "300.00", "max_amount": "5000.00", **body},
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="en",
    )
    changed = client.patch(
        f"/api/v1/loan-products/{microcredit.pk}/", body, content_type="application/json"
    )
    assert (created.status_code, changed.status_code) == (400, 400), created.content
    assert created.json()["code"] == "out_of_range"
    assert "Internal" not in created.json()["detail"]
    assert list(LoanProduct.objects.values()) == before


def test_a_product_range_error_is_in_the_callers_language(client, adviser, microcredit):
    client.force_login(adviser)  # Karim reads French
    refused = client.patch(
        f"/api/v1/loan-products/{microcredit.pk}/",
        {"max_amount": "100.00"},
        content_type="application/json",
    )
    assert refused.status_code == 400
    assert refused.json()["detail"] == "Le montant maximum ne peut pas être inférieur au minimum."


# An id no database integer can hold (SQLite raised OverflowError: a 500). Filters treat it
# like any id that does not exist; commands refuse it.
HUGE = 10**30


@pytest.mark.parametrize(
    "url",
    [
        f"/api/v1/loans/?product={HUGE}",
        f"/api/v1/loans/?adviser={HUGE}",
        f"/api/v1/loan-applications/?product={HUGE}",
        f"/api/v1/loan-applications/?adviser={HUGE}",
    ],
)
def test_a_list_filtered_on_an_impossible_id_is_empty(client, adviser, amina_loan, url):
    client.force_login(adviser)
    response = client.get(url)
    assert response.status_code == 200
    assert response.json()["results"] == []


def test_the_portfolio_of_an_impossible_product_counts_no_loan(client, adviser, amina_loan):
    client.force_login(adviser)
    response = client.get(f"/api/v1/loan-portfolio/?product={HUGE}&adviser={HUGE}")
    assert response.status_code == 200 and response.json()["loans"] == 0


def test_the_workshops_page_filtered_on_an_impossible_programme_lists_none(
    client, staff, make_workshop
):
    make_workshop(title="Atelier vente")
    client.force_login(staff)
    response = client.get(f"/people/workshops/?programme={HUGE}&when=all")
    assert response.status_code == 200 and "Atelier vente" not in response.content.decode()


def test_hours_for_an_impossible_day_or_member_are_refused_and_nothing_is_saved(
    client, staff, amina_coop
):
    from cooperatives.models import Attendance

    client.force_login(staff)
    day = amina_coop.days.order_by("date").first()
    member = amina_coop.memberships.first()
    url = f"/api/v1/cooperatives/{amina_coop.pk}/hours/"
    for cell in ({"day": HUGE, "member": member.pk}, {"day": day.pk, "member": HUGE}):
        response = client.put(
            url, {"cells": [{**cell, "hours": "6.00"}]}, content_type="application/json"
        )
        assert response.status_code == 400, response.content
    assert not Attendance.objects.exists()


def test_a_meeting_with_an_impossible_attendee_is_refused_and_not_recorded(
    client, staff, amina_coop
):
    client.force_login(staff)
    response = client.post(
        f"/api/v1/cooperatives/{amina_coop.pk}/meetings/",
        {"date": "2026-07-10", "agenda": "Rôles", "attendees": [HUGE]},
        content_type="application/json",
    )
    assert response.status_code == 400, response.content
    assert not amina_coop.meetings.exists()


def test_a_household_of_nobody_is_refused_and_nothing_is_saved(client, staff, amina):
    size = 0  # the household counts the person themselves (a check constraint)
    from incubator.models import Participant

    client.force_login(staff)
    created = client.post("/api/v1/participants/", {
        "first_name": "Olena", "last_name": "Kovalenko", "date_of_birth": "1983-09-09",
        "gender": "female", "nationality": "UA", "french_level": "A2",
        "residence_status": "other_permit", "household_size": size,
    }, content_type="application/json")  # fmt: skip
    changed = client.patch(
        f"/api/v1/participants/{amina.pk}/", {"household_size": size}, "application/json"
    )
    assert (created.status_code, changed.status_code) == (400, 400)
    assert "household_size" in created.json() and "household_size" in changed.json()
    assert list(Participant.objects.values_list("last_name", "household_size")) == [("Diallo", 3)]


@pytest.mark.parametrize("query", ["end=0001-01-01", "start=0001-01-01&end=0001-02-01"])
def test_a_portfolio_as_of_the_year_one_is_refused(client, adviser, amina_loan, query):
    client.force_login(adviser)
    api = client.get(f"/api/v1/loan-portfolio/?{query}", HTTP_ACCEPT_LANGUAGE="en")
    page = client.get(f"/loans/portfolio/?{query}")
    assert api.status_code == 400 and api.json()["code"] == "date"
    assert page.status_code == 200  # the form shows its error beside the date
    assert page.context["filters"].errors


def test_a_portfolio_ending_before_it_starts_is_refused(client, adviser, amina_loan):
    client.force_login(adviser)
    api = client.get("/api/v1/loan-portfolio/?start=2026-06-01&end=2026-01-01")
    assert api.status_code == 400 and api.json()["code"] == "date"


@pytest.mark.parametrize("period", ["start=0001-01-01", "start=2026-01-01&end=9999-12-31"])
def test_indicators_for_a_period_outside_2000_2100_are_refused(client, staff, programme, period):
    client.force_login(staff)
    query = f"programme={programme.pk}&{period}"
    api = client.get(f"/api/v1/indicators/?{query}")
    page = client.get(f"/people/indicators/?{query}")
    files = [client.get(f"/people/indicators.{kind}?{query}") for kind in ("csv", "pdf")]
    assert api.status_code == 400 and set(api.json()) <= {"start", "end"}
    assert page.status_code == 200 and page.context["form"].errors
    assert [f.status_code for f in files] == [400, 400]


@pytest.mark.parametrize(
    "dates",
    [
        {"kind": "flashcoop", "start_date": "9999-12-31"},
        {"kind": "temporary", "start_date": "9999-06-01", "end_date": "9999-12-31"},
        {"kind": "temporary", "start_date": "0001-01-01", "end_date": "0001-06-30"},
    ],
)
def test_a_cooperative_beyond_the_calendar_is_refused_and_not_created(
    client, staff, coop_programme, dates
):
    from cooperatives.models import Cooperative

    client.force_login(staff)
    response = client.post("/api/v1/cooperatives/", {
        "name": "Flashcoop de l'an 9999", "sector": "cooking", "programme": coop_programme.pk,
        "place": "Paris 19e", "lead_staff": staff.pk, "weekdays": [1, 3], **dates,
    }, content_type="application/json")  # fmt: skip
    assert response.status_code == 400, response.content
    assert response.json()["code"] == "date_range"
    assert not Cooperative.objects.exists()
