"""What the people pages share: role gates, pagination, the generic record form."""

from collections.abc import Callable, Iterable
from typing import Any

from django.contrib import messages
from django.core.paginator import Page, Paginator
from django.db.models import Model, QuerySet
from django.forms import ModelForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from incubator.access import role_required
from incubator.errors import DomainError
from incubator.models import User
from incubator.services.people import record_save

Role = User.Role
staff_only = role_required(Role.STAFF)
# Advisers read participants, programmes and cohorts: they need them for loans.
readers = role_required(Role.STAFF, Role.ADVISER)
PER_PAGE = 25


def paginate(request: HttpRequest, queryset: QuerySet[Any], per_page: int = PER_PAGE) -> Page:
    return Paginator(queryset, per_page).get_page(request.GET.get("page"))


def next_url(request: HttpRequest, default: str) -> str:
    """The ``next`` parameter when it points back into this site, else ``default``."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}):
        return target
    return default


def edit_record(
    request: HttpRequest,
    *,
    form_class: type[ModelForm],
    instance: Model | None,
    title: str,
    back: str,
    success: Callable[[Any], str],
    m2m: Iterable[str] = (),
    initial: dict[str, Any] | None = None,
) -> HttpResponse:
    """Create or edit a simple record (partner, funder, programme, cohort, workshop...)."""
    form = form_class(request.POST or None, instance=instance, initial=initial)
    if request.method == "POST" and form.is_valid():
        record = form.save(commit=False)
        relations = {name: form.cleaned_data[name] for name in m2m}
        try:
            record_save(instance=record, actor=request.user, m2m=relations)
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Saved."))
            return redirect(success(record))
    return render(
        request, "incubator/people/form.html", {"form": form, "title": title, "back": back}
    )
