"""Load the demo data of every app, idempotently, and print the demo logins."""

from importlib import import_module
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

# Order matters: loans need participants, cooperatives need cohorts.
DEMO_MODULES = ("incubator.demo", "cooperatives.demo", "loans.demo")


class Command(BaseCommand):
    help = "Load demo data (one user of each role and a story for each feature) and print logins."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--allow-production",
            action="store_true",
            help="Seed even with DEBUG=false (demo accounts have a known password).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEBUG and not options["allow_production"]:
            raise CommandError(
                "Refusing to create demo accounts with a known password while DEBUG is false. "
                "Pass --allow-production for a demo server."
            )
        users = []
        for name in DEMO_MODULES:
            try:
                module = import_module(name)
            except ModuleNotFoundError as exc:
                if exc.name != name:
                    raise
                continue
            result = module.seed()
            if name == "incubator.demo":
                users = result
        self.stdout.write(self.style.SUCCESS("Demo data loaded. Sign in at http://127.0.0.1:8000/"))
        self.stdout.write(f"  {'username':<12} {'password':<15} role")
        for user in users:
            self.stdout.write(
                f"  {user.username:<12} {settings.TREMPLIN_DEMO_PASSWORD:<15} {user.role}"
            )
