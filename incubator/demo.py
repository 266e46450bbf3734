"""Demo data of the foundation: one user of each role. Idempotent (keyed by username).

Each app adds its own ``demo.py`` with ``seed()``; ``manage.py seed_demo`` runs them in order.
"""

import datetime
import unicodedata
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.utils import timezone

from incubator.models import (
    Cohort,
    Enrolment,
    Funder,
    Participant,
    PartnerOrganisation,
    Programme,
    User,
)
from incubator.services import audit_record


@dataclass(frozen=True)
class DemoUser:
    username: str
    first_name: str
    last_name: str
    role: str
    language: str = "fr"
    email: str = ""


DEMO_USERS = [
    DemoUser("staff", "Sophie", "Martin", User.Role.STAFF, email="sophie.martin@tremplin.test"),
    DemoUser("adviser", "Karim", "Benali", User.Role.ADVISER, email="karim.benali@tremplin.test"),
    DemoUser(
        "committee", "Claire", "Dubois", User.Role.COMMITTEE, email="claire.dubois@tremplin.test"
    ),
    DemoUser(
        "committee2", "Paul", "Lefèvre", User.Role.COMMITTEE, email="paul.lefevre@tremplin.test"
    ),
    DemoUser("amina", "Amina", "Diallo", User.Role.PARTICIPANT, "fr", "amina.diallo@tremplin.test"),
    DemoUser("bilal", "Bilal", "Haddad", User.Role.PARTICIPANT, "ar", "bilal.haddad@tremplin.test"),
]

STAFF_GROUP = "Incubator staff"
STAFF_APPS = ("incubator", "cooperatives")  # staff administer people and cooperatives, not loans


def demo_user(username: str) -> User:
    return User.objects.get(username=username)


@transaction.atomic
def seed() -> list[DemoUser]:
    group, _ = Group.objects.get_or_create(name=STAFF_GROUP)
    group.permissions.set(Permission.objects.filter(content_type__app_label__in=STAFF_APPS))
    for spec in DEMO_USERS:
        user, created = User.objects.get_or_create(
            username=spec.username,
            defaults={
                "first_name": spec.first_name,
                "last_name": spec.last_name,
                "role": spec.role,
                "language": spec.language,
                "email": spec.email,
                "is_staff": spec.role == User.Role.STAFF,
            },
        )
        if created:
            user.set_password(settings.TREMPLIN_DEMO_PASSWORD)
            user.save(update_fields=["password"])
        if spec.role == User.Role.STAFF:
            user.groups.add(group)
    seed_people()
    from incubator import people_demo  # it builds on the people above

    people_demo.seed_activity()
    return DEMO_USERS


@dataclass(frozen=True)
class DemoPerson:
    first_name: str
    last_name: str
    gender: str
    born: datetime.date
    nationality: str
    languages: tuple[str, ...]
    french_level: str
    status: str
    household: int
    partner: str
    username: str = ""
    preferred_language: str = "fr"


PARTNERS = [
    ("CADA Paris 19e", PartnerOrganisation.Kind.ASYLUM_CENTRE),
    ("Association Accueil Solidaire", PartnerOrganisation.Kind.ASSOCIATION),
    ("France Travail Paris Nord", PartnerOrganisation.Kind.EMPLOYMENT_SERVICE),
]

P = Participant
DEMO_PEOPLE = [
    DemoPerson("Amina", "Diallo", P.Gender.FEMALE, datetime.date(1992, 4, 2), "GN", ("fr", "ff"),
               "A2", P.ResidenceStatus.REFUGEE, 3, "CADA Paris 19e", "amina", "fr"),
    DemoPerson("Bilal", "Haddad", P.Gender.MALE, datetime.date(1988, 11, 20), "SY", ("ar",),
               "A1", P.ResidenceStatus.SUBSIDIARY_PROTECTION, 4, "Association Accueil Solidaire",
               "bilal", "ar"),
    DemoPerson("Fatima", "Rahimi", P.Gender.FEMALE, datetime.date(1985, 2, 14), "AF", ("fa", "ps"),
               "A1", P.ResidenceStatus.REFUGEE, 5, "CADA Paris 19e"),
    DemoPerson("Mariam", "Tesfaye", P.Gender.FEMALE, datetime.date(1996, 7, 30), "ER", ("ti", "en"),
               "A2", P.ResidenceStatus.REFUGEE, 1, "Association Accueil Solidaire"),
    DemoPerson("Nour", "Al-Khatib", P.Gender.FEMALE, datetime.date(1979, 12, 5), "SY", ("ar", "en"),
               "B1", P.ResidenceStatus.FAMILY_REUNIFICATION, 6, "France Travail Paris Nord"),
    DemoPerson("Aïssata", "Koné", P.Gender.FEMALE, datetime.date(2001, 3, 21), "ML", ("bm", "fr"),
               "B1", P.ResidenceStatus.ASYLUM_SEEKER, 2, "CADA Paris 19e"),
    DemoPerson("Olena", "Kovalenko", P.Gender.FEMALE, datetime.date(1983, 9, 9), "UA", ("uk", "ru"),
               "A2", P.ResidenceStatus.OTHER_PERMIT, 3, "Association Accueil Solidaire"),
    DemoPerson("Samira", "Benali", P.Gender.FEMALE, datetime.date(1990, 1, 17), "SD", ("ar",),
               "A0", P.ResidenceStatus.REFUGEE, 4, "CADA Paris 19e"),
    DemoPerson("Yonas", "Gebre", P.Gender.MALE, datetime.date(1994, 6, 11), "ET", ("am", "en"),
               "A2", P.ResidenceStatus.REFUGEE, 1, "France Travail Paris Nord"),
    DemoPerson("Halima", "Osman", P.Gender.FEMALE, datetime.date(1987, 10, 3), "SO", ("so", "ar"),
               "A1", P.ResidenceStatus.SUBSIDIARY_PROTECTION, 5, "Association Accueil Solidaire"),
]  # fmt: skip


