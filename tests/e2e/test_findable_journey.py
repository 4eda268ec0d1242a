"""An anonymous visitor starts on the home page: looks a registration up in the public register
and opens its page, checks a certificate by its code, and searches the site for
"participatie", which finds the compound "Bewonersparticipatie". axe-core checks every page."""

import pytest

from tests.e2e.conftest import DEMO_PASSWORD, assert_accessible, keep_screenshot, login

pytestmark = pytest.mark.e2e

# The demo's registered practitioner (register/demo.py) and a course whose title holds
# "participatie" inside a compound (courses/demo.py).
REGISTERED = "Ruud Visser"
COMPOUND = "Bewonersparticipatie organiseren"


def _certificate_code(page) -> str:
    """The code of the demo junior's certificate, from her learning record."""
    login(page, "junior@example.org", DEMO_PASSWORD)
    page.goto("/leren/leeroverzicht/")
    href = page.get_by_role("link", name="Controlepagina").first.get_attribute("href")
    return href.rstrip("/").rsplit("/", 1)[1]


def test_visitor_finds_a_registration_checks_a_certificate_and_searches(page, open_page):
    code = _certificate_code(page)

    visitor = open_page()
    visitor.goto("/")
    assert_accessible(visitor)
    for heading in (
        "Binnenkort van start, met plaats vrij",
        "De volgende Vakconferentie",
        "Nieuwe vakpublicaties",
        "Staat iemand in het register?",
        "Certificaat controleren",
        "Waar begin je?",
    ):
        assert visitor.get_by_role("heading", name=heading, level=2).count() == 1, heading
    footer = visitor.locator("footer")
    assert footer.get_by_role("link", name="Openbaar register").count() == 1
    assert footer.get_by_role("link", name="Certificaat controleren").count() == 1
    keep_screenshot(visitor, "visitor-home")

    # The register lookup on the home page, then the registration's own page.
    visitor.get_by_label("Naam of registernummer").fill("Visser")
    with visitor.expect_navigation():
        visitor.get_by_role("button", name="Opzoeken").click()
    assert_accessible(visitor)
    row = visitor.get_by_role("row").filter(has_text=REGISTERED)
    assert row.count() == 1
    number = row.get_by_role("cell").nth(1).inner_text().strip()
    with visitor.expect_navigation():
        row.get_by_role("link", name=REGISTERED).click()
    assert visitor.get_by_role("heading", level=1).inner_text() == REGISTERED
    facts = visitor.locator("dl.facts").inner_text()
    assert number in facts and "Geldig tot en met" in facts
    assert_accessible(visitor)

    # The certificate check, from the home page, by keyboard.
    visitor.goto("/")
    visitor.get_by_label("Verificatiecode van het certificaat").fill(code.lower())
    with visitor.expect_navigation():
        visitor.keyboard.press("Enter")
    main = visitor.locator("main").inner_text()
    assert "Geldig" in main and "Jamila de Vries" in main
    assert_accessible(visitor)

    # The site search finds the word inside the compound.
    visitor.goto("/zoeken/")
    visitor.get_by_label("Zoek op de site").fill("participatie")
    with visitor.expect_navigation():
        visitor.keyboard.press("Enter")
    assert visitor.locator("ol.results").get_by_role("link", name=COMPOUND).count() >= 1
    assert_accessible(visitor)
    keep_screenshot(visitor, "visitor-search-compound")
