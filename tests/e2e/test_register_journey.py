"""The register from application to public entry: Eline Bos, who meets every requirement in
the demo, applies; the register office checks and assigns three College members without a
conflict of interest; each votes with a motivation, seeing the others' votes only once all have
voted; the office records the decision and registers her; a visitor finds her by name and by
number. axe-core checks every page."""

import pytest

from tests.e2e.conftest import (
    DEMO_PASSWORD,
    assert_accessible,
    keep_screenshot,
    login,
    messages,
)

pytestmark = pytest.mark.e2e

APPLICANT = "Eline Bos"
# The demo College: none works where Eline works, coached her or edits a provider of hers.
REVIEWERS = {
    "college@example.org": "Cor van Dijk",
    "college2@example.org": "Hanneke Smit",
    "college3@example.org": "Youssef Bennani",
}
APPROACHES = ["Bevordering zelfredzaamheid", "Strategisch advies", "Sociaal-organisatorisch advies"]
NO_VOTES_YET = "De stemmen van anderen zie je zodra iedereen heeft gestemd."


def _apply(page) -> None:
    login(page, "eline.bos@example.org", DEMO_PASSWORD)
    page.goto("/register/mijn-status/")
    assert page.locator("main").get_by_text("voldaan").count() == 7
    assert_accessible(page)
    page.get_by_role("link", name="Aanvraag voor het register indienen").click()
    page.wait_for_url("**/register/aanvragen/")
    assert_accessible(page)
    for approach in APPROACHES:
        page.get_by_label(f"Reflectie: {approach}").fill(
            f"Hoe ik {approach.lower()} in mijn wijk toepaste, en wat ik ervan leerde."
        )
    # Without accepting the beroepscode in force the application is refused.
    with page.expect_navigation():
        page.get_by_role("button", name="Aanvraag indienen").click()
    assert (
        "Vink aan dat je de beroepscode versie 2026.1 aanvaardt."
        in page.locator("main").inner_text()
    )
    assert_accessible(page)
    page.get_by_label("Ik aanvaard de beroepscode versie 2026.1").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Aanvraag indienen").click()
    page.wait_for_url("**/register/mijn-status/")
    assert "Je aanvraag is ingediend." in messages(page)
    assert "ingediend, wacht op controle" in page.locator("main").inner_text()
    assert page.get_by_role("link", name="Dossier (PDF)").count() == 1
    assert_accessible(page)


def _vote(reviewer, email: str, value: str, *, others_voted: bool) -> None:
    login(reviewer, email, DEMO_PASSWORD)
    # The vote that is due waits in the College member's to-do list, behind the header's link.
    with reviewer.expect_navigation():
        reviewer.locator("header a.inbox-link").click()
    assert_accessible(reviewer)
    with reviewer.expect_navigation():
        reviewer.get_by_role("link", name=f"Beoordeel de registeraanvraag van {APPLICANT}").click()
    reviewer.wait_for_url("**/register/beoordelen/*/")
    # Before voting, nobody sees another reviewer's vote or motivation.
    votes = reviewer.get_by_role("heading", name="Stemmen").locator(
        "xpath=following-sibling::ul[1]"
    )
    assert votes.inner_text().strip() == NO_VOTES_YET
    assert_accessible(reviewer)
    reviewer.get_by_label(value, exact=True).check()
    reviewer.get_by_label("Motivering").fill(
        f"{REVIEWERS[email]}: het portfolio laat kwaliteit zien."
    )
    with reviewer.expect_navigation():
        reviewer.get_by_role("button", name="Stem uitbrengen").click()
    assert "Je stem is vastgelegd." in messages(reviewer)
    shown = votes.inner_text()
    assert REVIEWERS[email] in shown
    others = [name for name in REVIEWERS.values() if name != REVIEWERS[email]]
    if others_voted:
        assert all(name in shown for name in others), shown
    else:
        assert not any(name in shown for name in others), shown
    assert_accessible(reviewer)


def test_application_ballotage_decision_and_public_register(page, open_page):
    _apply(page)

    # The register office finds the application complete and assigns three reviewers.
    office = open_page()
    login(office, "registerbureau@example.org", DEMO_PASSWORD)
    # The new application waits in the office's to-do list for the completeness check.
    with office.expect_navigation():
        office.locator("header a.inbox-link").click()
    assert_accessible(office)
    with office.expect_navigation():
        office.get_by_role(
            "link", name=f"Controleer de registeraanvraag van {APPLICANT} op volledigheid"
        ).click()
    office.wait_for_url("**/registerbureau/aanvraag/*/")
    assert_accessible(office)
    office.get_by_label("Opmerkingen").fill("Alle onderdelen zijn aanwezig.")
    with office.expect_navigation():
        office.get_by_role("button", name="Compleet").click()
    assert "Vastgelegd." in messages(office)
    assert "Beroepscode versie 2026.1 aanvaard op" in office.locator("main").inner_text()
    offered = office.get_by_role(
        "group", name="Leden van het College zonder belangenverstrengeling"
    )
    assert sorted(offered.locator("label").all_inner_texts()) == sorted(REVIEWERS.values())
    assert_accessible(office)
    for name in REVIEWERS.values():
        offered.get_by_label(name).check()
    with office.expect_navigation():
        office.get_by_role("button", name="Toewijzen").click()
    assert "Vastgelegd." in messages(office)
    assert_accessible(office)

    # Each reviewer votes; the others' votes stay hidden until the last vote is in.
    emails = list(REVIEWERS)
    first = open_page()
    _vote(first, emails[0], "positief", others_voted=False)
    _vote(open_page(), emails[1], "positief", others_voted=False)
    _vote(open_page(), emails[2], "onthouding", others_voted=True)
    first.reload()
    assert all(name in first.locator("main").inner_text() for name in REVIEWERS.values())

    # The office records the College's majority and registers her.
    office.reload()
    with office.expect_navigation():
        office.get_by_role("button", name="Besluit vastleggen").click()
    assert "Vastgelegd." in messages(office)
    assert "positief (2 voor, 0 tegen, 1 onthouding)" in office.locator("main").inner_text()
    assert_accessible(office)
    with office.expect_navigation():
        office.get_by_role("button", name="Inschrijven in het register").click()
    assert "Vastgelegd." in messages(office)
    assert_accessible(office)

    # A visitor finds her in the public register, by name and by number.
    visitor = open_page()
    visitor.goto("/register/openbaar/")
    assert_accessible(visitor)
    visitor.get_by_label("Zoek op naam, registernummer of plaats").fill(APPLICANT)
    with visitor.expect_navigation():
        visitor.keyboard.press("Enter")
    row = visitor.get_by_role("row").filter(has_text=APPLICANT)
    assert row.count() == 1
    number = row.get_by_role("cell").nth(1).inner_text().strip()
    assert number
    assert_accessible(visitor)
    visitor.get_by_label("Zoek op naam, registernummer of plaats").fill(number)
    with visitor.expect_navigation():
        visitor.get_by_role("button", name="Zoeken").click()
    assert visitor.get_by_role("row").filter(has_text=number).filter(has_text=APPLICANT).count()
    assert_accessible(visitor)
    keep_screenshot(visitor, "visitor-finds-registration")