def demo_email(person: DemoPerson) -> str:
    """``aïssata.koné`` → ``aissata.kone@example.org``: accents dropped, as people type them."""
    name = unicodedata.normalize("NFKD", f"{person.first_name}.{person.last_name}".lower())
    return "".join(c for c in name if not unicodedata.combining(c)) + "@example.org"


def seed_people() -> None:
    """Partners, a programme with its funders, a cohort, and ten participants."""
    partners = {
        name: PartnerOrganisation.objects.get_or_create(name=name, defaults={"kind": kind})[0]
        for name, kind in PARTNERS
    }
    programme, created = Programme.objects.get_or_create(
        name="Tremplin 2026",
        defaults={
            "description": "Cooperatives and microcredit for newcomers, Paris 18e–19e.",
            "start_date": datetime.date(2026, 1, 1),
            "end_date": datetime.date(2026, 12, 31),
        },
    )
    if created:
        programme.funders.set(
            [
                Funder.objects.get_or_create(name=name)[0]
                for name in ("Fonds Asile, Migration et Intégration (FAMI/AMIF)", "Ville de Paris")
            ]
        )
    cohort, _ = Cohort.objects.get_or_create(
        programme=programme,
        name="Printemps 2026",
        defaults={
            "start_date": datetime.date(2026, 3, 2),
            "end_date": datetime.date(2026, 7, 31),
            "capacity": 12,
            "lead_staff": demo_user("staff"),
        },
    )
    for person in DEMO_PEOPLE:
        participant, created = Participant.objects.get_or_create(
            first_name=person.first_name,
            last_name=person.last_name,
            defaults={
                "gender": person.gender,
                "date_of_birth": person.born,
                "nationality": person.nationality,
                "languages": list(person.languages),
                "french_level": person.french_level,
                "residence_status": person.status,
                "permit_expiry": None
                if person.status == Participant.ResidenceStatus.ASYLUM_SEEKER
                else datetime.date(2030, 6, 30),
                "arrival_date": datetime.date(2022, 10, 1),
                "household_size": person.household,
                "referring_partner": partners[person.partner],
                "preferred_language": person.preferred_language,
                "email": demo_email(person),
                "user": demo_user(person.username) if person.username else None,
                "consent_text_version": "2026-01",
                "consent_given_at": datetime.datetime(2026, 2, 15, 10, 0, tzinfo=datetime.UTC),
            },
        )
        if created:
            enrolment = Enrolment.objects.create(
                participant=participant,
                cohort=cohort,
                state=Enrolment.State.ACTIVE,
                applied_on=datetime.date(2026, 2, 15),
                accepted_on=datetime.date(2026, 2, 23),
                started_on=cohort.start_date,
            )
            backdated_trail(
                enrolment,
                [
                    ("enrolment_created", "", "applied", datetime.date(2026, 2, 15)),
                    ("enrolment:accepted", "applied", "accepted", datetime.date(2026, 2, 23)),
                    ("enrolment:active", "accepted", "active", cohort.start_date),
                ],
            )


def backdated_trail(enrolment: Enrolment, moves: list[tuple[str, str, str, datetime.date]]) -> None:
    """Audit rows for demo enrolments, dated when the moves happened (for the timeline)."""
    actor = demo_user("staff")
    for action, from_state, to_state, day in moves:
        entry = audit_record(
            subject=enrolment, actor=actor, action=action, from_state=from_state, to_state=to_state
        )
        moment = timezone.make_aware(datetime.datetime.combine(day, datetime.time(10, 0)))
        type(entry).objects.filter(pk=entry.pk).update(created_at=moment)
