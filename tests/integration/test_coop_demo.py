"""The demo: a running cooking flashcoop with Amina, a closed sewing cooperative with Bilal."""

from decimal import Decimal

from cooperatives import demo
from cooperatives.models import Cooperative, LedgerEntry, MemberShare
from incubator import demo as incubator_demo


def test_the_demo_is_believable_and_idempotent(db, coop_media):
    incubator_demo.seed()
    demo.seed()
    demo.seed()
    flash = Cooperative.objects.get(name=demo.FLASHCOOP)
    sewing = Cooperative.objects.get(name=demo.SEWING)
    assert (flash.state, flash.kind, flash.days.filter(cancelled=False).count()) == (
        "running",
        "flashcoop",
        10,
    )
    assert flash.memberships.filter(participant__user__username="amina").exists()
    assert flash.cost_sheets.exists() and flash.meetings.exists()
    assert LedgerEntry.objects.filter(cooperative=flash, reverses__isnull=False).count() == 1
    assert sewing.state == "closed"
    shares = MemberShare.objects.filter(closing__cooperative=sewing)
    assert sum(s.amount.amount for s in shares) == sewing.closing.result.amount > Decimal(0)
    assert sewing.memberships.filter(participant__user__username="bilal", role="treasurer").exists()
    assert not sewing.memberships.filter(outcome="").exists()
    assert Cooperative.objects.count() == 2
