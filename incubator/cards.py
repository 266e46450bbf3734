"""The foundation's own home cards: account and help links (features add their own)."""

from typing import Any

from django.db.models import F, Func, QuerySet, Subquery
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from incubator import selectors
from incubator.cards_registry import Card
from incubator.models import User


def cards(user: Any) -> list[Card]:
    found = [
        *people_cards(user),
        Card(_("Your role"), user.get_role_display(), "user", note=str(user), order=90),
        Card(_("API documentation"), _("Open"), "book", url=reverse("api_docs"), order=95),
    ]
    if user.role == User.Role.STAFF and user.is_staff:
        found.append(Card(_("Administration"), _("Open"), "settings", url="/admin/", order=96))
    return found


def portal_cards(user: Any) -> list[Card]:
    return [
        *people_portal_cards(user),
        Card(
            _("Change my password"),
            _("Open"),
            "key",
            url=reverse("password_change"),
            order=95,
        ),
    ]


# --- The people side ----------------------------------------------------------------------------


def _count(queryset: QuerySet[Any], field: str = "pk") -> Subquery:
    """``SELECT COUNT(DISTINCT field)`` of ``queryset`` as a scalar subquery (no GROUP BY)."""
    counted = Func(F(field), function="COUNT", template="%(function)s(DISTINCT %(expressions)s)")
    return Subquery(queryset.order_by().annotate(n=counted).values("n")[:1])


def people_cards(user: Any) -> list[Card]:
    """Staff: people in a cohort and follow-ups due; advisers: people. One query in all."""
    if user.role not in (User.Role.STAFF, User.Role.ADVISER):
        return []
    in_cohort = selectors.enrolments_visible_to(user).filter(state__in=("accepted", "active"))
    due = selectors.follow_ups_due(user).filter(due_on__lte=timezone.localdate())
    counts = (
        User.objects.filter(pk=user.pk)
        .annotate(people=_count(in_cohort, "participant_id"), due=_count(due))
        .values("people", "due")
        .get()
    )
    found = [
        Card(_("People in a cohort"), counts["people"], "users",
             url=reverse("people:participants"), order=10),
    ]  # fmt: skip
    if user.role == User.Role.STAFF:
        found.append(
            Card(_("Follow-ups due"), counts["due"], "phone", url=reverse("people:follow_ups"),
                 note=_("3, 6 and 12 months after leaving"), order=12)
        )  # fmt: skip
    return found


def people_portal_cards(user: Any) -> list[Card]:
    """A participant's next workshop and their profile."""
    person = selectors.participant_of(user)
    if person is None:
        return []
    upcoming = (
        selectors.workshops_of(person)
        .filter(ends_at__gte=timezone.now())
        .order_by("starts_at")
        .first()
    )
    value = (
        date_format(timezone.localtime(upcoming.starts_at), "SHORT_DATETIME_FORMAT")
        if upcoming
        else _("None planned")
    )
    return [
        Card(
            _("My next workshop"),
            value,
            "calendar",
            url=reverse("portal:workshops"),
            note=f"{upcoming.title} · {upcoming.place}" if upcoming else "",
            order=10,
        ),
        Card(
            _("My profile"), _("See and correct"), "user", url=reverse("portal:profile"), order=90
        ),
    ]
