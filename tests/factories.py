"""factory_boy factories for the foundation and the people side.

Each feature keeps its own factories and fixtures in ``tests/fixtures_<app>.py`` (registered as
pytest plugins in conftest.py). Prefer services for anything with a workflow.
"""

import datetime

import factory

from incubator.models import Cohort, Funder, Participant, PartnerOrganisation, Programme, User


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    role = User.Role.PARTICIPANT
    language = "fr"
    password = factory.django.Password("secret-pass-123")


class PartnerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PartnerOrganisation
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Partner {n}")
    kind = PartnerOrganisation.Kind.ASSOCIATION


class FunderFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Funder
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Funder {n}")


class ProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Programme

    name = factory.Sequence(lambda n: f"Programme {n}")
    start_date = datetime.date(2026, 1, 1)
    end_date = datetime.date(2026, 12, 31)


class CohortFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Cohort

    programme = factory.SubFactory(ProgrammeFactory)
    name = factory.Sequence(lambda n: f"Cohort {n}")
    start_date = datetime.date(2026, 3, 2)
    end_date = datetime.date(2026, 6, 30)
    capacity = 12
    lead_staff = factory.SubFactory(UserFactory, role=User.Role.STAFF, username="lead-staff")


class ParticipantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Participant

    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    email = factory.LazyAttribute(
        lambda p: f"{p.first_name.lower()}.{p.last_name.lower()}@example.org"
    )
    date_of_birth = datetime.date(1990, 5, 17)
    gender = Participant.Gender.FEMALE
    nationality = "SY"
    languages = factory.LazyFunction(lambda: ["ar", "fr"])
    french_level = Participant.FrenchLevel.A2
    arrival_date = datetime.date(2022, 9, 1)
    residence_status = Participant.ResidenceStatus.REFUGEE
    permit_expiry = datetime.date(2032, 9, 1)
    household_size = 3
