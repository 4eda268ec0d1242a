"""A visitor reads the site, switches language and a practitioner signs in by keyboard alone."""

import pytest

from tests.e2e.conftest import assert_accessible, keep_screenshot, login

pytestmark = pytest.mark.e2e

DEMO_PASSWORD = "demo-wachtwoord"


def test_visitor_reads_home_search_and_the_charter(page):
    page.goto("/")
    assert page.locator("html").get_attribute("lang") == "nl"
    assert_accessible(page)
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Statuut").click()
    page.wait_for_url("**/statuut/")
    assert_accessible(page)
    page.get_by_role("link", name="Zoeken").click()
    page.get_by_label("Zoek op de site").fill("werkwijzen")
    page.get_by_role("button", name="Zoeken").click()
    assert page.locator("#main").get_by_role("link", name="Statuut opbouwwerk").is_visible()
    assert_accessible(page)
    page.get_by_role("button", name="English").click()
    assert page.locator("html").get_attribute("lang") == "en"
    assert_accessible(page)
    keep_screenshot(page, "visitor")


def test_junior_signs_in_by_keyboard_and_sees_the_start_page(page):
    page.goto("/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Naar de inhoud"
    login(page, "junior@example.org", DEMO_PASSWORD, keyboard=True)
    assert page.get_by_role("heading", level=1).inner_text().startswith("Welkom")
    assert "Junior opbouwwerker" in page.content()
    assert_accessible(page)
    keep_screenshot(page, "junior-start")


def test_signup_and_password_reset_pages_are_accessible(page):
    for url in ["/accounts/signup/", "/accounts/password/reset/", "/bestaat-niet/"]:
        page.goto(url)
        assert_accessible(page)
