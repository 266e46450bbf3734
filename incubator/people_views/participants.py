"""Participants: the list, a person's page and timeline, the forms, enrolments, interviews."""

from django.contrib import messages
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from incubator import contributions, people_forms, selectors
from incubator.errors import DomainError
from incubator.filters import ParticipantFilter
from incubator.models import Enrolment, Participant, User
from incubator.people_views.common import next_url, paginate, readers, staff_only
from incubator.services import enrolments as enrolment_services
from incubator.services import people as people_services
from incubator.services.people import record_save
from incubator.workflows import enrolment_actions


def _enrolments_prefetch() -> Prefetch:
    return Prefetch(
        "enrolments",
        queryset=Enrolment.objects.select_related("cohort").order_by("-applied_on", "-pk"),
    )


@readers
def participants(request: HttpRequest) -> HttpResponse:
    # Queries: session, user, count, one page of people (with partner and account),
    # their enrolments with cohorts (one prefetch), and the filter's three select lists.
    visible = selectors.participants_visible_to(request.user).prefetch_related(
        _enrolments_prefetch()
    )
    filters = ParticipantFilter(request.GET or None, queryset=visible)
    queryset = filters.qs if filters.is_bound else visible
    return render(
        request,
        "incubator/people/participants.html",
        {
            "filter": filters,
            "page_obj": paginate(request, queryset),
            "can_edit": request.user.role == User.Role.STAFF,
        },
    )


@readers
def participant(request: HttpRequest, pk: int) -> HttpResponse:
    person = selectors.get_participant_for(request.user, pk)
    is_staff = request.user.role == User.Role.STAFF
    enrolments = [
        (e, enrolment_actions(e.state) if is_staff else [])
        for e in person.enrolments.select_related("cohort__programme").order_by("-applied_on")
    ]
    context = {
        "person": person,
        "enrolments": enrolments,
        "timeline": contributions.timeline_events(person, viewer=request.user),
        "can_edit": is_staff,
        "signin_paused": is_staff and selectors.signin_paused(person.user),
    }
    if is_staff:
        context["interviews"] = selectors.interviews_visible_to(request.user).filter(
            participant=person
        )
        context["enrol_form"] = people_forms.EnrolForm(participant=person)
    return render(request, "incubator/people/participant.html", context)


def _save_participant(request: HttpRequest, instance: Participant | None) -> HttpResponse:
    form = people_forms.ParticipantForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        person = form.save(commit=False)
        people_services.participant_save(
            participant=person,
            actor=request.user,
            consent=form.cleaned_data["consent"],
            consent_text_version=form.cleaned_data["consent_text_version"],
        )
        messages.success(request, _("Saved."))
        return redirect("people:participant", pk=person.pk)
    back = reverse("people:participant", args=[instance.pk]) if instance else None
    return render(
        request,
        "incubator/people/participant_form.html",
        {
            "form": form,
            "title": str(instance) if instance else _("New participant"),
            "back": back or reverse("people:participants"),
        },
    )


@staff_only
def participant_create(request: HttpRequest) -> HttpResponse:
    return _save_participant(request, None)


@staff_only
def participant_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _save_participant(request, selectors.get_participant_for(request.user, pk))


@require_POST
@staff_only
def participant_invite(request: HttpRequest, pk: int) -> HttpResponse:
    person = selectors.get_participant_for(request.user, pk)
    try:
        email = people_services.participant_invite(participant=person, actor=request.user)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Invitation sent to %(email)s.") % {"email": email.to})
    return redirect("people:participant", pk=person.pk)


@require_POST
@staff_only
def participant_signin_resume(request: HttpRequest, pk: int) -> HttpResponse:
    person = selectors.get_participant_for(request.user, pk)
    try:
        people_services.participant_signin_resume(participant=person, actor=request.user)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("%(name)s can sign in again.") % {"name": person})
    return redirect("people:participant", pk=person.pk)


@require_POST
@staff_only
def participant_enrol(request: HttpRequest, pk: int) -> HttpResponse:
    person = selectors.get_participant_for(request.user, pk)
    form = people_forms.EnrolForm(request.POST, participant=person)
    if form.is_valid():
        try:
            enrolment_services.enrolment_create(
                participant=person,
                cohort=form.cleaned_data["cohort"],
                applied_on=form.cleaned_data["applied_on"],
                actor=request.user,
            )
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Application recorded."))
    else:
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    return redirect("people:participant", pk=person.pk)


@staff_only
def enrolment_move(request: HttpRequest, pk: int) -> HttpResponse:
    """Accept, start, complete or drop an enrolment; a refusal shows on the form, unchanged."""
    enrolment = selectors.get_for(selectors.enrolments_visible_to(request.user), pk)
    back = next_url(request, reverse("people:participant", args=[enrolment.participant_id]))
    initial = {"to": request.GET.get("to", "")}
    form = people_forms.EnrolmentTransitionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            enrolment_services.enrolment_transition(
                enrolment=enrolment,
                to=data["to"],
                actor=request.user,
                reason=data["reason"],
                dropout_reason=data["dropout_reason"],
                on=data["on"],
            )
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(
                request,
                _("%(name)s: %(state)s.")
                % {"name": enrolment.participant, "state": enrolment.get_state_display()},
            )
            return redirect(back)
    to = form["to"].value() or ""
    return render(
        request,
        "incubator/people/enrolment_move.html",
        {
            "enrolment": enrolment,
            "form": form,
            "target": Enrolment.State(to).label if to in Enrolment.State.values else "",
            "dropping": to == Enrolment.State.DROPPED,
            "back": back,
        },
    )


@staff_only
def interview_edit(request: HttpRequest, pk: int, interview: int | None = None) -> HttpResponse:
    person = selectors.get_participant_for(request.user, pk)
    instance = None
    if interview is not None:
        instance = selectors.get_for(
            selectors.interviews_visible_to(request.user).filter(participant=person), interview
        )
    form = people_forms.InterviewForm(
        request.POST or None,
        instance=instance,
        initial=None if instance else {"staff": request.user.pk, "held_on": timezone.localdate()},
    )
    if request.method == "POST" and form.is_valid():
        record = form.save(commit=False)
        record.participant = person
        record_save(instance=record, actor=request.user)
        messages.success(request, _("Interview saved."))
        return redirect("people:participant", pk=person.pk)
    return render(
        request,
        "incubator/people/form.html",
        {
            "form": form,
            "title": _("Interview with %(name)s") % {"name": person},
            "back": reverse("people:participant", args=[person.pk]),
        },
    )
