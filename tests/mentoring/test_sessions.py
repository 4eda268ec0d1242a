"""Coaching sessions: logged by the senior, confirmed by the junior, corrected as new versions."""

from datetime import datetime, time, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from lms.accounts.models import OutboundEmail, Role
from lms.durations import hours_from_minutes
from mentoring import services
from mentoring.models import CoachingSession, Trajectory
from mentoring.selectors import counting_sessions
from tests.factories import person
from tests.mentoring.factories import CoachingSessionFactory, TrajectoryFactory

pytestmark = [pytest.mark.django_db, pytest.mark.dates]


def yesterday_at(hour: int, minute: int = 0) -> datetime:
    day = timezone.localdate() - timedelta(days=1)
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def log(trajectory, *, actor=None, starts_at=None, minutes=60, **kwargs):
    return services.coaching_session_log(
        actor=actor or trajectory.senior,
        trajectory=trajectory,
        starts_at=starts_at or yesterday_at(10),
        duration_minutes=minutes,
        mode=CoachingSession.Mode.ONLINE,
        approaches=["strategisch"],
        summary="Wijkanalyse besproken.",
        private_note="Alleen voor mij.",
        **kwargs,
    )


def confirmed_hours(trajectory):
    minutes = sum(
        counting_sessions().filter(trajectory=trajectory).values_list("duration_minutes", flat=True)
    )
    return hours_from_minutes(minutes)


def test_senior_logs_and_junior_confirms_then_hours_count(trajectory):
    session = log(trajectory, minutes=90)
    assert session.status == CoachingSession.Status.AWAITING
    assert confirmed_hours(trajectory) == 0
    assert OutboundEmail.objects.filter(
        key=f"coaching-logged:{session.pk}", to=trajectory.junior.email
    ).exists()

    services.coaching_session_confirm(actor=trajectory.junior, session=session)

    session.refresh_from_db()
    assert session.status == CoachingSession.Status.CONFIRMED
    assert session.confirmed_by == trajectory.junior
    assert confirmed_hours(trajectory) == hours_from_minutes(90)


def test_session_for_someone_elses_junior_is_refused(trajectory):
    other_senior = person(Role.SENIOR)
    with pytest.raises(PermissionDenied, match="eigen juniors"):
        log(trajectory, actor=other_senior)
    assert not CoachingSession.objects.exists()


def test_session_in_the_future_is_refused(trajectory):
    with pytest.raises(ValidationError, match="toekomst"):
        log(trajectory, starts_at=timezone.now() + timedelta(hours=2))
    assert not CoachingSession.objects.exists()


@pytest.mark.parametrize("minutes", [0, 14, 20 * 60, 481])
def test_session_of_impossible_length_is_refused(trajectory, minutes):
    with pytest.raises(ValidationError, match="15 minuten en maximaal 8 uur"):
        log(trajectory, minutes=minutes)
    assert not CoachingSession.objects.exists()


def test_session_lengths_at_the_limits_are_accepted(trajectory):
    log(trajectory, minutes=15, starts_at=yesterday_at(8))
    log(trajectory, minutes=480, starts_at=yesterday_at(9))
    assert CoachingSession.objects.count() == 2


def test_overlapping_session_of_the_same_senior_is_refused(trajectory):
    log(trajectory, starts_at=yesterday_at(10), minutes=60)
    with pytest.raises(ValidationError, match="overlapt"):
        log(trajectory, starts_at=yesterday_at(10, 30), minutes=60)
    # Another junior of the same senior at the same time is just as impossible.
    second = TrajectoryFactory(senior=trajectory.senior, organisation=trajectory.organisation)
    with pytest.raises(ValidationError, match="overlapt"):
        log(second, starts_at=yesterday_at(9, 30), minutes=45)
    assert CoachingSession.objects.count() == 1
    # Back to back is fine.
    log(trajectory, starts_at=yesterday_at(11), minutes=30)


def test_session_outside_the_trajectory_period_is_refused(trajectory):
    before = timezone.make_aware(
        datetime.combine(trajectory.starts_on - timedelta(days=1), time(10))
    )
    with pytest.raises(ValidationError, match="buiten de looptijd"):
        log(trajectory, starts_at=before)


