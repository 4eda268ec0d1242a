"""A junior finds a course, enrols by keyboard and follows a lesson; the provider cannot
complete her before that course ran, but completes her in one that did, and she sees its
points; she confirms a coaching session and reads her register status. A visitor checks the
junior's certificate and searches the public register. axe-core checks every page."""

import re

import pytest

from tests.e2e.conftest import (
    DEMO_PASSWORD,
    assert_accessible,
    assert_admin_accessible,
    fill_admin_title,
    keep_screenshot,
    login,
    messages,
    publish_in_admin,
    tab_to,
)

pytestmark = pytest.mark.e2e

LESSON = "Kennismaken met de wijk"
# The demo's edition that ran, where the junior waits to be completed (courses/demo.py).
RAN, RAN_EDITION, RAN_POINTS = "Bewonersparticipatie organiseren", "KWW-102-3", 36


def _choose_course(page):
    """From the filtered catalogue, the first course with an edition the junior can still join;
    returns the edition's card."""
    links = page.locator("main .card-list a").evaluate_all("els => els.map(e => e.href)")
    for href in links:
        page.goto(href)
        cards = page.locator("article.edition").filter(
            has=page.get_by_role("button", name="Inschrijven")
        )
        if cards.count():
            return cards.first
    pytest.fail("no accredited course of Kenniscentrum Wijkwerk offers a seat in the demo")


def test_junior_enrols_follows_a_lesson_and_earns_points(page, open_page):
    login(page, "junior@example.org", DEMO_PASSWORD, keyboard=True)
    assert_accessible(page)
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Cursussen").click()
    page.wait_for_url("**/cursussen/")
    assert_accessible(page)
    page.get_by_label("Aanbieder").select_option(label="Kenniscentrum Wijkwerk")
    page.get_by_label("Alleen geaccrediteerd").check()
    page.get_by_label("Alleen met vrije plaatsen").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Filteren").click()
    assert "accredited=on" in page.url and "seats=on" in page.url
    assert_accessible(page)

    card = _choose_course(page)
    assert_accessible(page)
    course = page.get_by_role("heading", level=1).inner_text()
    edition = card.get_by_role("heading", level=3).inner_text().removeprefix("Uitvoering ")
    # Enrolment by keyboard alone: Tab to the edition's button and press Enter.
    tab_to(page, card.get_by_role("button", name="Inschrijven"))
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "Je bent ingeschreven" in messages(page)
    assert_accessible(page)

    # The provider's editor adds a lesson to the course in the Wagtail admin.
    editor = open_page()
    login(editor, "aanbieder@example.org", DEMO_PASSWORD)
    editor.goto("/admin/pages/")
    assert_admin_accessible(editor)
    editor.get_by_role("link", name=f"Voeg een onderliggende pagina toe aan '{course}'").click()
    editor.wait_for_url("**/add/courses/lessonpage/**")
    assert_admin_accessible(editor)
    fill_admin_title(editor, LESSON)
    published = publish_in_admin(editor)
    assert LESSON in published and "gepubliceerd" in published
    assert_admin_accessible(editor)

    # The junior follows the lesson from the course page.
    page.reload()
    page.get_by_role("link", name=LESSON).click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", level=1).inner_text() == LESSON
    assert_accessible(page)
    with page.expect_navigation():
        page.get_by_role("button", name="Markeer deze les als afgerond").click()
    assert "Les gemarkeerd als afgerond" in messages(page)
    assert_accessible(page)

    # The editor sees the lesson done, but the edition has not run yet: completing the junior
    # is refused, with the day it becomes possible.
    editor.goto("/leren/aanbieder/")
    assert_accessible(editor)
    editor.get_by_role("link", name=f"{course} ({edition})").click()
    editor.wait_for_url("**/aanbieder/uitvoeringen/**")
    assert_accessible(editor)
    row = editor.get_by_role("row").filter(has_text="junior@example.org")
    assert "1/1" in row.inner_text()
    row.get_by_label("Reden").fill("De les is al afgerond.")
    with editor.expect_navigation():
        row.get_by_role("button", name="Afronden").click()
    refusal = messages(editor)
    assert re.search(
        r"Afronden kan pas vanaf \d{2}-\d{2}-\d{4}, de dag van de laatste bijeenkomst", refusal
    )
    assert "De deelnemer is afgerond" not in refusal
    assert_accessible(editor)

    # A course that ran: the junior was at two of its three meetings and made up the last;
    # the editor completes her by hand.
    editor.goto("/leren/aanbieder/")
    editor.get_by_role("link", name=f"{RAN} ({RAN_EDITION})").click()
    editor.wait_for_url("**/aanbieder/uitvoeringen/**")
    row = editor.get_by_role("row").filter(has_text="junior@example.org")
    row.get_by_label("Reden").fill("De gemiste bijeenkomst ingehaald met een opdracht.")
    with editor.expect_navigation():
        row.get_by_role("button", name="Afronden").click()
    assert "De deelnemer is afgerond" in messages(editor)
    assert_accessible(editor)

    # The completion appears in the junior's record of learning with its own points.
    page.goto("/leren/leeroverzicht/")
    assert page.get_by_role("heading", level=1).inner_text() == "Mijn leeroverzicht"
    completed = page.locator("main li.card").filter(
        has=page.get_by_role("heading", name=RAN, exact=True)
    )
    assert f"geaccrediteerd voor {RAN_POINTS} punten" in completed.inner_text()
    assert "Afgerond op" in completed.inner_text()
    assert_accessible(page)

    # A coaching session the senior logged (the demo has one waiting) is confirmed.
    page.goto("/coaching/junior/")
    assert_accessible(page)
    waiting = page.get_by_role("button", name="Bevestigen")
    before = waiting.count()
    assert before, "the demo junior has no coaching session to confirm"
    with page.expect_navigation():
        waiting.first.click()
    assert "Bevestigd. De uren tellen mee." in messages(page)
    assert page.get_by_role("button", name="Bevestigen").count() == before - 1
    assert_accessible(page)

    page.goto("/register/mijn-status/")
    assert page.get_by_role("heading", level=1).inner_text() == "Mijn registerstatus"
    assert_accessible(page)
    keep_screenshot(page, "junior-register-status")


def test_visitor_checks_a_certificate_and_searches_the_register(page, open_page):
    login(page, "junior@example.org", DEMO_PASSWORD)
    page.goto("/leren/leeroverzicht/")
    check_url = page.get_by_role("link", name="Controlepagina").first.get_attribute("href")
    visitor = open_page()
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
