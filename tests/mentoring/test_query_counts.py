"""Pages that list coaching sessions or trajectories ask the database as often for many rows as for a few."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from tests.mentoring.factories import CoachingSessionFactory, TrajectoryFactory
from tests.mentoring.test_views import _queries_for, _trajectories

pytestmark = pytest.mark.django_db


def test_the_sessions_of_a_trajectory_cost_the_same_for_5_and_30(client, django_assert_num_queries):
    trajectory = TrajectoryFactory()
    for _ in range(5):
        CoachingSessionFactory(trajectory=trajectory, confirmed=True)
    client.force_login(trajectory.senior)
    url = reverse("mentoring:trajectory_sessions", args=[trajectory.pk])
    few = _queries_for(client, url)
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
    few = _queries_for(client, url)
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
    few = _queries_for(client, url)
    _trajectories(25, organisation)
    with django_assert_num_queries(few):
        soup = BeautifulSoup(client.get(url).content, "html.parser")
    assert len(rows(soup).find_all("tr")) == 30
