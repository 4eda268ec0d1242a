"""The Kring Kwaliteitsmanagement's benchmark: an organisation beside the others, never named,
its figures the register's own numbers, and small numbers withheld everywhere."""

import datetime as dt
from decimal import Decimal

import pytest
from bs4 import BeautifulSoup
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from courses.models import CourseKind
from lms.accounts.models import Role
from lms.durations import hours_from_minutes
from mentoring.models import CoachingSession
from register.selectors import evaluate, policy_in_force
from register.selectors.kring import (
    COACHING,
    CONFIRMATION,
    POINTS,
    REGISTERED,
    Cell,
    compare,
    kring_benchmark,
    quarter_ends,
)
from tests.factories import OrganisationFactory, person
from tests.mentoring.factories import TrajectoryFactory
from tests.queries import queries_for

from .factories import completion, confirmed_session, edition, registered

pytestmark = pytest.mark.django_db


def _organisation(name, *, juniors, editions, office, today, registered_juniors=0, seed=1):
    """An organisation with one senior and ``juniors`` juniors, each with a completion, a
    confirmed session and (the first ``registered_juniors``) a registration."""
    organisation = OrganisationFactory(name=name)
    senior = person(Role.SENIOR, profile__organisation=organisation)
    people = [senior]
    for i in range(juniors):
        junior = person(Role.JUNIOR, profile__organisation=organisation)
        people.append(junior)
        completion(
            who=junior,
            on_edition=editions[(i + seed) % len(editions)],
            on=today - dt.timedelta(days=100 + i),
            points=str(10 * (i + seed)),
        )
        trajectory = TrajectoryFactory(
            organisation=organisation,
            senior=senior,
            junior=junior,
            starts_on=today - dt.timedelta(days=200),
        )
        session = confirmed_session(
            trajectory=trajectory,
            on=today - dt.timedelta(days=3 + i),
            minutes=60 * ((i + seed) % 7 + 1),
        )
        # Logged on the day it took place, confirmed today.
        CoachingSession.objects.filter(pk=session.pk).update(logged_at=session.starts_at)
        if i < registered_juniors:
            registered(junior, office, since=today - dt.timedelta(days=30))
    return organisation, people


@pytest.fixture
def editions(provider):
    return [edition(provider=provider, kind=kind) for kind in CourseKind.values]


@pytest.fixture
def office(db):
    return person(Role.REGISTER_OFFICE)


@pytest.fixture
def today():
    return timezone.localdate()


def _row(benchmark, key):
    return next(r for r in benchmark.rows if r.figure.key == key)


@pytest.mark.dates
def test_the_own_figures_are_the_registers_own_numbers_of_its_people(editions, office, today):
    own, people = _organisation(
        "Welzijn Eigen",
        juniors=6,
        editions=editions,
        office=office,
        today=today,
        registered_juniors=2,
    )
    for i in range(5):
        _organisation(
            f"Welzijn {i}", juniors=5, editions=editions, office=office, today=today, seed=i + 2
        )
    benchmark = kring_benchmark(organisation=own, today=today)
    policy = policy_in_force(on=today)
    evaluations = [evaluate(person=p, on=today, policy=policy) for p in people]

    points = sum(e.get("points").achieved for e in evaluations) / len(people)
    assert _row(benchmark, POINTS).today.own == Decimal(points).quantize(Decimal("0.1"))
    junior_minutes = sum(e.get("coaching_hours").achieved for e in evaluations[1:])
    assert _row(benchmark, COACHING).today.own == hours_from_minutes(Decimal(junior_minutes) / 6)
    assert _row(benchmark, REGISTERED).today.own == Decimal("28.6")  # 2 of 7
    # Sessions confirmed today, 3 to 8 days after they took place: the median is 5.5 days.
    assert _row(benchmark, CONFIRMATION).today.own == Decimal("5.5")
    kinds = {r.figure.key: r.today.own for r in benchmark.rows if r.figure.key.startswith("kind:")}
    # Six completions, two of each kind (the editions go round the kinds).
    assert set(kinds.values()) == {Decimal("33.3")}
    assert benchmark.organisations == 6
    assert _row(benchmark, POINTS).today.has_distribution


@pytest.mark.dates
def test_an_organisation_under_the_threshold_is_shown_for_nobody(editions, office, today, client):
    small, _people = _organisation(
        "Welzijn Klein", juniors=3, editions=editions, office=office, today=today
    )
    for i in range(5):
        _organisation(
            f"Welzijn {i}", juniors=5, editions=editions, office=office, today=today, seed=i + 2
        )
    benchmark = kring_benchmark(organisation=small, today=today)
    for row in benchmark.rows:
        assert row.today.own is None, row.figure.key
        # The small organisation is left out of the distribution: five of six organisations.
        assert row.today.organisations <= 5
    member = person(Role.KRING_MEMBER, profile__organisation=small)
    client.force_login(member)
    page = client.get(reverse("register:kring_benchmark")).content.decode()
    assert "te weinig gegevens" in page
    # No point of the own line is drawn in any chart.
    soup = BeautifulSoup(page, "html.parser")
    own_lines = soup.select('g.chart-series[data-series="Jouw organisatie"]')
    assert own_lines and all(not g.find_all(["circle", "rect", "path"]) for g in own_lines)


