"""Pages: staff work through forms; bad input gets a clear message and changes nothing."""

import datetime
import uuid

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from cooperatives.models import Attendance, Cooperative, LedgerEntry


def test_staff_create_a_flashcoop_and_land_on_its_calendar(client, staff, coop_programme):
    client.force_login(staff)
    response = client.post(
        reverse("cooperatives:create"),
        {
            "name": "Flashcoop Été",
            "kind": "flashcoop",
            "sector": "cooking",
            "programme": coop_programme.pk,
            "start_date": "2026-07-10",
            "place": "Paris 19e",
            "capacity": "8",
            "lead_staff": staff.pk,
            "usual_hours": "6",
        },
    )
    coop = Cooperative.objects.get(name="Flashcoop Été")
    assert response.status_code == 302
    assert response["Location"] == reverse("cooperatives:calendar", args=[coop.pk])
    page = client.get(response["Location"]).content.decode()
    assert "vendredi 10 juillet 2026" in page and "mercredi 22 juillet 2026" in page
    assert page.count('class="day-date"') == 10


def test_a_temporary_cooperative_without_weekdays_is_refused_in_the_users_language(
    client, staff, coop_programme
):
    client.force_login(staff)
    staff.language = "en"
    staff.save()
    response = client.post(
        reverse("cooperatives:create"),
        {
            "name": "Atelier",
            "kind": "temporary",
            "sector": "other",
            "sector_label": "",
            "programme": coop_programme.pk,
            "start_date": "2026-09-01",
            "place": "Paris",
            "capacity": "8",
            "lead_staff": staff.pk,
            "usual_hours": "3.5",
        },
    )
    assert response.status_code == 200
    text = response.content.decode()
    assert "A temporary cooperative needs an end date." in text
    assert "Choose the days of the week the cooperative meets." in text
    assert "Name the activity of this cooperative." in text
    assert not Cooperative.objects.exists()


def test_a_bad_cell_in_the_hours_grid_saves_nothing_and_keeps_what_was_typed(
    client, staff, amina_coop
):
    staff.language = "en"
    staff.save()
    client.force_login(staff)
    days = list(amina_coop.days.order_by("date"))
    ms = list(amina_coop.memberships.order_by("pk"))
    data = {f"h-{days[0].pk}-{ms[0].pk}": "6", f"h-{days[0].pk}-{ms[1].pk}": "6.1"}
    response = client.post(reverse("cooperatives:hours_save", args=[amina_coop.pk]), data)
    assert response.status_code == 400
    text = response.content.decode()
    assert "Hours are counted in quarters of an hour (6.1)." in text
    assert 'value="6.1"' in text
    assert not Attendance.objects.exists()
    data[f"h-{days[0].pk}-{ms[1].pk}"] = "6,25"
    response = client.post(reverse("cooperatives:hours_save", args=[amina_coop.pk]), data)
    assert response.status_code == 302
    assert sorted(Attendance.objects.values_list("hours", flat=True)) == [6, 6.25]


def test_a_sale_submitted_twice_is_recorded_once(client, staff, amina_coop):
    client.force_login(staff)
    form = {
        "idempotency_key": str(uuid.uuid4()),
        "date": "2026-07-10",
        "product": "Mafé",
        "quantity": "12",
        "unit_price": "9.50",
        "payment_method": "cash",
        "customer_type": "individual",
    }
    url = reverse("cooperatives:sale_add", args=[amina_coop.pk])
    assert client.post(url, form).status_code == 302
    assert client.post(url, form).status_code == 302
    assert LedgerEntry.objects.get().amount.amount == 114


def test_an_expense_with_a_fake_receipt_is_refused(client, staff, amina_coop, coop_media):
    staff.language = "en"
    staff.save()
    client.force_login(staff)
    response = client.post(
        reverse("cooperatives:expense_add", args=[amina_coop.pk]),
        {
            "idempotency_key": str(uuid.uuid4()),
            "date": "2026-07-10",
            "category": "rent",
            "amount": "150",
            "receipt": SimpleUploadedFile("r.pdf", b"<html>not a pdf"),
        },
    )
    assert response.status_code == 400
    assert "A receipt must be a PDF or a photo" in response.content.decode()
    assert not LedgerEntry.objects.exists()


def test_a_stale_workflow_button_changes_nothing(client, staff, amina_coop):
    client.force_login(staff)
    response = client.post(
        reverse("cooperatives:transition", args=[amina_coop.pk]),
        {"to": "closing", "from": "planned"},
        follow=True,
    )
    assert (
        "Reload the page" in response.content.decode() or "Rechargez" in response.content.decode()
    )
    amina_coop.refresh_from_db()
    assert amina_coop.state == "running"


def test_closing_from_the_page_records_the_split(client, staff, amina_coop, record_hours, sell):
    record_hours(amina_coop, {m: [6] * 10 for m in amina_coop.memberships.all()})
    sell(amina_coop, "Mafé", "30", "10.00", date=datetime.date(2026, 7, 10))
    client.force_login(staff)
    client.post(
        reverse("cooperatives:transition", args=[amina_coop.pk]),
        {"to": "closing", "from": "running"},
    )
    response = client.post(reverse("cooperatives:close", args=[amina_coop.pk]), {"rule": "equal"})
    assert response.status_code == 302
    page = client.get(reverse("cooperatives:closing", args=[amina_coop.pk])).content.decode()
    assert page.count("100,00") >= 3
