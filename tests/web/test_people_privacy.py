"""Bilal never sees Amina's records: not through the portal, not through the API, not by
guessing ids, and not in lists. Each gets their own, and nothing else."""

import datetime

import pytest

from incubator.models import Enrolment
from tests.factories import CohortFactory
from tests.fixtures_incubator import WorkshopFactory, at

D = datetime.date


@pytest.fixture
def two_lives(staff, programme, cohort, amina, bilal, enrol, mark):
    """Amina and Bilal in two cohorts, each with a workshop, a mark and an interview."""
    other = CohortFactory(programme=programme, name="Couture 2026", lead_staff=staff)
    mine = enrol(amina, cohort, "active")
    his = enrol(bilal, other, "active")
    amina_ws = WorkshopFactory(
        programme=programme,
        cohort=cohort,
        title="Atelier d’Amina",
        starts_at=at(D(2026, 3, 10)),
        ends_at=at(D(2026, 3, 10), 12),
    )
    bilal_ws = WorkshopFactory(
        programme=programme,
        cohort=other,
        title="Atelier de Bilal",
        starts_at=at(D(2026, 3, 11)),
        ends_at=at(D(2026, 3, 11), 12),
    )
    mark(amina_ws, {amina: "present"})
    mark(bilal_ws, {bilal: "absent"})
    return mine, his


def test_bilal_reads_only_his_own_record_through_the_api(client, bilal_user, amina, bilal,
                                                          two_lives):  # fmt: skip
    amina_enrolment, bilal_enrolment = two_lives
    client.force_login(bilal_user)
    people = client.get("/api/v1/participants/").json()["results"]
    assert [p["id"] for p in people] == [bilal.pk]
    assert client.get(f"/api/v1/participants/{bilal.pk}/").status_code == 200
    # Amina's record answers exactly like a record that does not exist.
    assert client.get(f"/api/v1/participants/{amina.pk}/").status_code == 404
    assert client.get("/api/v1/participants/999999/").status_code == 404
    enrolments = client.get("/api/v1/enrolments/").json()["results"]
    assert [e["id"] for e in enrolments] == [bilal_enrolment.pk]
    assert client.get(f"/api/v1/enrolments/{amina_enrolment.pk}/").status_code == 404
    # Filters cannot widen the scope.
    assert client.get("/api/v1/participants/?q=Amina").json()["results"] == []
    assert client.get(f"/api/v1/enrolments/?participant={amina.pk}").json()["results"] == []
    # Nor can he change anything, his record included.
    assert client.patch(f"/api/v1/participants/{amina.pk}/", {"phone": "0"},
                        content_type="application/json").status_code == 403  # fmt: skip
    assert client.post(f"/api/v1/enrolments/{amina_enrolment.pk}/drop/",
                       {"dropout_reason": "moved"}).status_code == 403  # fmt: skip
    assert Enrolment.objects.get(pk=amina_enrolment.pk).state == "active"


def test_bilal_sees_only_his_own_pages(client, bilal_user, amina, bilal, two_lives):
    client.force_login(bilal_user)
    for url in [f"/people/participants/{amina.pk}/", "/people/participants/",
                f"/people/participants/{amina.pk}/edit/", "/people/workshops/",
                f"/people/enrolments/{two_lives[0].pk}/move/?to=dropped"]:  # fmt: skip
        assert client.get(url).status_code == 403, url
    profile = client.get("/me/profile/").content.decode()
    assert "Haddad" in profile and "Diallo" not in profile and amina.email not in profile
    workshops = client.get("/me/workshops/").content.decode()
    assert "Atelier de Bilal" in workshops and "Atelier d’Amina" not in workshops
    home = client.get("/me/").content.decode()
    assert "Diallo" not in home


def test_amina_sees_her_workshop_and_her_attendance_not_bilals(client, amina_user, two_lives):
    client.force_login(amina_user)
    workshops = client.get("/me/workshops/").content.decode()
    assert "Atelier d’Amina" in workshops and "Atelier de Bilal" not in workshops
    assert "Présent" in workshops or "Present" in workshops
