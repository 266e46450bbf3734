"""What a loans app would contribute: lines computed from the people reported on."""

from decimal import Decimal

from incubator.contributions import IndicatorLine


def lines(*, participants, start, end):
    return [
        IndicatorLine("stub_people", "People seen by the stub", participants.count(),
                      section="Stub loans"),
        IndicatorLine("stub_amount", "=Amount lent", Decimal("1234.50"), kind="money",
                      section="Stub loans"),
    ]  # fmt: skip
