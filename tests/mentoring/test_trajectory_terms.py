"""The office or the organisation's manager extends or shortens an open trajectory, or changes
its agreed hours; what stood before is kept and both people are told."""

from datetime import timedelta
from decimal import Decimal

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from lms.accounts.models import OutboundEmail, Role
from mentoring import services
from mentoring.models import Trajectory, TrajectoryTermsChange
from tests.factories import person
from tests.mentoring.factories import CoachingSessionFactory, TrajectoryFactory

pytestmark = [pytest.mark.django_db, pytest.mark.dates]


@pytest.fixture
def trajectory(organisation):
    return TrajectoryFactory(organisation=organisation)


def _form(trajectory, **overrides):
    data = {
        "planned_end_on": (trajectory.planned_end_on + timedelta(days=90)).isoformat(),
        "agreed_hours": "50,5",
        "reason": "Verlengd: de junior start een tweede project.",
    }
    return {**data, **overrides}


def test_the_manager_extends_a_trajectory_and_both_people_hear_of_it(client, trajectory, manager):
    before = (trajectory.planned_end_on, trajectory.agreed_hours)
    client.force_login(manager)
    url = reverse("mentoring:trajectory_detail", args=[trajectory.pk])
    form = (
        BeautifulSoup(client.get(url).content, "html.parser")
        .find("h2", string="Afspraken wijzigen")
        .find_next("form")
    )
    # Filled in with the current terms; the browser's date picker takes only an ISO date.
    assert form.find("input", attrs={"name": "planned_end_on"})["value"] == before[0].isoformat()
    assert form.find("input", attrs={"name": "agreed_hours"})["value"] == "40,0"
    response = client.post(
        reverse("mentoring:trajectory_terms", args=[trajectory.pk]), _form(trajectory), follow=True
    )
    assert "De nieuwe afspraken zijn vastgelegd." in response.content.decode()
    trajectory.refresh_from_db()
    assert trajectory.planned_end_on == before[0] + timedelta(days=90)
    assert trajectory.agreed_hours == Decimal("50.5")
    change = TrajectoryTermsChange.objects.get()
    assert (change.planned_end_before, change.agreed_hours_before) == before
    assert change.changed_by == manager
    history = (
        BeautifulSoup(response.content, "html.parser")
        .find("h2", string="Gewijzigde afspraken")
        .find_next("ul")
        .get_text()
    )
    assert "afgesproken uren 40,0 → 50,5" in history and "tweede project" in history
    mails = OutboundEmail.objects.filter(key__startswith=f"trajectory-terms:{change.pk}:")
    assert {m.to for m in mails} == {trajectory.senior.email, trajectory.junior.email}
    assert all("50,5 coachingsuren" in m.body for m in mails)


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"planned_end_on": "{start}"}, "planned_end_on", "moet na de start liggen"),
        ({"planned_end_on": "{yesterday}"}, "planned_end_on", "ligt in het verleden"),
        ({"planned_end_on": "{before_session}"}, "planned_end_on", "Er staat een gesprek op"),
        ({"planned_end_on": "31-02-2027"}, "planned_end_on", "Voer een geldige datum in."),
        ({"agreed_hours": "0"}, "agreed_hours", "minstens 1"),
        ({"agreed_hours": "veel"}, "agreed_hours", "Voer een getal in."),
        ({"reason": "   "}, "reason", "Dit is een verplicht veld."),
    ],
)
def test_bad_terms_are_refused_in_dutch_and_change_nothing(
    client, trajectory, register_office, overrides, field, message
):
    today = timezone.localdate()
    session = CoachingSessionFactory(
        trajectory=trajectory,
        starts_at=timezone.now() + timedelta(days=10),
        status="planned",
    )
    values = {
        "start": trajectory.starts_on.isoformat(),
        "yesterday": (today - timedelta(days=1)).isoformat(),
        "before_session": (timezone.localdate(session.starts_at) - timedelta(days=1)).isoformat(),
    }
    before = (trajectory.planned_end_on, trajectory.agreed_hours)
    client.force_login(register_office)
    response = client.post(
        reverse("mentoring:trajectory_terms", args=[trajectory.pk]),
        _form(trajectory, **{k: v.format(**values) for k, v in overrides.items()}),
    )
    assert response.status_code == 200
    assert message in " ".join(response.context["terms_form"].errors[field])
    assert message in response.content.decode()
    trajectory.refresh_from_db()
    assert (trajectory.planned_end_on, trajectory.agreed_hours) == before
    assert not TrajectoryTermsChange.objects.exists()
    assert not OutboundEmail.objects.filter(key__startswith="trajectory-terms:").exists()


def test_who_may_change_the_terms(client, trajectory, organisation):
    end = trajectory.planned_end_on + timedelta(days=30)
    for actor in (trajectory.senior, trajectory.junior, person(Role.MANAGER)):
        with pytest.raises(PermissionDenied):
            services.trajectory_terms_change(
                actor=actor, trajectory=trajectory, planned_end_on=end, agreed_hours=40, reason="x"
            )
    # The page offers the form to the office and the organisation's manager only.
    client.force_login(trajectory.senior)
    page = client.get(reverse("mentoring:trajectory_detail", args=[trajectory.pk]))
    assert "Afspraken wijzigen" not in page.content.decode()
    response = client.post(
        reverse("mentoring:trajectory_terms", args=[trajectory.pk]), _form(trajectory)
    )
    assert response.status_code == 403
    assert not TrajectoryTermsChange.objects.exists()


def test_a_closed_trajectory_or_no_change_is_refused(trajectory, register_office):
    with pytest.raises(ValidationError, match="niet veranderd"):
        services.trajectory_terms_change(
            actor=register_office,
            trajectory=trajectory,
            planned_end_on=trajectory.planned_end_on,
            agreed_hours=trajectory.agreed_hours,
            reason="Niets.",
        )
    Trajectory.objects.filter(pk=trajectory.pk).update(
        status=Trajectory.Status.COMPLETED, ended_on=timezone.localdate()
    )
    with pytest.raises(ValidationError, match="al afgesloten"):
        services.trajectory_terms_change(
            actor=register_office,
            trajectory=trajectory,
            planned_end_on=trajectory.planned_end_on + timedelta(days=10),
            agreed_hours=trajectory.agreed_hours,
            reason="Te laat.",
        )
    assert not TrajectoryTermsChange.objects.exists()


def test_a_longer_trajectory_takes_sessions_in_its_new_months(trajectory, register_office):
    later = timezone.now() + (trajectory.planned_end_on - timezone.localdate()) + timedelta(days=20)
    log = {
        "actor": trajectory.senior,
        "trajectory": trajectory,
        "starts_at": later,
        "duration_minutes": 60,
        "mode": "online",
        "summary": "Na de oude einddatum.",
    }
    with pytest.raises(ValidationError):
        services.coaching_session_plan(**log)
    services.trajectory_terms_change(
        actor=register_office,
        trajectory=trajectory,
        planned_end_on=trajectory.planned_end_on + timedelta(days=60),
        agreed_hours=trajectory.agreed_hours,
        reason="Verlengd.",
    )
    trajectory.refresh_from_db()
    assert services.coaching_session_plan(**log).starts_at == later
