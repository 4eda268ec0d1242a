"""A junior finds a course, enrols, reads their record and register status; a visitor checks
the junior's certificate and searches the public register. axe-core checks every page."""

import pytest

from tests.e2e.conftest import assert_accessible, keep_screenshot, login

pytestmark = pytest.mark.e2e

DEMO_PASSWORD = "demo-wachtwoord"


def test_junior_enrols_and_follows_their_progress(page):
    login(page, "junior@example.org", DEMO_PASSWORD)
    assert_accessible(page)
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Cursussen").click()
    assert_accessible(page)
    page.get_by_label("Alleen met vrije plaatsen").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Filteren").click()
    assert "seats=on" in page.url
    assert_accessible(page)
    links = page.locator("main .card-list a").evaluate_all("els => els.map(e => e.href)")
    for href in links:
        page.goto(href)
        button = page.get_by_role("button", name="Inschrijven")
        if button.count():
            break
    else:
        pytest.fail("no course in the demo catalogue offers a seat")
    assert_accessible(page)
    button.first.focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "Je bent ingeschreven" in page.locator(".messages").inner_text()
    assert_accessible(page)
    page.goto("/leren/leeroverzicht/")
    assert page.get_by_role("heading", level=1).inner_text() == "Mijn leeroverzicht"
    assert_accessible(page)
    page.goto("/register/mijn-status/")
    assert page.get_by_role("heading", level=1).inner_text() == "Mijn registerstatus"
    assert_accessible(page)
    keep_screenshot(page, "junior-register-status")


def test_visitor_checks_a_certificate_and_searches_the_register(page, browser, demo_site):
    login(page, "junior@example.org", DEMO_PASSWORD)
    page.goto("/leren/leeroverzicht/")
    check_url = page.get_by_role("link", name="Controlepagina").first.get_attribute("href")
    visitor = browser.new_context(base_url=demo_site, locale="nl-NL").new_page()
    visitor.goto(check_url)
    assert "Geldig" in visitor.locator("main").inner_text()
    assert "Jamila de Vries" in visitor.locator("main").inner_text()
    assert_accessible(visitor)
    visitor.goto("/register/openbaar/")
    assert_accessible(visitor)
    visitor.get_by_role("searchbox").first.fill("Bakker")
    with visitor.expect_navigation():
        visitor.keyboard.press("Enter")
    assert_accessible(visitor)
    keep_screenshot(visitor, "visitor-public-register")
