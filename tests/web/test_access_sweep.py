"""Every URL of the site, every persona: who may read it, who may change through it.

The routes come from the URL resolver, so a new page or endpoint fails
``test_every_route_has_its_access_written_down`` until its line is added to ACCESS below:
nobody can add a URL without saying who may use it. Then, for each route:

- anonymous visitors are sent to the login page (pages) or refused (API), unless the route
  is listed as public;
- each role reads (GET) only what ACCESS gives it, and every other role is refused (403,
  or 404 from a selector, or 405 where the route has no GET);
- unsafe methods (POST, and PUT, PATCH, DELETE on the API) from a role that may not change
  through the route are refused and change nothing in the database;
- a role that may change through the route is refused without the CSRF token, and nothing
  changes (session users are browsers: the token is what stops a forged form);
- Amina (a participant) asking for any of Bilal's records gets exactly what she gets for a
  record that does not exist (404 alike, nothing of his in the answer), by GET and POST;
- a child record named under the wrong parent (Bilal's membership under Amina's cooperative)
  answers like a missing one, for every role;
- no page or endpoint Amina may read shows anything of Bilal's (lists included).

ACCESS encodes DESIGN.md's table and the rules the code states (selectors' docstrings,
``incubator.access``, each view's decorator): staff run people and cooperatives but see no
application nor loan; advisers work applications and loans and read participants' records,
programmes, cohorts and cooperatives; committee members see applications past the draft and
loans (they review, decide, reschedule and write off); participants reach their own records.
The Django admin has its own tests (test_access_admin.py).
"""

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from django.apps import apps
from django.db import connection
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

pytestmark = pytest.mark.django_db

# --- Who may do what ---------------------------------------------------------------------------
# S staff, A adviser, C committee, P participant (their own records only: the selectors scope
# them); "*" anyone, signed in or not. Each line: route -> (who reads, who changes).

