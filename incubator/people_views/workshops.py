"""Workshops: the list, a workshop's page, the attendance grid and the sign-in sheet."""

from django.conf import settings
from django.contrib import messages
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_POST

from incubator import pdf, people_forms, selectors
from incubator.errors import DomainError
from incubator.lib import countries
from incubator.models import Attendance, Programme, Workshop
from incubator.people_views.common import edit_record, paginate, staff_only
from incubator.services import workshops as workshop_services

WHEN = {"upcoming": "starts_at__gte", "past": "starts_at__lt"}
# Headings over counts of people (plural in French), not one person's mark.
COUNT_LABELS = [("present", _lazy("Present")), ("excused", _lazy("Excused")),
                ("absent", _lazy("Absent"))]  # fmt: skip


@staff_only
def workshops(request: HttpRequest) -> HttpResponse:
    # Queries: session, user, the programme select list, count, one page of workshops with
    # programme, cohort and attendance counts (one query: joins and annotations).
    queryset = selectors.workshops_visible_to(request.user)
    when = request.GET.get("when", "upcoming")
    if when in WHEN:
        queryset = queryset.filter(**{WHEN[when]: timezone.now()})
    if when == "upcoming":
        queryset = queryset.order_by("starts_at")
    programme = request.GET.get("programme", "")
    if programme.isdigit():
        # __pk, not _id: an id beyond the database's integers matches no row (no overflow).
        queryset = queryset.filter(programme__pk=programme)
    return render(
        request,
        "incubator/people/workshops.html",
        {
            "page_obj": paginate(request, queryset),
            "when": when,
            "programme": programme,
            "programmes": Programme.objects.only("pk", "name"),
            "now": timezone.now(),
        },
    )


@staff_only
def workshop(request: HttpRequest, pk: int) -> HttpResponse:
    record = selectors.get_for(selectors.workshops_visible_to(request.user), pk)
    marks = {
        row["status"]: row["n"]
        for row in Attendance.objects.filter(workshop=record)
        .values("status")
        .annotate(n=Count("pk"))
        .order_by()
    }
    language = get_language() or settings.LANGUAGE_CODE
    return render(
        request,
        "incubator/people/workshop.html",
        {
            "workshop": record,
            "roster_size": selectors.workshop_roster(record).count(),
            "marks": [(label, marks.get(value, 0)) for value, label in COUNT_LABELS],
            "language_name": countries.language_name(record.language, language),
            "interpreter_language": countries.language_name(record.interpreter_language, language),
            "cancel_form": people_forms.CancelForm(),
            "started": record.starts_at <= timezone.now(),
        },
    )


@staff_only
def workshop_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    instance = selectors.get_for(selectors.workshops_visible_to(request.user), pk) if pk else None
    initial = None
    if instance is None:
        initial = {"programme": request.GET.get("programme"), "cohort": request.GET.get("cohort")}
    return edit_record(
        request,
        form_class=people_forms.WorkshopForm,
        instance=instance,
        title=str(instance) if instance else _("New workshop"),
        back=reverse("people:workshop", args=[pk]) if pk else reverse("people:workshops"),
        success=lambda record: reverse("people:workshop", args=[record.pk]),
        initial=initial,
    )


@require_POST
@staff_only
def workshop_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    record = selectors.get_for(selectors.workshops_visible_to(request.user), pk)
    form = people_forms.CancelForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    try:
        workshop_services.workshop_cancel(workshop=record, actor=request.user, reason=reason)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The workshop is cancelled."))
    return redirect("people:workshop", pk=record.pk)


@staff_only
def attendance(request: HttpRequest, pk: int) -> HttpResponse:
    """The grid: one row per person expected, present / excused / absent; saving again is safe."""
    record = selectors.get_for(selectors.workshops_visible_to(request.user), pk)
    roster = list(selectors.workshop_roster(record))
    marks = dict(Attendance.objects.filter(workshop=record).values_list("participant_id", "status"))
    form = people_forms.AttendanceForm(request.POST or None, roster=roster, marks=marks)
    if request.method == "POST" and form.is_valid():
        try:
            counts = workshop_services.attendance_record(
                workshop=record, marks=form.marks(), actor=request.user
            )
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(
                request,
                _("Attendance saved: %(present)s present, %(excused)s excused, %(absent)s absent.")
                % counts,
            )
            return redirect("people:workshop", pk=record.pk)
    return render(
        request,
        "incubator/people/attendance.html",
        {"workshop": record, "form": form, "statuses": Attendance.Status.choices},
    )


def sign_in_sheet_data(record: Workshop, language: str) -> pdf.SignInSheet:
    """Everything the sign-in sheet prints, read in three queries (roster, funders)."""
    names = [f"{p.last_name.upper()} {p.first_name}" for p in selectors.workshop_roster(record)]
    funders = list(record.programme.funders.all())
    return pdf.SignInSheet(
        organisation=settings.TREMPLIN_ORGANISATION_NAME,
        title=record.title,
        programme=str(record.programme),
        cohort=str(record.cohort) if record.cohort else "",
        starts_at=timezone.localtime(record.starts_at),
        ends_at=timezone.localtime(record.ends_at),
        place=record.place,
        facilitator=record.facilitator,
        language=countries.language_name(record.language, language),
        names=names,
        funder_mentions=[f.acknowledgement for f in funders if f.acknowledgement],
        eu_emblem=any(f.eu_emblem for f in funders),
    )


@staff_only
def sign_in_sheet(request: HttpRequest, pk: int) -> HttpResponse:
    record = selectors.get_for(selectors.workshops_visible_to(request.user), pk)
    language = get_language() or settings.LANGUAGE_CODE
    content = pdf.render_sign_in_sheet(sign_in_sheet_data(record, language), language=language)
    response = HttpResponse(content, content_type="application/pdf")
    day = timezone.localtime(record.starts_at).date().isoformat()
    response["Content-Disposition"] = f'inline; filename="sign-in-{day}-{record.pk}.pdf"'
    return response
