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


def test_the_manager_page_costs_the_same_for_5_and_30_trajectories(
    client, manager, organisation, django_assert_num_queries
):
    _trajectories(5, organisation)
    client.force_login(manager)
    url = reverse("mentoring:manager")
    few = _queries_for(client, url)
    _trajectories(25, organisation)
    with django_assert_num_queries(few):
        soup = BeautifulSoup(client.get(url).content, "html.parser")
    listed = soup.find("h2", string="Trajecten").find_next("tbody").find_all("tr")
    assert len(listed) == 30


def test_the_manager_hours_cost_the_same_for_5_and_30_trajectories(
    client, manager, organisation, django_assert_num_queries
):
    _trajectories(5, organisation)
    client.force_login(manager)
    url = reverse("mentoring:manager_hours")
    few = _queries_for(client, url)
    _trajectories(25, organisation)
    with django_assert_num_queries(few):
        soup = BeautifulSoup(client.get(url).content, "html.parser")
    # One confirmed session per trajectory counts.
    assert len(soup.find("table").find("tbody").find_all("tr")) == 30
