"""Check the repayment ledger now (the nightly beat job runs the same check)."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from loans.services.servicing import reconcile


class Command(BaseCommand):
    help = (
        "Reconcile the loan ledger: allocations equal payments net of reversals, no "
        "installment received more than it asks, nothing allocated to a replaced installment."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        problems = reconcile()
        for problem in problems:
            self.stderr.write(f"loan {problem.loan_id}: {problem.problem}")
        if problems:
            raise CommandError(f"{len(problems)} discrepancies in the loan ledger")
        self.stdout.write(self.style.SUCCESS("The loan ledger reconciles."))