@pytest.mark.dates
def test_fewer_than_five_organisations_give_no_median(editions, office, today, client):
    own, _people = _organisation(
        "Welzijn Eigen", juniors=5, editions=editions, office=office, today=today
    )
    for i in range(3):
        _organisation(f"Welzijn {i}", juniors=5, editions=editions, office=office, today=today)
    benchmark = kring_benchmark(organisation=own, today=today)
    for row in benchmark.rows:
        assert row.today.median is None and row.today.q1 is None and row.today.q3 is None
        assert all(c.median is None for _m, c in row.quarters)
    assert _row(benchmark, POINTS).today.own is not None
    member = person(Role.KRING_MEMBER, profile__organisation=own)
    client.force_login(member)
    soup = BeautifulSoup(client.get(reverse("register:kring_benchmark")).content, "html.parser")
    medians = soup.select('g.chart-series[data-series="Mediaan"]')
    assert medians and all(not g.find_all(["circle", "rect", "path"]) for g in medians)
    assert "geen vergelijking" in soup.get_text()


def test_the_thresholds_come_from_the_settings():
    cells = {i: Cell(Decimal(i), people=i) for i in range(1, 8)}
    assert compare(cells, own=3).own is None
    assert compare(cells, own=5).own == Decimal(5)
    assert compare(cells, own=5).organisations == 3  # 5, 6, 7
    assert compare(cells, own=5).median is None
    with override_settings(KRING_MIN_PEOPLE=2, KRING_MIN_ORGANISATIONS=6):
        comparison = compare(cells, own=3)
        assert comparison.own == Decimal(3)
        assert (comparison.q1, comparison.median, comparison.q3) == (
            Decimal("3.3"),
            Decimal("4.5"),
            Decimal("5.8"),
        )
    with override_settings(KRING_MIN_PEOPLE=1, KRING_MIN_ORGANISATIONS=8):
        assert compare(cells, own=1).median is None


def test_a_figure_without_a_value_is_not_shown():
    assert compare({1: Cell(None, people=9)}, own=1).own is None


@pytest.mark.dates
def test_the_last_eight_quarters_end_before_todays_quarter():
    ends = quarter_ends(today=dt.date(2026, 12, 7))
    assert [m.on for m in ends][-2:] == [dt.date(2026, 6, 30), dt.date(2026, 9, 30)]
    assert ends[0].on == dt.date(2024, 12, 31)
    assert ends[-1].label == "K3 2026"
    assert len(ends) == 8
    assert quarter_ends(today=dt.date(2027, 1, 1))[-1].on == dt.date(2026, 12, 31)


@pytest.mark.dates
def test_no_other_organisation_is_named_on_the_page(editions, office, today, client):
    own, _people = _organisation(
        "Welzijn Eigen", juniors=5, editions=editions, office=office, today=today
    )
    others = [
        _organisation(
            f"Stichting Ander {i}", juniors=5, editions=editions, office=office, today=today
        )[0]
        for i in range(5)
    ]
    member = person(Role.KRING_MEMBER, profile__organisation=own)
    client.force_login(member)
    response = client.get(reverse("register:kring_benchmark"))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Welzijn Eigen" in page
    for other in others:
        assert other.name not in page
    # A chart and a table for each of the four figures and each of the three course kinds.
    soup = BeautifulSoup(page, "html.parser")
    assert len(soup.select('section.kring-figure svg[role="img"]')) == 7
    assert len(soup.select("section.kring-figure table")) == 7


@pytest.mark.dates
def test_the_benchmark_costs_the_same_for_5_and_50_organisations(
    editions, office, today, client, django_assert_num_queries
):
    own, _people = _organisation(
        "Welzijn Eigen", juniors=2, editions=editions, office=office, today=today
    )
    for i in range(4):
        _organisation(f"Welzijn {i}", juniors=2, editions=editions, office=office, today=today)
    member = person(Role.KRING_MEMBER, profile__organisation=own)
    client.force_login(member)
    url = reverse("register:kring_benchmark")
    few = queries_for(client, url)
    for i in range(4, 49):
        _organisation(f"Welzijn {i}", juniors=2, editions=editions, office=office, today=today)
    with django_assert_num_queries(few):
        response = client.get(url)
    assert "vergeleken worden 50 organisaties" in response.content.decode().lower()


def test_the_benchmark_is_for_kring_members_only(client):
    for role in (Role.MANAGER, Role.REGISTER_OFFICE, Role.JUNIOR):
        client.force_login(person(role, profile__organisation=OrganisationFactory()))
        assert client.get(reverse("register:kring_benchmark")).status_code == 403


def test_a_member_without_organisation_sees_only_the_distribution(client):
    client.force_login(person(Role.KRING_MEMBER))
    response = client.get(reverse("register:kring_benchmark"))
    assert response.status_code == 200
    assert "noemt geen organisatie" in response.content.decode()
