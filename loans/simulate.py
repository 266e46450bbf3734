"""Simulate a loan: the terms in, the schedule, its totals, its APR and a balance chart out.

For advisers (and the rest of the back office, who help participants plan) and for
participants in their portal. A GET form: the simulation is in the address, so it can be
bookmarked or sent; nothing is written anywhere. Queries: the session and the user.
"""

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from incubator.access import BACK_OFFICE, role_required
from incubator.lib import formats
from incubator.lib.charts import Series, line_chart, to_svg
from incubator.lib.periods import Frequency
from incubator.models import User
from loans.engine import Method, Schedule, TermsError, build_schedule
from loans.simulate_forms import MESSAGES, SimulationForm


def _per_period(frequency: Frequency) -> str:
    return {
        Frequency.MONTHLY: _("every month"),
        Frequency.BIWEEKLY: _("every two weeks"),
        Frequency.WEEKLY: _("every week"),
    }[frequency]


def _axis_labels(count: int, ticks: int) -> list[str]:
    """Installment numbers 0..count, labelled every ``step`` and at the end, never crowded."""
    step = max(1, -(-count // ticks))  # ceiling division
    return [
        str(k) if k == count or (k % step == 0 and count - k >= step / 2) else ""
        for k in range(count + 1)
    ]


def _chart(schedule: Schedule, language: str, *, phone: bool) -> str:
    """The outstanding principal from disbursement (0) to the last installment, as SVG.

    A phone gets a narrower drawing, so its labels keep a readable size once scaled.
    """
    values = (schedule.terms.principal, *(row.balance for row in schedule.rows))
    width, height, ticks = (360, 220, 4) if phone else (760, 240, 8)
    chart = line_chart(
        _axis_labels(len(schedule.rows), ticks),
        [Series(_("Still to repay"), values)],
        fmt=lambda value: formats.number(value, language),
        max_labels=len(values),  # every label given is drawn; the empty ones are blank
        width=width,
        height=height,
    )
    # to_svg escapes every text it writes (titles, labels): the result is safe markup.
    return mark_safe(to_svg(chart, title=_("Still to repay after each installment"), area=True))


def _simulation(form: SimulationForm, *, phone: bool) -> dict[str, Any]:
    try:
        schedule = build_schedule(form.terms())
    except TermsError as error:
        # The form's limits keep the engine's refusals rare: an APR beyond reason is the one
        # left (large fees on a loan of a few days).
        field = error.field if error.field in form.fields else None
        form.add_error(field, MESSAGES["apr_absurd"])
        return {}
    terms = schedule.terms
    return {
        "schedule": schedule,
        "chart": _chart(schedule, get_language() or "fr", phone=phone),
        "per_period": _per_period(terms.frequency),
        "decreasing": terms.method is Method.DECLINING_EQUAL_PRINCIPAL,
        "total_repaid": schedule.total_repaid,
        "last_due_date": schedule.rows[-1].due_date,
        "currency": terms.currency,
    }


def _page(request: HttpRequest, template: str, *, phone: bool) -> HttpResponse:
    submitted = any(name in request.GET for name in SimulationForm.base_fields)
    if submitted:
        form = SimulationForm(request.GET)
    else:
        form = SimulationForm(initial=SimulationForm.defaults())
    context: dict[str, Any] = {"form": form, "submitted": submitted}
    if submitted and form.is_valid():
        context.update(_simulation(form, phone=phone))
    return render(request, template, context)


@role_required(*BACK_OFFICE)
def simulate(request: HttpRequest) -> HttpResponse:
    """/loans/simulate/: advisers, the committee and staff."""
    return _page(request, "loans/simulate.html", phone=False)


@role_required(User.Role.PARTICIPANT)
def portal_simulate(request: HttpRequest) -> HttpResponse:
    """/me/loan/simulate/: a participant, on a phone, in plain words."""
    return _page(request, "loans/simulate_portal.html", phone=True)
