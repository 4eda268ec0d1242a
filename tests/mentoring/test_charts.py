"""The coaching charts: a senior's confirmed hours per trajectory and a manager's quarters.
The numbers drawn are those the pages count elsewhere (the hours bar, the organisation's
totals), nothing is drawn without data, and the pages cost as many queries for many rows."""

import datetime as dt
from decimal import Decimal

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import timezone

from lms.accounts.models import Role
from lms.durations import hours_from_minutes
from mentoring import selectors
from tests.factories import person
from tests.mentoring.factories import CoachingSessionFactory, TrajectoryFactory
from tests.queries import queries_for

pytestmark = [pytest.mark.django_db, pytest.mark.dates]


def _soup(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def _block(soup, chart_id):
    return soup.find("section", attrs={"aria-labelledby": f"{chart_id}-heading"})


def _rows(block):
    return [
        [tr.find("th").get_text(strip=True), *(td.get_text(strip=True) for td in tr("td"))]
        for tr in block.find("tbody").find_all("tr")
    ]


def _dutch(value: Decimal) -> str:
    return f"{value:,.1f}".replace(",", " ").replace(".", ",").replace(" ", ".")


def _assert_accessible(svg):
    assert svg["role"] == "img"
    assert svg.find("title", id=svg["aria-labelledby"]).get_text(strip=True)
    assert "tabel" in svg.find("desc", id=svg["aria-describedby"]).get_text()


def _session(trajectory, *, days_ago, minutes):
    starts = timezone.now() - dt.timedelta(days=days_ago, seconds=1)
    return CoachingSessionFactory(
        trajectory=trajectory,
        starts_at=starts,
        ends_at=starts + dt.timedelta(minutes=minutes),
        duration_minutes=minutes,
        confirmed=True,
    )


def test_the_senior_chart_shows_the_confirmed_hours_of_each_trajectory(client):
    senior = person(Role.SENIOR)
    first = TrajectoryFactory(senior=senior, agreed_hours=Decimal("40"))
    second = TrajectoryFactory(senior=senior, agreed_hours=Decimal("24"))
    _session(first, days_ago=3, minutes=95)
    _session(first, days_ago=10, minutes=40)
    CoachingSessionFactory(trajectory=second)  # waiting: counts nowhere
    client.force_login(senior)
    soup = _soup(client.get(reverse("mentoring:senior")))
    block = _block(soup, "senior-hours")
    _assert_accessible(block.find("svg"))
    confirmed = {
        t.pk: t.confirmed_minutes for t in selectors.trajectories_for_senior(senior=senior)
    }
    rows = {r[0]: r for r in _rows(block)}
    assert rows[str(first.junior)][2] == _dutch(hours_from_minutes(confirmed[first.pk])) == "2,3"
    assert rows[str(first.junior)][3] == "40,0"
    assert rows[str(second.junior)][2] == "0,0" and rows[str(second.junior)][3] == "24,0"
    # Each bar says its number in text; the two series differ by fill, not colour alone.
    bars = {g["data-series"]: g for g in block.find_all("g", class_="chart-series")}
    assert "2,3" in [t.get_text() for t in bars["Bevestigd"].find_all("text")]
    assert "url(#" in bars["Afgesproken"].find("rect")["fill"]
    assert "url(#" not in bars["Bevestigd"].find("rect")["fill"]


def test_a_senior_without_juniors_gets_a_sentence_not_a_chart(client):
    senior = person(Role.SENIOR)
    client.force_login(senior)
    block = _block(_soup(client.get(reverse("mentoring:senior"))), "senior-hours")
    assert block.find("svg") is None and block.find("table") is None
    assert "nog geen juniors" in block.get_text()


def test_the_senior_page_costs_the_same_for_2_and_10_trajectories(
    client, django_assert_num_queries
):
    senior = person(Role.SENIOR)

    def coach(n):
        for _ in range(n):
            _session(TrajectoryFactory(senior=senior), days_ago=5, minutes=60)

    coach(2)
    client.force_login(senior)
    url = reverse("mentoring:senior")
    few = queries_for(client, url)
    coach(8)
    with django_assert_num_queries(few):
        soup = _soup(client.get(url))
    assert len(_rows(_block(soup, "senior-hours"))) == 10


def test_the_manager_quarters_add_up_to_the_organisations_total(client, manager, organisation):
    trajectory = TrajectoryFactory(organisation=organisation)
    _session(trajectory, days_ago=0, minutes=90)
    _session(trajectory, days_ago=200, minutes=45)
    _session(trajectory, days_ago=2000, minutes=300)  # long before the quarters shown
    client.force_login(manager)
    soup = _soup(client.get(reverse("mentoring:manager")))
    block = _block(soup, "manager-coaching")
    _assert_accessible(block.find("svg"))
    rows = _rows(block)
    assert len(rows) == selectors.QUARTERS_SHOWN
    quarters = selectors.organisation_quarters(
        organisation=organisation, today=timezone.localdate()
    )
    assert [r[1] for r in rows] == [
        _dutch(hours_from_minutes(q.confirmed_minutes)) for q in quarters
    ]
    assert rows[-1][1] == "1,5"
    # Within the quarters, everything the organisation's total counts.
    total = selectors.organisation_figures(organisation=organisation)["confirmed_minutes"]
    assert sum(q.confirmed_minutes for q in quarters) == total - 300
    # Without attested months the practice chart is a sentence.
    practice = _block(soup, "manager-practice")
    assert practice.find("svg") is None
    assert "nog geen uren" in practice.get_text()


def test_the_manager_page_costs_the_same_for_more_sessions(
    client, manager, organisation, django_assert_num_queries
):
    def coach(n):
        for i in range(n):
            _session(TrajectoryFactory(organisation=organisation), days_ago=30 * i, minutes=60)

    coach(3)
    client.force_login(manager)
    url = reverse("mentoring:manager")
    few = queries_for(client, url)
    coach(12)
    with django_assert_num_queries(few):
        _soup(client.get(url))
