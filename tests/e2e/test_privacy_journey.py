"""A practitioner reads what the platform holds about them and what erasure would keep; another
one erases their data, confirming with address and password. axe-core checks every page."""

import pytest

from tests.e2e.conftest import assert_accessible, keep_screenshot, login

pytestmark = pytest.mark.e2e

DEMO_PASSWORD = "demo-wachtwoord"
# A demo junior no other journey uses, without a trajectory or an application: nothing stands
# in the way of erasure.
ERASED = "noah.dekker@example.org"


def test_junior_reads_their_data_and_what_must_be_settled_first(page):
    login(page, "junior@example.org", DEMO_PASSWORD)
    page.get_by_role("link", name="Mijn gegevens en privacy").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Mijn gegevens en privacy"
    assert_accessible(page)
    page.get_by_role("link", name="Bekijk dezelfde gegevens als leesbare pagina").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Mijn gegevens"
    assert "Jamila" in page.locator("main").inner_text()
    assert_accessible(page)
    page.goto("/mijn/privacy/verwijderen/")
    # The demo junior's buddy trajectory is still running.
    assert "Je buddytraject loopt nog." in page.locator("main").inner_text()
    assert_accessible(page)


def test_practitioner_erases_their_data(page):
    login(page, ERASED, DEMO_PASSWORD)
    page.goto("/mijn/privacy/verwijderen/")
    assert_accessible(page)
    page.get_by_label("Typ je e-mailadres ter bevestiging").fill(ERASED)
    page.get_by_label("Ik begrijp dat verwijderen niet ongedaan gemaakt kan worden.").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Mijn gegevens definitief verwijderen").click()
    assert "/accounts/reauthenticate/" in page.url
    assert_accessible(page)
    page.get_by_label("Wachtwoord").fill(DEMO_PASSWORD)
    with page.expect_navigation():
        page.locator("main form").get_by_role("button").last.click()
    assert page.url.endswith("/mijn/privacy/verwijderd/")
    assert page.get_by_role("heading", level=1).inner_text() == "Je gegevens zijn verwijderd"
    assert_accessible(page)
    keep_screenshot(page, "privacy-erased")
    page.goto("/accounts/login/")
    page.get_by_label("E-mail").fill(ERASED)
    page.get_by_label("Wachtwoord").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Aanmelden").click()
    assert "/accounts/login/" in page.url
