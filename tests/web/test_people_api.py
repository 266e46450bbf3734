"""The people side's API: scoped reads, staff writes, commands as their own endpoints."""

import datetime

import pytest

from incubator.models import Attendance, Enrolment, Participant
from incubator.services.followups import follow_ups_create_due
from tests.factories import CohortFactory, ParticipantFactory
from tests.fixtures_incubator import WorkshopFactory

D = datetime.date


def test_staff_create_and_update_a_participant_advisers_only_read(client, staff, adviser):
    client.force_login(staff)
    created = client.post("/api/v1/participants/", {
        "first_name": "Olena", "last_name": "Kovalenko", "date_of_birth": "1983-09-09",
        "gender": "female", "nationality": "ua", "languages": ["uk", "ru"],
        "french_level": "A2", "residence_status": "other_permit", "consent": True,
    }, content_type="application/json")  # fmt: skip
    assert created.status_code == 201, created.json()
    body = created.json()
    assert (body["nationality"], body["languages"], body["consent_text_version"]) == (
        "UA", ["uk", "ru"], "2026-01"
    )  # fmt: skip
    assert body["consent_given_at"] is not None
    url = f"/api/v1/participants/{body['id']}/"
    assert client.patch(url, {"phone": "07 00 00 00 00"},
                        content_type="application/json").status_code == 200  # fmt: skip
    person = Participant.objects.get()
    assert person.phone == "07 00 00 00 00" and person.consent_given_at is not None

    client.force_login(adviser)
    assert client.get(url).json()["last_name"] == "Kovalenko"
    refused = client.patch(url, {"residence_status": "refugee"}, content_type="application/json")
    assert refused.status_code == 403
    assert Participant.objects.get().residence_status == "other_permit"


def test_a_bad_participant_gets_a_message_per_field(client, staff):
    client.force_login(staff)
    response = client.post("/api/v1/participants/", {
        "first_name": "X", "last_name": "Y", "date_of_birth": "2099-01-01", "gender": "robot",
        "nationality": "XX", "french_level": "Z9", "residence_status": "tourist",
    }, content_type="application/json")  # fmt: skip
    assert response.status_code == 400
    assert set(response.json()) == {
        "date_of_birth", "gender", "nationality", "french_level", "residence_status"
    }  # fmt: skip
    assert not Participant.objects.exists()


def test_the_enrolment_commands_walk_the_workflow_and_refuse_wrong_moves(
    client, staff, adviser, cohort, amina
):
    client.force_login(staff)
    created = client.post("/api/v1/enrolments/", {"participant": amina.pk, "cohort": cohort.pk},
                          content_type="application/json")  # fmt: skip
    assert created.status_code == 201 and created.json()["state"] == "applied"
    pk = created.json()["id"]

    wrong = client.post(f"/api/v1/enrolments/{pk}/complete/", {}, content_type="application/json")
    assert wrong.status_code == 400 and wrong.json()["code"] == "invalid_transition"

    for command, state in [("accept", "accepted"), ("activate", "active")]:
        response = client.post(f"/api/v1/enrolments/{pk}/{command}/", {"on": "2026-03-02"},
                               content_type="application/json")  # fmt: skip
        assert response.status_code == 200 and response.json()["state"] == state

    no_reason = client.post(f"/api/v1/enrolments/{pk}/drop/", {}, content_type="application/json")
    assert no_reason.status_code == 400 and "dropout_reason" in no_reason.json()
    dropped = client.post(f"/api/v1/enrolments/{pk}/drop/",
                          {"dropout_reason": "employment", "reason": "CDI en cuisine"},
                          content_type="application/json")  # fmt: skip
    assert dropped.json()["state"] == "dropped"
    assert dropped.json()["dropout_reason"] == "employment"

    client.force_login(adviser)
    assert client.get(f"/api/v1/enrolments/{pk}/").status_code == 200
    assert client.post(f"/api/v1/enrolments/{pk}/accept/").status_code == 403


def test_accepting_into_a_full_cohort_answers_400_with_the_reason(client, staff, enrol):
    small = CohortFactory(name="Flash", capacity=1, lead_staff=staff)
    enrol(ParticipantFactory(), small, "accepted")
    waiting = enrol(ParticipantFactory(), small, "applied")
    client.force_login(staff)
    response = client.post(f"/api/v1/enrolments/{waiting.pk}/accept/")
    assert response.status_code == 400
    assert response.json()["code"] == "cohort_full"
    assert Enrolment.objects.get(pk=waiting.pk).state == "applied"


