"""Demo activity of the people side: a past cohort and what became of it, workshops with
attendance, interviews, follow-ups and their outcomes. Idempotent: every row is keyed by its
natural identity (a title and a date, a person and a milestone), so seeding twice adds nothing.

Past activity has fixed dates around the demo programmes; the two upcoming workshops are
placed a few days after the first seeding, so the portal always has something to show.
"""

import datetime
from dataclasses import dataclass

from django.utils import timezone

from incubator.demo import DEMO_PEOPLE, backdated_trail, demo_email, demo_user
from incubator.models import (
    Attendance,
    Cohort,
    Enrolment,
    FollowUp,
    Funder,
    Interview,
    Participant,
    PartnerOrganisation,
    Programme,
    User,
    Workshop,
)
from incubator.services import audit_record
from incubator.services.followups import follow_up_record_outcome, follow_ups_create_due

P = Participant
Outcome = FollowUp.Outcome
MENTIONS = {
    "Fonds Asile, Migration et Intégration (FAMI/AMIF)": "Cofinancé par l’Union européenne",
    "Ville de Paris": "Avec le soutien de la Ville de Paris",
}
EU_FUNDS = ("Fonds Asile, Migration et Intégration (FAMI/AMIF)",)  # print the European flag
PLACE = "Maison des associations, 15 passage Ruelle, Paris 18e"


@dataclass(frozen=True)
class Alumnus:
    first_name: str
    last_name: str
    gender: str
    born: datetime.date
    nationality: str
    languages: tuple[str, ...]
    status: str
    household: int
    ended: str  # "completed" or a dropout reason
    ended_on: datetime.date
    # outcomes by milestone: (outcome, business legal form, business date, sector)
    outcomes: dict[int, tuple[str, str, datetime.date | None, str]]


AUTUMN_END = datetime.date(2025, 12, 19)
ALUMNI = [
    Alumnus("Zeynab", "Ahmadi", P.Gender.FEMALE, datetime.date(1984, 5, 3), "AF", ("fa",),
            P.ResidenceStatus.REFUGEE, 4, "completed", AUTUMN_END,
            {3: (Outcome.STILL_LOOKING, "", None, ""),
             6: (Outcome.BUSINESS_CREATED, "micro", datetime.date(2026, 5, 4), "food")}),
    Alumnus("Awa", "Traoré", P.Gender.FEMALE, datetime.date(1999, 8, 12), "ML", ("bm", "fr"),
            P.ResidenceStatus.REFUGEE, 2, "completed", AUTUMN_END,
            {3: (Outcome.TRAINING, "", None, ""), 6: (Outcome.EMPLOYMENT, "", None, "")}),
    Alumnus("Hiwet", "Tesfay", P.Gender.FEMALE, datetime.date(1976, 1, 22), "ER", ("ti", "ar"),
            P.ResidenceStatus.SUBSIDIARY_PROTECTION, 5, "completed", AUTUMN_END,
            {3: (Outcome.BUSINESS_CREATED, "cooperative", datetime.date(2026, 2, 2), "textile"),
             6: (Outcome.BUSINESS_CREATED, "cooperative", datetime.date(2026, 2, 2), "textile")}),
    Alumnus("Rania", "Saleh", P.Gender.FEMALE, datetime.date(2006, 10, 30), "SY", ("ar",),
            P.ResidenceStatus.FAMILY_REUNIFICATION, 6, "completed", AUTUMN_END,
            {3: (Outcome.STILL_LOOKING, "", None, "")}),
    Alumnus("Ahmed", "Yusuf", P.Gender.MALE, datetime.date(1968, 3, 9), "SD", ("ar", "en"),
            P.ResidenceStatus.REFUGEE, 1, "employment", datetime.date(2025, 11, 14),
            {3: (Outcome.EMPLOYMENT, "", None, ""), 6: (Outcome.EMPLOYMENT, "", None, "")}),
    Alumnus("Parwin", "Karimi", P.Gender.FEMALE, datetime.date(1991, 12, 1), "AF", ("ps", "fa"),
            P.ResidenceStatus.ASYLUM_SEEKER, 3, "moved", datetime.date(2025, 10, 10),
            {3: (Outcome.MOVED_AWAY, "", None, ""), 6: (Outcome.UNREACHABLE, "", None, ""),
             12: (Outcome.MOVED_AWAY, "", None, "")}),
]  # fmt: skip

SPRING_WORKSHOPS = [
    ("Accueil et présentation du parcours", datetime.date(2026, 3, 3), (10, 12), "ar"),
    ("Étude de marché : qui sont mes clients ?", datetime.date(2026, 3, 17), (14, 17), "ar"),
    ("Hygiène alimentaire (HACCP)", datetime.date(2026, 4, 7), (9, 12), ""),
    ("Fixer ses prix", datetime.date(2026, 4, 21), (14, 17), "ar"),
    ("Micro-entreprise ou coopérative ?", datetime.date(2026, 5, 12), (14, 16), "fa"),
    ("Tenir une comptabilité simple", datetime.date(2026, 6, 2), (10, 12), "ar"),
]
AUTUMN_WORKSHOPS = [
    ("Accueil et présentation du parcours", datetime.date(2025, 9, 2), (10, 12), "fa"),
    ("Fixer ses prix", datetime.date(2025, 10, 7), (14, 17), ""),
    ("Tenir une comptabilité simple", datetime.date(2025, 11, 18), (10, 12), "ar"),
]
UPCOMING = [
    ("Déclarer son chiffre d’affaires à l’URSSAF", 4, (14, 16), "ar"),
    ("Rencontre avec une banque solidaire", 11, (10, 12), ""),
]