@pytest.mark.parametrize(
    "status",
    [Trajectory.Status.COMPLETED, Trajectory.Status.ENDED_EARLY, Trajectory.Status.PROPOSED],
)
def test_session_in_a_trajectory_that_is_not_active_is_refused(
    senior, junior, organisation, status
):
    trajectory = TrajectoryFactory(
        senior=senior,
        junior=junior,
        organisation=organisation,
        status=status,
        end_reason="Verhuisd",
    )
    with pytest.raises(ValidationError, match="niet actief"):
        log(trajectory)
    assert not CoachingSession.objects.exists()


def test_confirming_twice_is_refused_and_counts_once(trajectory):
    session = log(trajectory)
    services.coaching_session_confirm(actor=trajectory.junior, session=session)
    with pytest.raises(ValidationError, match="al bevestigd"):
        services.coaching_session_confirm(actor=trajectory.junior, session=session)
    assert confirmed_hours(trajectory) == 1


def test_nobody_confirms_their_own_session(trajectory):
    session = log(trajectory)
    with pytest.raises(PermissionDenied, match="eigen gesprek"):
        services.coaching_session_confirm(actor=trajectory.senior, session=session)
    with pytest.raises(PermissionDenied):
        services.coaching_session_confirm(actor=person(Role.JUNIOR), session=session)
    session.refresh_from_db()
    assert session.status == CoachingSession.Status.AWAITING


def test_database_refuses_what_the_services_refuse(trajectory):
    session = CoachingSessionFactory(trajectory=trajectory)
    with transaction.atomic(), pytest.raises(IntegrityError):
        CoachingSession.objects.filter(pk=session.pk).update(duration_minutes=0)
    with transaction.atomic(), pytest.raises(IntegrityError):
        CoachingSession.objects.filter(pk=session.pk).update(
            status=CoachingSession.Status.CONFIRMED,
            confirmed_by=trajectory.senior,
            confirmed_at=timezone.now(),
        )
    with transaction.atomic(), pytest.raises(IntegrityError):
        CoachingSession.objects.filter(pk=session.pk).update(
            status=CoachingSession.Status.CONFIRMED
        )


def test_disputed_session_is_amended_and_confirmed(trajectory):
    session = log(trajectory, minutes=120)
    services.coaching_session_dispute(
        actor=trajectory.junior, session=session, reason="Het was een uur."
    )
    assert confirmed_hours(trajectory) == 0

    amendment = services.coaching_session_amend(
        actor=trajectory.senior,
        session=session,
        starts_at=yesterday_at(10),
        duration_minutes=60,
        mode=CoachingSession.Mode.ONLINE,
        reason="Duur aangepast",
        summary="Wijkanalyse besproken.",
    )
    assert amendment.original == session
    assert amendment.version == 2
    services.coaching_session_confirm(actor=trajectory.junior, session=amendment)

    assert confirmed_hours(trajectory) == 1
    session.refresh_from_db()
    assert session.status == CoachingSession.Status.DISPUTED


def test_dispute_needs_a_reason(trajectory):
    session = log(trajectory)
    with pytest.raises(ValidationError, match="niet klopt"):
        services.coaching_session_dispute(actor=trajectory.junior, session=session, reason=" ")


