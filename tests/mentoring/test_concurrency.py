"""Two people acting at the same moment: the row locks make the hours count once."""

import threading

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError

from lms.accounts.services import conflict_declare
from mentoring import services
from mentoring.selectors import counting_sessions
from tests.mentoring.factories import CoachingSessionFactory, TrajectoryFactory

# Checked at collection, so that SQLite runs never set up (and flush) a transactional database.
pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(
        settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql",
        reason="row locks are tested on PostgreSQL",
    ),
]


def _in_parallel(*calls):
    barrier = threading.Barrier(len(calls))
    outcomes = []

    def run(call):
        from django.db import connection as thread_connection

        try:
            barrier.wait()
            call()
            outcomes.append("ok")
        except ValidationError:
            outcomes.append("refused")
        finally:
            thread_connection.close()

    threads = [threading.Thread(target=run, args=(call,)) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return sorted(outcomes)


@pytest.mark.django_db(transaction=True)
def test_concurrent_confirmations_count_once():
    trajectory = TrajectoryFactory()
    session = CoachingSessionFactory(trajectory=trajectory)

    def confirm():
        services.coaching_session_confirm(actor=trajectory.junior, session=session)

    assert _in_parallel(confirm, confirm) == ["ok", "refused"]
    assert counting_sessions().filter(trajectory=trajectory).count() == 1


@pytest.mark.django_db(transaction=True)
def test_concurrent_overlapping_sessions_are_logged_once():
    from datetime import timedelta

    from django.utils import timezone

    trajectory = TrajectoryFactory()
    starts = timezone.now() - timedelta(days=1)

    def log():
        services.coaching_session_log(
            actor=trajectory.senior,
            trajectory=trajectory,
            starts_at=starts,
            duration_minutes=60,
            mode="online",
        )

    assert _in_parallel(log, log) == ["ok", "refused"]
    assert trajectory.sessions.count() == 1


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("both_ways", [True, False])
def test_a_conflict_declared_twice_at_once_is_recorded_once(both_ways):
    from lms.accounts.models import ConflictOfInterest, Role
    from tests.factories import person

    first, second = person(Role.JUNIOR), person(Role.SENIOR)

    def declare(a, b):
        return lambda: conflict_declare(actor=a, person=a, other=b, reason="Buren.")

    calls = (
        declare(first, second),
        declare(second, first) if both_ways else declare(first, second),
    )
    assert _in_parallel(*calls) == ["ok", "ok"]
    assert ConflictOfInterest.objects.count() == 1
