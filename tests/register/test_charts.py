"""The register's charts: a practitioner's progress per month and the office's months. Every
number drawn is the register's own: the last point is the status page's, an earlier point is
what the status page said on that day; and the pages ask the database as often for many rows
as for a few."""

import datetime as dt

import pytest
from bs4 import BeautifulSoup
from dateutil.relativedelta import relativedelta
from django.urls import reverse
from django.utils import timezone

from lms.accounts.models import Role
from register.models import BallotageDecision, RegisterApplication
from register.selectors import register_summary
from register.selectors.evaluation import REQUIREMENTS
from register.selectors.ledger import month_last_day
from tests.factories import person
from tests.mentoring.factories import TrajectoryFactory
from tests.queries import queries_for

from .factories import attested_month, completion, confirmed_session, edition, months_back

pytestmark = [pytest.mark.django_db, pytest.mark.dates]


def _soup(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def _chart_rows(section):
    """The rows of a chart's table: the row header, then the cells."""
    return [
        [tr.find("th").get_text(strip=True), *(td.get_text(strip=True) for td in tr("td"))]
        for tr in section.find("tbody").find_all("tr")
    ]


def _status_numbers(soup):
    """The status table's achieved and required numbers per requirement label."""
    table = soup.find("table")
    found = {}
    for tr in table.find("tbody").find_all("tr"):
        cells = tr.find_all("td")
        found[tr.find("th").get_text(strip=True)] = (
            cells[1].get_text(strip=True),
            cells[2].get_text(strip=True),
        )
    return found


def _assert_accessible(svg):
    assert svg["role"] == "img"
    title = svg.find("title", id=svg["aria-labelledby"])
    desc = svg.find("desc", id=svg["aria-describedby"])
    assert title.get_text(strip=True) and "tabel" in desc.get_text()


@pytest.fixture
def practitioner_with(provider, attester):
    """A junior and a function that adds ``n`` earlier months with a row of every kind."""
    who = person(Role.JUNIOR)
    today = timezone.localdate()
    course_edition = edition(provider=provider)
    trajectory = TrajectoryFactory(
        junior=who, starts_on=today - dt.timedelta(days=900), planned_end_on=today
    )
    added = 0

    def add(n):
        nonlocal added
        for month in months_back(today, added + n)[added:]:
            attested_month(who=who, month=month, attester=attester)
            completion(who=who, on_edition=edition(provider=provider), on=month)
            confirmed_session(trajectory=trajectory, on=month + dt.timedelta(days=3))
        added += n

    add.edition = course_edition
    return who, add


def test_the_progress_charts_end_on_the_status_pages_numbers(client, practitioner_with, policy):
    who, add = practitioner_with
    add(6)
    client.force_login(who)
    soup = _soup(client.get(reverse("register:my_status")))
    section = soup.find("section", attrs={"aria-labelledby": "progress-heading"})
    blocks = section.find_all("section", class_="chart-block")
    assert len(blocks) == len(REQUIREMENTS)
    status = _status_numbers(soup)
    for block in blocks:
        label = block.find("h3").get_text(strip=True)
        rows = _chart_rows(block)
        assert len(rows) == 12
        # The last point is today, with the status page's own numbers.
        assert rows[-1][0] == timezone.localdate().strftime("%d-%m-%Y")
        assert tuple(rows[-1][1:]) == status[label], label
        _assert_accessible(block.find("svg"))
        series = {g["data-series"] for g in block.find_all("g", class_="chart-series")}
        assert series == {"Behaald", "Vereist"}


def test_an_earlier_point_is_what_the_register_said_on_that_day(client, practitioner_with, policy):
    who, add = practitioner_with
    add(8)
    client.force_login(who)
    soup = _soup(client.get(reverse("register:my_status")))
    today = timezone.localdate()
    day = month_last_day(today.replace(day=1) - relativedelta(months=4))
    then = register_summary(person=who, on=day).evaluation
    for block in soup.find("section", attrs={"aria-labelledby": "progress-heading"}).find_all(
        "section", class_="chart-block"
    ):
        label = block.find("h3").get_text(strip=True)
        result = next(r for r in then.requirements if r.label == label)
        row = next(r for r in _chart_rows(block) if r[0] == day.strftime("%d-%m-%Y"))
        achieved = result.achieved_shown
        expected = f"{achieved:.0f}" if result.is_count else f"{achieved:.1f}".replace(".", ",")
        assert row[1].replace(".", "") == expected, label
    # Hours grew month by month: the practice hours of four months ago are below today's.
    hours = next(
        b
        for b in soup.find_all("section", class_="chart-block")
        if b.find("h3").get_text(strip=True) == "Geattesteerde praktijkuren"
    )
    rows = _chart_rows(hours)
    assert rows[0][1] != rows[-1][1]


def test_without_anything_counted_the_progress_is_a_sentence(client, policy):
    who = person(Role.JUNIOR)
    client.force_login(who)
    soup = _soup(client.get(reverse("register:my_status")))
    section = soup.find("section", attrs={"aria-labelledby": "progress-heading"})
    assert section.find("svg") is None
    assert "Er is nog niets dat meetelt" in section.get_text()


def test_the_status_page_costs_the_same_for_4_and_12_months(
    client, practitioner_with, policy, django_assert_num_queries
):
    """The charts add one query (the policy versions) however many rows there are."""
    who, add = practitioner_with
    add(4)
    client.force_login(who)
    url = reverse("register:my_status")
    few = queries_for(client, url)
    add(8)
    with django_assert_num_queries(few):
        soup = _soup(client.get(url))
    assert len(soup.find_all("svg", class_="chart")) == len(REQUIREMENTS)


def _application(who, policy, *, submitted_at):
    return RegisterApplication.objects.create(
        person=who,
        policy=policy,
        evaluated_on=timezone.localdate(),
        evaluation={},
        ledger_csv="",
        submitted_at=submitted_at,
    )


def test_the_office_chart_counts_the_months_of_the_report(
    client, register_office, policy, django_assert_num_queries
):
    client.force_login(register_office)
    url = reverse("register:reports")
    soup = _soup(client.get(url))
    section = soup.find("section", attrs={"aria-labelledby": "report-activiteit-per-maand-heading"})
    assert section.find("svg") is None
    assert "geen registraties, aanvragen of besluiten" in section.get_text()

    now = timezone.localtime()
    two_months_ago = now - relativedelta(months=2)
    for moment in (now, now, two_months_ago, now - relativedelta(months=14)):
        _application(person(Role.JUNIOR), policy, submitted_at=moment)
    decided = _application(person(Role.JUNIOR), policy, submitted_at=now)
    BallotageDecision.objects.create(
        application=decided,
        round=1,
        outcome="negative",
        policy=policy,
        positive_votes=0,
        negative_votes=3,
        abstentions=0,
        decided_by=register_office,
    )
    few = queries_for(client, url)
    for _ in range(5):
        _application(person(Role.JUNIOR), policy, submitted_at=two_months_ago)
    with django_assert_num_queries(few):
        soup = _soup(client.get(url))
    section = soup.find("section", attrs={"aria-labelledby": "report-activiteit-per-maand-heading"})
    _assert_accessible(section.find("svg"))
    rows = _chart_rows(section)
    assert len(rows) == 12
    # The month before last: one and five submitted; this month: three, one decision.
    assert rows[-3][2] == "6" and rows[-1][2] == "3" and rows[-1][3] == "1"
    # Fourteen months ago falls outside the chart.
    assert sum(int(r[2]) for r in rows) == 9
    series = {g["data-series"]: g for g in section.find_all("g", class_="chart-series")}
    # The lines differ by marker shape, not by colour alone.
    assert series["Nieuwe registraties"].find("circle") and not series["Nieuwe registraties"].find(
        "rect"
    )
    assert series["Ingediende aanvragen"].find("rect")
    csv = client.get(reverse("register:report_csv", args=["activiteit-per-maand"]))
    assert csv.status_code == 200
    assert "Ingediende aanvragen" in csv.content.decode("utf-8-sig")
