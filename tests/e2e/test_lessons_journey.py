"""The demo junior opens a course she follows from her start page, reads its first lesson,
answers its check question, marks it done and goes on with the next lesson; she leaves, comes
back on another computer and resumes where she was. axe-core checks every page."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import DEMO_PASSWORD, assert_accessible, login, messages

pytestmark = pytest.mark.e2e

# A course the junior follows in the demo, none of its lessons done yet (courses/demo_lessons.py).
COURSE = "Sociaal beleid en lokale politiek"
FIRST, SECOND = "Hoe de gemeente beslist", "Signalen uit de wijk onderbouwen"
LESSONS_TOTAL = 3


def _offline_video(page):
    """The demo's lesson video comes from a video site; the journey does not wait for it."""
    page.route(re.compile(r"https://(www\.)?youtube(-nocookie)?\.com/.*"), lambda r: r.abort())


def _card(page):
    return page.locator("main li.card").filter(
        has=page.get_by_role("heading", level=3, name=COURSE)
    )


def test_junior_follows_lessons_leaves_and_resumes(page, open_page):
    _offline_video(page)
    login(page, "junior@example.org", DEMO_PASSWORD)
    assert_accessible(page)
    card = _card(page)
    assert f"0 van {LESSONS_TOTAL} verplichte lessen afgerond" in card.inner_text()
    with page.expect_navigation():
        card.get_by_role("link", name=COURSE).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(COURSE)
    outline = page.locator("section.lesson-outline")
    assert re.search(rf"{FIRST}\s+Volgende les", outline.inner_text())
    assert_accessible(page)

    # The first lesson: read it, answer the check question, mark it done, go on.
    with page.expect_navigation():
        outline.get_by_role("link", name="Verder waar je was").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(FIRST)
    assert f"Les 1 van {LESSONS_TOTAL}" in page.locator("main").inner_text()
    assert page.locator("main iframe[title]").count() == 1
    assert_accessible(page)
    question = page.locator("fieldset.check-question")
    wrong = question.locator("details").filter(has_text="Tijdens de stemming in de raad")
    wrong.locator("summary").press("Enter")  # by keyboard: the feedback opens
    assert "Onjuist" in wrong.inner_text() and "richting geven" in wrong.inner_text()
    right = question.locator("details").filter(has_text="Tijdens de voorbereiding")
    right.locator("summary").click()
    assert "Juist" in right.inner_text()
    assert_accessible(page)
    with page.expect_navigation():
        page.get_by_role("button", name="Markeer deze les als afgerond").click()
    assert "Les gemarkeerd als afgerond" in messages(page)
    with page.expect_navigation():
        page.get_by_role("navigation", name="Lessen van deze cursus").get_by_role(
            "link", name=f"Volgende les: {SECOND}"
        ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(SECOND)
    assert page.get_by_role("link", name=f"Vorige les: {FIRST}").count() == 1
    assert page.get_by_role("link", name=re.compile(r"^Werkblad")).count() == 1
    assert_accessible(page)

    # She leaves; later, at another computer, her start page brings her back to that lesson.
    again = open_page()
    _offline_video(again)
    login(again, "junior@example.org", DEMO_PASSWORD)
    card = _card(again)
    assert f"1 van {LESSONS_TOTAL} verplichte lessen afgerond" in card.inner_text()
    with again.expect_navigation():
        card.get_by_role("link", name="Verder waar je was").click()
    expect(again.get_by_role("heading", level=1)).to_have_text(SECOND)
    assert_accessible(again)
    with again.expect_navigation():
        again.get_by_role("link", name=COURSE).first.click()
    outline = again.locator("section.lesson-outline")
    assert re.search(rf"{FIRST}\s+Afgerond", outline.inner_text())
    assert re.search(rf"{SECOND}\s+Volgende les", outline.inner_text())
    assert "Verder waar je was" in outline.inner_text()
    assert_accessible(again)
