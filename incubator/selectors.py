"""Reads of the people side, always scoped to the requesting user (the access chokepoints).

``get_<thing>_for(user, pk)`` answers 404 alike for "missing" and "not yours".
"""

from typing import Any

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from incubator.models import Participant, User

# Who sees which participants: staff run the programmes, advisers need them for applications
# and loans, committee members see people only through the applications put before them.
_ALL_PARTICIPANTS = frozenset({User.Role.STAFF, User.Role.ADVISER})


def participants_visible_to(user: Any) -> QuerySet[Participant]:
    queryset = Participant.objects.select_related("referring_partner", "user")
    if not user.is_authenticated or not user.is_active:
        return queryset.none()
    if user.role in _ALL_PARTICIPANTS:
        return queryset
    if user.role == User.Role.PARTICIPANT:
        return queryset.filter(user=user)
    return queryset.none()


def get_participant_for(user: Any, pk: Any, *, for_update: bool = False) -> Participant:
    queryset = participants_visible_to(user)
    if for_update:
        queryset = queryset.select_for_update(of=("self",))
    return get_object_or_404(queryset, pk=pk)


def participant_of(user: Any) -> Participant | None:
    """The participant record behind a portal account, or None."""
    if not user.is_authenticated or user.role != User.Role.PARTICIPANT:
        return None
    return Participant.objects.filter(user=user).first()
