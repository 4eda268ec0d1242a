"""The pages of seniors, juniors, managers and the register office."""

from datetime import datetime, time, timedelta

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from lms.accounts.models import Role
from mentoring import services
from mentoring.models import CoachingSession, MatchingRun
from tests.factories import person
from tests.mentoring.factories import CoachingSessionFactory, TrajectoryFactory
from tests.queries import queries_for

pytestmark = pytest.mark.django_db


def page(response) -> BeautifulSoup:
    assert response.status_code == 200, response.status_code
    soup = BeautifulSoup(response.content, "html.parser")
    assert len(soup.find_all("h1")) == 1
    assert not soup.select("[style]")
    assert not [
        s
        for s in soup.find_all("script")
        if not s.get("src") and s.get("type") != "application/json"
    ]
    for field in soup.select("input:not([type=hidden]), select, textarea"):
        assert (
            field.get("id")
            and soup.find("label", attrs={"for": field["id"]})
            or field.find_parent("label")
        ), field
    return soup


def test_senior_logs_a_session_and_junior_confirms_it_then_both_see_the_hours(client, trajectory):
    client.force_login(trajectory.senior)
    day = timezone.localdate() - timedelta(days=2)
    response = client.post(
        reverse("mentoring:session_log", args=[trajectory.pk]),
        {
            "day": day.isoformat(),
            "start_time": "10:00",
            "duration_minutes": "90",
            "mode": "online",
            "approaches": ["strategisch"],
            "summary": "Netwerk in kaart gebracht",
            "private_note": "geheim",
        },
    )
    assert response.status_code == 302
    session = CoachingSession.objects.get()

    client.force_login(trajectory.junior)
    soup = page(client.get(reverse("mentoring:junior")))
    assert "Gesprekken om te bevestigen" in soup.text
    detail = page(client.get(reverse("mentoring:session_detail", args=[session.pk])))
    assert "Netwerk in kaart gebracht" in detail.text
    assert "geheim" not in detail.text
    client.post(reverse("mentoring:session_confirm", args=[session.pk]))

    soup = page(client.get(reverse("mentoring:junior")))
    assert "1,5 van 40,0 uur bevestigd" in soup.text
    client.force_login(trajectory.senior)
    soup = page(client.get(reverse("mentoring:senior")))
    assert "1,5 van 40,0 uur bevestigd" in soup.text
    assert soup.find("meter")
    link = soup.find("a", string=lambda s: s and "uur bevestigd" in s)
    assert link["href"] == reverse("mentoring:trajectory_sessions", args=[trajectory.pk])
    assert "geheim" in page(client.get(reverse("mentoring:session_detail", args=[session.pk]))).text


def test_bad_session_input_is_refused_in_dutch(client, trajectory):
    client.force_login(trajectory.senior)
    day = timezone.localdate() - timedelta(days=2)
    response = client.post(
        reverse("mentoring:session_log", args=[trajectory.pk]),
        {
            "day": day.isoformat(),
            "start_time": "10:00",
            "duration_minutes": "1200",
            "mode": "online",
        },
    )
    assert "minimaal 15 minuten en maximaal 8 uur" in response.content.decode()
    assert not CoachingSession.objects.exists()


def test_other_senior_cannot_log_or_read(client, trajectory):
    session = CoachingSessionFactory(trajectory=trajectory)
    client.force_login(person(Role.SENIOR))
    assert client.get(reverse("mentoring:session_log", args=[trajectory.pk])).status_code == 403
    assert client.get(reverse("mentoring:session_detail", args=[session.pk])).status_code == 403


def test_disputed_session_is_amended_through_the_pages(client, trajectory):
    session = CoachingSessionFactory(trajectory=trajectory, duration_minutes=120)
    client.force_login(trajectory.junior)
    client.post(reverse("mentoring:session_dispute", args=[session.pk]), {"reason": "Was een uur"})
    session.refresh_from_db()
    assert session.status == "disputed"

    client.force_login(trajectory.senior)
    local = timezone.localtime(session.starts_at)
    # The form comes filled in; the browser's date picker takes only an ISO date.
    form = page(client.get(reverse("mentoring:session_amend", args=[session.pk])))
    assert form.find("input", attrs={"name": "day"})["value"] == local.date().isoformat()
    assert form.find("input", attrs={"name": "start_time"})["value"] == local.strftime("%H:%M")
    response = client.post(
        reverse("mentoring:session_amend", args=[session.pk]),
        {
            "day": local.date().isoformat(),
            "start_time": local.strftime("%H:%M"),
            "duration_minutes": "60",
            "mode": "online",
            "reason": "Duur gecorrigeerd",
        },
    )
    assert response.status_code == 302
    amendment = CoachingSession.objects.get(original=session)
    client.force_login(trajectory.junior)
    client.post(reverse("mentoring:session_confirm", args=[amendment.pk]))
    soup = page(client.get(reverse("mentoring:trajectory_sessions", args=[trajectory.pk])))
    assert "1,0 van 40,0 uur bevestigd" in soup.text


