"""A junior enrols in a paid course through its confirmation step, her employer paying with a
purchase order; the provider marks everyone present at a course that ran in one go and
completes whoever met the course's rule. axe-core checks every page."""

import re

import pytest

from tests.e2e.conftest import DEMO_PASSWORD, assert_accessible, login, messages

pytestmark = pytest.mark.e2e

# A paid course of the demo with an edition ahead (courses/demo.py), and one that ran.
PAID, PAID_EDITION, PAID_PRICE = "Intervisie voor opbouwwerkers", "KWW-201-1", "€ 640,00"
RAN, RAN_EDITION = "Bewonersparticipatie organiseren", "KWW-102-3"


def test_junior_confirms_a_paid_enrolment_and_the_provider_acts_in_bulk(page, open_page):
    login(page, "junior@example.org", DEMO_PASSWORD)
    page.goto("/cursussen/")
    page.get_by_role("link", name=PAID).first.click()
    page.wait_for_load_state()
    card = page.locator("article.edition").filter(
        has=page.get_by_role("heading", name=f"Uitvoering {PAID_EDITION}")
    )
    card.get_by_role("link", name="Inschrijven", exact=True).click()
    page.wait_for_url("**/inschrijven/bevestigen/")
    assert_accessible(page)
    assert PAID_PRICE in page.locator("#enrol-price").inner_text()
    assert page.locator("#cancellation-terms").inner_text().strip()
    page.get_by_label("Mijn werkgever betaalt").check()
    page.get_by_label("Naam van je werkgever").fill("Stichting Buurtwerk Utrecht")
    page.get_by_label("Ik ga akkoord met de prijs en de annuleringsvoorwaarden").check()
    # Without the purchase order nothing happens but a clear message.
    with page.expect_navigation():
        page.get_by_role("button", name="Bevestigen en inschrijven").click()
    assert "Geef het inkoopordernummer van je werkgever." in page.content()
    assert_accessible(page)
    page.get_by_label("Inkoopordernummer van je werkgever").fill("PO-2027-0815")
    terms = page.get_by_label("Ik ga akkoord met de prijs en de annuleringsvoorwaarden")
    if not terms.is_checked():
        terms.check()
    with page.expect_navigation():
        page.get_by_role("button", name="Bevestigen en inschrijven").click()
    assert "Je bent ingeschreven" in messages(page)
    assert_accessible(page)

    # The provider marks everyone present at each meeting of the course that ran, then
    # completes whoever met the rule; who was marked already is skipped, with the reason.
    editor = open_page()
    login(editor, "aanbieder@example.org", DEMO_PASSWORD)
    editor.goto("/leren/aanbieder/")
    editor.get_by_role("link", name=f"{RAN} ({RAN_EDITION})").click()
    editor.wait_for_url("**/aanbieder/uitvoeringen/**")
    editor.get_by_role("link", name="Aanwezigheid bijhouden").click()
    editor.wait_for_url("**/aanwezigheid/")
    assert_accessible(editor)
    # The first meeting: everyone without a mark is marked present; the junior and the
    # senior, whose marks were recorded before, are skipped and keep them.
    with editor.expect_navigation():
        editor.get_by_role("button", name="Iedereen aanwezig melden").click()
    summary = messages(editor)
    assert re.search(r"Aanwezig gemeld: \d+\. Overgeslagen: \d+\.", summary), summary
    assert "al vastgelegd als Aanwezig" in summary
    assert_accessible(editor)
    # The senior was present at every meeting and is the one still to complete; the junior
    # (two of three meetings) and who was completed before are skipped, with the reason.
    with editor.expect_navigation():
        editor.get_by_role("button", name="Iedereen afronden die aan de regel voldoet").click()
    summary = messages(editor)
    assert "Afgerond volgens de afrondingsregel: 1." in summary, summary
    assert "Overgeslagen: " in summary
    assert_accessible(editor)
    editor.get_by_role("link", name=f"{RAN} ({RAN_EDITION})").click()
    editor.wait_for_url("**/aanbieder/uitvoeringen/*/")
    senior = editor.get_by_role("row").filter(has_text="senior@example.org")
    assert "Afgerond op" in senior.inner_text()
    assert_accessible(editor)
