"""In a real Chromium: the adviser's application → committee → payout path, and the
participant's schedule on a phone, in French and Arabic. Screenshots in build/screenshots/."""

import datetime
import os
from decimal import Decimal as D

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from loans.models import Application, Loan
from loans.services import repayments
from tests.fixtures_loans import disbursed, new_key

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "secret-pass-123"  # tests.factories.UserFactory


def sign_in(page: Page, base_url: str, username: str) -> None:
    page.context.clear_cookies()
    page.goto(f"{base_url}/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("form:not(.langswitch) button[type=submit]")


def shot(page: Page, folder: str, name: str) -> None:
    page.screenshot(path=os.path.join(folder, f"loans-{name}.png"), full_page=True)


def test_an_application_goes_from_the_adviser_to_the_committee_to_a_payout(
    live_server, page: Page, screenshot_dir, amina, microcredit, adviser, committee
):
    page.set_viewport_size({"width": 1280, "height": 900})
    url = live_server.url

    # The adviser opens the application, submits it and reviews it.
    sign_in(page, url, adviser.username)
    page.goto(f"{url}/loans/applications/new/")
    page.select_option("select[name=participant]", str(amina.pk))
    page.select_option("select[name=product]", str(microcredit.pk))
    page.fill("input[name=amount]", "1200")
    page.fill("input[name=installments]", "12")
    page.fill("textarea[name=purpose]", "Une machine à coudre et du tissu pour un stand.")
    page.click("main form button[type=submit]")
    expect(page.locator("h1")).to_contain_text("Amina Diallo")
    application = Application.objects.get()
    page.click(f"form[action$='/applications/{application.pk}/submit/'] button")
    for name in ("identity_checked", "plan_approved", "guarantee_covered"):
        page.check(f"input[name={name}]")
    page.fill("input[name=monthly_income]", "1800")
    page.fill("input[name=monthly_charges]", "900")
    page.select_option("select[name=recommendation]", "favourable")
    page.fill("textarea[name=recommendation_note]", "Clientèle déjà constituée au marché.")
    page.click(f"form[action$='/applications/{application.pk}/review/'] button")
    expect(page.locator(".loan-checklist li.missing")).to_have_count(0)
    shot(page, screenshot_dir, "application-reviewed")
    page.click(f"form[action$='/applications/{application.pk}/send/'] button")
    expect(page.locator("h1 .badge.warn")).to_have_count(1)  # ready for the committee
    assert Application.objects.get().state == "ready_for_committee"

    # The committee decides (Claire did not review it).
    sign_in(page, url, committee.username)
    page.goto(f"{url}/loans/committee/")
    expect(page.locator(".loan-committee-item")).to_have_count(1)
    shot(page, screenshot_dir, "committee")
    page.click(".loan-committee-item a.btn")
    page.fill("textarea[name=conditions]", "Ouvrir un compte bancaire professionnel.")
    page.click("button[name=decision][value=approve]")
    expect(page.locator("h1 .badge.ok")).to_have_count(1)
    assert Application.objects.get().state == "approved"

    # The adviser pays it out: the loan, its schedule, the offer being prepared.
    sign_in(page, url, adviser.username)
    page.goto(f"{url}/loans/applications/{application.pk}/")
    page.click("#disburse button[type=submit]")
    loan = Loan.objects.get()
    expect(page).to_have_url(f"{url}/loans/{loan.pk}/")
    expect(page.locator(".loan-schedule tbody tr")).to_have_count(12)
    expect(page.locator("#documents a[download]")).to_have_count(1, timeout=10_000)
    shot(page, screenshot_dir, "loan-paid-out")

    # And records the first payment with the form (a hidden idempotency key).
    page.click(f"a[href='/loans/{loan.pk}/repay/']")
    page.fill("input[name=value_date]", loan.disbursed_on.isoformat())
    page.click("main form button[type=submit]")
    expect(page.locator(".messages")).to_be_visible()
    assert loan.payments.count() == 1
    shot(page, screenshot_dir, "loan-first-payment")


def test_the_participant_follows_her_schedule_on_a_phone(
    live_server, page: Page, screenshot_dir, amina, bilal, microcredit, honour_loan, adviser,
    committee,
):  # fmt: skip
    today = timezone.localdate()
    start = today - datetime.timedelta(days=100)
    loan = disbursed(participant=amina, product=microcredit, adviser=adviser,
                     committee=committee, on=start)  # fmt: skip
    first = loan.schedule.order_by("number").first()
    repayments.repayment_post(
        loan=loan, amount=first.total, value_date=first.due_date, method="cash",
        idempotency_key=new_key(), actor=adviser, today=today,
    )  # fmt: skip
    disbursed(participant=bilal, product=honour_loan, adviser=adviser, committee=committee,
              on=start, amount=D("1200.00"), installments=12)  # fmt: skip
    page.set_viewport_size({"width": 390, "height": 844})

    sign_in(page, live_server.url, amina.user.username)
    page.goto(f"{live_server.url}/me/loan/")
    expect(page.locator(".loan-next .big-number")).to_contain_text("€")
    shot(page, screenshot_dir, "portal-home-fr")
    page.click(".loan-next")
    expect(page.locator(".loan-due")).to_have_count(12)
    expect(page.locator(".loan-due.paid")).to_have_count(1)
    expect(page.locator(".loan-due.late")).to_have_count(2)
    shot(page, screenshot_dir, "portal-schedule-fr")

    sign_in(page, live_server.url, bilal.user.username)
    page.goto(f"{live_server.url}/me/loan/")
    page.click("button[name=language][value=ar]")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    page.click(".loan-next")
    expect(page.locator(".loan-due.late")).to_have_count(3)
    # Right to left: the due date sits right of the amount.
    row = page.locator(".loan-due").first
    date_box = row.locator(".loan-due-date").bounding_box()
    amount_box = row.locator(".loan-due-amount").bounding_box()
    assert date_box["x"] > amount_box["x"]
    shot(page, screenshot_dir, "portal-schedule-ar")


def test_the_portfolio_and_the_arrears_on_the_demo(
    live_server, page: Page, screenshot_dir, settings
):
    from django.core.management import call_command

    settings.DEBUG = True  # the embedded mode, where demo accounts are allowed
    call_command("seed_demo", verbosity=0)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("input[name=username]", "adviser")
    page.fill("input[name=password]", "tremplin-demo")
    page.click("form:not(.langswitch) button[type=submit]")
    page.goto(f"{live_server.url}/loans/portfolio/")
    expect(page.locator("svg.chart")).to_have_count(2)
    shot(page, screenshot_dir, "portfolio")
    page.goto(f"{live_server.url}/loans/?state=late")
    expect(page.locator("tbody tr.is-late")).to_have_count(3)
    shot(page, screenshot_dir, "arrears")
    page.click("tbody tr.is-late a")  # the oldest arrears first
    expect(page.locator(".loan-schedule tr.is-late").first).to_be_visible()
    shot(page, screenshot_dir, "loan-late")
    olena = Loan.objects.get(participant__first_name="Olena")
    page.goto(f"{live_server.url}/loans/{olena.pk}/")
    page.locator("details summary").last.click()  # the replaced installments, kept
    shot(page, screenshot_dir, "loan-prepaid")


def test_a_participant_asks_for_a_loan_on_her_phone(
    live_server, page: Page, screenshot_dir, amina, microcredit, honour_loan
):
    page.set_viewport_size({"width": 390, "height": 844})
    sign_in(page, live_server.url, amina.user.username)
    page.goto(f"{live_server.url}/me/loan/")
    page.click("a.loan-apply")
    shot(page, screenshot_dir, "portal-apply-fr")
    page.click("label[for=id_product_1]")  # the second product offered
    page.fill("input[name=amount]", "2000")
    page.fill("input[name=installments]", "20")
    page.fill("textarea[name=purpose]", "Un stock de tissus wax pour le marché de Château-Rouge.")
    page.click("button[name=send][value='1']")
    application = Application.objects.get()
    assert (application.state, application.amount) == ("submitted", D("2000.00"))
    expect(page.locator(".loan-steps li.current")).to_have_count(1)
    shot(page, screenshot_dir, "portal-application-fr")
    page.click("button[name=language][value=ar]")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    shot(page, screenshot_dir, "portal-application-ar")
