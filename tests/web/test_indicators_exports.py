"""The indicators page, its CSV (safe to open in a spreadsheet) and its PDF (French, Arabic)."""

import csv
import datetime
import io
import os

import pytest
from django.utils import translation
from django.utils.translation import gettext as _

from tests.fixtures_incubator import WorkshopFactory, at
from tests.fixtures_loans import disbursed
from tests.helpers import pdf_text

D = datetime.date
PDF_DIR = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(__file__))), "build", "pdf")


@pytest.fixture
def report_world(programme, cohort, amina, bilal, enrol, mark, microcredit, adviser, committee):
    # Amina's microcredit is paid out in the report's period: the loans app's lines show it.
    disbursed(participant=amina, product=microcredit, adviser=adviser, committee=committee,
              on=D(2026, 4, 6))  # fmt: skip
    enrol(amina, cohort, "completed", ended=D(2026, 6, 30))
    enrol(bilal, cohort, "active")
    workshop = WorkshopFactory(programme=programme, cohort=cohort, starts_at=at(D(2026, 3, 10)),
                               ends_at=at(D(2026, 3, 10), 12))  # fmt: skip
    mark(workshop, {amina: "present", bilal: "absent"})
    programme.name = '=HYPERLINK("http://evil.example")'
    programme.save()
    return programme


def test_the_csv_has_a_bom_semicolons_and_no_live_formula(client, staff, report_world):
    client.force_login(staff)
    response = client.get(f"/people/indicators.csv?programme={report_world.pk}")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text[1:]), delimiter=";"))
    assert len(rows[0]) == 4  # section, key, indicator, value (in the reader's language)
    values = {row[1]: row[3] for row in rows[1:]}
    assert (values["participants"], values["workshops_held"], values["attendance_rate"]) == (
        "2", "1", "50.0"
    )  # fmt: skip
    assert (values["loans_granted_count"], values["loans_granted_amount"]) == ("1", "1200.00")
    labels = {row[1]: row[2] for row in rows[1:]}
    assert labels["loans_granted_count"] == "Prêts accordés"  # the reader's language
    assert not any(cell.startswith(("=", "+", "@")) for row in rows for cell in row)
    assert "attachment;" in response["Content-Disposition"]


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_the_indicators_page_and_pdf_render_in_the_readers_language(
    client, staff, report_world, language
):
    staff.language = language
    staff.save()
    client.force_login(staff)
    page = client.get(f"/people/indicators/?programme={report_world.pk}")
    assert page.status_code == 200
    html = page.content.decode()
    with translation.override(language):
        loans_label = str(_("Loans granted"))
    assert '<svg class="chart"' in html and loans_label in html  # the loans app's line
    response = client.get(f"/people/indicators.pdf?programme={report_world.pk}")
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    os.makedirs(PDF_DIR, exist_ok=True)
    with open(os.path.join(PDF_DIR, f"people-indicators-test-{language}.pdf"), "wb") as out:
        out.write(response.content)
    text = pdf_text(response.content)
    assert {"fr": "1 200,00 €", "ar": "1,200.00 €"}[language] in text  # Amina's loan
    if language == "fr":  # no follow-up yet: a sentence, not an empty chart
        assert "Prêts accordés" in text
        assert "Aucune situation n’est encore enregistrée" in text


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_the_sign_in_sheet_lists_the_roster_and_the_funders_mention(
    client, staff, programme, cohort, amina, bilal, enrol, language
):
    enrol(amina, cohort, "active")
    enrol(bilal, cohort, "active")
    workshop = WorkshopFactory(programme=programme, cohort=cohort, title="Fixer ses prix")
    staff.language = language
    staff.save()
    client.force_login(staff)
    response = client.get(f"/people/workshops/{workshop.pk}/sign-in-sheet.pdf")
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    os.makedirs(PDF_DIR, exist_ok=True)
    with open(os.path.join(PDF_DIR, f"people-sign-in-test-{language}.pdf"), "wb") as out:
        out.write(response.content)
    text = pdf_text(response.content)
    assert "Fixer ses prix" in text
    assert all(person.last_name.upper() in text for person in (amina, bilal))  # DIALLO Amina


def test_the_sign_in_sheet_data_names_everyone_expected_and_the_eu_mention(
    programme, cohort, amina, bilal, enrol
):
    from incubator.people_views.workshops import sign_in_sheet_data

    enrol(amina, cohort, "active")
    enrol(bilal, cohort, "active")
    workshop = WorkshopFactory(programme=programme, cohort=cohort)
    sheet = sign_in_sheet_data(workshop, "fr")
    assert sheet.names == ["DIALLO Amina", "HADDAD Bilal"]
    assert sheet.funder_mentions == ["Cofinancé par l’Union européenne"]
    assert sheet.eu_emblem  # the AMIF funder asks for the European flag
    assert (sheet.programme, sheet.cohort, sheet.language) == (
        "Tremplin 2026", "Printemps 2026", "français"
    )  # fmt: skip


def test_an_invalid_period_is_a_form_error_not_a_crash(client, staff, programme):
    client.force_login(staff)
    response = client.get(f"/people/indicators/?programme={programme.pk}"
                          "&start=2026-12-01&end=2026-01-01")  # fmt: skip
    assert response.status_code == 200 and response.context["report"] is None
    assert "end" in response.context["form"].errors
    assert client.get(f"/people/indicators.csv?programme={programme.pk}&start=x").status_code == 400