def test_manager_sees_only_aggregates(client, manager, trajectory):
    CoachingSessionFactory(
        trajectory=trajectory, confirmed=True, summary="Zeer persoonlijk gesprek"
    )
    client.force_login(manager)
    soup = page(client.get(reverse("mentoring:manager")))
    assert "Bevestigde coachingsuren" in soup.text
    sessions = page(client.get(reverse("mentoring:trajectory_sessions", args=[trajectory.pk])))
    assert "Zeer persoonlijk" not in sessions.text
    assert "vermoeid" not in sessions.text
    session = trajectory.sessions.get()
    detail = page(client.get(reverse("mentoring:session_detail", args=[session.pk])))
    assert "Zeer persoonlijk" not in detail.text


def test_manager_of_another_organisation_sees_nothing(client, trajectory):
    other = person(Role.MANAGER)
    client.force_login(other)
    assert (
        client.get(reverse("mentoring:trajectory_sessions", args=[trajectory.pk])).status_code
        == 403
    )


def test_pages_need_the_right_role(client, junior):
    client.force_login(junior)
    assert client.get(reverse("mentoring:senior")).status_code == 403
    assert client.get(reverse("mentoring:office")).status_code == 403
    assert client.get(reverse("mentoring:manager")).status_code == 403


def _trajectories(n, organisation):
    for _ in range(n):
        t = TrajectoryFactory(organisation=organisation)
        CoachingSessionFactory(trajectory=t, confirmed=True)
        CoachingSessionFactory(trajectory=t)


def test_office_list_costs_the_same_for_5_and_50_rows(
    client, register_office, organisation, django_assert_num_queries
):
    url = reverse("mentoring:office")
    client.force_login(register_office)
    _trajectories(5, organisation)
    with_five = queries_for(client, url)
    _trajectories(45, organisation)
    with django_assert_num_queries(with_five):
        response = client.get(url)
    assert response.content.decode().count("uur bevestigd") == 50
    assert with_five <= 16


def test_senior_page_costs_the_same_for_5_and_50_rows(
    client, organisation, django_assert_num_queries
):
    senior = person(Role.SENIOR, profile__organisation=organisation)
    url = reverse("mentoring:senior")
    client.force_login(senior)

    def add(count, offset):
        for i in range(offset, offset + count):
            t = TrajectoryFactory(senior=senior, organisation=organisation)
            CoachingSessionFactory(
                trajectory=t, starts_at=timezone.now() - timedelta(days=2, minutes=90 * i)
            )

    add(5, 0)
    with_five = queries_for(client, url)
    add(45, 5)
    with django_assert_num_queries(with_five):
        response = client.get(url)
    html = response.content.decode()
    assert html.count("uur bevestigd") == 50
    assert with_five <= 14
    # Of the 50 sessions waiting for their juniors, the oldest 20 are listed.
    session_link = reverse("mentoring:session_detail", args=[0]).removesuffix("0/")
    assert html.count(f'href="{session_link}') == 20
    assert "De oudste 20 van 50" in html


def test_office_exports_csv(client, register_office, trajectory):
    CoachingSessionFactory(trajectory=trajectory, confirmed=True, duration_minutes=90)
    client.force_login(register_office)
    response = client.get(reverse("mentoring:office_export"))
    lines = response.content.decode().splitlines()
    assert lines[0].startswith("organisatie;senior;junior")
    assert trajectory.junior.email in lines[1] and ";1.5;" in lines[1]


def test_office_runs_matching_and_accepts_a_suggestion(
    client, register_office, organisation, django_capture_on_commit_callbacks
):
    junior = person(Role.JUNIOR, profile__organisation=organisation)
    senior = person(Role.SENIOR, profile__organisation=organisation)
    client.force_login(register_office)
    page(client.get(reverse("mentoring:office")))
    with django_capture_on_commit_callbacks(execute=True):
        with_run = client.post(
            reverse("mentoring:matching_start"), {"organisation": organisation.pk}
        )
    run = MatchingRun.objects.get()
    assert with_run["Location"] == reverse("mentoring:matching_run", args=[run.pk])
    soup = page(client.get(with_run["Location"]))
    assert str(junior) in soup.text and "gedeelde taal" in soup.text
    client.post(
        reverse("mentoring:matching_decide", args=[run.pk]),
        {"junior": junior.pk, "senior": senior.pk, "action": "accept"},
    )
    trajectory = junior.trajectories_as_junior.get()
    assert trajectory.status == "proposed"

    client.force_login(junior)
    client.post(reverse("mentoring:trajectory_accept", args=[trajectory.pk]), {"action": "accept"})
    client.force_login(senior)
    client.post(reverse("mentoring:trajectory_accept", args=[trajectory.pk]), {"action": "accept"})
    trajectory.refresh_from_db()
    assert trajectory.status == "active"