PUBLIC = "*"
BACK = "SAC"
ACCESS: dict[str, tuple[str, str]] = {
    # Home and account. "/" sends each role to its home (anonymous: to the login page).
    "": ("SACP", ""),
    "dashboard/": (BACK, ""),
    "accounts/login/": (PUBLIC, PUBLIC),  # signing in
    "accounts/logout/": ("", "SACP"),  # POST only
    # Password reset by e-mail: for people who cannot sign in, so public by nature.
    "accounts/password/reset/": (PUBLIC, PUBLIC),
    "accounts/password/reset/sent/": (PUBLIC, ""),
    "accounts/password/reset/<uidb64>/<token>/": (PUBLIC, PUBLIC),
    "accounts/password/reset/done/": (PUBLIC, ""),
    "accounts/password/change/": ("SACP", "SACP"),
    "accounts/password/change/done/": ("SACP", ""),
    "language/": ("", PUBLIC),  # the language switch works on the login page too
    "healthz/": (PUBLIC, PUBLIC),  # the load balancer's probe: "ok" to any method
    # The API's description (no data): every endpoint it lists refuses anonymous callers.
    "api/schema/": (PUBLIC, ""),
    "api/docs/": (PUBLIC, ""),
    # --- People side (staff run it; advisers read participants, programmes and cohorts) ---
    "people/": (PUBLIC, PUBLIC),  # a redirect to the participants page, which decides
    "people/participants/": ("SA", "S"),
    "people/participants/new/": ("S", "S"),
    "people/participants/<int:pk>/": ("SA", ""),
    "people/participants/<int:pk>/edit/": ("S", "S"),
    "people/participants/<int:pk>/invite/": ("", "S"),
    "people/participants/<int:pk>/sign-in/resume/": ("", "S"),
    "people/participants/<int:pk>/enrol/": ("", "S"),
    "people/participants/<int:pk>/interviews/new/": ("S", "S"),
    "people/participants/<int:pk>/interviews/<int:interview>/": ("S", "S"),
    "people/enrolments/<int:pk>/move/": ("S", "S"),
    "people/import/": ("S", "S"),
    "people/import/<int:pk>/confirm/": ("", "S"),
    "people/import/template.csv": ("S", ""),
    "people/partners/": ("S", ""),
    "people/partners/new/": ("S", "S"),
    "people/partners/<int:pk>/": ("S", "S"),
    "people/funders/": ("S", ""),
    "people/funders/new/": ("S", "S"),
    "people/funders/<int:pk>/": ("S", "S"),
    "people/programmes/": ("SA", ""),
    "people/programmes/new/": ("S", "S"),
    "people/programmes/<int:pk>/": ("SA", ""),
    "people/programmes/<int:pk>/edit/": ("S", "S"),
    "people/cohorts/new/": ("S", "S"),
    "people/cohorts/<int:pk>/": ("SA", ""),
    "people/cohorts/<int:pk>/edit/": ("S", "S"),
    # Workshops, attendance, follow-ups, interviews and indicators: staff only.
    "people/workshops/": ("S", ""),
    "people/workshops/new/": ("S", "S"),
    "people/workshops/<int:pk>/": ("S", ""),
    "people/workshops/<int:pk>/edit/": ("S", "S"),
    "people/workshops/<int:pk>/cancel/": ("", "S"),
    "people/workshops/<int:pk>/attendance/": ("S", "S"),
    "people/workshops/<int:pk>/sign-in-sheet.pdf": ("S", ""),
    "people/follow-ups/": ("S", ""),
    "people/follow-ups/<int:pk>/": ("S", "S"),
    "people/indicators/": ("S", ""),
    "people/indicators.csv": ("S", ""),
    "people/indicators.pdf": ("S", ""),
    # --- Cooperatives: staff run them; advisers read them (cooperatives.views._base) ---
    "coops/": ("SA", ""),
    "coops/new/": ("S", "S"),
    "coops/<int:pk>/": ("SA", ""),
    "coops/<int:pk>/edit/": ("S", "S"),
    "coops/<int:pk>/transition/": ("", "S"),
    "coops/<int:pk>/calendar/": ("SA", ""),
    "coops/<int:pk>/calendar/add/": ("S", "S"),
    "coops/<int:pk>/calendar/generate/": ("S", "S"),
    "coops/<int:pk>/calendar/<int:day>/move/": ("", "S"),
    "coops/<int:pk>/calendar/<int:day>/cancel/": ("", "S"),
    "coops/<int:pk>/members/": ("SA", ""),
    "coops/<int:pk>/members/add/": ("S", "S"),
    "coops/<int:pk>/members/<int:member>/": ("S", "S"),
    "coops/<int:pk>/members/<int:member>/statement.pdf": ("SA", ""),
    "coops/<int:pk>/hours/": ("SA", ""),
    "coops/<int:pk>/hours/save/": ("S", "S"),  # GET goes back to the grid
    "coops/<int:pk>/ledger/": ("SA", ""),
    "coops/<int:pk>/ledger/sale/": ("S", "S"),
    "coops/<int:pk>/ledger/expense/": ("S", "S"),
    "coops/<int:pk>/ledger/<int:entry>/reverse/": ("S", "S"),
    "coops/<int:pk>/ledger/<int:entry>/receipt/": ("SA", ""),
    "coops/<int:pk>/costs/": ("SA", ""),
    "coops/<int:pk>/costs/new/": ("S", "S"),
    "coops/<int:pk>/costs/<int:sheet>/": ("S", "S"),
    "coops/<int:pk>/governance/": ("SA", ""),
    "coops/<int:pk>/governance/meeting/": ("S", "S"),
    "coops/<int:pk>/governance/<int:meeting>/decision/": ("", "S"),
    "coops/<int:pk>/closing/": ("SA", ""),
    "coops/<int:pk>/closing/close/": ("S", "S"),
    "coops/<int:pk>/closing/report.pdf": ("SA", ""),
    # --- Loans: advisers and the committee; staff never (no loan decisions) ---
    "loans/applications/": ("AC", ""),
    "loans/applications/new/": ("A", "A"),
    # The committee sees applications past the draft only (the world's are drafts).
    "loans/applications/<int:pk>/": ("A", ""),
    "loans/applications/<int:pk>/edit/": ("A", "A"),
    "loans/applications/<int:pk>/submit/": ("", "A"),
    "loans/applications/<int:pk>/review/": ("", "AC"),
    "loans/applications/<int:pk>/send/": ("", "AC"),
    "loans/applications/<int:pk>/return/": ("", "AC"),
    "loans/applications/<int:pk>/decide/": ("", "C"),
    "loans/applications/<int:pk>/withdraw/": ("", "A"),
    "loans/applications/<int:pk>/disburse/": ("", "A"),
    "loans/committee/": ("C", ""),
    "loans/": ("AC", ""),
    "loans/<int:pk>/": ("AC", ""),
    "loans/<int:pk>/repay/": ("A", "A"),
    "loans/<int:pk>/payments/<int:payment_pk>/reverse/": ("", "A"),
    "loans/<int:pk>/prepay/": ("A", "A"),
    "loans/<int:pk>/payoff/": ("A", "A"),
    "loans/<int:pk>/reschedule/": ("C", "C"),
    "loans/<int:pk>/write-off/": ("C", "C"),
    "loans/<int:pk>/documents/": ("", "AC"),
    # A document's progress and download: loan officers, and the participant whose loan it is.
    "loans/documents/<int:pk>/": ("ACP", ""),
    "loans/documents/<int:pk>/download/": ("ACP", ""),
    "loans/portfolio/": ("AC", ""),
    # Loan products are an offer, not a decision: staff and advisers edit them.
    "loans/products/": (BACK, ""),
    "loans/products/new/": ("SA", "SA"),
    "loans/products/<int:pk>/": ("SA", "SA"),
    "loans/simulate/": (BACK, ""),  # terms in, a schedule out: nobody's data
    # --- The participant's portal: their own records only ---
    "me/": ("P", ""),
    "me/profile/": ("P", "P"),
    "me/workshops/": ("P", ""),
    "me/coop/": ("P", ""),
    "me/coop/<int:pk>/": ("P", ""),
    "me/coop/<int:pk>/days/": ("P", ""),
    "me/coop/<int:pk>/statement.pdf": ("P", ""),
    "me/loan/": ("P", ""),
    "me/loan/apply/": ("P", "P"),
    "me/loan/simulate/": ("P", ""),
    "me/loan/applications/<int:pk>/": ("P", ""),
    "me/loan/applications/<int:pk>/edit/": ("P", "P"),
    "me/loan/applications/<int:pk>/submit/": ("", "P"),
    "me/loan/applications/<int:pk>/withdraw/": ("", "P"),
    "me/loan/<int:pk>/": ("P", ""),
    "me/loan/<int:pk>/documents/": ("", "P"),
    "me/loan/documents/<int:pk>/": ("ACP", ""),  # the same views as loans/documents/
    "me/loan/documents/<int:pk>/download/": ("ACP", ""),
    # --- API: the same rules; the selectors scope each role's rows ---
    "api/v1/me/": ("SACP", ""),
    # Participants: staff write; advisers read; a participant reads their own record; the
    # committee gets an empty list (it sees people only through applications).
    "api/v1/participants/": ("SACP", "S"),
    "api/v1/participants/<int:pk>/": ("SAP", "S"),
    "api/v1/programmes/": ("SACP", ""),  # empty for the committee and participants
    "api/v1/programmes/<int:pk>/": ("SA", ""),
    "api/v1/cohorts/": ("SACP", ""),  # empty for the committee and participants
    "api/v1/cohorts/<int:pk>/": ("SA", ""),
    "api/v1/enrolments/": ("SACP", "S"),  # a participant: their own
    "api/v1/enrolments/<int:pk>/": ("SAP", ""),
    "api/v1/enrolments/<int:pk>/accept/": ("", "S"),
    "api/v1/enrolments/<int:pk>/activate/": ("", "S"),
    "api/v1/enrolments/<int:pk>/complete/": ("", "S"),
    "api/v1/enrolments/<int:pk>/drop/": ("", "S"),
    "api/v1/workshops/": ("S", "S"),
    "api/v1/workshops/<int:pk>/": ("S", ""),
    "api/v1/workshops/<int:pk>/attendance/": ("S", "S"),
    "api/v1/interviews/": ("S", "S"),
    "api/v1/follow-ups/due/": ("S", ""),
    "api/v1/follow-ups/<int:pk>/outcome/": ("", "S"),
    "api/v1/indicators/": ("S", ""),
    # Cooperatives: a participant reads the ones they are a member of, and only their own
    # hours, membership and share; ledger, cost sheets and meetings stay with staff/advisers.
    "api/v1/cooperatives/": ("SAP", "S"),
    "api/v1/cooperatives/<int:pk>/": ("SAP", ""),
    "api/v1/cooperatives/<int:pk>/transition/": ("", "S"),
    "api/v1/cooperatives/<int:pk>/days/": ("SAP", "S"),
    "api/v1/cooperatives/<int:pk>/days/<int:day>/move/": ("", "S"),
    "api/v1/cooperatives/<int:pk>/days/<int:day>/cancel/": ("", "S"),
    "api/v1/cooperatives/<int:pk>/members/": ("SAP", "S"),
    "api/v1/cooperatives/<int:pk>/members/<int:member>/leave/": ("", "S"),
    "api/v1/cooperatives/<int:pk>/members/<int:member>/outcome/": ("", "S"),
    "api/v1/cooperatives/<int:pk>/members/<int:member>/statement/": ("SAP", ""),
    "api/v1/cooperatives/<int:pk>/hours/": ("SAP", "S"),
    "api/v1/cooperatives/<int:pk>/sales/": ("SA", "S"),
    "api/v1/cooperatives/<int:pk>/expenses/": ("SA", "S"),
    "api/v1/cooperatives/<int:pk>/entries/<int:entry>/reverse/": ("", "S"),
    "api/v1/cooperatives/<int:pk>/cost-sheets/": ("SA", "S"),
    "api/v1/cooperatives/<int:pk>/meetings/": ("SA", "S"),
    "api/v1/cooperatives/<int:pk>/close/": ("", "S"),
    "api/v1/cooperatives/<int:pk>/closing/": ("SAP", ""),
    # Loans.
    "api/v1/schedule-preview/": ("", "SACP"),  # computes, saves nothing
    "api/v1/loan-products/": ("SACP", "SA"),  # participants: the products on offer
    "api/v1/loan-products/<int:pk>/": ("SACP", "SA"),
    "api/v1/loan-applications/": ("ACP", "AP"),  # a participant opens their own
    "api/v1/loan-applications/<int:pk>/": ("AP", "AP"),  # the committee: as above
    "api/v1/loan-applications/<int:pk>/submit/": ("", "AP"),
    "api/v1/loan-applications/<int:pk>/review/": ("", "AC"),
    "api/v1/loan-applications/<int:pk>/send-to-committee/": ("", "AC"),
    "api/v1/loan-applications/<int:pk>/return-to-review/": ("", "AC"),
    "api/v1/loan-applications/<int:pk>/approve/": ("", "C"),
    "api/v1/loan-applications/<int:pk>/reject/": ("", "C"),
    "api/v1/loan-applications/<int:pk>/withdraw/": ("", "AP"),
    "api/v1/loan-applications/<int:pk>/disburse/": ("", "A"),
    "api/v1/loans/": ("ACP", ""),
    "api/v1/loans/<int:pk>/": ("ACP", ""),
    "api/v1/loans/<int:pk>/installments/": ("ACP", ""),
    "api/v1/loans/<int:pk>/payments/": ("ACP", "A"),
    "api/v1/loans/<int:pk>/payments/<int:payment_pk>/reverse/": ("", "A"),
    "api/v1/loans/<int:pk>/prepay/": ("", "A"),
    "api/v1/loans/<int:pk>/payoff-quote/": ("AC", ""),
    "api/v1/loans/<int:pk>/payoff/": ("", "A"),
    "api/v1/loans/<int:pk>/reschedule/": ("", "C"),
    "api/v1/loans/<int:pk>/write-off/": ("", "C"),
    "api/v1/loans/<int:pk>/documents/": ("ACP", "ACP"),
    "api/v1/loan-documents/<int:pk>/": ("ACP", ""),
    "api/v1/loan-documents/<int:pk>/download/": ("ACP", ""),
    "api/v1/loan-portfolio/": ("AC", ""),
}