def test_correction_of_a_confirmed_session_counts_only_once_confirmed(trajectory):
    session = log(trajectory, minutes=60)
    services.coaching_session_confirm(actor=trajectory.junior, session=session)
    amendment = services.coaching_session_amend(
        actor=trajectory.senior,
        session=session,
        starts_at=yesterday_at(10),
        duration_minutes=90,
        mode=CoachingSession.Mode.IN_PERSON,
        reason="Liep uit",
    )
    # The confirmed original keeps counting until the junior confirms the correction.
    assert confirmed_hours(trajectory) == 1
    services.coaching_session_confirm(actor=trajectory.junior, session=amendment)
    assert confirmed_hours(trajectory) == hours_from_minutes(90)
    session.refresh_from_db()
    assert session.duration_minutes == 60
    assert session.status == CoachingSession.Status.CONFIRMED
    assert session.superseded
    # The database holds one counting version per session, whatever writes to it.
    with transaction.atomic(), pytest.raises(IntegrityError):
        CoachingSession.objects.filter(pk=session.pk).update(superseded=False)

    # A second correction builds on the latest version, never on an older one.
    with pytest.raises(ValidationError, match="nieuwere versie"):
        services.coaching_session_amend(
            actor=trajectory.senior,
            session=session,
            starts_at=yesterday_at(10),
            duration_minutes=30,
            mode=CoachingSession.Mode.IN_PERSON,
            reason="Nog eens",
        )
    third = services.coaching_session_amend(
        actor=trajectory.senior,
        session=amendment,
        starts_at=yesterday_at(10),
        duration_minutes=45,
        mode=CoachingSession.Mode.IN_PERSON,
        reason="Nog eens",
    )
    assert third.version == 3
    assert third.original == session
    services.coaching_session_confirm(actor=trajectory.junior, session=third)
    assert confirmed_hours(trajectory) == hours_from_minutes(45)
    amendment.refresh_from_db()
    assert amendment.superseded and not third.superseded


def test_withdrawing(trajectory):
    session = log(trajectory)
    services.coaching_session_dispute(
        actor=trajectory.junior, session=session, reason="Niet geweest"
    )
    with pytest.raises(PermissionDenied):
        services.coaching_session_withdraw(actor=trajectory.junior, session=session)
    services.coaching_session_withdraw(actor=trajectory.senior, session=session)
    session.refresh_from_db()
    assert session.status == CoachingSession.Status.WITHDRAWN
    # The time is free again.
    log(trajectory)

    confirmed = log(trajectory, starts_at=yesterday_at(14))
    services.coaching_session_confirm(actor=trajectory.junior, session=confirmed)
    with pytest.raises(ValidationError, match="corrigeer"):
        services.coaching_session_withdraw(actor=trajectory.senior, session=confirmed)


def test_planned_sessions_never_count_and_become_the_logged_one(trajectory):
    tomorrow = timezone.now() + timedelta(days=1)
    planned = services.coaching_session_plan(
        actor=trajectory.senior,
        trajectory=trajectory,
        starts_at=tomorrow,
        duration_minutes=60,
        mode=CoachingSession.Mode.ONLINE,
    )
    assert planned.status == CoachingSession.Status.PLANNED
    assert confirmed_hours(trajectory) == 0
    with pytest.raises(ValidationError, match="toekomst"):
        services.coaching_session_plan(
            actor=trajectory.senior,
            trajectory=trajectory,
            starts_at=yesterday_at(9),
            duration_minutes=60,
            mode=CoachingSession.Mode.ONLINE,
        )
    session = log(trajectory, planned=planned)
    assert session.pk == planned.pk
    assert session.status == CoachingSession.Status.AWAITING


def test_reminders_go_out_once_per_session_and_step(trajectory, register_office, time_machine):
    session = log(trajectory)
    time_machine.move_to(timezone.now() + timedelta(days=8))
    services.coaching_reminders_send()
    services.coaching_reminders_send()
    reminders = OutboundEmail.objects.filter(key__startswith=f"coaching-reminder:{session.pk}:")
    assert list(reminders.values_list("to", flat=True)) == [trajectory.junior.email]

    time_machine.move_to(timezone.now() + timedelta(days=25))
    services.coaching_reminders_send()
    services.coaching_reminders_send()
    assert sorted(reminders.values_list("to", flat=True)) == sorted(
        [trajectory.junior.email, register_office.email]
    )

    services.coaching_session_confirm(actor=trajectory.junior, session=session)
    assert services.coaching_reminders_send() == 0


def test_reminder_task_runs_the_same_job(trajectory, time_machine):
    from mentoring.tasks import send_coaching_reminders

    log(trajectory)
    time_machine.move_to(timezone.now() + timedelta(days=8))
    assert send_coaching_reminders.delay().get() == 1
    assert send_coaching_reminders.delay().get() == 0