def test_running_matching_page_refreshes_itself(client, register_office):
    run = MatchingRun.objects.create(created_by=register_office, status="running", progress=40)
    client.force_login(register_office)
    soup = page(client.get(reverse("mentoring:matching_run", args=[run.pk])))
    assert soup.find("meta", attrs={"http-equiv": "refresh"})
    assert soup.find("progress")["value"] == "40"


def test_practice_month_form_and_attestation(client, manager, organisation):
    worker = person(Role.JUNIOR, profile__organisation=organisation, profile__line_manager=manager)
    client.force_login(worker)
    month = (timezone.localdate().replace(day=1) - timedelta(days=1)).strftime("%Y-%m")
    response = client.post(
        reverse("mentoring:practice_months"), {"month": month, "hours_zelfredzaamheid": "1000,5"}
    )
    assert "300" in response.content.decode()
    # Every hour has a form and a setting: without them the month is refused, in Dutch.
    response = client.post(
        reverse("mentoring:practice_months"), {"month": month, "hours_zelfredzaamheid": "100,5"}
    )
    assert "De uren per werkvorm (0,0) tellen niet op tot het totaal" in response.content.decode()
    assert not worker.practice_months.exists()
    client.post(
        reverse("mentoring:practice_months"),
        {
            "month": month,
            "hours_zelfredzaamheid": "100,5",
            "hours_project": "100,5",
            "hours_territoriaal": "100,5",
        },
    )
    record = worker.practice_months.get()
    client.force_login(manager)
    soup = page(client.get(reverse("mentoring:practice_attest")))
    assert str(worker) in soup.text
    client.post(reverse("mentoring:practice_attest_month", args=[record.pk]))
    client.force_login(worker)
    soup = page(client.get(reverse("mentoring:practice_months")))
    assert "100,5 geattesteerde praktijkuren" in soup.text


@pytest.mark.dates
def test_planned_sessions_are_in_both_calendars(client, trajectory):
    starts = timezone.make_aware(
        datetime.combine(timezone.localdate() + timedelta(days=3), time(14))
    )
    services.coaching_session_plan(
        actor=trajectory.senior,
        trajectory=trajectory,
        starts_at=starts,
        duration_minutes=60,
        mode="online",
        summary="Evaluatie",
    )
    CoachingSessionFactory(trajectory=trajectory, confirmed=True)
    for user in (trajectory.senior, trajectory.junior):
        token = services.practitioner_profile_get_or_create(user=user).calendar_token
        response = client.get(reverse("mentoring:calendar", args=[token]))
        events = Calendar.from_ical(response.content).walk("VEVENT")
        assert len(events) == 1
        assert events[0].decoded("dtstart") == starts
    assert client.get(reverse("mentoring:calendar", args=["onbekend"])).status_code == 404


def test_demo_seed_is_idempotent(db):
    from lms.accounts import demo as accounts_demo
    from mentoring import demo

    people = accounts_demo.seed()
    demo.seed(people)
    counts = [
        CoachingSession.objects.count(),
        MatchingRun.objects.count(),
        people["junior@example.org"].practice_months.count(),
    ]
    demo.seed(people)
    assert counts == [
        CoachingSession.objects.count(),
        MatchingRun.objects.count(),
        people["junior@example.org"].practice_months.count(),
    ]
    statuses = set(CoachingSession.objects.values_list("status", flat=True))
    assert {"confirmed", "awaiting", "disputed", "planned"} <= statuses


def test_office_sees_explained_suggestions_for_the_demo_pool(
    client, django_capture_on_commit_callbacks
):
    from lms.accounts import demo as accounts_demo
    from mentoring import demo

    people = accounts_demo.seed()
    demo.seed(people)
    office = people["registerbureau@example.org"]
    client.force_login(office)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("mentoring:matching_start"), {"organisation": ""})
    soup = page(client.get(response["Location"]))
    run = MatchingRun.objects.get()
    assert run.result["pairs"], run.result
    assert "Waarom" in soup.text and "zelfde regio" in soup.text
    assert "Juniors zonder suggestie" in soup.text
    assert "Geen enkele senior mag deze junior begeleiden" in soup.text
    assert "in de beste verdeling aan" in soup.text


