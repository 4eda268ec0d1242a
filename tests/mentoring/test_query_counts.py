"""Pages that list sessions, trajectories, practice months or matching suggestions ask the
database as often for many rows as for a few."""

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from dateutil.relativedelta import relativedelta
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from lms.accounts.models import Role
from mentoring import services
from mentoring.models import CoachingSession, Goal, PracticeMonth
from tests.factories import person
from tests.mentoring.factories import (
    CoachingSessionFactory,
    PracticeMonthFactory,
    TrajectoryFactory,
    practitioner,
)
from tests.mentoring.test_views import _trajectories
from tests.queries import queries_for

pytestmark = pytest.mark.django_db


def test_the_sessions_of_a_trajectory_cost_the_same_for_5_and_30(client, django_assert_num_queries):
    trajectory = TrajectoryFactory()
    for _ in range(5):
        CoachingSessionFactory(trajectory=trajectory, confirmed=True)
    client.force_login(trajectory.senior)
    url = reverse("mentoring:trajectory_sessions", args=[trajectory.pk])
    few = queries_for(client, url)
    for _ in range(25):
        CoachingSessionFactory(trajectory=trajectory)
    with django_assert_num_queries(few):
        soup = BeautifulSoup(client.get(url).content, "html.parser")
    assert len(soup.select("tbody tr")) == 30


def test_the_junior_page_costs_the_same_for_5_and_30_sessions_to_confirm(
    client, django_assert_num_queries
):
    trajectory = TrajectoryFactory()
    for _ in range(5):
        CoachingSessionFactory(trajectory=trajectory)
    client.force_login(trajectory.junior)
    url = reverse("mentoring:junior")
    few = queries_for(client, url)
    for _ in range(25):
        CoachingSessionFactory(trajectory=trajectory)
    with django_assert_num_queries(few):
        soup = BeautifulSoup(client.get(url).content, "html.parser")
    assert len(soup.find_all("button", string="Bevestigen")) == 30


@pytest.mark.parametrize(
    ("page", "rows"),
    [
        # The manager's page lists every trajectory of the organisation.
        ("mentoring:manager", lambda soup: soup.find("h2", string="Trajecten").find_next("tbody")),
        # The manager's hours list the counted sessions: one confirmed per trajectory.
        ("mentoring:manager_hours", lambda soup: soup.find("table").find("tbody")),
    ],
)
def test_the_manager_pages_cost_the_same_for_5_and_30_trajectories(
    client, manager, organisation, page, rows, django_assert_num_queries
):
    _trajectories(5, organisation)
    client.force_login(manager)
    url = reverse(page)
    few = queries_for(client, url)
    _trajectories(25, organisation)
    with django_assert_num_queries(few):
        soup = BeautifulSoup(client.get(url).content, "html.parser")
    assert len(rows(soup).find_all("tr")) == 30


def _months_back(n, *, start=0):
    first = timezone.localdate().replace(day=1)
    return [first - relativedelta(months=i) for i in range(start + 1, start + n + 1)]


def test_own_practice_months_cost_the_same_for_4_and_24(
    client, manager, organisation, django_assert_num_queries
):
    worker = person(Role.JUNIOR, profile__organisation=organisation, profile__line_manager=manager)

    def log(months):
        # Every other month attested, so that the attester's name is on half of the rows.
        for i, month in enumerate(months):
            attested = i % 2 == 0
            PracticeMonthFactory(
                person=worker,
                month=month,
                status=PracticeMonth.Status.ATTESTED
                if attested
                else PracticeMonth.Status.SUBMITTED,
                attested_by=manager if attested else None,
                attested_at=timezone.now() if attested else None,
            )

    log(_months_back(4))
    client.force_login(worker)
    url = reverse("mentoring:practice_months")
    few = queries_for(client, url)
    log(_months_back(20, start=4))
    with django_assert_num_queries(few):
        soup = BeautifulSoup(client.get(url).content, "html.parser")
    rows = soup.find("table").find("tbody").find_all("tr")
    assert len(rows) == 24
    assert sum(str(manager) in row.get_text() for row in rows) == 12


def test_months_to_attest_cost_the_same_for_4_and_24_workers(
    client, manager, organisation, django_assert_num_queries
):
    (month,) = _months_back(1)

    def workers(n):
        for _ in range(n):
            worker = person(
                Role.JUNIOR, profile__organisation=organisation, profile__line_manager=manager
            )
            PracticeMonthFactory(person=worker, month=month)

    workers(4)
    client.force_login(manager)
    url = reverse("mentoring:practice_attest")
    few = queries_for(client, url)
    workers(20)
    with django_assert_num_queries(few):
        soup = BeautifulSoup(client.get(url).content, "html.parser")
    assert len(soup.find_all("button", string="Attesteren")) == 24


def test_a_matching_run_costs_the_same_for_5_and_30_suggestions(
    client, register_office, organisation, django_assert_num_queries
):
    def run_with(juniors):
        for _ in range(juniors):
            practitioner(Role.JUNIOR, organisation=organisation)
        run = services.matching_run_start(actor=register_office, organisation=organisation)
        return services.matching_run_execute(run_id=run.pk)

    for _ in range(8):
        practitioner(Role.SENIOR, organisation=organisation, capacity=4)
    client.force_login(register_office)
    few = queries_for(client, reverse("mentoring:matching_run", args=[run_with(5).pk]))
    many = run_with(25)
    with django_assert_num_queries(few):
        soup = BeautifulSoup(
            client.get(reverse("mentoring:matching_run", args=[many.pk])).content, "html.parser"
        )
    assert len(soup.find("table").find("tbody").find_all("tr", recursive=False)) == 30


def test_the_coaching_calendar_costs_the_same_for_3_and_15_planned_sessions(
    client, organisation, django_assert_num_queries
):
    senior = person(Role.SENIOR, profile__organisation=organisation)
    soon = timezone.now() + timedelta(days=2)

    def plan(n, offset):
        # Each with another junior, so that each event names its own.
        for i in range(offset, offset + n):
            CoachingSessionFactory(
                trajectory=TrajectoryFactory(senior=senior, organisation=organisation),
                starts_at=soon + timedelta(hours=2 * i),
                status=CoachingSession.Status.PLANNED,
            )

    plan(3, 0)
    token = services.practitioner_profile_get_or_create(user=senior).calendar_token
    url = reverse("mentoring:calendar", args=[token])
    few = queries_for(client, url)
    plan(12, 3)
    with django_assert_num_queries(few):
        events = Calendar.from_ical(client.get(url).content).walk("VEVENT")
    assert len(events) == 15
    assert len({str(event["summary"]) for event in events}) == 15


def test_a_trajectory_costs_the_same_for_2_and_12_goals(client, django_assert_num_queries):
    trajectory = TrajectoryFactory()

    def goals(n):
        for _ in range(n):
            Goal.objects.create(
                trajectory=trajectory,
                description=f"Leerdoel {trajectory.goals.count() + 1}",
                target_date=timezone.localdate() + timedelta(days=90),
            )

    goals(2)
    client.force_login(trajectory.junior)
    url = reverse("mentoring:trajectory_detail", args=[trajectory.pk])
    few = queries_for(client, url)
    goals(10)
    with django_assert_num_queries(few):
        soup = BeautifulSoup(client.get(url).content, "html.parser")
    # Each goal has its own form to update its status.
    assert len(soup.select("input[name=goal]")) == 12
    assert "Leerdoel 12" in soup.get_text()
