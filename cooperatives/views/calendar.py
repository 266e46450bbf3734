"""The calendar tab: the activity days, and moving, adding or cancelling one."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext as _

from cooperatives import activity_days, forms, selectors
from cooperatives.models import ActivityDay, Cooperative
from cooperatives.services import calendar as services
from cooperatives.views._base import attempt, commands, load, managers, page, readers

State = Cooperative.State


def _context(request: HttpRequest, coop: Cooperative) -> dict[str, object]:
    days = list(selectors.days_of(coop))
    active = [d for d in days if not d.cancelled]
    skipped = (
        activity_days.skipped_between(
            active[0].date, active[-1].date, weekdays=None if coop.is_flashcoop else coop.weekdays
        )
        if active
        else []
    )
    editable = selectors.can_manage(request.user) and coop.state in {State.PLANNED, State.RUNNING}
    return {
        "days": days,
        "active_count": len(active),
        "skipped": skipped,
        "editable": editable,
        "ten_days": activity_days.FLASHCOOP_DAYS,
        "today": timezone.localdate(),
        "weekday_names": dict(forms.WEEKDAYS),
    }


@readers
def calendar(request: HttpRequest, pk: int) -> HttpResponse:
    coop = load(request, pk)
    context = _context(request, coop)
    if context["editable"]:
        context["add_form"] = forms.DayForm()
        if coop.state == State.PLANNED:
            context["calendar_form"] = forms.CalendarForm(
                initial={
                    "start_date": coop.start_date,
                    "end_date": coop.end_date,
                    "weekdays": coop.weekdays,
                }
            )
    return page(request, coop, "cooperatives/calendar.html", "calendar", **context)


@managers
def day_add(request: HttpRequest, pk: int) -> HttpResponse:
    coop = load(request, pk)
    form = forms.DayForm(request.POST or None)
    if (
        request.method == "POST"
        and form.is_valid()
        and attempt(
            request,
            form,
            lambda: services.day_add(
                cooperative=coop,
                actor=request.user,
                date=form.cleaned_data["date"],
                note=form.cleaned_data["note"],
            ),
        )
    ):
        messages.success(request, _("The day is added."))
        return redirect("cooperatives:calendar", pk=coop.pk)
    context = _context(request, coop)
    context["add_form"] = form
    return page(request, coop, "cooperatives/calendar.html", "calendar", **context)


@managers
def calendar_regenerate(request: HttpRequest, pk: int) -> HttpResponse:
    coop = load(request, pk)
    form = forms.CalendarForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if attempt(
            request,
            form,
            lambda: services.calendar_regenerate(
                cooperative=coop,
                actor=request.user,
                start_date=data["start_date"],
                end_date=data["end_date"],
                weekdays=data["weekdays"],
            ),
        ):
            messages.success(request, _("The calendar is generated again."))
            return redirect("cooperatives:calendar", pk=coop.pk)
    context = _context(request, coop)
    context.update(calendar_form=form, add_form=forms.DayForm())
    return page(request, coop, "cooperatives/calendar.html", "calendar", **context)


@commands
def day_move(request: HttpRequest, pk: int, day: int) -> HttpResponse:
    coop = load(request, pk)
    activity_day = get_object_or_404(ActivityDay, cooperative=coop, pk=day)
    form = forms.DayForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a valid date."))
    elif attempt(
        request,
        None,
        lambda: services.day_move(
            day=activity_day,
            actor=request.user,
            date=form.cleaned_data["date"],
            note=form.cleaned_data["note"],
        ),
    ):
        messages.success(request, _("The day is moved."))
    return redirect("cooperatives:calendar", pk=coop.pk)


@commands
def day_cancel(request: HttpRequest, pk: int, day: int) -> HttpResponse:
    coop = load(request, pk)
    activity_day = get_object_or_404(ActivityDay, cooperative=coop, pk=day)
    form = forms.DayCancelForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Say why the day is cancelled."))
    elif attempt(
        request,
        None,
        lambda: services.day_cancel(
            day=activity_day, actor=request.user, reason=form.cleaned_data["reason"]
        ),
    ):
        messages.success(request, _("The day is cancelled."))
    return redirect("cooperatives:calendar", pk=coop.pk)