# A reader's GET answers below 400, but for these (the world's records are in the middle of
# their lives): a statement or closing report exists once the cooperative is closed, a
# receipt once one is attached, and the indicators need their programme and period.
NOT_THERE_YET = {
    "coops/<int:pk>/members/<int:member>/statement.pdf": 404,
    "coops/<int:pk>/ledger/<int:entry>/receipt/": 404,
    "coops/<int:pk>/closing/report.pdf": 404,
    "me/coop/<int:pk>/statement.pdf": 404,
    "api/v1/indicators/": 400,
    "api/v1/cooperatives/<int:pk>/members/<int:member>/statement/": 400,
    "api/v1/cooperatives/<int:pk>/closing/": 404,
}

ROLES = {"S": "staff", "A": "adviser", "C": "committee", "P": "amina_user"}
MISSING = 987654321
REFUSED = {403, 404, 405}

# --- The routes and their URLs -----------------------------------------------------------------


def routes() -> list[str]:
    """Every route of the URL resolver (the admin has its own tests)."""

    def walk(patterns: list[Any], prefix: str) -> Iterator[str]:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                yield from walk(pattern.url_patterns, prefix + str(pattern.pattern))
            elif isinstance(pattern, URLPattern):
                yield prefix + str(pattern.pattern)

    return [r for r in walk(get_resolver().url_patterns, "") if not r.startswith("admin/")]


