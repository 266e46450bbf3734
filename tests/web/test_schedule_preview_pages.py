"""The simulate pages: /loans/simulate/ (back office) and /me/loan/simulate/ (participant)."""

from decimal import Decimal
from urllib.parse import urlencode

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

BACK_OFFICE = "/loans/simulate/"
PORTAL = "/me/loan/simulate/"

TERMS = {
    "principal": "5000.00",
    "annual_rate": "7.45",
    "installments": "36",
    "frequency": "monthly",
    "method": "declining_equal_installments",
    "disbursement_date": "2026-01-05",
    "first_due_date": "",
    "grace_periods": "0",
    "fee_percent": "",
    "fee_fixed": "",
    "round_installment_to": "",
}


def query(**changes) -> str:
    return "?" + urlencode({**TERMS, **changes})


@pytest.mark.parametrize("persona", ["adviser", "committee", "staff"])
def test_the_back_office_simulates_with_the_engine(
    client, db, request, persona, django_assert_num_queries
):
    client.force_login(request.getfixturevalue(persona))
    # Queries: the session, the user. A simulation reads and writes nothing else.
    with CaptureQueriesContext(connection) as queries, django_assert_num_queries(2):
        response = client.get(BACK_OFFICE + query())
    assert response.status_code == 200
    assert all(q["sql"].lstrip().upper().startswith("SELECT") for q in queries.captured_queries)
    schedule = response.context["schedule"]
    assert schedule.installment_amount == Decimal("155.42")
    assert (schedule.total_interest, schedule.apr) == (Decimal("594.94"), Decimal("7.71"))
    html = response.content.decode()
    assert html.count('<tr>\n          <td class="num">') == 36  # one table row per installment
    assert "155,42\u00a0€" in html  # French amounts (the personas read French)
    assert "7,71\u00a0%" in html
    assert '<svg class="chart"' in html and 'class="area"' in html


def test_a_participant_simulates_in_the_portal_in_plain_words(client, amina_user):
    client.force_login(amina_user)
    response = client.get(PORTAL + query(installments="12", fee_percent="1"))
    assert response.status_code == 200
    html = response.content.decode()
    schedule = response.context["schedule"]
    assert len(schedule.rows) == 12
    assert schedule.total_fees == Decimal("50.00")
    assert 'data-figure="installment"' in html
    assert "portal/base.html" in [t.name for t in response.templates]


def test_the_participants_page_is_light_on_queries(client, amina_user, django_assert_num_queries):
    client.force_login(amina_user)
    # Queries: the session, the user.
    with django_assert_num_queries(2):
        assert client.get(PORTAL + query()).status_code == 200


def test_an_empty_page_proposes_terms_and_computes_nothing(client, adviser):
    client.force_login(adviser)
    response = client.get(BACK_OFFICE)
    assert response.status_code == 200
    assert "schedule" not in response.context
    assert response.context["form"]["principal"].value() == Decimal("3000.00")


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"installments": "0"}, "installments"),
        ({"installments": "121"}, "installments"),
        ({"annual_rate": "-2"}, "annual_rate"),
        ({"annual_rate": "250"}, "annual_rate"),
        ({"grace_periods": "36"}, "grace_periods"),
        ({"method": "balloon"}, "method"),
        ({"frequency": "daily"}, "frequency"),
        ({"disbursement_date": "2026-02-30"}, "disbursement_date"),
        ({"first_due_date": "2025-12-31"}, "first_due_date"),
        ({"fee_percent": "-1"}, "fee_percent"),
        ({"fee_fixed": "6000"}, "fee_fixed"),
        ({"principal": "0"}, "principal"),
        ({"principal": "abc"}, "principal"),
    ],
)
def test_bad_terms_are_shown_on_their_field(client, adviser, change, field):
    client.force_login(adviser)
    response = client.get(BACK_OFFICE + query(**change))
    assert response.status_code == 200
    form = response.context["form"]
    assert list(form.errors) == [field]
    assert "schedule" not in response.context
    html = response.content.decode()
    assert f'id="id_{field}_error"' in html  # the message sits under its field


def test_the_portal_opens_more_options_when_one_of_them_is_wrong(client, amina_user):
    client.force_login(amina_user)
    html = client.get(PORTAL + query(grace_periods="40")).content.decode()
    assert '<details class="simulate-more" open>' in html


def test_french_decimals_are_understood(client, adviser):
    client.force_login(adviser)
    response = client.get(BACK_OFFICE + query(principal="5000,00", annual_rate="7,45"))
    assert response.context["schedule"].installment_amount == Decimal("155.42")


def test_messages_follow_the_users_language(client, bilal_user):
    client.force_login(bilal_user)  # Arabic
    response = client.get(PORTAL + query(installments="0"))
    message = response.context["form"].errors["installments"][0]
    assert any("\u0600" <= char <= "\u06ff" for char in message)
    assert 'dir="rtl"' in response.content.decode()


@pytest.mark.parametrize(
    ("persona", "url", "status"),
    [
        ("amina_user", BACK_OFFICE, 403),  # participants have their own page
        ("adviser", PORTAL, 403),  # the portal page is the participant's
    ],
)
def test_each_role_has_its_own_page(client, db, request, persona, url, status):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(url + query()).status_code == status


@pytest.mark.parametrize("url", [BACK_OFFICE, PORTAL])
def test_anonymous_visitors_are_sent_to_sign_in(client, db, url):
    response = client.get(url + query())
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_the_menus_lead_to_the_simulator(client, adviser, amina_user):
    client.force_login(adviser)
    assert f'href="{BACK_OFFICE}"' in client.get(BACK_OFFICE).content.decode()
    client.force_login(amina_user)  # from "My loan" (the phone's tab bar keeps five entries)
    assert f'href="{PORTAL}"' in client.get("/me/loan/").content.decode()
