"""What the loan pages share: the roles, today's date, running a command from a form."""

import datetime
from collections.abc import Callable
from typing import Any

from django import forms
from django.core.paginator import Page, Paginator
from django.http import HttpRequest
from django.utils import timezone

from incubator.errors import DomainError
from incubator.models import User

Role = User.Role
LOAN_OFFICERS = (Role.ADVISER, Role.COMMITTEE)
PAGE_SIZE = 25


def today() -> datetime.date:
    return timezone.localdate()


def run(form: forms.Form, call: Callable[[dict[str, Any]], Any]) -> Any:
    """Call the service with the cleaned data of a valid form; a refusal becomes the form's
    error (in the user's language) and the result None."""
    if not form.is_valid():
        return None
    try:
        return call(form.cleaned_data)
    except DomainError as exc:
        form.add_error(None, exc.message)
        return None


def paginate(request: HttpRequest, queryset: Any, size: int = PAGE_SIZE) -> Page:
    return Paginator(queryset, size).get_page(request.GET.get("page"))