def test_attendance_through_the_api_is_idempotent(client, staff, cohort, amina, bilal, enrol):
    enrol(amina, cohort, "active")
    enrol(bilal, cohort, "active")
    workshop = WorkshopFactory(programme=cohort.programme, cohort=cohort)
    client.force_login(staff)
    url = f"/api/v1/workshops/{workshop.pk}/attendance/"
    assert [row["status"] for row in client.get(url).json()] == ["", ""]
    marks = {"marks": [{"participant": amina.pk, "status": "present"},
                       {"participant": bilal.pk, "status": "absent"}]}  # fmt: skip
    for _ in range(2):
        response = client.put(url, marks, content_type="application/json")
        assert response.status_code == 200
    assert Attendance.objects.count() == 2
    assert [row["status"] for row in response.json()] == ["present", "absent"]
    stranger = {"marks": [{"participant": ParticipantFactory().pk, "status": "present"}]}
    refused = client.put(url, stranger, content_type="application/json")
    assert refused.status_code == 400 and refused.json()["code"] == "not_on_roster"


def test_follow_ups_due_and_recording_an_outcome(client, staff, cohort, amina, enrol):
    enrol(amina, cohort, "completed", ended=D(2026, 6, 30))
    follow_ups_create_due(today=D(2027, 1, 1))
    client.force_login(staff)
    due = client.get("/api/v1/follow-ups/due/?until=2026-12-31").json()["results"]
    assert [(row["milestone"], row["due_on"]) for row in due] == [
        (3, "2026-09-30"), (6, "2026-12-30")
    ]  # fmt: skip
    incomplete = client.post(
        f"/api/v1/follow-ups/{due[1]['id']}/outcome/",
        {"outcome": "business_created"},
        content_type="application/json",
    )
    assert incomplete.status_code == 400 and incomplete.json()["code"] == "business_incomplete"
    recorded = client.post(f"/api/v1/follow-ups/{due[1]['id']}/outcome/", {
        "outcome": "business_created", "contacted_on": "2026-11-20", "business_legal_form": "micro",
        "business_started_on": "2026-11-02", "business_sector": "food",
    }, content_type="application/json")  # fmt: skip
    assert recorded.status_code == 200 and recorded.json()["outcome"] == "business_created"
    left = client.get("/api/v1/follow-ups/due/").json()["results"]
    assert [row["milestone"] for row in left] == [3]


def test_the_indicators_answer_in_json_with_their_keys(client, staff, cohort, amina, enrol):
    enrol(amina, cohort, "active")
    client.force_login(staff)
    response = client.get(f"/api/v1/indicators/?programme={cohort.programme_id}")
    assert response.status_code == 200
    lines = {line["key"]: line["value"] for line in response.json()["lines"]}
    assert (lines["participants"], lines["people_female_26_35"], lines["households"]) == (
        "1", "1", "1"
    )  # fmt: skip
    assert response.json()["start"] == "2026-01-01"
    bad = client.get(f"/api/v1/indicators/?programme={cohort.programme_id}"
                     "&start=2026-12-01&end=2026-01-01")  # fmt: skip
    assert bad.status_code == 400 and "end" in bad.json()


@pytest.mark.parametrize("who", ["committee", "bilal_user"])
def test_committee_members_and_participants_get_no_back_office_data(request, client, who, cohort):
    client.force_login(request.getfixturevalue(who))
    for url in ["/api/v1/workshops/", "/api/v1/interviews/", "/api/v1/follow-ups/due/",
                f"/api/v1/indicators/?programme={cohort.programme_id}"]:  # fmt: skip
        assert client.get(url).status_code == 403, url
    for url in ["/api/v1/programmes/", "/api/v1/cohorts/"]:
        assert client.get(url).json()["results"] == [], url


def test_the_schema_documents_the_people_endpoints(client, staff):
    client.force_login(staff)
    paths = client.get("/api/schema/", HTTP_ACCEPT="application/json").json()["paths"]
    for path in [
        "/api/v1/participants/", "/api/v1/participants/{id}/", "/api/v1/programmes/",
        "/api/v1/cohorts/", "/api/v1/enrolments/", "/api/v1/enrolments/{id}/accept/",
        "/api/v1/enrolments/{id}/activate/", "/api/v1/enrolments/{id}/complete/",
        "/api/v1/enrolments/{id}/drop/", "/api/v1/workshops/",
        "/api/v1/workshops/{id}/attendance/", "/api/v1/interviews/",
        "/api/v1/follow-ups/due/", "/api/v1/follow-ups/{id}/outcome/", "/api/v1/indicators/",
    ]:  # fmt: skip
        assert path in paths, path
