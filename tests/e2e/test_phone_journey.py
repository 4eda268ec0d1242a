"""On a phone (390 px): a provider keeps attendance in the grid, a visitor folds the filters."""

import re

from playwright.sync_api import expect

from tests.e2e.conftest import (
    DEMO_PASSWORD,
    PHONE,
    WIDE,
    assert_accessible,
    assert_fits,
    keep_screenshot,
    login,
)


def test_a_provider_keeps_attendance_on_a_phone(page):
    login(page, "aanbieder@example.org", DEMO_PASSWORD)
    page.set_viewport_size(PHONE)
    page.get_by_role("link", name=re.compile(r"\(KWW-101-1\)")).click()
    page.get_by_role("link", name="Aanwezigheid bijhouden").click()
    assert_fits(page)

    grid = page.locator("table.attendance-grid")
    box = page.locator(".table-wrap", has=grid)
    name = grid.locator("tbody th[scope='row']").first
    assert name.evaluate("el => getComputedStyle(el).position") == "sticky"
    # Scrolled to the far right, the participant's name is still in view at the box's left edge.
    box.evaluate("el => { el.scrollLeft = el.scrollWidth; }")
    page.wait_for_timeout(100)
    assert abs(name.bounding_box()["x"] - box.bounding_box()["x"]) <= 1
    # Each choice is a target of at least 44 by 44 px.
    for choice in grid.locator("select").all():
        size = choice.bounding_box()
        assert size["height"] >= 44 and size["width"] >= 44, size
    keep_screenshot(page, "phone-attendance")
    page.set_viewport_size(WIDE)
    assert_accessible(page)


def test_the_catalogue_filters_fold_away_on_a_phone(page):
    page.set_viewport_size(PHONE)
    page.goto("/cursussen/")
    assert_fits(page)
    filters = page.locator("details.fold")
    search = page.get_by_role("search", name="Cursussen filteren")
    expect(search).to_be_hidden()
    filters.locator("summary").click()
    expect(search).to_be_visible()
    keep_screenshot(page, "phone-catalogue-filters")

    page.set_viewport_size(WIDE)
    page.reload()
    expect(search).to_be_visible()
    expect(filters.locator("summary")).to_be_hidden()
    assert_accessible(page)
