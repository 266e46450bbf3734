"""Shared fixtures: personas, service checks, the browser and a real Celery worker.

Services (PostgreSQL, Redis, Chromium) that a test needs and cannot reach make it skip on a
developer's machine, and fail when CI=true: in CI a missing service is never a silent skip.
"""

import datetime
import os
import shutil
import socket
import threading
import uuid
from collections.abc import Iterator
from urllib.parse import urlparse

import pytest

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API runs a loop

# Each feature's fixtures and factories live in their own plugin module.
pytest_plugins = [
    "tests.fixtures_incubator",
    "tests.fixtures_cooperatives",
    "tests.fixtures_loans",
    "tests.fixtures_access",  # the access audit's world: one of every record for Amina and Bilal
]

CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
SCREENSHOTS = os.path.join(os.path.dirname(os.path.dirname(__file__)), "build", "screenshots")


def service_unavailable(message: str) -> None:
    """Skip on a laptop; fail in CI."""
    if CI:
        pytest.fail(f"{message} (CI=true: a missing service is a failure)", pytrace=False)
    pytest.skip(message)


def pytest_configure(config: pytest.Config) -> None:
    from django.conf import settings

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

    # Outside the worker tests, tasks run in-process (after commit, as delay_on_commit says),
    # whether or not a broker is configured: only `celery_worker` talks to a real one.
    from incubator.celery import app

    app.conf.task_always_eager = True


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """PostgreSQL-only tests (row locks, concurrent sessions) are deselected on SQLite.

    They are not skipped: the SQLite run does not claim to cover them, and the PostgreSQL run
    of .ci/run must (there, an unreachable server fails the whole session).
    """
    from django.db import connection

    if connection.vendor == "postgresql":
        return
    keep = [item for item in items if not item.get_closest_marker("postgres")]
    dropped = [item for item in items if item.get_closest_marker("postgres")]
    if dropped:
        config.hook.pytest_deselected(items=dropped)
        items[:] = keep


# --- Personas --------------------------------------------------------------------------------


@pytest.fixture
def staff(db):
    """Sophie runs the programmes; she sees people, not loan decisions."""
    from tests.factories import UserFactory

    return UserFactory(username="sophie", role="staff", first_name="Sophie", is_staff=True)


@pytest.fixture
def adviser(db):
    """Karim reviews applications and posts repayments."""
    from tests.factories import UserFactory

    return UserFactory(username="karim", role="adviser", first_name="Karim")


@pytest.fixture
def committee(db):
    """Claire sits on the credit committee and never reviewed what she decides."""
    from tests.factories import UserFactory

    return UserFactory(username="claire", role="committee", first_name="Claire")


@pytest.fixture
def amina_user(db):
    """Amina's account: a participant who reads French."""
    from tests.factories import UserFactory

    return UserFactory(username="amina", role="participant", first_name="Amina", language="fr")


@pytest.fixture
def bilal_user(db):
    """Bilal's account: another participant, in Arabic; he must see nothing of Amina's."""
    from tests.factories import UserFactory

    return UserFactory(username="bilal", role="participant", first_name="Bilal", language="ar")


@pytest.fixture
def amina(amina_user):
    """Amina Diallo, from Guinea, reads French; her record, linked to her account."""
    from tests.factories import ParticipantFactory

    return ParticipantFactory(
        user=amina_user,
        first_name="Amina",
        last_name="Diallo",
        nationality="GN",
        preferred_language="fr",
        date_of_birth=datetime.date(1992, 4, 2),
    )


@pytest.fixture
def bilal(bilal_user):
    """Bilal Haddad, from Syria, reads Arabic; must never see Amina's records."""
    from tests.factories import ParticipantFactory

    return ParticipantFactory(
        user=bilal_user,
        first_name="Bilal",
        last_name="Haddad",
        nationality="SY",
        gender="male",
        preferred_language="ar",
        date_of_birth=datetime.date(1988, 11, 20),
    )


# --- Browser ---------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not shutil.which(CHROMIUM) and not os.path.exists(CHROMIUM):
        service_unavailable(f"Chromium not found at {CHROMIUM}")
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ],
    }


@pytest.fixture
def screenshot_dir() -> str:
    os.makedirs(SCREENSHOTS, exist_ok=True)
    return SCREENSHOTS


# --- A real Celery worker --------------------------------------------------------------------


def _reachable(url: str) -> bool:
    parsed = urlparse(url)
    default_port = {"redis": 6379, "rediss": 6379, "amqp": 5672, "pyamqp": 5672}.get(parsed.scheme)
    try:
        with socket.create_connection(
            (parsed.hostname or "127.0.0.1", parsed.port or default_port), 2
        ):
            return True
    except OSError:
        return False


def forget_broker_state(app) -> None:
    """Drop what the app cached from the previous configuration (pool, queues, router)."""
    app._pool = None
    app.__dict__.pop("amqp", None)


@pytest.fixture
def celery_worker(transactional_db) -> Iterator[object]:
    """A real worker thread consuming over the broker (CELERY_BROKER_URL, else local Redis).

    Each test gets its own queue, so no stale message from another run can reach it, and the
    worker's database connection is closed after every task so the test database can be
    flushed and dropped.
    """
    from celery.contrib.testing.worker import start_worker
    from celery.signals import task_postrun
    from django.db import connections

    from incubator.celery import app

    broker = os.environ.get("CELERY_BROKER_URL") or "redis://127.0.0.1:6379/0"
    if not _reachable(broker):
        service_unavailable(f"Celery broker unreachable at {broker}")

    def close_connections(**kwargs: object) -> None:
        if threading.current_thread() is not threading.main_thread():
            connections.close_all()

    queue = f"tremplin-test-{uuid.uuid4().hex[:8]}"
    saved = {
        key: app.conf[key] for key in ("broker_url", "task_always_eager", "task_default_queue")
    }
    app.conf.update(broker_url=broker, task_always_eager=False, task_default_queue=queue)
    forget_broker_state(app)
    task_postrun.connect(close_connections, weak=False)
    try:
        with start_worker(app, pool="solo", perform_ping_check=False, queues=[queue]):
            yield app
    finally:
        task_postrun.disconnect(close_connections)
        app.conf.update(saved)
        forget_broker_state(app)
