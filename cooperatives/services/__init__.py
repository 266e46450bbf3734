"""Writes of the cooperatives app, one module per concern.

Every service takes keyword-only arguments, runs in one transaction, locks the cooperative row
it changes (``SELECT ... FOR UPDATE`` on PostgreSQL; SQLite's IMMEDIATE transactions serialize
writers), re-checks the state on that fresh copy, and writes its audit row itself. Refusals
raise ``DomainError`` with a translated message and change nothing.

- ``cooperatives``: create, edit, move through the workflow
- ``calendar``: generate, add, move and cancel activity days
- ``members``: members, hours worked, outcomes after closing
- ``ledger``: sales, expenses, reversals, cost sheets
- ``governance``: meetings, decisions, the split rule
- ``closing``: the split of the result
"""
