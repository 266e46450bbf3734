"""The member statement (French, Arabic) and the closing report render from the recorded
closing, in the reader's language; the files land in build/pdf/ to be looked at."""

import os
from decimal import Decimal

import pytest

from cooperatives import pdf, reports
from cooperatives.services import closing, cooperatives, governance
from tests.helpers import pdf_text

BUILD = os.path.join(os.path.dirname(__file__), "..", "..", "build", "pdf")
D = Decimal


@pytest.fixture
def closed(amina_coop, record_hours, sell, spend, staff, amina):
    amina.preferred_language = "fr"
    amina.save()
    ms = list(amina_coop.memberships.order_by("pk"))
    record_hours(
        amina_coop,
        {
            ms[0]: [6] * 10,
            ms[1]: ["5.5", 6, 6, 6, "5.75", 5, 6, 5, "4.5", "4.5"],
            ms[2]: [4] * 5 + [0] * 5,
        },
    )
    days = list(amina_coop.days.order_by("date"))
    for k, day in enumerate(days[:8]):
        sell(amina_coop, "Mafé poulet", str(12 + k), "8.50", date=day.date)
        sell(
            amina_coop,
            "Bissap (50 cl)",
            str(15 + 2 * k),
            "2.50",
            date=day.date,
            payment_method="card",
        )
    sell(
        amina_coop,
        "Buffet associatif",
        "1",
        "240.00",
        date=days[4].date,
        customer_type="association",
        payment_method="transfer",
    )
    spend(amina_coop, "ingredients", "212.40", supplier="Metro", date=days[0].date)
    spend(amina_coop, "rent", "150.00", date=days[1].date)
    spend(amina_coop, "transport", "18.60", date=days[3].date)
    governance.meeting_record(
        cooperative=amina_coop,
        actor=staff,
        date=days[1].date,
        agenda="Partage",
        attendees=ms,
        decisions=[governance.DecisionInput("Au prorata des heures", 3, 0, 0, "hours")],
    )
    cooperatives.cooperative_transition(cooperative=amina_coop, to="closing", actor=staff)
    closing.cooperative_close(cooperative=amina_coop, actor=staff)
    return amina_coop


def text_of(content: bytes, name: str) -> str:
    """Keep the PDF in build/pdf/ to be looked at; return its text, spaces folded."""
    os.makedirs(BUILD, exist_ok=True)
    with open(os.path.join(BUILD, name), "wb") as out:
        out.write(content)
    return pdf_text(content)


def test_amina_statement_in_french_shows_her_days_hours_and_share(closed, amina):
    membership = closed.memberships.get(participant=amina)
    data = reports.statement(membership)
    assert (data.days_worked, data.hours, data.share) == (10, D("60.00"), data.share)
    assert sum(s.amount.amount for s in closed.closing.shares.all()) == closed.closing.result.amount
    content = pdf.render_statement(data, language="fr")
    assert content.startswith(b"%PDF")
    text = text_of(content, "coop-statement-fr.pdf")
    assert "Amina Diallo" in text
    assert "vendredi" in text and "10 juil. 2026" in text
    for label in ("Relevé", "Votre part", "Ventes"):
        assert label in text


def test_the_statement_in_arabic_is_right_to_left(closed, amina):
    data = reports.statement(closed.memberships.get(participant=amina))
    content = pdf.render_statement(data, language="ar")
    text = text_of(content, "coop-statement-ar.pdf")
    assert "Amina Diallo" in text
    assert any("\u0600" <= ch <= "\u06ff" or "\ufe70" <= ch <= "\ufeff" for ch in text)


def test_the_closing_report_lists_products_categories_and_the_split(closed):
    data = reports.closing_report(closed)
    assert [p for p, _q, _a in data.sales_by_product] == [
        "Mafé poulet",
        "Bissap (50 cl)",
        "Buffet associatif",
    ]
    assert sum(a for _p, _q, a in data.sales_by_product) == data.sales
    assert sum(a for _c, a in data.expenses_by_category) == data.expenses == D("381.00")
    assert sum(line.amount for line in data.shares) == data.result
    assert len(data.periods) == 10  # one bar group per activity day
    for language in ("fr", "ar"):
        content = pdf.render_closing_report(data, language=language)
        text = text_of(content, f"coop-closing-{language}.pdf")
        assert "Mafé poulet" in text
        if language == "fr":
            assert "Mafé poulet" in text and "Ingrédients" in text and "Résultat" in text


def test_no_statement_before_the_closing(amina_coop):
    assert reports.statement(amina_coop.memberships.first()) is None
    assert reports.closing_report(amina_coop) is None