def _at(day: datetime.date, hour: int) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, 0)))


def _workshop(programme: Programme, cohort: Cohort | None, title: str, day: datetime.date,
              hours: tuple[int, int], interpreter: str) -> Workshop:  # fmt: skip
    workshop, _ = Workshop.objects.get_or_create(
        programme=programme,
        cohort=cohort,
        title=title,
        defaults={
            "starts_at": _at(day, hours[0]),
            "ends_at": _at(day, hours[1]),
            "place": PLACE,
            "facilitator": "Sophie Martin",
            "language": "fr",
            "needs_interpreter": bool(interpreter),
            "interpreter_language": interpreter,
            "needs_childcare": title.startswith(("Accueil", "Hygiène")),
            "needs_transport": title.startswith("Accueil"),
        },
    )
    return workshop


def _mark(workshop: Workshop, people: list[Participant], salt: int) -> None:
    """A believable pattern: mostly present, now and then excused or absent."""
    staff = demo_user("staff")
    for i, person in enumerate(people):
        code = (i * 3 + salt * 5) % 11
        status = "absent" if code == 0 else "excused" if code == 4 else "present"
        Attendance.objects.get_or_create(
            workshop=workshop,
            participant=person,
            defaults={"status": status, "recorded_by": staff},
        )


def seed_activity() -> None:
    staff = demo_user("staff")
    for name, mention in MENTIONS.items():
        Funder.objects.filter(name=name, acknowledgement="").update(acknowledgement=mention)
    Funder.objects.filter(name__in=EU_FUNDS, eu_emblem=False).update(eu_emblem=True)

    spring = Cohort.objects.get(name="Printemps 2026")
    spring_people = [
        Participant.objects.get(first_name=p.first_name, last_name=p.last_name) for p in DEMO_PEOPLE
    ]
    for k, (title, day, hours, interpreter) in enumerate(SPRING_WORKSHOPS):
        workshop = _workshop(spring.programme, spring, title, day, hours, interpreter)
        _mark(workshop, spring_people, k)
    today = timezone.localdate()
    for title, days, hours, interpreter in UPCOMING:
        _workshop(spring.programme, None, title, today + datetime.timedelta(days=days), hours,
                  interpreter)  # fmt: skip

    for person in spring_people:
        Interview.objects.get_or_create(
            participant=person,
            held_on=datetime.date(2026, 3, 10),
            defaults={
                "staff": staff,
                "notes": "Premier entretien : parcours, projet, besoins (garde d’enfants, "
                "transport).",
                "next_steps": "Préparer une première liste de clients possibles.",
                "next_date": datetime.date(2026, 4, 14),
            },
        )
    amina = spring_people[0]
    Interview.objects.get_or_create(
        participant=amina,
        held_on=datetime.date(2026, 4, 14),
        defaults={
            "staff": staff,
            "notes": "Le projet de traiteur avance : trois recettes testées au marché.",
            "next_steps": "Chiffrer le matériel ; demander un devis pour un microcrédit.",
            "next_date": datetime.date(2026, 5, 19),
        },
    )

    _seed_next_cohort(staff)
    _seed_past_cohort(staff)
    follow_ups_create_due()
    _record_outcomes(staff)


APPLIED = datetime.date(2026, 11, 10)
APPLICANTS = [
    ("Leila", "Haidari", P.Gender.FEMALE, datetime.date(1995, 2, 8), "AF", ("fa", "en"), "A1"),
    ("Moussa", "Camara", P.Gender.MALE, datetime.date(2003, 7, 19), "GN", ("fr", "ff"), "B2"),
    ("Tsehay", "Alemu", P.Gender.FEMALE, datetime.date(1981, 11, 27), "ET", ("am",), "A0"),
]


