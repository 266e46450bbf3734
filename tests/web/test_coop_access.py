"""Bilal sees nothing of Amina's cooperative, by page or API; Amina sees her cooperative,
her own hours and her own share, never another member's."""

import pytest
from django.urls import reverse

from cooperatives.services import closing, cooperatives


@pytest.fixture
def closed_amina_coop(amina_coop, record_hours, sell, staff):
    record_hours(amina_coop, {m: [6] * 10 for m in amina_coop.memberships.all()})
    sell(amina_coop, "Mafé", "30", "9.00")
    cooperatives.cooperative_transition(cooperative=amina_coop, to="closing", actor=staff)
    closing.cooperative_close(cooperative=amina_coop, actor=staff)
    return amina_coop


def amina_pages(coop, membership):
    return [
        reverse("cooperatives_portal:detail", args=[coop.pk]),
        reverse("cooperatives_portal:days", args=[coop.pk]),
        reverse("cooperatives_portal:statement", args=[coop.pk]),
    ]


def amina_api(coop, membership):
    return [
        reverse("coop-api-detail", args=[coop.pk]),
        reverse("coop-api-days", args=[coop.pk]),
        reverse("coop-api-members", args=[coop.pk]),
        reverse("coop-api-hours", args=[coop.pk]),
        reverse("coop-api-closing", args=[coop.pk]),
        reverse("coop-api-statement", args=[coop.pk, membership.pk]),
    ]


def test_bilal_cannot_reach_amina_cooperative_by_page_or_api(
    client, bilal_user, bilal_coop, closed_amina_coop, amina
):
    coop = closed_amina_coop
    membership = coop.memberships.get(participant=amina)
    client.force_login(bilal_user)
    for url in amina_pages(coop, membership) + amina_api(coop, membership):
        response = client.get(url)
        assert response.status_code == 404, url  # as if it did not exist
        assert b"Amina" not in response.content and b"Saveurs" not in response.content
    for name in (
        "coop-api-sales",
        "coop-api-expenses",
        "coop-api-cost-sheets",
        "coop-api-meetings",
    ):
        assert client.get(reverse(name, args=[coop.pk])).status_code == 403
    listed = client.get(reverse("coop-api-list")).json()
    assert [c["name"] for c in listed["results"]] == ["Atelier couture"]
    for url in [
        reverse("cooperatives:detail", args=[coop.pk]),
        reverse("cooperatives:hours", args=[coop.pk]),
    ]:
        assert client.get(url).status_code == 403
    home = client.get(reverse("cooperatives_portal:home"), follow=True)
    assert b"Saveurs" not in home.content


def test_bilal_cannot_change_amina_cooperative(client, bilal_user, bilal, amina_coop):
    client.force_login(bilal_user)
    day = amina_coop.days.first()
    member = amina_coop.memberships.first()
    posts = [
        (
            reverse("coop-api-hours", args=[amina_coop.pk]),
            {"cells": [{"day": day.pk, "member": member.pk, "hours": "6"}]},
        ),
        (
            reverse("coop-api-sales", args=[amina_coop.pk]),
            {
                "date": "2026-07-10",
                "product": "x",
                "quantity": "1",
                "unit_price": "1",
                "payment_method": "cash",
            },
        ),
        (reverse("coop-api-close", args=[amina_coop.pk]), {}),
    ]
    for url, body in posts:
        method = client.put if url.endswith("/hours/") else client.post
        assert method(url, body, content_type="application/json").status_code == 403
    assert not member.attendances.exists()


def test_amina_sees_her_cooperative_and_only_her_own_figures(
    client, amina_user, amina, closed_amina_coop
):
    coop = closed_amina_coop
    mine = coop.memberships.get(participant=amina)
    other = coop.memberships.exclude(pk=mine.pk).first()
    client.force_login(amina_user)
    page = client.get(reverse("cooperatives_portal:detail", args=[coop.pk]))
    assert page.status_code == 200 and "Flashcoop Saveurs du monde" in page.content.decode()
    statement = client.get(reverse("cooperatives_portal:statement", args=[coop.pk]))
    assert statement.status_code == 200 and statement["Content-Type"] == "application/pdf"
    hours = client.get(reverse("coop-api-hours", args=[coop.pk])).json()["results"]
    assert {row["member"] for row in hours} == {mine.pk} and len(hours) == 10
    team = client.get(reverse("coop-api-members", args=[coop.pk])).json()["results"]
    assert [m["id"] for m in team] == [mine.pk]
    shares = client.get(reverse("coop-api-closing", args=[coop.pk])).json()["shares"]
    assert [s["membership"] for s in shares] == [mine.pk]
    other_statement = reverse("coop-api-statement", args=[coop.pk, other.pk])
    assert client.get(other_statement).status_code == 404
    assert client.get(reverse("coop-api-statement", args=[coop.pk, mine.pk])).status_code == 200


def test_the_portal_home_opens_the_only_cooperative(client, amina_user, amina_coop):
    client.force_login(amina_user)
    response = client.get(reverse("cooperatives_portal:home"))
    assert response.status_code == 302
    assert response["Location"] == reverse("cooperatives_portal:detail", args=[amina_coop.pk])


def test_a_participant_without_cooperative_gets_a_plain_message(client, bilal_user, bilal):
    client.force_login(bilal_user)
    response = client.get(reverse("cooperatives_portal:home"))
    assert response.status_code == 200
    assert "portal" in response.content.decode()  # the portal layout, not the back office


def test_back_office_users_do_not_use_the_portal_pages(client, staff, amina_coop):
    client.force_login(staff)
    assert (
        client.get(reverse("cooperatives_portal:detail", args=[amina_coop.pk])).status_code == 403
    )


def test_receipts_are_served_to_staff_and_advisers_only_as_downloads(
    client, staff, adviser, amina_user, amina_coop, spend, coop_media
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    entry = spend(
        amina_coop,
        "ingredients",
        "12.00",
        receipt=SimpleUploadedFile("ticket.pdf", b"%PDF-1.4\n%%EOF\n", "application/pdf"),
    )
    url = reverse("cooperatives:receipt", args=[amina_coop.pk, entry.pk])
    for user in (staff, adviser):
        client.force_login(user)
        response = client.get(url)
        assert response.status_code == 200
        assert response["Content-Disposition"].startswith("attachment;")
        assert response["Content-Type"] == "application/pdf"
        assert b"".join(response.streaming_content).startswith(b"%PDF")
    client.force_login(amina_user)
    assert client.get(url).status_code == 403
    client.logout()
    assert client.get(url).status_code == 302
