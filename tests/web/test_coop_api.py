"""The cooperatives API from creation to closing, as a staff member's client would use it."""

import uuid

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from cooperatives.models import Attendance, Cooperative, LedgerEntry

pytestmark = pytest.mark.django_db


def post(client, name, args, body, **extra):
    return client.post(reverse(name, args=args), body, content_type="application/json", **extra)


def test_a_flashcoop_through_the_api_from_creation_to_closing(
    client, staff, coop_programme, amina, participants
):
    client.force_login(staff)
    created = post(
        client,
        "coop-api-list",
        [],
        {
            "name": "Flashcoop API",
            "kind": "flashcoop",
            "sector": "cooking",
            "programme": coop_programme.pk,
            "start_date": "2026-07-10",
            "place": "Paris 19e",
            "lead_staff": staff.pk,
            "capacity": 4,
        },
    )
    assert created.status_code == 201, created.content
    coop = created.json()
    assert (coop["state"], coop["days_count"], coop["last_day"]) == ("planned", 10, "2026-07-22")
    pk = coop["id"]
    days = client.get(reverse("coop-api-days", args=[pk])).json()["results"]
    assert [d["date"] for d in days][-1] == "2026-07-22" and len(days) == 10

    refused = post(
        client, "coop-api-transition", [pk], {"to": "running"}, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert refused.status_code == 400 and refused.json()["code"] == "no_members"

    member_ids = []
    for person in [amina, *participants(1)]:
        added = post(
            client, "coop-api-members", [pk], {"participant": person.pk, "joined_on": "2026-07-10"}
        )
        assert added.status_code == 201, added.content
        member_ids.append(added.json()["id"])
    assert post(client, "coop-api-transition", [pk], {"to": "running"}).status_code == 200

    cells = [{"day": d["id"], "member": m, "hours": "6.50"} for d in days for m in member_ids]
    grid = client.put(
        reverse("coop-api-hours", args=[pk]), {"cells": cells}, content_type="application/json"
    )
    assert grid.json() == {"changed": 20}
    again = client.put(
        reverse("coop-api-hours", args=[pk]), {"cells": cells}, content_type="application/json"
    )
    assert again.json() == {"changed": 0}

    key = str(uuid.uuid4())
    sale = {
        "date": "2026-07-10",
        "product": "Mafé",
        "quantity": "40",
        "unit_price": "9.50",
        "payment_method": "cash",
    }
    first = post(client, "coop-api-sales", [pk], sale, HTTP_IDEMPOTENCY_KEY=key)
    replay = post(client, "coop-api-sales", [pk], sale, HTTP_IDEMPOTENCY_KEY=key)
    assert (first.status_code, replay.status_code) == (201, 200)
    assert first.json()["id"] == replay.json()["id"]
    assert first.json()["amount"] == {"amount": "380.00", "currency": "EUR"}

    receipt = SimpleUploadedFile("t.pdf", b"%PDF-1.4\n%%EOF\n", content_type="application/pdf")
    expense = client.post(
        reverse("coop-api-expenses", args=[pk]),
        {"date": "2026-07-10", "category": "ingredients", "amount": "80.00", "receipt": receipt},
    )
    assert expense.status_code == 201 and expense.json()["receipt"] is True
    wrong = post(client, "coop-api-sales", [pk], {**sale, "quantity": "1", "unit_price": "99.00"})
    reversal = post(
        client, "coop-api-entry-reverse", [pk, wrong.json()["id"]], {"reason": "erreur"}
    )
    assert reversal.json()["amount"]["amount"] == "-99.00"

    sheet = post(
        client,
        "coop-api-cost-sheets",
        [pk],
        {
            "product": "Mafé",
            "yield_quantity": "12",
            "selling_price": "9.50",
            "lines": [
                {"material": "Poulet", "quantity": "2.4", "unit": "kg", "unit_cost": "7.90"},
                {"material": "Riz", "quantity": "1.5", "unit": "kg", "unit_cost": "1.89"},
            ],
        },
    )
    assert sheet.status_code == 201
    assert sheet.json()["figures"]["unit_cost"] == {"amount": "1.82", "currency": "EUR"}

    meeting = post(
        client,
        "coop-api-meetings",
        [pk],
        {
            "date": "2026-07-11",
            "agenda": "Partage",
            "attendees": member_ids,
            "decisions": [{"text": "Parts égales", "votes_for": 2, "split_rule": "equal"}],
        },
    )
    assert meeting.status_code == 201 and meeting.json()["decisions"][0]["adopted"] is True

    assert post(client, "coop-api-transition", [pk], {"to": "closing"}).status_code == 200
    closed = post(client, "coop-api-close", [pk], {})
    assert closed.status_code == 201
    body = closed.json()
    assert body["rule"] == "equal" and body["result"]["amount"] == "300.00"
    assert [s["amount"]["amount"] for s in body["shares"]] == ["150.00", "150.00"]
    statement = client.get(reverse("coop-api-statement", args=[pk, member_ids[0]]) + "?lang=ar")
    assert statement.status_code == 200 and statement.content.startswith(b"%PDF")
    assert post(client, "coop-api-close", [pk], {}).status_code == 400


def test_bad_input_gets_a_message_per_field_and_changes_nothing(client, staff, amina_coop):
    client.force_login(staff)
    response = post(
        client,
        "coop-api-sales",
        [amina_coop.pk],
        {
            "date": "10/07/2026",
            "product": "",
            "quantity": "1.005",
            "unit_price": "-",
            "payment_method": "cheque",
        },
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 400
    assert set(response.json()) >= {"date", "product", "quantity", "unit_price", "payment_method"}
    day = amina_coop.days.first()
    member = amina_coop.memberships.first()
    grid = client.put(
        reverse("coop-api-hours", args=[amina_coop.pk]),
        {"cells": [{"day": day.pk, "member": member.pk, "hours": "6.10"}]},
        content_type="application/json",
    )
    assert grid.status_code == 400 and grid.json()["code"] == "hours_quarter"
    bad_key = post(
        client,
        "coop-api-sales",
        [amina_coop.pk],
        {
            "date": "2026-07-10",
            "product": "x",
            "quantity": "1",
            "unit_price": "1",
            "payment_method": "cash",
        },
        HTTP_IDEMPOTENCY_KEY="not-a-uuid",
    )
    assert bad_key.status_code == 400
    assert not LedgerEntry.objects.exists() and not Attendance.objects.exists()


def test_advisers_read_the_api_but_write_nothing(client, adviser, amina_coop):
    client.force_login(adviser)
    for name in ("coop-api-days", "coop-api-members", "coop-api-hours", "coop-api-sales"):
        assert client.get(reverse(name, args=[amina_coop.pk])).status_code == 200
    assert (
        post(client, "coop-api-transition", [amina_coop.pk], {"to": "closing"}).status_code == 403
    )
    assert Cooperative.objects.get(pk=amina_coop.pk).state == "running"


def test_committee_members_get_no_cooperative(client, committee, amina_coop):
    client.force_login(committee)
    assert client.get(reverse("coop-api-list")).status_code == 403
    assert client.get(reverse("coop-api-detail", args=[amina_coop.pk])).status_code == 403


def test_the_schema_describes_the_cooperative_endpoints(client, staff):
    client.force_login(staff)
    paths = client.get("/api/schema/", HTTP_ACCEPT="application/json").json()["paths"]
    for path in (
        "/api/v1/cooperatives/",
        "/api/v1/cooperatives/{id}/hours/",
        "/api/v1/cooperatives/{id}/close/",
        "/api/v1/cooperatives/{id}/members/{member}/statement/",
    ):
        assert path in paths
