"""List filters shared by the pages and the API (django-filter).

They narrow a queryset the selectors already scoped to the user: never an access control.
"""

from typing import Any

import django_filters
from django.db.models import Q, QuerySet, Value
from django.db.models.functions import Replace
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from incubator.models import Cohort, Enrolment, Participant, PartnerOrganisation, Programme

ALL = _("All")


class ParticipantFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search")
    cohort = django_filters.ModelChoiceFilter(
        label=capfirst(_("cohort")),
        empty_label=ALL,
        queryset=Cohort.objects.all(),
        method="in_cohort",
    )
    programme = django_filters.ModelChoiceFilter(
        label=capfirst(_("programme")),
        empty_label=ALL,
        queryset=Programme.objects.all(),
        method="in_programme",
    )
    residence_status = django_filters.ChoiceFilter(
        label=capfirst(_("residence status")),
        empty_label=ALL,
        choices=Participant.ResidenceStatus.choices,
    )
    gender = django_filters.ChoiceFilter(
        label=capfirst(_("gender")), empty_label=ALL, choices=Participant.Gender.choices
    )
    referring_partner = django_filters.ModelChoiceFilter(
        label=capfirst(_("referred by")),
        empty_label=ALL,
        queryset=PartnerOrganisation.objects.all(),
    )
    french_level = django_filters.ChoiceFilter(
        label=_("French level"), empty_label=ALL, choices=Participant.FrenchLevel.choices
    )

    class Meta:
        model = Participant
        fields = [
            "q", "cohort", "programme", "residence_status", "gender", "referring_partner",
            "french_level",
        ]  # fmt: skip

    def search(self, queryset: QuerySet[Participant], name: str, value: str) -> Any:
        """Every word must match a name, the e-mail or the phone (spaces ignored in phones)."""
        compact: Any = "phone"
        for separator in (" ", ".", "-"):
            compact = Replace(compact, Value(separator), Value(""))
        queryset = queryset.alias(phone_compact=compact)
        for word in value.split()[:5]:
            digits = word.replace(".", "").replace("-", "")
            queryset = queryset.filter(
                Q(first_name__icontains=word)
                | Q(last_name__icontains=word)
                | Q(email__icontains=word)
                | Q(phone_compact__icontains=digits)
            )
        return queryset

    def in_cohort(self, queryset: QuerySet[Participant], name: str, value: Cohort) -> Any:
        enrolled = Enrolment.objects.filter(cohort=value).values("participant_id")
        return queryset.filter(pk__in=enrolled)

    def in_programme(self, queryset: QuerySet[Participant], name: str, value: Programme) -> Any:
        enrolled = Enrolment.objects.filter(cohort__programme=value).values("participant_id")
        return queryset.filter(pk__in=enrolled)
