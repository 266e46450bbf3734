"""Foundation pages: the role's home, the language switch, a health check."""

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.i18n import set_language as django_set_language

from incubator import cards_registry, services
from incubator.access import BACK_OFFICE, role_required
from incubator.models import User


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """Send each role to its home: the back-office dashboard or the participant's portal."""
    if request.user.role == User.Role.PARTICIPANT:
        return redirect("portal:home")
    return redirect("dashboard")


@never_cache
@role_required(*BACK_OFFICE)
def dashboard(request: HttpRequest) -> HttpResponse:
    cards = cards_registry.collect(request.user, portal=False)
    return render(request, "incubator/dashboard.html", {"cards": cards})


@never_cache
@role_required(User.Role.PARTICIPANT)
def portal_home(request: HttpRequest) -> HttpResponse:
    cards = cards_registry.collect(request.user, portal=True)
    return render(request, "incubator/portal_home.html", {"cards": cards})


def set_language(request: HttpRequest) -> HttpResponse:
    """Django's cookie switch, plus the signed-in user's own setting (e-mails, other devices)."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    response = django_set_language(request)
    language = request.POST.get("language", "")
    if request.user.is_authenticated and language in dict(settings.LANGUAGES):
        services.user_set_language(user=request.user, language=language)
    return response


def healthz(request: HttpRequest) -> HttpResponse:
    """For the load balancer: the process answers and the database is reachable."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return HttpResponse("ok", content_type="text/plain")
