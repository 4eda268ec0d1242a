"""The provider's chart of how full each edition is: the seats that the seat counting counts,
a sentence without editions, and as many queries for many editions as for a few."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from courses.charts import EDITIONS_DRAWN, fill_rate
from courses.selectors import provider_dashboard
from tests.queries import queries_for

from .factories import CoursePageFactory, EditionFactory, MeetingFactory, enrol

pytestmark = [pytest.mark.django_db, pytest.mark.dates]


def _block(response):
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    return soup.find("section", attrs={"aria-labelledby": "provider-fill-heading"})


def _rows(block):
    return [
        [tr.find("th").get_text(strip=True), *(td.get_text(strip=True) for td in tr("td"))]
        for tr in block.find("tbody").find_all("tr")
    ]


def _editions(provider, n, *, capacity=8):
    made = []
    for _ in range(n):
        edition = EditionFactory(course=CoursePageFactory(parent=provider), capacity=capacity)
        MeetingFactory(edition=edition)
        made.append(edition)
    return made


def test_the_chart_shows_the_seats_the_selector_counts(client, provider_a, editor_a, practitioners):
    (edition,) = _editions(provider_a, 1, capacity=3)
    for p in practitioners(2):
        enrol(edition, p)
    client.force_login(editor_a)
    block = _block(client.get(reverse("courses:provider_editions")))
    counted = next(e for e in provider_dashboard(user=editor_a) if e.pk == edition.pk)
    assert counted.seats_taken == 2
    (row,) = _rows(block)
    assert row[1:] == ["2", "3", "67%"]
    assert fill_rate(taken=2, capacity=3) == 67
    svg = block.find("svg")
    assert svg["role"] == "img"
    assert svg.find("title", id=svg["aria-labelledby"]).get_text() == "Bezetting per uitvoering"
    assert "tabel" in svg.find("desc", id=svg["aria-describedby"]).get_text()
    # The bar says its share in text, the Dutch way.
    assert "67%" in [t.get_text() for t in svg.find("g", class_="chart-series").find_all("text")]


def test_without_editions_the_chart_is_a_sentence(client, provider_a, editor_a):
    client.force_login(editor_a)
    block = _block(client.get(reverse("courses:provider_editions")))
    assert block.find("svg") is None
    assert "nog geen uitvoeringen" in block.get_text()


def test_the_chart_costs_no_query_and_draws_the_latest_editions(
    client, provider_a, editor_a, practitioners, django_assert_num_queries
):
    people = practitioners(2)
    for edition in _editions(provider_a, 3):
        enrol(edition, people[0])
    client.force_login(editor_a)
    url = reverse("courses:provider_editions")
    few = queries_for(client, url)
    for edition in _editions(provider_a, EDITIONS_DRAWN):
        enrol(edition, people[1])
    with django_assert_num_queries(few):
        block = _block(client.get(url))
    assert len(_rows(block)) == EDITIONS_DRAWN
    assert "laatst beginnen" in block.get_text()
