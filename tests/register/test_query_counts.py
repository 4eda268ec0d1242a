"""The register's pages that list things ask the database as often for many rows as for a few:
the office's applications, a board member's reviews and the entries behind a requirement."""

import datetime as dt

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import timezone

from lms.accounts.models import Role
from register.models import BallotageVote, RegisterApplication, ReviewerAssignment
from tests.factories import person
from tests.mentoring.factories import TrajectoryFactory
from tests.queries import queries_for

from .factories import attested_month, completion, confirmed_session, edition, months_back

pytestmark = pytest.mark.django_db


def _rows(response):
    return BeautifulSoup(response.content, "html.parser").find("table").find("tbody").find_all("tr")


def _applications(n, *, policy):
    """``n`` applications of as many people, in every state and some in a second round."""
    states = list(RegisterApplication.State)
    return [
        RegisterApplication.objects.create(
            person=person(Role.JUNIOR),
            policy=policy,
            evaluated_on=timezone.localdate(),
            evaluation={},
            ledger_csv="",
            state=states[i % len(states)],
            round=1 + i % 2,
        )
        for i in range(n)
    ]


def test_the_office_list_of_applications_costs_the_same_for_4_and_24(
    client, register_office, policy, django_assert_num_queries
):
    _applications(4, policy=policy)
    client.force_login(register_office)
    url = reverse("register:office")
    few = queries_for(client, url)
    _applications(20, policy=policy)
    with django_assert_num_queries(few):
        rows = _rows(client.get(url))
    assert len(rows) == 24
    assert sum("ronde 2" in row.get_text() for row in rows) == 12


def test_a_board_members_reviews_cost_the_same_for_4_and_24(
    client, register_office, policy, django_assert_num_queries
):
    member = person(Role.BOARD_MEMBER)

    def assign(n):
        for i, application in enumerate(_applications(n, policy=policy)):
            assignment = ReviewerAssignment.objects.create(
                application=application, round=1, reviewer=member, assigned_by=register_office
            )
            if i % 2:
                BallotageVote.objects.create(
                    assignment=assignment, value="positive", motivation="Goed onderbouwd."
                )

    assign(4)
    client.force_login(member)
    url = reverse("register:reviews")
    few = queries_for(client, url)
    assign(20)
    with django_assert_num_queries(few):
        soup = BeautifulSoup(client.get(url).content, "html.parser")
    items = soup.find("main").find("ul").find_all("li")
    assert len(items) == 24
    assert sum("gestemd" in item.get_text() for item in items) == 12


@pytest.fixture
def practitioner_with(provider, attester):
    """A junior and a function that adds ``n`` rows of every kind the register counts."""
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
            completion(who=who, on_edition=course_edition, on=month)
            confirmed_session(trajectory=trajectory, on=month + dt.timedelta(days=3))
        added += n

    return who, add


@pytest.mark.parametrize("requirement", ["practice_hours", "points", "coaching_hours"])
def test_the_entries_of_a_requirement_cost_the_same_for_4_and_12(
    client, practitioner_with, requirement, django_assert_num_queries
):
    who, add = practitioner_with
    add(4)
    client.force_login(who)
    url = reverse("register:my_status_entries", args=[requirement])
    few = queries_for(client, url)
    # A month of practice gives a row per approach and work form it has hours for.
    rows_per_month = len(_rows(client.get(url))) // 4
    assert rows_per_month >= 1
    add(8)
    with django_assert_num_queries(few):
        rows = _rows(client.get(url))
    # All on one page (50 rows a page).
    assert len(rows) == 12 * rows_per_month


def test_an_application_costs_the_same_for_few_and_many_reviewers(
    client, register_office, policy, django_assert_num_queries
):
    (application,) = _applications(1, policy=policy)
    RegisterApplication.objects.filter(pk=application.pk).update(
        state=RegisterApplication.State.IN_BALLOTAGE
    )

    def members(n, *, assigned):
        # Every member is offered until assigned; of the assigned, every other one voted.
        for i in range(n):
            member = person(Role.BOARD_MEMBER)
            if i < assigned:
                assignment = ReviewerAssignment.objects.create(
                    application=application, round=1, reviewer=member, assigned_by=register_office
                )
                if i % 2 == 0:
                    BallotageVote.objects.create(
                        assignment=assignment, value="positive", motivation="Goed onderbouwd."
                    )

    members(3, assigned=1)
    client.force_login(register_office)
    url = reverse("register:office_application", args=[application.pk])
    few = queries_for(client, url)
    members(12, assigned=5)
    with django_assert_num_queries(few):
        soup = BeautifulSoup(client.get(url).content, "html.parser")
    assert len(soup.select("input[name=reviewers]")) == 9
    text = soup.get_text()
    assert text.count("Ronde 1:") == 6
    assert text.count("heeft gestemd") == 4


def test_the_offices_reports_cost_the_same_for_3_and_9_practitioners(
    client, provider, attester, register_office, django_assert_num_queries
):
    """Every practitioner is evaluated for 'who meets each requirement': the whole register
    in a fixed number of queries, not a few per person."""
    today = timezone.localdate()
    course_edition = edition(provider=provider)

    def practitioners(n):
        for _ in range(n):
            who = person(Role.JUNIOR)
            trajectory = TrajectoryFactory(
                junior=who, starts_on=today - dt.timedelta(days=400), planned_end_on=today
            )
            for month in months_back(today, 2):
                attested_month(who=who, month=month, attester=attester)
                completion(who=who, on_edition=course_edition, on=month)
                confirmed_session(trajectory=trajectory, on=month + dt.timedelta(days=3))

    practitioners(3)
    client.force_login(register_office)
    url = reverse("register:reports")
    few = queries_for(client, url)
    practitioners(6)
    with django_assert_num_queries(few):
        response = client.get(url)
    section = BeautifulSoup(response.content, "html.parser").find(
        "section", attrs={"aria-labelledby": "report-eisen-voldaan"}
    )
    # Every practitioner with something on record is counted, the later six too: nine juniors
    # and the nine seniors who coached them.
    last = section.find("tbody").find_all("tr")[-1].find_all("td")
    assert [td.get_text() for td in last][0] == "Aan alle eisen"
    assert last[2].get_text() == "18"
