"""Funder indicators of loans (``incubator.contributions``): loans granted in the period to the
participants reported on, as a count and an amount, aggregated in SQL (one query)."""

import datetime
from decimal import Decimal
from typing import Any

from django.db.models import Count, Sum
from django.utils.translation import gettext_lazy as _

from incubator.contributions import IndicatorLine
from incubator.lib.money import quantize
from loans.models import Loan


def lines(*, participants: Any, start: datetime.date, end: datetime.date) -> list[IndicatorLine]:
    """Loans paid out between ``start`` and ``end`` (inclusive) to ``participants``, in euros
    (the organisation's currency; loans in another currency are not added in)."""
    granted = Loan.objects.filter(
        participant__in=participants, disbursed_on__gte=start, disbursed_on__lte=end, currency="EUR"
    ).aggregate(count=Count("pk"), amount=Sum("principal"))
    section = _("Microcredit")
    return [
        IndicatorLine(
            "loans_granted_count", _("Loans granted"), granted["count"], "count", section
        ),
        IndicatorLine(
            "loans_granted_amount",
            _("Amount of the loans granted"),
            quantize(granted["amount"] or Decimal(0)),
            "money",
            section,
        ),
    ]