def test_forms_render_with_labels_and_one_heading(client, register_office, trajectory):
    session = CoachingSessionFactory(trajectory=trajectory, confirmed=True)
    client.force_login(trajectory.senior)
    for url in (
        reverse("mentoring:session_log", args=[trajectory.pk]),
        reverse("mentoring:session_plan", args=[trajectory.pk]),
        reverse("mentoring:session_amend", args=[session.pk]),
        reverse("mentoring:profile"),
        reverse("mentoring:practice_months"),
        reverse("mentoring:trajectory_detail", args=[trajectory.pk]),
    ):
        page(client.get(url))
    client.force_login(register_office)
    page(client.get(reverse("mentoring:trajectory_new")))
    soup = page(client.get(reverse("mentoring:trajectory_detail", args=[trajectory.pk])))
    assert "Voortijdig beëindigen" in soup.text


def test_proposed_trajectory_asks_the_junior_to_accept(client, register_office, senior, junior):
    trajectory = services.trajectory_propose(actor=register_office, senior=senior, junior=junior)
    client.force_login(junior)
    soup = page(client.get(reverse("mentoring:junior")))
    assert "akkoord geven" in soup.text
    soup = page(client.get(reverse("mentoring:trajectory_detail", args=[trajectory.pk])))
    assert soup.find("button", attrs={"value": "accept"})


def test_manager_totals_open_the_sessions_and_months_they_count(client, manager, trajectory):
    CoachingSessionFactory(trajectory=trajectory, confirmed=True, summary="Vertrouwelijk")
    CoachingSessionFactory(trajectory=trajectory)
    client.force_login(manager)
    soup = page(client.get(reverse("mentoring:manager")))
    assert soup.find("a", href=reverse("mentoring:manager_hours"))
    hours = page(client.get(reverse("mentoring:manager_hours")))
    rows = hours.select("table")[0].select("tbody tr")
    assert len(rows) == 1 and "1,0" in rows[0].text
    assert "Vertrouwelijk" not in hours.text


def test_office_changes_a_seniors_capacity(client, register_office, senior, junior):
    client.force_login(register_office)
    url = reverse("mentoring:profile_of", args=[senior.pk])
    page(client.get(url))
    client.post(url, {"capacity": "4"})
    senior.practitioner.refresh_from_db()
    assert senior.practitioner.capacity == 4
    client.force_login(junior)
    assert client.get(url).status_code == 403


def test_pair_keeps_goals_on_the_trajectory_page(client, trajectory):
    client.force_login(trajectory.junior)
    url = reverse("mentoring:goal_save", args=[trajectory.pk])
    client.post(url, {"description": "Een campagne opzetten", "target_date": ""})
    goal = trajectory.goals.get()
    client.force_login(trajectory.senior)
    client.post(url, {"goal": goal.pk, "status": "achieved", "progress_notes": "Gelukt"})
    goal.refresh_from_db()
    assert goal.status == "achieved"
    soup = page(client.get(reverse("mentoring:trajectory_detail", args=[trajectory.pk])))
    assert "Gelukt" in soup.text


def test_office_edits_matching_weights_in_the_wagtail_admin(client, register_office):
    from mentoring.models import MatchingWeights

    client.force_login(register_office)
    response = client.get(
        reverse("wagtailsettings:edit", args=["mentoring", "matchingweights"]), follow=True
    )
    assert response.status_code == 200
    url = (
        response.redirect_chain[-1][0] if response.redirect_chain else response.request["PATH_INFO"]
    )
    client.post(url, {"differentiation": "7", "region": "1", "language": "0", "weekdays": "2"})
    assert MatchingWeights.load().differentiation == 7


def test_manager_proposes_a_trajectory_for_own_organisation(client, manager, senior, junior):
    client.force_login(manager)
    page(client.get(reverse("mentoring:trajectory_new")))
    response = client.post(
        reverse("mentoring:trajectory_new"),
        {
            "senior": senior.pk,
            "junior": junior.pk,
            "starts_on": timezone.localdate().isoformat(),
            "agreed_hours": "40",
            "goals": "Wijkanalyse\nCampagne",
        },
    )
    assert response.status_code == 302
    trajectory = junior.trajectories_as_junior.get()
    assert trajectory.goals.count() == 2
    response = client.post(
        reverse("mentoring:trajectory_new"),
        {
            "senior": senior.pk,
            "junior": junior.pk,
            "starts_on": timezone.localdate().isoformat(),
            "agreed_hours": "40",
        },
    )
    assert "al een buddy" in response.content.decode()
