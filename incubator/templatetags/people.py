"""Template helpers of the people side: country and language names, state badges."""

import datetime
from typing import Any

from django import template
from django.utils import formats, timezone
from django.utils.translation import get_language

from incubator.lib import countries

register = template.Library()

BADGES = {
    "applied": "info",
    "accepted": "info",
    "active": "ok",
    "completed": "ok",
    "dropped": "bad",
    "present": "ok",
    "excused": "warn",
    "absent": "bad",
}


@register.filter
def country(code: str) -> str:
    """``{{ person.nationality|country }}`` → « Syrie » in French, “Syria” in English."""
    return countries.country_name(code, get_language() or "fr")


@register.filter
def language_names(codes: Any) -> str:
    """``{{ person.languages|language_names }}`` → « arabe, français »."""
    if isinstance(codes, str):
        codes = [codes]
    return ", ".join(countries.language_name(code, get_language() or "fr") for code in codes or [])


@register.filter
def badge(state: str) -> str:
    """The badge class of a state: ``<span class="badge {{ e.state|badge }}">``."""
    return BADGES.get(state, "")


@register.filter
def moment(value: Any) -> str:
    """A date, or a date and time in local time, in the language's format."""
    if isinstance(value, datetime.datetime):
        return formats.date_format(timezone.localtime(value), "DATETIME_FORMAT")
    if isinstance(value, datetime.date):
        return formats.date_format(value, "DATE_FORMAT")
    return ""


@register.filter
def get_item(mapping: Any, key: str) -> Any:
    """``{{ row.cells|get_item:key }}``: a dictionary value by a variable key."""
    return mapping.get(key, "") if hasattr(mapping, "get") else ""
