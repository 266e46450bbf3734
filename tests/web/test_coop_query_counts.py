"""Lists and the hours grid answer in a number of queries that does not grow with rows.

Each test runs with 1 and with 30 rows under the same budget; the expected queries are
listed in a comment above each budget.
"""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

D = datetime.date


@pytest.fixture(params=[1, 30], ids=["1-row", "30-rows"])
def rows(request):
    return request.param


def test_the_cooperative_list(client, staff, make_coop, rows, django_assert_max_num_queries):
    for k in range(rows):
        make_coop(name=f"Flashcoop {k:02d}")
    client.force_login(staff)
    # session, user, programmes of the filter form, COUNT for the paginator, the page of
    # cooperatives with members/days/first/last day as subqueries (5), + savepoint slack
    with django_assert_max_num_queries(7):
        response = client.get(reverse("cooperatives:list"))
    assert response.status_code == 200
    assert response.content.decode().count("/coops/") >= min(rows, 25)


def test_the_hours_grid(
    client, staff, make_coop, participants, rows, django_assert_max_num_queries, record_hours
):
    coop = make_coop(members=participants(rows), start_running=True)
    record_hours(coop, {m: [6] * 10 for m in coop.memberships.all()})
    client.force_login(staff)
    # session, user, the cooperative, its days, its members with their totals (one GROUP BY),
    # the hours of the days shown
    with django_assert_max_num_queries(7):
        response = client.get(reverse("cooperatives:hours", args=[coop.pk]))
    assert response.status_code == 200
    assert response.content.decode().count('type="number"') == rows * 10


def test_saving_the_hours_grid(
    client, staff, make_coop, participants, rows, django_assert_max_num_queries
):
    coop = make_coop(members=participants(rows), start_running=True)
    days = list(coop.days.order_by("date"))
    data = {f"h-{day.pk}-{m.pk}": "6.5" for m in coop.memberships.all() for day in days}
    client.force_login(staff)
    # session, user, cooperative, grid (days, members, hours), lock, days and members by id,
    # current hours, one INSERT … ON CONFLICT for every cell, audit row, savepoints
    with django_assert_max_num_queries(20):
        response = client.post(reverse("cooperatives:hours_save", args=[coop.pk]), data)
    assert response.status_code == 302
    assert coop.memberships.first().attendances.count() == 10


def test_the_ledger(client, staff, amina_coop, sell, rows, django_assert_max_num_queries):
    for k in range(rows):
        sell(amina_coop, f"Produit {k}", "2", "3.50")
    client.force_login(staff)
    # session, user, cooperative, COUNT, the page with balances (window) and reversal flags,
    # totals, by product, by category
    with django_assert_max_num_queries(9):
        response = client.get(reverse("cooperatives:ledger", args=[amina_coop.pk]))
    assert response.status_code == 200


def test_the_members_page(
    client, staff, make_coop, participants, rows, django_assert_max_num_queries
):
    coop = make_coop(members=participants(rows))
    client.force_login(staff)
    # session, user, cooperative, members with totals, candidates for the add form
    with django_assert_max_num_queries(6):
        response = client.get(reverse("cooperatives:members", args=[coop.pk]))
    assert response.status_code == 200


def test_the_api_lists(client, staff, amina_coop, sell, spend, rows, django_assert_max_num_queries):
    for k in range(rows):
        sell(amina_coop, f"Produit {k}", "1", "2.00")
        spend(amina_coop, "ingredients", "1.00")
    client.force_login(staff)
    # session, user, cooperative, COUNT, page of entries
    for name in ("coop-api-sales", "coop-api-expenses", "coop-api-days", "coop-api-members"):
        with django_assert_max_num_queries(5):
            response = client.get(reverse(name, args=[amina_coop.pk]))
        assert response.status_code == 200, name
    # session, user, COUNT, page of cooperatives with their figures
    with django_assert_max_num_queries(4):
        assert client.get(reverse("coop-api-list")).status_code == 200


def test_the_portal_days(
    client, amina_user, amina, make_coop, rows, django_assert_max_num_queries, record_hours
):
    end = D(2026, 3, 2) + datetime.timedelta(days=7 * rows - 1)
    coop = make_coop(
        kind="temporary",
        start=D(2026, 3, 2),
        end=end,
        weekdays=[0],
        members=[amina],
        start_running=True,
    )
    record_hours(coop, {coop.memberships.get(): [Decimal(3)] * rows})
    client.force_login(amina_user)
    # session, user, membership with cooperative, her hours, the days
    with django_assert_max_num_queries(5):
        response = client.get(reverse("cooperatives_portal:days", args=[coop.pk]))
    assert response.status_code == 200