def record_ids(world: Any, side: Any) -> list[tuple[str, dict[str, Any]]]:
    """The records behind each route's parameters, first match wins; ``side`` is Amina's or
    Bilal's. Records that belong to nobody in particular (a programme) are the same on both."""
    s = side
    coop = {"pk": s.coop.pk, "day": s.day.pk, "member": s.membership.pk, "entry": s.entry.pk,
            "sheet": s.cost_sheet.pk, "meeting": s.meeting.pk}  # fmt: skip
    return [
        (r"people/participants/", {"pk": s.participant.pk, "interview": s.interview.pk}),
        (r"people/enrolments/", {"pk": s.enrolment.pk}),
        (r"people/follow-ups/", {"pk": s.follow_up.pk}),
        (r"people/import/", {"pk": world.batch.pk}),
        (r"people/partners/", {"pk": world.partner.pk}),
        (r"people/funders/", {"pk": world.funder.pk}),
        (r"(people|api/v1)/programmes/", {"pk": world.programme.pk}),
        (r"(people|api/v1)/cohorts/", {"pk": world.cohort.pk}),
        (r"(people|api/v1)/workshops/", {"pk": world.workshop.pk}),
        (r"(coops|me/coop|api/v1/cooperatives)/", coop),
        (r"(loans|me/loan|api/v1/loan)(/|-)applications/", {"pk": s.application.pk}),
        (r"(loans|me/loan)/documents/|api/v1/loan-documents/", {"pk": s.document.pk}),
        (r"(loans|api/v1/loan)(/|-)products/", {"pk": world.product.pk}),
        (r"(loans|me/loan|api/v1/loans)/", {"pk": s.loan.pk, "payment_pk": s.payment.pk}),
        (r"api/v1/participants/", {"pk": s.participant.pk}),
        (r"api/v1/enrolments/", {"pk": s.enrolment.pk}),
        (r"api/v1/follow-ups/", {"pk": s.follow_up.pk}),
        (r"accounts/password/reset/", {"uidb64": "MQ", "token": "set-password"}),
    ]


