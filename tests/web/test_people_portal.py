"""The participant's own pages: correct my contact details and language; see my workshops."""

import datetime

from django.utils import timezone

from incubator.models import AuditEntry
from tests.fixtures_incubator import WorkshopFactory, at

D = datetime.date


def test_amina_corrects_her_phone_and_language_but_not_her_residence_data(
    client, amina_user, amina
):
    client.force_login(amina_user)
    page = client.get("/me/profile/").content.decode()
    assert 'name="phone"' in page and 'name="residence_status"' not in page
    response = client.post("/me/profile/", {
        "phone": "06 98 76 54 32", "email": "amina.d@example.org", "address": "3 rue Riquet",
        "preferred_language": "ar",
        # Fields a crafted request might add: ignored, staff own them.
        "residence_status": "asylum_seeker", "permit_expiry": "2040-01-01", "first_name": "X",
    })  # fmt: skip
    assert response.status_code == 302
    amina.refresh_from_db()
    amina_user.refresh_from_db()
    assert (amina.phone, amina.email, amina.preferred_language) == (
        "06 98 76 54 32", "amina.d@example.org", "ar"
    )  # fmt: skip
    assert (amina.residence_status, amina.first_name) == ("refugee", "Amina")
    # Her account follows: e-mails and pages now come in Arabic, to her new address.
    assert (amina_user.language, amina_user.email) == ("ar", "amina.d@example.org")
    assert '<html lang="ar" dir="rtl">' in client.get("/me/profile/").content.decode()
    entry = AuditEntry.objects.get(action="participant_updated_by_self")
    assert entry.actor == amina_user and "phone" in entry.reason


def test_a_bad_email_is_refused_and_nothing_changes(client, amina_user, amina):
    client.force_login(amina_user)
    response = client.post("/me/profile/", {"phone": "1", "email": "not-an-email",
                                            "preferred_language": "fr"})  # fmt: skip
    assert response.status_code == 200 and "email" in response.context["form"].errors
    amina.refresh_from_db()
    assert amina.phone != "1"


def test_my_workshops_show_the_next_ones_with_place_and_time_and_my_past_attendance(
    client, amina_user, amina, cohort, enrol, mark
):
    enrol(amina, cohort, "active")
    soon = timezone.localdate() + datetime.timedelta(days=3)
    WorkshopFactory(programme=cohort.programme, title="Rencontre avec une banque solidaire",
                    place="Maison des associations", starts_at=at(soon, 14),
                    ends_at=at(soon, 16))  # open to the whole programme  # fmt: skip
    past = WorkshopFactory(
        programme=cohort.programme,
        cohort=cohort,
        title="Fixer ses prix",
        starts_at=at(D(2026, 4, 21), 14),
        ends_at=at(D(2026, 4, 21), 17),
    )
    mark(past, {amina: "present"})
    cancelled = WorkshopFactory(programme=cohort.programme, cohort=cohort, title="Annulé",
                                starts_at=at(soon, 10), ends_at=at(soon, 12),
                                cancelled_at=timezone.now())  # fmt: skip
    assert cancelled.cancelled_at
    client.force_login(amina_user)
    response = client.get("/me/workshops/")
    assert [w.title for w, _mark in response.context["upcoming"]] == [
        "Rencontre avec une banque solidaire"
    ]
    assert [(w.title, m.status) for w, m in response.context["past"]] == [
        ("Fixer ses prix", "present")
    ]
    page = response.content.decode()
    assert "Maison des associations" in page and "14:00" in page


def test_the_home_card_points_to_the_next_workshop(client, amina_user, amina, cohort, enrol):
    enrol(amina, cohort, "active")
    soon = timezone.localdate() + datetime.timedelta(days=2)
    WorkshopFactory(programme=cohort.programme, cohort=cohort, title="Comptabilité simple",
                    starts_at=at(soon, 10), ends_at=at(soon, 12))  # fmt: skip
    client.force_login(amina_user)
    page = client.get("/me/").content.decode()
    assert "Comptabilité simple" in page and "/me/workshops/" in page
