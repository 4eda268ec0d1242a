import re

import pytest
from django.urls import reverse
from django.utils.html import escape

pytestmark = pytest.mark.django_db


def test_start_page_says_who_where_and_which_roles(client, junior, organisation, site):
    client.force_login(junior)
    response = client.get(reverse("dashboard:home"))
    html = response.content.decode()
    assert response.status_code == 200
    assert escape(junior.get_full_name()) in html
    assert f"<dd>{escape(organisation.name)}" in html
    assert "Junior opbouwwerker" in html


def test_start_page_needs_login(client):
    response = client.get(reverse("dashboard:home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_a_completed_course_shows_as_completed_on_the_start_page(client, site):
    from courses import demo as courses_demo
    from lms.accounts import demo as accounts_demo

    people = accounts_demo.seed()
    courses_demo.seed(people)
    client.force_login(people["junior@example.org"])
    html = client.get(reverse("dashboard:home")).content.decode()
    assert "· Afgerond" in html


def _busy_junior(provider, *, sessions: int, enrolments: int):
    """A junior with ``sessions`` coaching sessions (half confirmed) and ``enrolments``
    running courses."""
    from tests.courses.factories import CoursePageFactory, EditionFactory, enrol
    from tests.mentoring.factories import CoachingSessionFactory, TrajectoryFactory

    trajectory = TrajectoryFactory()
    for n in range(sessions):
        CoachingSessionFactory(trajectory=trajectory, confirmed=n % 2 == 0)
    for _ in range(enrolments):
        enrol(EditionFactory(course=CoursePageFactory(parent=provider)), trajectory.junior)
    return trajectory.junior


def test_start_page_costs_the_same_for_a_busy_practitioner(client, site, django_assert_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from courses.services import catalogue_ensure
    from tests.courses.factories import make_provider

    provider = make_provider(catalogue=catalogue_ensure(home=site))
    quiet = _busy_junior(provider, sessions=5, enrolments=2)
    busy = _busy_junior(provider, sessions=60, enrolments=14)
    counts = []
    for person in (quiet, busy):
        client.force_login(person)
        client.get(reverse("dashboard:home"))  # warm the per-process caches
        with CaptureQueriesContext(connection) as queries:
            response = client.get(reverse("dashboard:home"))
        assert response.status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]
    html = response.content.decode()
    # The register's own figure: 30 confirmed sessions of an hour.
    assert re.search(
        r"Bevestigde coachingsuren als junior</th>\s*<td class=\"num\">30,0</td>", html
    )
    assert "30 gesprekken wachten op jouw bevestiging" in html
    assert "Alle 14 inschrijvingen in mijn leeroverzicht" in html


@pytest.mark.parametrize(
    ("role", "url"),
    [
        ("JUNIOR", "/register/mijn-status/"),
        ("REGISTER_OFFICE", "/register/registerbureau/"),
        ("REGISTER_OFFICE", "/coaching/registerbureau/"),
        ("BOARD_MEMBER", "/register/beoordelen/"),
    ],
)
def test_start_page_leads_each_role_to_its_register_screens(client, site, role, url):
    from lms.accounts.models import Role
    from tests.factories import person

    client.force_login(person(getattr(Role, role)))
    assert f'href="{url}"' in client.get(reverse("dashboard:home")).content.decode()


def test_start_page_tells_a_senior_what_waits_and_when_the_next_session_is(client, site):
    from datetime import timedelta

    from django.utils import timezone, translation
    from django.utils.formats import date_format

    from mentoring.models import CoachingSession
    from tests.mentoring.factories import CoachingSessionFactory, TrajectoryFactory

    trajectory = TrajectoryFactory()
    senior = trajectory.senior
    second = TrajectoryFactory(senior=senior)
    for _ in range(2):
        CoachingSessionFactory(trajectory=trajectory)
    CoachingSessionFactory(trajectory=second)
    CoachingSessionFactory(trajectory=second, confirmed=True)
    CoachingSessionFactory(
        trajectory=trajectory, status=CoachingSession.Status.DISPUTED, dispute_reason="Korter"
    )
    now = timezone.now().replace(second=0, microsecond=0)
    planned = CoachingSession.Status.PLANNED
    CoachingSessionFactory(trajectory=trajectory, status=planned, starts_at=now - timedelta(days=1))
    CoachingSessionFactory(trajectory=second, status=planned, starts_at=now + timedelta(days=9))
    next_at = now + timedelta(days=2, hours=3)
    CoachingSessionFactory(trajectory=trajectory, status=planned, starts_at=next_at)
    # Another senior's trajectory: none of its sessions is this senior's business.
    someone_else = TrajectoryFactory()
    CoachingSessionFactory(trajectory=someone_else)
    CoachingSessionFactory(
        trajectory=someone_else, status=planned, starts_at=now + timedelta(hours=1)
    )

    client.force_login(senior)
    html = client.get(reverse("dashboard:home")).content.decode()

    assert "3 gesprekken wachten op bevestiging door je juniors" in html
    assert "1 gesprek is betwist" in html
    assert "wacht op jouw bevestiging" not in html
    with translation.override("nl"):
        when = date_format(timezone.localtime(next_at), "DATETIME_FORMAT")
    assert f"Volgend gesprek: {when}" in html


def test_the_start_page_stands_before_any_register_policy_is_recorded(client, junior):
    from register.models import RegisterPolicy

    RegisterPolicy.objects.all().delete()
    client.force_login(junior)
    response = client.get(reverse("dashboard:home"))
    assert response.status_code == 200
    assert "Op weg naar het register" not in response.content.decode()