PARAMETER = re.compile(r"<(?:(\w+):)?(\w+)>")


def parameters(route: str) -> list[str]:
    return [name for _, name in PARAMETER.findall(route)]


def values_for(route: str, world: Any, side: Any) -> dict[str, Any]:
    names = parameters(route)
    if not names:
        return {}
    for prefix, values in record_ids(world, side):
        if re.match(prefix, route):
            return {name: values[name] for name in names}
    raise AssertionError(f"{route}: add the records behind its parameters to record_ids()")


def url(route: str, values: dict[str, Any]) -> str:
    return "/" + PARAMETER.sub(lambda m: str(values[m.group(2)]), route)


def missing(values: dict[str, Any], names: list[str] | None = None) -> dict[str, Any]:
    """The same parameters with ``names`` (default: all the ids) pointing at nothing."""
    names = names if names is not None else [k for k, v in values.items() if isinstance(v, int)]
    return {k: MISSING if k in names else v for k, v in values.items()}


def is_api(route: str) -> bool:
    return route.startswith("api/v1/")


def unsafe_methods(route: str) -> tuple[str, ...]:
    return ("post", "put", "patch", "delete") if is_api(route) else ("post",)


def to_login(response: Any) -> bool:
    return response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def snapshot() -> dict[str, list[tuple[Any, ...]]]:
    """Every row of the project's tables (and accounts, groups): what a refusal must not touch.
    Plain SQL: the sweep takes hundreds of these."""
    labels = {"incubator", "cooperatives", "loans", "auth"}
    tables = sorted(
        {model._meta.db_table for model in apps.get_models() if model._meta.app_label in labels}
        | {m2m.remote_field.through._meta.db_table for model in apps.get_models()
           if model._meta.app_label in labels for m2m in model._meta.local_many_to_many}
    )  # fmt: skip
    rows = {}
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)} ORDER BY 1")  # noqa: S608 - our own table names
            rows[table] = cursor.fetchall()
    return rows


