"""Each demo role signs in through a real Chromium and lands on its home, in French and Arabic."""

import os

import pytest
from playwright.sync_api import Page, expect

from incubator import demo

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

HOMES = {
    "staff": "/dashboard/",
    "adviser": "/dashboard/",
    "committee": "/dashboard/",
    "amina": "/me/",
}


def sign_in(page: Page, base_url: str, username: str) -> None:
    page.goto(f"{base_url}/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", "tremplin-demo")
    page.click("form:not(.langswitch) button[type=submit]")


@pytest.mark.parametrize("username", list(HOMES))
def test_each_demo_login_reaches_its_home_in_french_and_arabic(
    live_server, page: Page, username, screenshot_dir
):
    demo.seed()
    phone = username == "amina"
    page.set_viewport_size(
        {"width": 390, "height": 844} if phone else {"width": 1280, "height": 800}
    )

    sign_in(page, live_server.url, username)
    expect(page).to_have_url(f"{live_server.url}{HOMES[username]}")
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    expect(page.locator("h1")).to_contain_text("Bonjour")
    page.screenshot(path=os.path.join(screenshot_dir, f"home-{username}-fr.png"), full_page=True)

    page.click("button[name=language][value=ar]")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.locator("html")).to_have_attribute("lang", "ar")
    expect(page.locator("h1")).to_contain_text("مرحبًا")
    # The first menu entry sits at the right edge in a right-to-left page.
    brand = page.locator(".brand").bounding_box()
    assert brand["x"] > page.viewport_size["width"] / 2
    page.screenshot(path=os.path.join(screenshot_dir, f"home-{username}-ar.png"), full_page=True)


def test_the_login_page_in_arabic(live_server, page: Page, screenshot_dir):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server.url}/accounts/login/")
    page.click("button[name=language][value=ar]")
    expect(page.locator("h1")).to_contain_text("تسجيل الدخول")
    page.screenshot(path=os.path.join(screenshot_dir, "login-ar.png"), full_page=True)
