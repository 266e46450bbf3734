"""Partner organisations, funders, programmes and cohorts."""

from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from incubator import people_forms, selectors
from incubator.models import Enrolment
from incubator.people_views.common import edit_record, paginate, readers, staff_only
from incubator.workflows import enrolment_actions


@staff_only
def partners(request: HttpRequest) -> HttpResponse:
    # 1 count + 1 page of partners with the number of people each referred
    queryset = selectors.partners_visible_to(request.user).annotate(
        referred=Count("referred_participants")
    )
    return render(request, "incubator/people/partners.html",
                  {"page_obj": paginate(request, queryset)})  # fmt: skip


@staff_only
def partner_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    instance = selectors.get_for(selectors.partners_visible_to(request.user), pk) if pk else None
    return edit_record(
        request,
        form_class=people_forms.PartnerForm,
        instance=instance,
        title=str(instance) if instance else _("New partner organisation"),
        back=reverse("people:partners"),
        success=lambda _record: reverse("people:partners"),
    )


@staff_only
def funders(request: HttpRequest) -> HttpResponse:
    queryset = selectors.funders_visible_to(request.user).annotate(
        programme_count=Count("programmes")
    )
    return render(request, "incubator/people/funders.html",
                  {"page_obj": paginate(request, queryset)})  # fmt: skip


@staff_only
def funder_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    instance = selectors.get_for(selectors.funders_visible_to(request.user), pk) if pk else None
    return edit_record(
        request,
        form_class=people_forms.FunderForm,
        instance=instance,
        title=str(instance) if instance else _("New funder"),
        back=reverse("people:funders"),
        success=lambda _record: reverse("people:funders"),
    )


@readers
def programmes(request: HttpRequest) -> HttpResponse:
    # 1 count + 1 page (with cohort and participant counts) + 1 prefetch of funders
    queryset = selectors.programmes_visible_to(request.user).annotate(
        cohort_count=Count("cohorts", distinct=True),
        people=Count(
            "cohorts__enrolments__participant",
            filter=Q(cohorts__enrolments__state__in=selectors.SEATED_STATES),
            distinct=True,
        ),
    )
    return render(request, "incubator/people/programmes.html",
                  {"page_obj": paginate(request, queryset)})  # fmt: skip


@readers
def programme(request: HttpRequest, pk: int) -> HttpResponse:
    record = selectors.get_for(selectors.programmes_visible_to(request.user), pk)
    cohorts = selectors.cohorts_visible_to(request.user).filter(programme=record)
    workshops = selectors.workshops_visible_to(request.user).filter(programme=record)[:10]
    return render(
        request,
        "incubator/people/programme.html",
        {"programme": record, "cohorts": cohorts, "workshops": workshops},
    )


@staff_only
def programme_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    instance = selectors.get_for(selectors.programmes_visible_to(request.user), pk) if pk else None
    return edit_record(
        request,
        form_class=people_forms.ProgrammeForm,
        instance=instance,
        title=str(instance) if instance else _("New programme"),
        back=reverse("people:programme", args=[pk]) if pk else reverse("people:programmes"),
        success=lambda record: reverse("people:programme", args=[record.pk]),
        m2m=["funders"],
    )


@readers
def cohort(request: HttpRequest, pk: int) -> HttpResponse:
    record = selectors.get_for(selectors.cohorts_visible_to(request.user), pk)
    enrolments = (
        Enrolment.objects.filter(cohort=record)
        .select_related("participant")
        .order_by("participant__last_name", "participant__first_name")
    )
    rows = [(e, enrolment_actions(e.state)) for e in enrolments]
    return render(request, "incubator/people/cohort.html", {"cohort": record, "rows": rows})


@staff_only
def cohort_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    instance = selectors.get_for(selectors.cohorts_visible_to(request.user), pk) if pk else None
    programme_id = request.GET.get("programme")
    return edit_record(
        request,
        form_class=people_forms.CohortForm,
        instance=instance,
        title=str(instance) if instance else _("New cohort"),
        back=reverse("people:cohort", args=[pk]) if pk else reverse("people:programmes"),
        success=lambda record: reverse("people:cohort", args=[record.pk]),
        initial={"programme": programme_id, "lead_staff": request.user.pk} if not pk else None,
    )