@dataclass
class Sweep:
    world: Any
    clients: dict[str, Client]  # "-" anonymous, then S, A, C, P
    problems: list[str]

    def request(self, who: str, method: str, target: str, **extra: Any) -> Any:
        client = self.clients[who]
        if method == "get":
            return client.get(target, **extra)
        return getattr(client, method)(target, {}, content_type="application/json", **extra)

    def fail(self, message: str) -> None:
        self.problems.append(message)

    def report(self) -> None:
        assert not self.problems, f"{len(self.problems)} problems:\n" + "\n".join(self.problems)


@pytest.fixture
def sweep(world) -> Sweep:
    clients = {"-": Client()}
    for letter, attribute in ROLES.items():
        clients[letter] = Client()
        clients[letter].force_login(getattr(world, attribute))
    return Sweep(world, clients, [])


def readers(route: str) -> str:
    return ACCESS[route][0]


def writers(route: str) -> str:
    return ACCESS[route][1]


def may(roles: str, who: str) -> bool:
    return roles == PUBLIC or who in roles


# --- The tests ---------------------------------------------------------------------------------


def test_every_route_has_its_access_written_down():
    found = routes()
    unlisted = [route for route in found if route not in ACCESS]
    stale = [route for route in ACCESS if route not in found]
    assert not unlisted, "Say who may use these routes in ACCESS:\n" + "\n".join(unlisted)
    assert not stale, "These routes no longer exist:\n" + "\n".join(stale)


