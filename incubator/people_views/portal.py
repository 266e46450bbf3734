"""The participant's own pages: my profile, my workshops. Only ever their own record."""

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from incubator import selectors
from incubator.access import role_required
from incubator.lib import countries
from incubator.models import Attendance, Participant, User
from incubator.people_forms import ProfileForm
from incubator.services import people as people_services

participant_only = role_required(User.Role.PARTICIPANT)


def _me(request: HttpRequest) -> Participant:
    person = selectors.participant_of(request.user)
    if person is None:  # an account not (or no longer) linked to a record
        raise Http404
    return person


@never_cache
@participant_only
def profile(request: HttpRequest) -> HttpResponse:
    person = _me(request)
    form = ProfileForm(request.POST or None, instance=person)
    if request.method == "POST" and form.is_valid():
        changes = {name: form.cleaned_data[name] for name in form.changed_data}
        if changes:
            people_services.participant_update_contact(
                participant=person, actor=request.user, changes=changes
            )
        # The account's language follows (the next page is in the chosen language).
        messages.success(request, _("Thank you, your details are saved."))
        return redirect("portal:profile")
    language = translation.get_language() or "fr"
    return render(
        request,
        "incubator/portal/profile.html",
        {
            "person": person,
            "form": form,
            "nationality": countries.country_name(person.nationality, language),
            "languages": [countries.language_name(code, language) for code in person.languages],
        },
    )


@never_cache
@participant_only
def my_workshops(request: HttpRequest) -> HttpResponse:
    person = _me(request)
    now = timezone.now()
    mine = selectors.workshops_of(person)
    upcoming = list(mine.filter(ends_at__gte=now).order_by("starts_at")[:20])
    marks = {
        mark.workshop_id: mark
        for mark in Attendance.objects.filter(participant=person).select_related("workshop")
    }
    past = [
        (mark.workshop, mark)
        for mark in sorted(marks.values(), key=lambda m: m.workshop.starts_at, reverse=True)
    ][:30]
    return render(
        request,
        "incubator/portal/workshops.html",
        {
            "upcoming": [(w, marks.get(w.pk)) for w in upcoming],
            "past": past,
            "language": translation.get_language() or "fr",
        },
    )
