"""Schemathesis fuzzes every operation of the OpenAPI schema, in-process, as an adviser, a
staff member and a participant: whatever the input, valid for the schema or not, the API
never answers a server error.

Path parameters point at real records of the audit's world (Amina's), so the commands run
their validation and services on live objects instead of stopping at a 404. The world is not
reset between examples: later examples meet the records earlier ones changed (a loan paid
off, an application submitted), which is more states, not fewer.

Schemathesis' own pytest plugin (``schemathesis.pytest.from_fixture``) does not run under
pytest 9 (it writes ``Function._nodeid``, which pytest 9 removed), so the operations are
walked here with Hypothesis directly: ``operation.as_strategy()`` per generation mode.
"""

import os
import secrets

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error

# Examples per operation, persona and mode: enough to find the crashes of a bad input, few
# enough that three personas over ~70 operations stay well under a minute. Raise it locally
# (API_FUZZ_EXAMPLES=100) for a deeper search.
EXAMPLES = int(os.environ.get("API_FUZZ_EXAMPLES", "4"))
CSRF = secrets.token_hex(16)  # 32 characters: a valid unmasked CSRF secret


@pytest.fixture(scope="session")
def api_schema(django_db_setup, django_db_blocker):
    from incubator.wsgi import application

    # drf-spectacular may touch the database while it builds the schema.
    with django_db_blocker.unblock():
        return schemathesis.openapi.from_wsgi("/api/schema/", application)


@pytest.fixture
def in_process():
    """Keep the test's database connection across the WSGI requests (Django closes it at
    the end of each request; its test client disconnects the same signals)."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def record_ids(world) -> dict[str, dict[str, int]]:
    """The path parameters of each resource (first segment after /api/v1/), on Amina's side."""
    side = world.amina
    return {
        "cohorts": {"id": world.cohort.pk},
        "cooperatives": {"id": side.coop.pk, "day": side.day.pk, "entry": side.entry.pk,
                         "member": side.membership.pk},
        "enrolments": {"id": side.enrolment.pk},
        "follow-ups": {"id": side.follow_up.pk},
        "loan-applications": {"id": side.application.pk},
        "loan-documents": {"id": side.document.pk},
        "loan-products": {"id": world.product.pk},
        "loans": {"id": side.loan.pk, "payment_pk": side.payment.pk},
        "participants": {"id": side.participant.pk},
        "programmes": {"id": world.programme.pk},
        "workshops": {"id": world.workshop.pk},
    }  # fmt: skip


def fuzz(api_schema, client, world, user) -> None:
    """Every operation, POSITIVE then NEGATIVE data, as ``user``; all failures reported."""
    client.force_login(user)
    cookies = {"sessionid": client.cookies["sessionid"].value, "csrftoken": CSRF}
    ids = record_ids(world)
    failures = []
    for result in api_schema.get_all_operations():
        operation = result.ok()
        segment = operation.path.removeprefix("/api/v1/").split("/")[0]
        names = {p.name for p in operation.path_parameters}
        fixed = {name: value for name, value in ids.get(segment, {}).items() if name in names}
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):

            @given(case=operation.as_strategy(mode, path_parameters=fixed))
            @settings(
                max_examples=EXAMPLES,
                deadline=None,
                database=None,
                suppress_health_check=list(HealthCheck),  # a shared world, slow-ish requests
            )
            def run(case):
                case.call_and_validate(
                    cookies=cookies, headers={"X-CSRFToken": CSRF}, checks=[not_a_server_error]
                )

            try:
                run()
            except Exception as error:
                failures.append(f"{operation.label} ({mode.value}): {error}")
    assert not failures, "\n\n".join(failures)


@pytest.mark.django_db
def test_the_api_never_answers_a_server_error_to_an_adviser(api_schema, in_process, client, world):
    fuzz(api_schema, client, world, world.adviser)


@pytest.mark.django_db
def test_the_api_never_answers_a_server_error_to_a_staff_member(
    api_schema, in_process, client, world
):
    fuzz(api_schema, client, world, world.staff)


@pytest.mark.django_db
def test_the_api_never_answers_a_server_error_to_a_participant(
    api_schema, in_process, client, world
):
    fuzz(api_schema, client, world, world.amina_user)