def test_anonymous_visitors_are_refused_everywhere_but_the_public_routes(sweep):
    for route in routes():
        target = url(route, values_for(route, sweep.world, sweep.world.amina))
        before = snapshot()
        for method in ("get", *unsafe_methods(route)):
            allowed = readers(route) if method == "get" else writers(route)
            response = sweep.request("-", method, target)
            if allowed == PUBLIC:
                continue
            refused = to_login(response) or response.status_code in REFUSED
            if is_api(route):
                refused = response.status_code in {403, 405}
            if not refused:
                sweep.fail(f"anonymous {method.upper()} {target}: {response.status_code}")
        if writers(route) != PUBLIC and snapshot() != before:
            sweep.fail(f"anonymous requests to {target} changed the database")
    sweep.report()


def test_each_role_reads_only_what_it_may(sweep):
    for route in routes():
        target = url(route, values_for(route, sweep.world, sweep.world.amina))
        for who in ROLES:
            response = sweep.request(who, "get", target)
            status = response.status_code
            if may(readers(route), who):
                expected = NOT_THERE_YET.get(route)
                if to_login(response) or (status >= 400 and status != expected):
                    sweep.fail(f"{ROLES[who]} cannot read {target}: {status}")
            elif status not in REFUSED:
                sweep.fail(f"{ROLES[who]} reads {target}: {status} (not in ACCESS)")
    sweep.report()


def test_each_role_changes_only_what_it_may(sweep):
    for route in routes():
        target = url(route, values_for(route, sweep.world, sweep.world.amina))
        before = snapshot()
        for who in ROLES:
            if may(writers(route), who):
                continue
            for method in unsafe_methods(route):
                response = sweep.request(who, method, target)
                status = response.status_code
                # A page a role may read may ignore a POST (shows it again, or redirects).
                shown = (
                    not is_api(route)
                    and may(readers(route), who)
                    and (status == 200 or (status == 302 and not to_login(response)))
                )
                if status not in REFUSED and not shown:
                    sweep.fail(f"{ROLES[who]} {method.upper()} {target}: {status}")
        if snapshot() != before:
            sweep.fail(f"a refused change to {target} changed the database")
    sweep.report()


def test_unsafe_methods_need_the_csrf_token_of_a_signed_in_user(sweep):
    """The roles that may change through a route, from a browser session without the token:
    refused, nothing saved. (The other clients of this file skip the check, as Django's
    test client does; these enforce it.)"""
    for letter, attribute in ROLES.items():
        sweep.clients[letter] = Client(enforce_csrf_checks=True)
        sweep.clients[letter].force_login(getattr(sweep.world, attribute))
    for route in routes():
        if not writers(route):
            continue
        target = url(route, values_for(route, sweep.world, sweep.world.amina))
        before = snapshot()
        for who in ROLES:
            if not may(writers(route), who):
                continue
            for method in unsafe_methods(route):
                response = sweep.request(who, method, target)
                if response.status_code != 403:
                    sweep.fail(f"{ROLES[who]} {method.upper()} {target} without CSRF token: "
                               f"{response.status_code}")  # fmt: skip
        if snapshot() != before:
            sweep.fail(f"a change to {target} without CSRF token was saved")
    sweep.report()


def bilal_markers(world: Any) -> list[str]:
    """What would betray one of Bilal's records in an answer."""
    side = world.bilal
    return [
        side.participant.last_name, side.participant.email, side.coop.name,
        side.loan.reference, side.application.reference,
    ]  # fmt: skip


