"""Demo data of the foundation: one user of each role. Idempotent (keyed by username).

Each app adds its own ``demo.py`` with ``seed()``; ``manage.py seed_demo`` runs them in order.
"""

from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.db import transaction

from incubator.models import User


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
    return DEMO_USERS
