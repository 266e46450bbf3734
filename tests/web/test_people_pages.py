"""The staff's pages: who may open what, and the forms that change things (or refuse)."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from incubator.models import Attendance, AuditEntry, Enrolment, OutboundEmail, Participant, User
from incubator.models import Workshop as WorkshopModel
from incubator.services.followups import follow_ups_create_due
from tests.factories import CohortFactory, ParticipantFactory
from tests.fixtures_incubator import WorkshopFactory, at

D = datetime.date


@pytest.fixture
def pages(cohort, amina, enrol):
    enrolment = enrol(amina, cohort, "completed", ended=D(2026, 6, 30))
    workshop = WorkshopFactory(programme=cohort.programme, cohort=cohort)
    follow_ups_create_due(today=D(2027, 1, 1))
    follow_up = enrolment.follow_ups.first()
    return {
        "list": reverse("people:participants"),
        "person": reverse("people:participant", args=[amina.pk]),
        "programmes": reverse("people:programmes"),
        "programme": reverse("people:programme", args=[cohort.programme_id]),
        "cohort": reverse("people:cohort", args=[cohort.pk]),
        "edit": reverse("people:participant_edit", args=[amina.pk]),
        "new": reverse("people:participant_create"),
        "partners": reverse("people:partners"),
        "funders": reverse("people:funders"),
        "workshops": reverse("people:workshops"),
        "workshop": reverse("people:workshop", args=[workshop.pk]),
        "attendance": reverse("people:attendance", args=[workshop.pk]),
        "sheet": reverse("people:sign_in_sheet", args=[workshop.pk]),
        "follow_ups": reverse("people:follow_ups"),
        "follow_up": reverse("people:follow_up", args=[follow_up.pk]),
        "indicators": reverse("people:indicators"),
        "import": reverse("people:import"),
        "move": reverse("people:enrolment_move", args=[enrolment.pk]) + "?to=dropped",
    }


READ = {"list", "person", "programmes", "programme", "cohort"}


@pytest.mark.parametrize("who", ["staff", "adviser", "committee", "bilal_user"])
def test_staff_run_everything_advisers_read_people_and_others_nothing(request, client, pages, who):
    client.force_login(request.getfixturevalue(who))
    for name, url in pages.items():
        expected = 200
        if (who == "adviser" and name not in READ) or who in ("committee", "bilal_user"):
            expected = 403
        assert client.get(url).status_code == expected, (who, name)


def test_anonymous_visitors_are_sent_to_sign_in(client, pages):
    response = client.get(pages["list"])
    assert response.status_code == 302 and response.url.startswith("/accounts/login/")


def test_advisers_see_facts_but_no_edit_button_and_no_interview_notes(
    client, adviser, staff, amina
):
    from incubator.models import Interview
    from incubator.services.people import record_save

    record_save(instance=Interview(participant=amina, staff=staff, held_on=D(2026, 3, 5),
                                   notes="Situation familiale difficile"), actor=staff)  # fmt: skip
    client.force_login(adviser)
    page = client.get(reverse("people:participant", args=[amina.pk])).content.decode()
    assert "Amina" in page and "Diallo" in page
    assert reverse("people:participant_edit", args=[amina.pk]) not in page
    assert "Situation familiale difficile" not in page
    client.force_login(staff)
    page = client.get(reverse("people:participant", args=[amina.pk])).content.decode()
    assert "Situation familiale difficile" in page


def participant_form(**overrides):
    data = {
        "first_name": "Samira", "last_name": "Benali", "email": "samira@example.org",
        "phone": "06 11 22 33 44", "date_of_birth": "1990-01-17", "gender": "female",
        "nationality": "SD", "languages": ["ar", "fr"], "preferred_language": "ar",
        "french_level": "A0", "residence_status": "refugee", "permit_expiry": "2030-06-30",
        "household_size": "4", "consent": "on", "consent_text_version": "2026-01",
    }  # fmt: skip
    data.update(overrides)
    return data


def test_staff_create_a_participant_with_consent_dated_and_versioned(client, staff):
    client.force_login(staff)
    response = client.post(reverse("people:participant_create"), participant_form())
    person = Participant.objects.get(last_name="Benali")
    assert response.status_code == 302 and response.url == f"/people/participants/{person.pk}/"
    assert (person.nationality, person.languages, person.consent_text_version) == (
        "SD", ["ar", "fr"], "2026-01"
    )  # fmt: skip
    assert abs(person.consent_given_at - timezone.now()) < datetime.timedelta(minutes=1)
    actions = set(AuditEntry.objects.filter(subject_id=person.pk).values_list("action", flat=True))
    assert {"participant_created", "consent_given"} <= actions

    # Unticking consent records a withdrawal; nothing else is lost.
    client.post(reverse("people:participant_edit", args=[person.pk]),
                participant_form(consent=""))  # fmt: skip
    person.refresh_from_db()
    assert person.consent_given_at is None
    assert AuditEntry.objects.filter(subject_id=person.pk, action="consent_withdrawn").exists()


def test_a_bad_participant_form_changes_nothing_and_says_why(client, staff):
    client.force_login(staff)
    response = client.post(
        reverse("people:participant_create"),
        participant_form(nationality="XX", date_of_birth="2090-01-01", languages=["zz"]),
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert set(form.errors) == {"nationality", "date_of_birth", "languages"}
    assert not Participant.objects.exists()


def test_the_portal_invitation_needs_an_email_then_opens_an_account(client, staff):
    person = ParticipantFactory(first_name="Nour", last_name="Al-Khatib", email="",
                                preferred_language="ar")  # fmt: skip
    client.force_login(staff)
    url = reverse("people:invite", args=[person.pk])
    response = client.post(url, follow=True)
    assert [str(m) for m in response.context["messages"]] == [  # Sophie reads French
        "Nour Al-Khatib n’a pas d’adresse e-mail : ajoutez-en une avant d’envoyer une invitation."
    ]
    assert not User.objects.filter(role="participant").exists()

    Participant.objects.filter(pk=person.pk).update(email="nour@example.org")
    client.post(url)
    person.refresh_from_db()
    account = person.user
    assert (account.role, account.language, account.email, account.username) == (
        "participant", "ar", "nour@example.org", "nour"
    )  # fmt: skip
    assert not account.has_usable_password()
    email = OutboundEmail.objects.get()
    assert email.to == "nour@example.org" and email.language == "ar"
    client.post(url)  # sending again reuses the account
    assert User.objects.filter(role="participant").count() == 1
    assert OutboundEmail.objects.count() == 2


def test_dropping_out_on_the_page_asks_for_a_reason(client, staff, cohort, amina, enrol):
    enrolment = enrol(amina, cohort, "active")
    client.force_login(staff)
    url = reverse("people:enrolment_move", args=[enrolment.pk])
    response = client.post(url, {"to": "dropped", "dropout_reason": "", "reason": ""})
    assert response.status_code == 200
    assert "dropout_reason" in response.context["form"].errors
    assert Enrolment.objects.get(pk=enrolment.pk).state == "active"

    response = client.post(url, {"to": "dropped", "dropout_reason": "health", "reason": "",
                                 "next": "/people/participants/"})  # fmt: skip
    assert response.status_code == 302 and response.url == "/people/participants/"
    assert Enrolment.objects.get(pk=enrolment.pk).state == "dropped"


def test_a_full_cohort_refuses_on_the_form_and_changes_nothing(client, staff, enrol):
    small = CohortFactory(name="Flash", capacity=1, lead_staff=staff)
    enrol(ParticipantFactory(), small, "accepted")
    waiting = enrol(ParticipantFactory(), small, "applied")
    client.force_login(staff)
    response = client.post(reverse("people:enrolment_move", args=[waiting.pk]), {"to": "accepted"})
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [  # in Sophie's French
        "Flash est complète (1 place) : plus personne ne peut être accepté·e."
    ]
    assert Enrolment.objects.get(pk=waiting.pk).state == "applied"


def test_the_attendance_grid_saves_and_saving_again_changes_nothing(
    client, staff, cohort, amina, bilal, enrol
):
    enrol(amina, cohort, "active")
    enrol(bilal, cohort, "active")
    workshop = WorkshopFactory(programme=cohort.programme, cohort=cohort)
    client.force_login(staff)
    url = reverse("people:attendance", args=[workshop.pk])
    grid = client.get(url).content.decode()
    assert f'name="p{amina.pk}"' in grid and f'name="p{bilal.pk}"' in grid
    data = {f"p{amina.pk}": "present", f"p{bilal.pk}": "excused"}
    assert client.post(url, data).status_code == 302
    assert client.post(url, data).status_code == 302
    assert dict(Attendance.objects.values_list("participant_id", "status")) == {
        amina.pk: "present", bilal.pk: "excused"
    }  # fmt: skip
    assert AuditEntry.objects.filter(action="attendance_recorded").count() == 1


def test_a_workshop_is_planned_with_a_date_and_two_times(client, staff, cohort):
    client.force_login(staff)
    response = client.post(reverse("people:workshop_create"), {
        "programme": cohort.programme_id, "cohort": cohort.pk, "title": "Fixer ses prix",
        "day": "2026-04-21", "start_time": "14:00", "end_time": "17:00",
        "place": "Maison des associations", "language": "fr", "needs_interpreter": "on",
        "interpreter_language": "ar", "needs_childcare": "on",
    })  # fmt: skip
    assert response.status_code == 302
    workshop = WorkshopModel.objects.get()
    assert (workshop.starts_at, workshop.ends_at) == (
        at(D(2026, 4, 21), 14),
        at(D(2026, 4, 21), 17),
    )
    assert (workshop.needs_interpreter, workshop.interpreter_language) == (True, "ar")


def test_recording_a_business_on_the_page_needs_its_details(client, staff, cohort, amina, enrol):
    enrolment = enrol(amina, cohort, "completed", ended=D(2026, 6, 30))
    follow_ups_create_due(today=D(2027, 1, 1))
    follow_up = enrolment.follow_ups.get(milestone=6)
    client.force_login(staff)
    url = reverse("people:follow_up", args=[follow_up.pk])
    response = client.post(url, {"outcome": "business_created", "contacted_on": "2026-11-20"})
    assert set(response.context["form"].errors) == {
        "business_legal_form", "business_started_on", "business_sector"
    }  # fmt: skip
    response = client.post(
        url,
        {
            "outcome": "business_created",
            "contacted_on": "2026-11-20",
            "business_legal_form": "micro",
            "business_started_on": "2026-11-02",
            "business_sector": "food",
        },
    )
    assert response.status_code == 302
    follow_up.refresh_from_db()
    assert (follow_up.outcome, follow_up.business_sector) == ("business_created", "food")
    due = client.get(reverse("people:follow_ups")).content.decode()
    assert reverse("people:follow_up", args=[follow_up.pk]) not in due


def test_the_participant_timeline_tells_what_happened_in_order(
    client, staff, cohort, amina, enrol, mark
):
    enrol(amina, cohort, "active")
    workshop = WorkshopFactory(
        programme=cohort.programme,
        cohort=cohort,
        title="Fixer ses prix",
        starts_at=at(D(2026, 4, 21), 14),
        ends_at=at(D(2026, 4, 21), 17),
    )
    mark(workshop, {amina: "present"})
    client.force_login(staff)
    response = client.get(reverse("people:participant", args=[amina.pk]))
    titles = [str(event.title) for event in response.context["timeline"]]
    # In Sophie's French; the move to active is dated 2 March (the cohort's start), the
    # workshop 21 April, whatever day staff recorded them.
    assert titles[:2] == ["Atelier « Fixer ses prix »", "A commencé Printemps 2026"]
    assert titles[-1] == "Candidature à Printemps 2026"