def test_amina_gets_for_bilals_records_what_she_gets_for_missing_ones(sweep):
    world, markers = sweep.world, bilal_markers(sweep.world)
    for route in routes():
        mine = values_for(route, world, world.amina)
        his = values_for(route, world, world.bilal)
        if his == mine:
            continue  # no record of anyone's in particular behind this route
        before = snapshot()
        for method in ("get", *unsafe_methods(route)):
            theirs = sweep.request("P", method, url(route, his))
            nothing = sweep.request("P", method, url(route, missing(his)))
            target = f"{method.upper()} {url(route, his)}"
            if theirs.status_code != nothing.status_code:
                sweep.fail(f"amina {target}: {theirs.status_code}, "
                           f"but {nothing.status_code} for a missing record")  # fmt: skip
            if theirs.status_code not in REFUSED:
                sweep.fail(f"amina {target}: {theirs.status_code}")
            shown = [m for m in markers if m in theirs.content.decode(errors="replace")]
            if shown:
                sweep.fail(f"amina {target} shows Bilal's {shown}")
        if snapshot() != before:
            sweep.fail(f"amina changed Bilal's records through {route}")
    sweep.report()


def test_a_record_under_the_wrong_parent_answers_like_a_missing_one(sweep):
    """Amina's cooperative (or loan) in the URL, then one of Bilal's records under it."""
    world = sweep.world
    for route in routes():
        names = parameters(route)
        mine = values_for(route, world, world.amina)
        his = values_for(route, world, world.bilal)
        children = [n for n in names[1:] if mine.get(n) != his.get(n)]
        if not children or mine[names[0]] == his[names[0]]:
            continue
        mixed = {**mine, **{n: his[n] for n in children}}
        before = snapshot()
        for who in ROLES:
            methods = ["get"] if may(readers(route), who) else []
            methods += list(unsafe_methods(route)) if may(writers(route), who) else []
            for method in methods:
                wrong = sweep.request(who, method, url(route, mixed))
                nothing = sweep.request(who, method, url(route, missing(mine, children)))
                got, expected = wrong.status_code, nothing.status_code
                if got != expected or got < 400:
                    target = f"{method.upper()} {url(route, mixed)}"
                    sweep.fail(f"{ROLES[who]} {target}: {got}, {expected} when missing")
        if snapshot() != before:
            sweep.fail(f"a record under the wrong parent was changed through {route}")
    sweep.report()


def test_nothing_amina_reads_shows_anything_of_bilal(sweep):
    world, markers = sweep.world, bilal_markers(sweep.world)
    for route in routes():
        if not may(readers(route), "P"):
            continue
        target = url(route, values_for(route, world, world.amina))
        response = sweep.request("P", "get", target)
        if response.status_code == 302:
            response = sweep.clients["P"].get(target, follow=True)
        body = response.content.decode(errors="replace")
        shown = [m for m in markers if m in body]
        if shown:
            sweep.fail(f"amina GET {target} shows Bilal's {shown}")
    sweep.report()


def test_nothing_staff_read_shows_a_loan_or_its_decision(sweep):
    """Staff see that a loan was paid out (the participant's timeline), never its terms,
    review or decision (DESIGN.md: everything of the organisation but loan decisions)."""
    world = sweep.world
    from tests.fixtures_loans import AMOUNT

    markers = ["Open a business account.", "Solid plan, regular customers."]  # the fixtures'
    for side in (world.amina, world.bilal):
        markers += [side.loan.reference, side.loan.application.reference,
                    side.application.reference]  # fmt: skip
    amounts = {str(AMOUNT), "1 200,00", "1,200.00", "1\u202f200,00"}
    for route in routes():
        if not may(readers(route), "S") or route.startswith("api/"):
            continue
        target = url(route, values_for(route, world, world.amina))
        body = sweep.clients["S"].get(target, follow=True).content.decode(errors="replace")
        shown = [m for m in [*markers, *amounts] if m in body]
        if shown:
            sweep.fail(f"staff GET {target} shows {shown}")
    for route in [r for r in routes() if r.startswith("api/v1/") and may(readers(r), "S")]:
        target = url(route, values_for(route, world, world.amina))
        body = sweep.clients["S"].get(target).content.decode(errors="replace")
        shown = [m for m in markers if m in body]
        if shown:
            sweep.fail(f"staff GET {target} shows {shown}")
    sweep.report()