def _seed_next_cohort(staff: User) -> None:
    """Next year's programme: a first cohort with three people waiting for a decision."""
    programme, created = Programme.objects.get_or_create(
        name="Tremplin 2027",
        defaults={
            "description": "Deuxième année : cuisine, couture et services, Paris 18e–19e.",
            "start_date": datetime.date(2027, 1, 1),
            "end_date": datetime.date(2027, 12, 31),
        },
    )
    if created:
        programme.funders.set(Funder.objects.filter(name__in=MENTIONS))
    cohort, _ = Cohort.objects.get_or_create(
        programme=programme,
        name="Printemps 2027",
        defaults={
            "start_date": datetime.date(2027, 1, 11),
            "end_date": datetime.date(2027, 5, 28),
            "capacity": 8,
            "lead_staff": staff,
        },
    )
    partner = PartnerOrganisation.objects.get(name="Association Accueil Solidaire")
    for first, last, gender, born, country, languages, level in APPLICANTS:
        person, created = Participant.objects.get_or_create(
            first_name=first,
            last_name=last,
            defaults={
                "gender": gender,
                "date_of_birth": born,
                "nationality": country,
                "languages": list(languages),
                "french_level": level,
                "residence_status": P.ResidenceStatus.REFUGEE,
                "permit_expiry": datetime.date(2036, 9, 1),
                "arrival_date": datetime.date(2025, 6, 1),
                "household_size": 2,
                "referring_partner": partner,
                "email": f"{first}.{last}@example.org".lower(),
                "consent_text_version": "2026-01",
                "consent_given_at": _at(APPLIED, 10),
            },
        )
        if created:
            audit_record(subject=person, actor=staff, action="participant_created")
            enrolment = Enrolment.objects.create(
                participant=person, cohort=cohort, applied_on=APPLIED
            )
            backdated_trail(enrolment, [("enrolment_created", "", "applied", APPLIED)])


def _seed_past_cohort(staff: User) -> None:
    programme, created = Programme.objects.get_or_create(
        name="Tremplin 2025",
        defaults={
            "description": "Première promotion : cuisine et couture, Paris 18e.",
            "start_date": datetime.date(2025, 1, 1),
            "end_date": datetime.date(2025, 12, 31),
        },
    )
    if created:
        programme.funders.set(Funder.objects.filter(name__in=MENTIONS))
    autumn, _ = Cohort.objects.get_or_create(
        programme=programme,
        name="Automne 2025",
        defaults={
            "start_date": datetime.date(2025, 9, 1),
            "end_date": AUTUMN_END,
            "capacity": 10,
            "lead_staff": staff,
        },
    )
    partner = PartnerOrganisation.objects.get(name="CADA Paris 19e")
    people = []
    for alumnus in ALUMNI:
        person, created = Participant.objects.get_or_create(
            first_name=alumnus.first_name,
            last_name=alumnus.last_name,
            defaults={
                "gender": alumnus.gender,
                "date_of_birth": alumnus.born,
                "nationality": alumnus.nationality,
                "languages": list(alumnus.languages),
                "french_level": "A2",
                "residence_status": alumnus.status,
                "permit_expiry": None
                if alumnus.status == P.ResidenceStatus.ASYLUM_SEEKER
                else datetime.date(2029, 3, 31),
                "arrival_date": datetime.date(2023, 4, 1),
                "household_size": alumnus.household,
                "referring_partner": partner,
                "phone": f"06 52 {len(people) + 10} 40 {len(people) + 20}",
                "email": demo_email(alumnus),
                "consent_text_version": "2025-06",
                "consent_given_at": _at(datetime.date(2025, 8, 25), 10),
            },
        )
        people.append(person)
        if not created:
            continue
        audit_record(subject=person, actor=staff, action="participant_created")
        completed = alumnus.ended == "completed"
        enrolment = Enrolment.objects.create(
            participant=person,
            cohort=autumn,
            state="completed" if completed else "dropped",
            applied_on=datetime.date(2025, 8, 25),
            accepted_on=datetime.date(2025, 8, 28),
            started_on=autumn.start_date,
            ended_on=alumnus.ended_on,
            dropout_reason="" if completed else alumnus.ended,
        )
        end_state = "completed" if completed else "dropped"
        backdated_trail(
            enrolment,
            [
                ("enrolment_created", "", "applied", datetime.date(2025, 8, 25)),
                ("enrolment:accepted", "applied", "accepted", datetime.date(2025, 8, 28)),
                ("enrolment:active", "accepted", "active", autumn.start_date),
                (f"enrolment:{end_state}", "active", end_state, alumnus.ended_on),
            ],
        )
    for k, (title, day, hours, interpreter) in enumerate(AUTUMN_WORKSHOPS):
        attending = [p for p, a in zip(people, ALUMNI, strict=True) if a.ended_on >= day]
        _mark(_workshop(programme, autumn, title, day, hours, interpreter), attending, k)


def _record_outcomes(staff: User) -> None:
    for alumnus in ALUMNI:
        for milestone, (outcome, form, started, sector) in alumnus.outcomes.items():
            follow_up = FollowUp.objects.filter(
                enrolment__participant__first_name=alumnus.first_name,
                enrolment__participant__last_name=alumnus.last_name,
                milestone=milestone,
                outcome="",
            ).first()
            if follow_up is None:  # already recorded, or not due yet
                continue
            follow_up_record_outcome(
                follow_up=follow_up,
                actor=staff,
                outcome=outcome,
                contacted_on=min(
                    follow_up.due_on + datetime.timedelta(days=3), timezone.localdate()
                ),
                business={
                    "business_legal_form": form,
                    "business_started_on": started,
                    "business_sector": sector,
                },
            )
