"""Writes of loans: every service takes keyword-only arguments, runs in one transaction, writes
its own audit row and enqueues tasks with delay_on_commit.

- ``products``: loan products;
- ``applications``: the application workflow, its review checklist and the committee's
  decision (four eyes);
- ``disbursement``: from an approved application to a loan, its installments and fees;
- ``repayments``: posting and reversing payments (idempotent, under a row lock), the replay
  of allocations, prepayment, early payoff;
- ``servicing``: rescheduling and write-off (committee decisions), arrears, reminders and the
  reconciliation check;
- ``documents``: the offer and receipt PDFs, rendered by a task.
"""
