"""factory_boy factories. Prefer services for anything with a workflow."""

import factory

from incubator.models import User


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
